"""Unlocking an enrolled vault makes the enrolled person the actor the audit log names."""

from __future__ import annotations

from pathlib import Path

from csec_desktop.domain import AuditAction
from csec_desktop.gui.vault_access import LOCAL_ACTOR, VaultAccess
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store.sync_state import META_USERNAME
from csec_desktop.vault import FLOOR_KDF_PARAMS

PASSPHRASE = "a passphrase for the access test"


def test_unlock_names_the_enrolled_user(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with VaultSession.create(data_dir, PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS) as session:
        session.store.set_meta(META_USERNAME, "jdoe.caseworker")
    attempt = VaultAccess(data_dir).unlock(PASSPHRASE)
    assert attempt.session is not None
    with attempt.session as opened:
        assert opened.actor == "jdoe.caseworker"
        opened.store.record_event(AuditAction.VIEW, actor=opened.actor)
        assert opened.store.audit_events()[-1].actor == "jdoe.caseworker"


def test_unlock_of_a_standalone_vault_keeps_the_local_actor(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    VaultSession.create(data_dir, PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS).lock()
    attempt = VaultAccess(data_dir).unlock(PASSPHRASE)
    assert attempt.session is not None
    with attempt.session as opened:
        assert opened.actor == LOCAL_ACTOR
