"""The key file's everyday life: create, unlock, change passphrase, rotate, write safely.

Every test uses the floor KDF settings (64 MiB, 3 passes, about 0.1 s a derivation): the loader
refuses anything cheaper, and calibrated settings would make the suite slow.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from csec_desktop.vault import (
    KEY_FILE_NAME,
    EmptyPassphrase,
    KdfParams,
    KeyFile,
    KeyFileAccessError,
    KeyFileExists,
    KeyFileMissing,
    KeysForgotten,
    RotationError,
    UnlockedKeys,
    VaultError,
    WrongPassphrase,
    key_file_path,
)

PASSPHRASE = "purple otter 42 river"
FLOOR = KdfParams()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return key_file_path(tmp_path)


@pytest.fixture
def created(path: Path) -> tuple[KeyFile, UnlockedKeys]:
    return KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR)


def _secret_forms(data_key: bytes) -> list[bytes]:
    """Every form in which a data key could leak into a file or a message."""
    return [
        data_key,
        data_key.hex().encode(),
        data_key.hex().upper().encode(),
        base64.b64encode(data_key),
        base64.urlsafe_b64encode(data_key).rstrip(b"="),
    ]


def test_default_key_file_name_is_in_the_data_dir(tmp_path: Path) -> None:
    assert KEY_FILE_NAME == "vault.key"
    assert key_file_path(tmp_path) == tmp_path / "vault.key"


def test_create_then_unlock_gives_the_same_random_data_key(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, keys = created
    assert len(keys.current) == 32
    assert keys.pending is None
    assert keys.current != bytes(32)

    reopened = KeyFile.load(path).unlock(PASSPHRASE)

    assert reopened.current == keys.current
    assert reopened.pending is None
    assert reopened.candidates() == (keys.current,)
    assert reopened.vault_id == key_file.vault_id == keys.vault_id
    assert KeyFile.load(path).kdf_params == FLOOR


def test_two_vaults_get_different_keys_and_ids(tmp_path: Path) -> None:
    _, first = KeyFile.create(tmp_path / "a" / KEY_FILE_NAME, PASSPHRASE, kdf_params=FLOOR)
    _, second = KeyFile.create(tmp_path / "b" / KEY_FILE_NAME, PASSPHRASE, kdf_params=FLOOR)
    assert first.current != second.current
    assert first.vault_id != second.vault_id


def test_wrong_passphrase_is_a_plain_error(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        KeyFile.load(path).unlock("purple otter 42 rivers")
    assert str(caught.value) == "the passphrase is not correct"


def test_empty_passphrase_is_refused(path: Path) -> None:
    with pytest.raises(EmptyPassphrase):
        KeyFile.create(path, "", kdf_params=FLOOR)
    assert not path.exists()


def test_passphrase_is_compared_after_unicode_normalisation(path: Path) -> None:
    composed = "caf\u00e9 con leche"
    decomposed = "cafe\u0301 con leche"
    _, keys = KeyFile.create(path, composed, kdf_params=FLOOR)
    assert KeyFile.load(path).unlock(decomposed).current == keys.current


def test_key_file_is_owner_only(path: Path, created: tuple[KeyFile, UnlockedKeys]) -> None:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key_file, _ = created
    key_file.change_passphrase(PASSPHRASE, "a new passphrase")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_temp_file_is_owner_only_and_empty_before_any_byte_is_written(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []
    real_fdopen = os.fdopen

    def checking_fdopen(fd: int, *args: object, **kwargs: object) -> object:
        info = os.fstat(fd)
        seen.append((stat.S_IMODE(info.st_mode), info.st_size))
        return real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", checking_fdopen)
    KeyFile.create(path, PASSPHRASE, kdf_params=FLOOR)
    assert seen == [(0o600, 0)]


def test_writes_leave_no_temporary_file_behind(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, _ = created
    key_file.change_passphrase(PASSPHRASE, "second passphrase")
    key_file.begin_rotation("second passphrase")
    assert sorted(p.name for p in path.parent.iterdir()) == [KEY_FILE_NAME]


def test_failed_write_keeps_the_old_file_and_removes_the_temp_file(
    path: Path, created: tuple[KeyFile, UnlockedKeys], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, keys = created
    before = path.read_bytes()

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(KeyFileAccessError) as caught:
        key_file.change_passphrase(PASSPHRASE, "never saved")
    monkeypatch.undo()

    assert "No space left on device" in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [KEY_FILE_NAME]
    assert KeyFile.load(path).unlock(PASSPHRASE).current == keys.current


def test_create_never_replaces_an_existing_key_file(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    before = path.read_bytes()
    with pytest.raises(KeyFileExists):
        KeyFile.create(path, "another", kdf_params=FLOOR)
    assert path.read_bytes() == before


def test_missing_key_file_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing) as caught:
        KeyFile.load(tmp_path / KEY_FILE_NAME)
    assert str(caught.value) == "there is no key file vault.key in the vault's folder"


def test_change_passphrase_rewraps_the_same_key(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, keys = created
    old_salt = key_file.document.kdf.salt
    stronger = KdfParams(iterations=4)

    key_file.change_passphrase(PASSPHRASE, "brand new passphrase", kdf_params=stronger)

    reloaded = KeyFile.load(path)
    with pytest.raises(WrongPassphrase):
        reloaded.unlock(PASSPHRASE)
    assert reloaded.unlock("brand new passphrase").current == keys.current
    assert reloaded.document.kdf.salt != old_salt
    assert reloaded.kdf_params == stronger
    assert reloaded.vault_id == keys.vault_id


def test_change_passphrase_with_wrong_old_passphrase_changes_nothing(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, _ = created
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        key_file.change_passphrase("not it", "new one")
    assert path.read_bytes() == before


def test_rotation_survives_a_crash_and_completes_with_the_key_that_works(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, keys = created
    current, new = key_file.begin_rotation(PASSPHRASE)
    assert current == keys.current
    assert new != current and len(new) == 32

    # "Crash": a new process loads the file from disk and finds both keys.
    after_crash = KeyFile.load(path)
    assert after_crash.rotation_pending
    unlocked = after_crash.unlock(PASSPHRASE)
    assert (unlocked.current, unlocked.pending) == (current, new)
    assert unlocked.candidates() == (current, new)
    assert (unlocked.current_generation, unlocked.pending_generation) == (1, 2)

    # The store found the database already rekeyed to the new key.
    after_crash.complete_rotation(unlocked, new)

    final = KeyFile.load(path)
    assert not final.rotation_pending
    assert final.generations == (2,)
    reopened = final.unlock(PASSPHRASE)
    assert (reopened.current, reopened.pending) == (new, None)

    final.complete_rotation(reopened, new)  # repeating it is harmless
    assert KeyFile.load(path).generations == (2,)


def test_rotation_cut_short_before_rekey_keeps_the_current_key(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, keys = created
    key_file.begin_rotation(PASSPHRASE)

    KeyFile.load(path).complete_rotation(PASSPHRASE, keys.current)

    reopened = KeyFile.load(path).unlock(PASSPHRASE)
    assert (reopened.current, reopened.pending) == (keys.current, None)
    # and a new rotation may start again
    _, newer = key_file.begin_rotation(PASSPHRASE)
    assert KeyFile.load(path).generations == (1, 2)
    assert KeyFile.load(path).unlock(PASSPHRASE).pending == newer


def test_rotation_cannot_start_twice_or_keep_a_foreign_key(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, keys = created
    key_file.begin_rotation(PASSPHRASE)
    before = path.read_bytes()

    with pytest.raises(RotationError):
        key_file.begin_rotation(PASSPHRASE)
    with pytest.raises(RotationError):
        key_file.complete_rotation(keys, os.urandom(32))
    assert path.read_bytes() == before


def test_complete_rotation_refuses_keys_of_another_vault(
    tmp_path: Path, path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, _ = created
    _, new = key_file.begin_rotation(PASSPHRASE)
    _, other = KeyFile.create(tmp_path / "other" / KEY_FILE_NAME, PASSPHRASE, kdf_params=FLOOR)
    with pytest.raises(RotationError):
        key_file.complete_rotation(other, new)
    assert KeyFile.load(path).generations == (1, 2)


def test_passphrase_change_during_rotation_keeps_both_keys(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    key_file, _ = created
    current, new = key_file.begin_rotation(PASSPHRASE)
    key_file.change_passphrase(PASSPHRASE, "changed mid-rotation")
    unlocked = KeyFile.load(path).unlock("changed mid-rotation")
    assert (unlocked.current, unlocked.pending) == (current, new)


def test_forget_drops_the_keys(created: tuple[KeyFile, UnlockedKeys]) -> None:
    _, keys = created
    vault_id = keys.vault_id
    keys.forget()
    assert keys.forgotten
    with pytest.raises(KeysForgotten):
        _ = keys.current
    assert repr(keys) == f"UnlockedKeys(vault_id={vault_id}, forgotten)"


def test_unlocked_keys_forget_at_the_end_of_a_with_block(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    with KeyFile.load(path).unlock(PASSPHRASE) as keys:
        assert len(keys.current) == 32
    assert keys.forgotten


def test_secrets_never_reach_the_key_file_or_any_message(path: Path) -> None:
    passphrase = "Sup3r-Secret-Passphrase-Ünïcode"
    key_file, keys = KeyFile.create(path, passphrase, kdf_params=FLOOR)
    _, new = key_file.begin_rotation(passphrase)
    data_keys = [keys.current, new]

    messages: list[str] = [repr(keys), repr(KeyFile.load(path).unlock(passphrase))]
    failures: list[VaultError] = []
    for attempt in (
        lambda: key_file.unlock(passphrase + "x"),
        lambda: key_file.change_passphrase(passphrase[:-1], passphrase),
        lambda: key_file.begin_rotation(passphrase),
        lambda: key_file.complete_rotation(passphrase, os.urandom(32)),
        lambda: KeyFile.create(path, passphrase, kdf_params=FLOOR),
    ):
        with pytest.raises(VaultError) as caught:
            attempt()
        failures.append(caught.value)
    messages += [str(error) for error in failures] + [repr(error) for error in failures]

    file_bytes = path.read_bytes()
    passphrase_forms = [passphrase.encode("utf-8"), passphrase.encode("unicode_escape")]
    key_forms = [form for key in data_keys for form in _secret_forms(key)]
    for secret in passphrase_forms + key_forms:
        assert secret not in file_bytes
    text_forms = [passphrase, *(form.decode("latin-1") for form in key_forms)]
    for message in messages:
        for secret_text in text_forms:
            assert secret_text not in message
    for message in messages:
        assert "\n" not in message
        assert str(path.parent) not in message


def test_key_file_is_the_documented_json_layout(
    path: Path, created: tuple[KeyFile, UnlockedKeys]
) -> None:
    document = json.loads(path.read_text())
    assert document["format"] == "csec-desktop-keyfile"
    assert document["version"] == 1
    assert set(document) == {
        "checksum",
        "created_at",
        "format",
        "kdf",
        "recovery",
        "updated_at",
        "vault_id",
        "version",
        "wrapped_keys",
    }
    assert document["kdf"]["algorithm"] == "argon2id"
    assert len(base64.b64decode(document["kdf"]["salt"])) == 16
    assert document["recovery"] is None
    [entry] = document["wrapped_keys"]
    assert entry["generation"] == 1
    assert entry["recovery_wrap"] is None
    assert len(base64.b64decode(entry["passphrase_wrap"]["nonce"])) == 12


def test_vault_package_never_imports_qt() -> None:
    code = (
        "import sys, csec_desktop.vault; "
        "sys.exit(any(m.split('.')[0] == 'PySide6' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
