"""The county recovery key: key pair files, parsing, and opening a vault without its passphrase."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from csec_desktop.vault import (
    KEY_FILE_NAME,
    KdfParams,
    KeyFile,
    KeyFileDamaged,
    RecoveryKeyError,
    WrongPassphrase,
    generate_recovery_keypair,
    load_recovery_private_key,
    parse_recovery_public_key,
    recovery_file_is_legacy,
    seal_private_key,
)
from csec_desktop.vault.kdf import CALIBRATION_MAX_MEMORY_COST

PASSPHRASE = "field laptop passphrase"
COUNTY_PASSPHRASE = "county IT vault passphrase"
FLOOR = KdfParams()


@pytest.fixture(scope="module")
def county_key() -> tuple[bytes, str]:
    return generate_recovery_keypair(COUNTY_PASSPHRASE, kdf_params=FLOOR)


@pytest.fixture(scope="module")
def private_key(county_key: tuple[bytes, str]) -> X25519PrivateKey:
    return load_recovery_private_key(county_key[0], COUNTY_PASSPHRASE)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / KEY_FILE_NAME


def _document(data: bytes) -> dict[str, Any]:
    lines = data.decode("ascii").strip().splitlines()
    assert lines[0] == "-----BEGIN CSEC RECOVERY PRIVATE KEY-----"
    assert lines[-1] == "-----END CSEC RECOVERY PRIVATE KEY-----"
    document: dict[str, Any] = json.loads(base64.b64decode("".join(lines[1:-1])))
    return document


def _armor(document: dict[str, Any]) -> bytes:
    encoded = base64.b64encode(json.dumps(document).encode()).decode()
    return (
        f"-----BEGIN CSEC RECOVERY PRIVATE KEY-----\n{encoded}\n"
        "-----END CSEC RECOVERY PRIVATE KEY-----\n"
    ).encode()


def test_private_key_file_is_sealed_with_argon2id_at_least_at_the_vault_floor(
    county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    data, _ = county_key
    document = _document(data)
    assert (document["format"], document["version"]) == ("csec-recovery-private-key", 2)
    assert document["kdf"]["memory_cost"] >= FLOOR.memory_cost
    assert document["kdf"]["iterations"] >= FLOOR.iterations
    raw = private_key.private_bytes_raw()
    assert raw not in data and base64.b64encode(raw) not in data


def test_a_downgraded_or_edited_file_never_opens(county_key: tuple[bytes, str]) -> None:
    document = _document(county_key[0])
    cheaper = dict(document, kdf={**document["kdf"], "iterations": 1})
    with pytest.raises(RecoveryKeyError, match="damaged"):
        load_recovery_private_key(_armor(cheaper), COUNTY_PASSPHRASE)
    more_passes = dict(document, kdf={**document["kdf"], "iterations": 4})  # AD binds it
    with pytest.raises(RecoveryKeyError, match="wrong passphrase or damaged"):
        load_recovery_private_key(_armor(more_passes), COUNTY_PASSPHRASE)
    other_public = dict(document, public_key=base64.b64encode(bytes(32)).decode())
    with pytest.raises(RecoveryKeyError):
        load_recovery_private_key(_armor(other_public), COUNTY_PASSPHRASE)


def test_an_old_pbkdf2_key_file_still_loads_and_is_flagged() -> None:
    key = X25519PrivateKey.generate()
    legacy = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(COUNTY_PASSPHRASE.encode()),
    )
    assert recovery_file_is_legacy(legacy)
    loaded = load_recovery_private_key(legacy, COUNTY_PASSPHRASE)
    assert loaded.private_bytes_raw() == key.private_bytes_raw()
    resealed = seal_private_key(loaded, COUNTY_PASSPHRASE, FLOOR)
    assert not recovery_file_is_legacy(resealed)
    again = load_recovery_private_key(resealed, COUNTY_PASSPHRASE)
    assert again.private_bytes_raw() == key.private_bytes_raw()


@pytest.mark.slow
def test_a_new_recovery_key_is_calibrated_to_more_memory_than_a_vault() -> None:
    """It opens every vault in the county: 256 MiB and passes calibrated on this machine."""
    data, _ = generate_recovery_keypair(COUNTY_PASSPHRASE)
    kdf = _document(data)["kdf"]
    assert kdf["memory_cost"] == CALIBRATION_MAX_MEMORY_COST
    assert kdf["iterations"] >= FLOOR.iterations


def test_private_key_loads_with_its_passphrase_and_matches_the_public_text(
    county_key: tuple[bytes, str],
) -> None:
    pem, public_text = county_key
    key = load_recovery_private_key(pem, COUNTY_PASSPHRASE.encode())
    assert parse_recovery_public_key(public_text).raw == key.public_key().public_bytes_raw()


def test_private_key_with_wrong_passphrase_is_a_plain_error(county_key: tuple[bytes, str]) -> None:
    with pytest.raises(RecoveryKeyError) as caught:
        load_recovery_private_key(county_key[0], "wrong")
    assert str(caught.value) == (
        "the recovery private key could not be opened: wrong passphrase or damaged file"
    )


def test_unencrypted_or_foreign_private_keys_are_refused() -> None:
    plain = X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(RecoveryKeyError, match="not encrypted"):
        load_recovery_private_key(plain, "anything")

    ed25519 = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw"),
    )
    with pytest.raises(RecoveryKeyError, match="not a CSEC recovery key"):
        load_recovery_private_key(ed25519, "pw")

    with pytest.raises(RecoveryKeyError, match="not a CSEC recovery private key file"):
        load_recovery_private_key(b"hello", "pw")


def test_empty_recovery_passphrase_is_refused() -> None:
    with pytest.raises(RecoveryKeyError, match="empty"):
        generate_recovery_keypair("")


def test_public_key_text_is_one_pasteable_line(county_key: tuple[bytes, str]) -> None:
    _, text = county_key
    assert text.startswith("csec-recovery-x25519:")
    assert "\n" not in text and " " not in text
    key = parse_recovery_public_key(f"  {text}\n")  # as pasted from a TOML file
    assert key.text == text
    assert len(key.raw) == 32
    assert key.key_id == hashlib.sha256(key.raw).hexdigest()[:16]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5",
        "csec-recovery-x25519:",
        "csec-recovery-x25519:not base64 at all!",
        "csec-recovery-x25519:" + base64.b64encode(bytes(31)).decode(),
        "csec-recovery-x25519:" + base64.b64encode(bytes(33)).decode(),
    ],
)
def test_malformed_public_key_text_is_a_plain_error(text: str) -> None:
    with pytest.raises(RecoveryKeyError) as caught:
        parse_recovery_public_key(text)
    assert "csec-recovery-x25519:" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_recover_and_reset_passphrase_with_the_county_key(
    path: Path, county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    recovery_key = parse_recovery_public_key(county_key[1])
    key_file, keys = KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR, recovery_key=recovery_key)
    assert key_file.recovery_key_id == recovery_key.key_id

    assert KeyFile.load(path).recover(private_key).current == keys.current

    recovered = KeyFile.load(path).reset_passphrase_with_recovery(private_key, "a fresh start")
    assert recovered.current == keys.current
    reloaded = KeyFile.load(path)
    with pytest.raises(WrongPassphrase):
        reloaded.unlock(PASSPHRASE)
    assert reloaded.unlock("a fresh start").current == keys.current
    assert reloaded.recover(private_key).current == keys.current  # still recoverable


def test_recovery_covers_both_keys_during_a_rotation(
    path: Path, county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    recovery_key = parse_recovery_public_key(county_key[1])
    key_file, _ = KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR, recovery_key=recovery_key)
    current, new = key_file.begin_rotation(PASSPHRASE)

    recovered = KeyFile.load(path).recover(private_key)
    assert (recovered.current, recovered.pending) == (current, new)

    key_file.complete_rotation(recovered, new)
    assert KeyFile.load(path).recover(private_key).current == new


def test_another_countys_key_cannot_recover(path: Path, county_key: tuple[bytes, str]) -> None:
    recovery_key = parse_recovery_public_key(county_key[1])
    KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR, recovery_key=recovery_key)
    stranger = X25519PrivateKey.generate()
    with pytest.raises(RecoveryKeyError, match="is not the one this vault uses"):
        KeyFile.load(path).recover(stranger)


def test_vault_without_recovery_key_says_so(path: Path, private_key: X25519PrivateKey) -> None:
    key_file, _ = KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR)
    assert key_file.recovery_key_id is None
    with pytest.raises(RecoveryKeyError, match="has no county recovery key"):
        key_file.recover(private_key)


def test_recovery_key_can_be_added_and_removed_later(
    path: Path, county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    key_file, keys = KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR)

    key_file.set_recovery_key(PASSPHRASE, parse_recovery_public_key(county_key[1]))
    assert KeyFile.load(path).recover(private_key).current == keys.current
    assert KeyFile.load(path).unlock(PASSPHRASE).current == keys.current

    key_file.set_recovery_key(PASSPHRASE, None)
    with pytest.raises(RecoveryKeyError):
        KeyFile.load(path).recover(private_key)
    assert KeyFile.load(path).unlock(PASSPHRASE).current == keys.current


def _damage(path: Path, *where: str | int) -> None:
    """Flip a bit inside one base64 field, leaving the checksum stale (accidental damage)."""
    document = json.loads(path.read_bytes())
    target = document
    for step in where[:-1]:
        target = target[step]
    raw = bytearray(base64.b64decode(target[where[-1]]))
    raw[0] ^= 0x01
    target[where[-1]] = base64.b64encode(bytes(raw)).decode()
    path.write_text(json.dumps(document))


def test_damaged_file_is_salvaged_with_the_county_key_into_a_whole_file(
    path: Path, county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    recovery_key = parse_recovery_public_key(county_key[1])
    _, keys = KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR, recovery_key=recovery_key)
    _damage(path, "wrapped_keys", 0, "passphrase_wrap", "ciphertext")
    with pytest.raises(KeyFileDamaged):
        KeyFile.load(path)

    salvaged = KeyFile.load(path, salvage=True)
    assert salvaged.recover(private_key).current == keys.current
    salvaged.reset_passphrase_with_recovery(private_key, "after the disk error")

    assert KeyFile.load(path).unlock("after the disk error").current == keys.current


def test_salvage_never_yields_a_damaged_recovery_wrap(
    path: Path, county_key: tuple[bytes, str], private_key: X25519PrivateKey
) -> None:
    recovery_key = parse_recovery_public_key(county_key[1])
    KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR, recovery_key=recovery_key)
    _damage(path, "wrapped_keys", 0, "recovery_wrap", "ciphertext")
    before = path.read_bytes()
    with pytest.raises(KeyFileDamaged, match="integrity check"):
        KeyFile.load(path, salvage=True).recover(private_key)
    assert path.read_bytes() == before
