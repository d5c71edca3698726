"""Enrolling a new vault on first run, and setting a revoked vault's unreadable files aside.

Both block (KDF, network, disk): call them through the ``TaskRunner``.

Enrollment needs the vault (the device token is kept inside it, encrypted), and the vault needs
the passphrase, so first run asks for the server, the one-time code and the passphrase together
and does it all in one step: check the server answers, create the vault, spend the code. If the
code is refused the brand-new vault — empty, made seconds ago by this same call — is removed
again, so the laptop is either enrolled or untouched and the caseworker can simply try again.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from csec_desktop.gui.vault_access import VaultAccess
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.sync import SyncService, SyncSettings
from csec_desktop.services.vault_session import VaultPaths, VaultSession
from csec_desktop.sync.address import ServerAddressError, checked_server_url
from csec_desktop.sync.client import SyncClient

REVOKED_FOLDER_PREFIX = "revoked-"


def enroll_new_vault(
    access: VaultAccess, settings: SyncSettings, passphrase: str, server_url: str, code: str
) -> VaultSession:
    """A new vault in ``access.data_dir``, enrolled at ``server_url`` with ``code``."""
    try:
        url = checked_server_url(server_url)
    except ServerAddressError as exc:
        raise ServiceError(str(exc)) from None
    with SyncClient(
        url,
        ca_bundle=settings.ca_bundle,
        timeout=settings.timeout,
        retry=settings.retry,
        sleep=settings.sleep,
        rand=settings.rand,
    ) as client:
        client.health()  # a wrong address fails here, before seconds of key derivation
    session = access.create(passphrase)
    try:
        enrollment = SyncService.for_session(session, settings=settings).enroll(url, code.strip())
        session.actor = enrollment.username  # the audit log names the enrolled person from now
    except BaseException:
        session.lock()
        _remove_new_vault(session.paths)
        raise
    return session


def _remove_new_vault(paths: VaultPaths) -> None:
    database = paths.database
    for path in (paths.key_file, *database.parent.glob(database.name + "*")):
        path.unlink(missing_ok=True)


def set_aside_revoked_vault(data_dir: Path) -> Path | None:
    """Move the database of a revoked (crypto-shredded) vault into a dated folder beside it.

    Its keys are destroyed, so it can never be read again; it is kept (nothing is deleted) but
    moved out of the way so first run can set the laptop up afresh. Returns the folder.
    """
    paths = VaultPaths(data_dir)
    if paths.key_file.exists():
        return None  # keys still present: this is not a revoked vault, leave it alone
    files = list(data_dir.glob(paths.database.name + "*"))
    if not files:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = data_dir / f"{REVOKED_FOLDER_PREFIX}{stamp}"
    folder.mkdir(mode=0o700)
    for path in files:
        path.rename(folder / path.name)
    return folder
