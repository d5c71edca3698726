"""A whole vault: create, lock, unlock, change passphrase, rotate, recover, damaged files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from csec_desktop.domain import AuditAction, Youth
from csec_desktop.services.vault_session import NoVault, VaultExists, VaultSession
from csec_desktop.store import StoreDamaged, StoreError
from csec_desktop.vault import (
    FLOOR_KDF_PARAMS,
    KeyFile,
    KeyFileDamaged,
    UnlockThrottle,
    WrongPassphrase,
    generate_recovery_keypair,
    load_recovery_private_key,
    parse_recovery_public_key,
)
from tests.integration.conftest import PASSPHRASE
from tests.unit.conftest import make_youth


def _no_wait_throttle(data_dir: Path) -> UnlockThrottle:
    return UnlockThrottle.beside(data_dir / "vault.key", sleep=lambda _s: None)


def test_create_lock_unlock_round_trip(vault: VaultSession, data_dir: Path) -> None:
    youth = vault.store.save(make_youth(), actor="cw")
    vault.lock()
    assert vault.locked
    with pytest.raises(StoreError):
        _ = vault.store
    with VaultSession.open(data_dir, PASSPHRASE, actor="cw") as reopened:
        assert reopened.store.get(Youth, youth.id) == youth
        actions = [e.action for e in reopened.store.audit_events()]
        assert actions == [AuditAction.CREATE, AuditAction.LOCK, AuditAction.UNLOCK]
    assert (data_dir.stat().st_mode & 0o777) == 0o700


def test_create_refuses_an_existing_vault(vault: VaultSession, data_dir: Path) -> None:
    vault.lock()
    before = (data_dir / "vault.db").read_bytes()
    with pytest.raises(VaultExists):
        VaultSession.create(data_dir, "another passphrase", kdf_params=FLOOR_KDF_PARAMS)
    assert (data_dir / "vault.db").read_bytes() == before


def test_open_without_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NoVault):
        VaultSession.open(tmp_path / "nothing", PASSPHRASE)


def test_wrong_passphrase_is_plain_and_throttled(vault: VaultSession, data_dir: Path) -> None:
    vault.lock()
    throttle = _no_wait_throttle(data_dir)
    for _ in range(5):
        with pytest.raises(WrongPassphrase) as caught:
            VaultSession.open(data_dir, "not it", throttle=throttle)
        assert "not it" not in str(caught.value)
    assert throttle.failures == 5
    assert throttle.seconds_to_wait() > 0
    VaultSession.open(data_dir, PASSPHRASE, throttle=throttle).lock()
    assert throttle.failures == 0


def test_change_passphrase_keeps_data(vault: VaultSession, data_dir: Path) -> None:
    youth = vault.store.save(make_youth(), actor="cw")
    vault.change_passphrase(PASSPHRASE, "a new passphrase here")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        VaultSession.open(data_dir, PASSPHRASE, throttle=_no_wait_throttle(data_dir))
    with VaultSession.open(data_dir, "a new passphrase here") as reopened:
        assert reopened.store.get(Youth, youth.id).id == youth.id


def test_rotation_reencrypts_under_a_new_key(vault: VaultSession, data_dir: Path) -> None:
    youth = vault.store.save(make_youth(), actor="cw")
    old_keys = KeyFile.load(data_dir / "vault.key").unlock(PASSPHRASE)
    old_key = old_keys.current
    vault.rotate_data_key(PASSPHRASE)
    vault.store.save(make_youth(), actor="cw")  # still usable after rotation
    vault.lock()
    from csec_desktop.store import Store

    with pytest.raises(StoreDamaged):
        Store(data_dir / "vault.db", old_key)
    with VaultSession.open(data_dir, PASSPHRASE) as reopened:
        assert reopened.store.get(Youth, youth.id).id == youth.id
        assert reopened.verify().ok
        assert not reopened.key_file.rotation_pending


def test_interrupted_rotation_finishes_on_next_unlock(vault: VaultSession, data_dir: Path) -> None:
    youth = vault.store.save(make_youth(), actor="cw")
    key_file = vault.key_file
    # Crash after the key file holds both keys and the database was rekeyed, before cleanup:
    _current, new_key = key_file.begin_rotation(PASSPHRASE)
    vault.store.rekey(new_key)
    vault.lock()
    assert KeyFile.load(data_dir / "vault.key").rotation_pending
    with VaultSession.open(data_dir, PASSPHRASE) as reopened:
        assert reopened.store.get(Youth, youth.id).id == youth.id
    assert not KeyFile.load(data_dir / "vault.key").rotation_pending


def test_rotation_begun_but_database_not_rekeyed(vault: VaultSession, data_dir: Path) -> None:
    vault.store.save(make_youth(), actor="cw")
    vault.key_file.begin_rotation(PASSPHRASE)  # crash before the rekey
    vault.lock()
    with VaultSession.open(data_dir, PASSPHRASE) as reopened:
        assert reopened.store.count(Youth) == 1
    assert not KeyFile.load(data_dir / "vault.key").rotation_pending


def test_recovery_with_the_county_key(data_dir: Path) -> None:
    private_pem, public_text = generate_recovery_keypair(
        "county recovery passphrase", kdf_params=FLOOR_KDF_PARAMS
    )
    session = VaultSession.create(
        data_dir,
        PASSPHRASE,
        kdf_params=FLOOR_KDF_PARAMS,
        recovery_key=parse_recovery_public_key(public_text),
    )
    youth = session.store.save(make_youth(), actor="cw")
    session.lock()
    private_key = load_recovery_private_key(private_pem, "county recovery passphrase")
    with VaultSession.open_with_recovery_key(
        data_dir, private_key, "set by county IT", kdf_params=FLOOR_KDF_PARAMS
    ) as recovered:
        assert recovered.store.get(Youth, youth.id).id == youth.id
        assert recovered.store.audit_events()[-1].action == AuditAction.RECOVERY
    VaultSession.open(data_dir, "set by county IT").lock()


def test_database_from_another_vault_is_refused(tmp_path: Path) -> None:
    first = VaultSession.create(tmp_path / "a", PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS)
    first.lock()
    second = VaultSession.create(tmp_path / "b", PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS)
    second.lock()
    # Swapping in another vault's database: its key does not open it.
    (tmp_path / "b" / "vault.db").write_bytes((tmp_path / "a" / "vault.db").read_bytes())
    with pytest.raises(StoreDamaged, match=r"vault\.db"):
        VaultSession.open(tmp_path / "b", PASSPHRASE)


def test_flipped_database_page_byte_is_detected(vault: VaultSession, data_dir: Path) -> None:
    for n in range(200):
        vault.store.save(make_youth(given_name=f"Filler{n} DEMO"), actor="cw")
    vault.lock()
    db = data_dir / "vault.db"
    data = bytearray(db.read_bytes())
    page_size = 4096
    assert len(data) > 4 * page_size
    # Flip a byte inside the third page (not page 1, which would fail even at unlock).
    data[2 * page_size + 100] ^= 0x01
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    try:
        with VaultSession.open(data_dir, PASSPHRASE) as reopened:
            report = reopened.verify()
            assert not report.ok
            _name, ok, detail = next(c for c in report.checks if c[0] == "database integrity")
            assert not ok and detail
    except StoreError as exc:  # also acceptable: refused at open, with a plain message
        assert "vault.db" in str(exc)
    assert db.read_bytes() == before  # nothing "repaired" or deleted


def test_flipped_first_page_is_refused_at_unlock(vault: VaultSession, data_dir: Path) -> None:
    vault.lock()
    db = data_dir / "vault.db"
    data = bytearray(db.read_bytes())
    data[200] ^= 0x80
    db.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged, match=r"vault\.db"):
        VaultSession.open(data_dir, PASSPHRASE)
    assert db.exists()


def test_tampered_key_file_is_reported_by_name(vault: VaultSession, data_dir: Path) -> None:
    vault.lock()
    key_path = data_dir / "vault.key"
    text = key_path.read_text()
    key_path.write_text(text.replace('"iterations": 3', '"iterations": 4', 1))
    with pytest.raises(KeyFileDamaged, match=r"vault\.key"):
        VaultSession.open(data_dir, PASSPHRASE)
    assert (data_dir / "vault.db").exists()


def test_missing_database_is_reported(vault: VaultSession, data_dir: Path) -> None:
    vault.lock()
    os.rename(data_dir / "vault.db", data_dir / "elsewhere.db")
    with pytest.raises(StoreError, match="missing"):
        VaultSession.open(data_dir, PASSPHRASE)
