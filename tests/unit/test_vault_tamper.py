"""Damaged and tampered key files: always a plain error, never a data key, never a deleted file.

Two kinds of change are tried on every field. An accidental one (the checksum no longer matches)
must be reported as ``KeyFileDamaged`` before any passphrase is tried. A deliberate one (the editor
also recomputed the checksum) must still never yield a data key: the AES-GCM associated data binds
the header, and the KDF floor is enforced on load.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from csec_desktop.vault import (
    KEY_FILE_NAME,
    KdfParams,
    KeyFile,
    KeyFileDamaged,
    RecoveryKeyError,
    UnsupportedKeyFileVersion,
    VaultError,
    WeakKdfParameters,
    WrongPassphrase,
    generate_recovery_keypair,
    load_recovery_private_key,
    parse_recovery_public_key,
)

PASSPHRASE = "tamper test passphrase"
RECOVERY_PASSPHRASE = "county recovery passphrase"
Document = dict[str, Any]


class Pristine:
    """One key file with a recovery key, made once; each test works on its own copy."""

    def __init__(self, directory: Path) -> None:
        pem, public_text = generate_recovery_keypair(RECOVERY_PASSPHRASE, kdf_params=KdfParams())
        self.private_key: X25519PrivateKey = load_recovery_private_key(pem, RECOVERY_PASSPHRASE)
        self.public_text = public_text
        path = directory / KEY_FILE_NAME
        _, keys = KeyFile.create(
            path,
            PASSPHRASE,
            kdf_params=KdfParams(),
            recovery_key=parse_recovery_public_key(public_text),
        )
        self.data_key = keys.current
        self.data = path.read_bytes()
        self.document: Document = json.loads(self.data)

    def write(self, directory: Path, data: bytes) -> Path:
        path = directory / KEY_FILE_NAME
        path.write_bytes(data)
        return path


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    return Pristine(tmp_path_factory.mktemp("pristine"))


def _checksum(body: Document) -> str:
    """The documented checksum: SHA-256 of the sorted, compact, ASCII JSON of everything else."""
    rest = {key: value for key, value in body.items() if key != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _encode(document: Document, *, fix_checksum: bool) -> bytes:
    if fix_checksum:
        document = {**document, "checksum": _checksum(document)}
    return json.dumps(document, indent=2).encode()


def _flip_b64(value: str) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[len(raw) // 2] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def _other_recovery_key() -> dict[str, str]:
    _, text = generate_recovery_keypair("another county", kdf_params=KdfParams())
    key = parse_recovery_public_key(text)
    return {"key_id": key.key_id, "public_key": key.text}


def _set(*where: str | int, to: Callable[[Any], Any]) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        target: Any = document
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = to(target[where[-1]])

    return mutate


PW = ("wrapped_keys", 0, "passphrase_wrap")
RW = ("wrapped_keys", 0, "recovery_wrap")

# name -> (change, which ways of opening the vault must fail after a deliberate edit)
MUTATIONS: dict[str, tuple[Callable[[Document], None], set[str]]] = {
    "kdf.salt": (_set("kdf", "salt", to=_flip_b64), {"passphrase"}),
    "kdf.iterations": (_set("kdf", "iterations", to=lambda n: n + 1), {"passphrase"}),
    "kdf.memory_cost": (_set("kdf", "memory_cost", to=lambda n: n * 2), {"passphrase"}),
    "kdf.lanes": (_set("kdf", "lanes", to=lambda n: n - 1), {"passphrase"}),
    "vault_id": (_set("vault_id", to=lambda _: str(uuid.uuid4())), {"passphrase", "recovery"}),
    "generation": (
        _set("wrapped_keys", 0, "generation", to=lambda n: n + 1),
        {"passphrase", "recovery"},
    ),
    "key_check": (
        _set("wrapped_keys", 0, "key_check", to=lambda h: h[:-1] + ("0" if h[-1] != "0" else "1")),
        {"passphrase", "recovery"},
    ),
    "passphrase_wrap.nonce": (_set(*PW, "nonce", to=_flip_b64), {"passphrase"}),
    "passphrase_wrap.ciphertext": (_set(*PW, "ciphertext", to=_flip_b64), {"passphrase"}),
    "recovery.public_key": (
        _set("recovery", to=lambda _: _other_recovery_key()),
        {"passphrase", "recovery"},
    ),
    "recovery_wrap.ephemeral_public_key": (
        _set(*RW, "ephemeral_public_key", to=_flip_b64),
        {"recovery"},
    ),
    "recovery_wrap.nonce": (_set(*RW, "nonce", to=_flip_b64), {"recovery"}),
    "recovery_wrap.ciphertext": (_set(*RW, "ciphertext", to=_flip_b64), {"recovery"}),
}


def _assert_plain(error: VaultError, data_key: bytes) -> None:
    message = str(error)
    assert "\n" not in message
    assert data_key.hex() not in message
    assert PASSPHRASE not in message


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_accidental_change_to_any_field_is_reported_as_damage(
    name: str, pristine: Pristine, tmp_path: Path
) -> None:
    document = copy.deepcopy(pristine.document)
    MUTATIONS[name][0](document)
    path = pristine.write(tmp_path, _encode(document, fix_checksum=False))
    with pytest.raises(KeyFileDamaged) as caught:
        KeyFile.load(path)
    assert "checksum" in str(caught.value)
    assert str(caught.value).startswith("the key file vault.key is damaged")
    _assert_plain(caught.value, pristine.data_key)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_deliberate_change_with_fixed_checksum_never_yields_the_data_key(
    name: str, pristine: Pristine, tmp_path: Path
) -> None:
    change, must_fail = MUTATIONS[name]
    document = copy.deepcopy(pristine.document)
    change(document)
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))

    def open_with_passphrase() -> bytes:
        return KeyFile.load(path).unlock(PASSPHRASE).current

    def open_with_recovery() -> bytes:
        return KeyFile.load(path).recover(pristine.private_key).current

    for way, opener in (("passphrase", open_with_passphrase), ("recovery", open_with_recovery)):
        if way not in must_fail:
            # The other way in is independent: a vault damaged on one side stays recoverable.
            assert opener() == pristine.data_key
            continue
        with pytest.raises((WrongPassphrase, KeyFileDamaged, RecoveryKeyError)) as caught:
            opener()
        _assert_plain(caught.value, pristine.data_key)


def test_checksum_itself_altered_is_damage(pristine: Pristine, tmp_path: Path) -> None:
    document = copy.deepcopy(pristine.document)
    document["checksum"] = "0" * 64
    path = pristine.write(tmp_path, _encode(document, fix_checksum=False))
    with pytest.raises(KeyFileDamaged, match="checksum does not match"):
        KeyFile.load(path)


def test_missing_checksum_is_damage(pristine: Pristine, tmp_path: Path) -> None:
    document = copy.deepcopy(pristine.document)
    del document["checksum"]
    path = pristine.write(tmp_path, _encode(document, fix_checksum=False))
    with pytest.raises(KeyFileDamaged, match="checksum is missing"):
        KeyFile.load(path)


def test_every_single_bit_flip_is_caught_on_load(pristine: Pristine, tmp_path: Path) -> None:
    path = tmp_path / KEY_FILE_NAME
    for position in range(len(pristine.data)):
        damaged = bytearray(pristine.data)
        damaged[position] ^= 0x01
        path.write_bytes(bytes(damaged))
        with pytest.raises((KeyFileDamaged, UnsupportedKeyFileVersion)):
            KeyFile.load(path)
        assert path.read_bytes() == bytes(damaged)  # never "repaired" or deleted


def test_every_truncation_is_caught_on_load(pristine: Pristine, tmp_path: Path) -> None:
    path = tmp_path / KEY_FILE_NAME
    for length in range(len(pristine.data.rstrip())):
        path.write_bytes(pristine.data[:length])
        with pytest.raises(KeyFileDamaged):
            KeyFile.load(path)
    assert path.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "it is empty"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b"[1, 2, 3]", "not a CSEC Desktop key file"),
        (b'{"format": "something-else", "version": 1}', "not a CSEC Desktop key file"),
        (b'{"format": "csec-desktop-keyfile"}', "format version is missing"),
        (b'{"format": "csec-desktop-keyfile", "version": "1"}', "format version is missing"),
        (b'{"format": "csec-desktop-keyfile", "version": true}', "format version is missing"),
        (b'{"format": "csec-desktop-keyfile", "version": 0}', "format version is missing"),
        (b'{"format": "csec-desktop-keyfile", "format": "csec-desktop-keyfile"}', "not valid JSON"),
        (b'{"format": "csec-desktop-keyfile", "version": NaN}', "not valid JSON"),
        (b"x" * 100_000, "far larger than a key file"),
    ],
)
def test_not_a_key_file_is_damage_with_a_plain_reason(
    data: bytes, reason: str, tmp_path: Path
) -> None:
    path = tmp_path / KEY_FILE_NAME
    path.write_bytes(data)
    with pytest.raises(KeyFileDamaged) as caught:
        KeyFile.load(path)
    assert reason in str(caught.value)
    assert caught.value.path == path
    assert str(tmp_path) not in str(caught.value)
    assert path.read_bytes() == data


def test_future_version_is_reported_as_unsupported(pristine: Pristine, tmp_path: Path) -> None:
    document = copy.deepcopy(pristine.document)
    document["version"] = 2
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))
    with pytest.raises(UnsupportedKeyFileVersion) as caught:
        KeyFile.load(path)
    assert str(caught.value) == (
        "the key file vault.key has format version 2, but this app reads versions up to 1; "
        "install the current version of CSEC Desktop"
    )


@pytest.mark.parametrize(
    "change",
    [
        _set("kdf", "iterations", to=lambda _: "3"),
        _set("kdf", "iterations", to=lambda _: 3.0),
        _set("kdf", "algorithm", to=lambda _: "pbkdf2"),
        _set("kdf", "salt", to=lambda _: "not base64!"),
        _set("kdf", "salt", to=lambda _: base64.b64encode(b"short").decode()),
        _set("vault_id", to=lambda _: "not-a-uuid"),
        _set("created_at", to=lambda _: "2026-01-01T00:00:00"),  # no time zone
        _set("wrapped_keys", to=lambda _: []),
        _set("wrapped_keys", to=lambda keys: keys * 3),
        _set("wrapped_keys", to=lambda keys: keys * 2),  # the same generation twice
        _set("wrapped_keys", 0, "recovery_wrap", to=lambda _: None),
        _set("recovery", to=lambda _: None),  # recovery wraps without a recovery key
        _set("recovery", "key_id", to=lambda _: "0123456789abcdef"),
        lambda document: document.update(unknown_field=1),
    ],
)
def test_wrong_types_and_shapes_are_damage_even_with_a_fixed_checksum(
    change: Callable[[Document], None], pristine: Pristine, tmp_path: Path
) -> None:
    document = copy.deepcopy(pristine.document)
    change(document)
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))
    with pytest.raises(KeyFileDamaged) as caught:
        KeyFile.load(path)
    _assert_plain(caught.value, pristine.data_key)


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_cost", 8_192), ("memory_cost", 65_535), ("iterations", 1), ("iterations", 2)],
)
def test_kdf_downgrade_is_refused_on_load(
    field: str, value: int, pristine: Pristine, tmp_path: Path
) -> None:
    document = copy.deepcopy(pristine.document)
    document["kdf"][field] = value
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))
    with pytest.raises(WeakKdfParameters) as caught:
        KeyFile.load(path)
    assert "below the minimum" in str(caught.value)


def test_absurd_kdf_cost_is_refused_rather_than_attempted(
    pristine: Pristine, tmp_path: Path
) -> None:
    document = copy.deepcopy(pristine.document)
    document["kdf"]["memory_cost"] = 2**40
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))
    with pytest.raises(KeyFileDamaged):
        KeyFile.load(path)


def test_swapping_wrapped_key_between_vaults_does_not_open(
    pristine: Pristine, tmp_path: Path
) -> None:
    """A wrap copied from another vault with the same passphrase and KDF section still fails."""
    other_path = tmp_path / "other" / KEY_FILE_NAME
    KeyFile.create(other_path, PASSPHRASE, kdf_params=KdfParams())
    other_document = json.loads(other_path.read_bytes())

    document = copy.deepcopy(pristine.document)
    document["kdf"] = other_document["kdf"]  # same salt, so the same derived key
    document["recovery"] = None
    document["wrapped_keys"] = other_document["wrapped_keys"]
    path = pristine.write(tmp_path, _encode(document, fix_checksum=True))

    with pytest.raises(WrongPassphrase):
        KeyFile.load(path).unlock(PASSPHRASE)
