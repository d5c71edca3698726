"""Plain, translated sentences for what can go wrong while enrolling or syncing.

The sync client's own messages are plain English lines without record data; they are shown only
where no better sentence exists (a refusal the server explained itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from csec_desktop.gui.messages import error_message
from csec_desktop.services.sync import AlreadyEnrolled, DeviceWasRevoked, SyncAborted
from csec_desktop.store.sync_state import VaultReadOnly
from csec_desktop.sync.client import (
    CertificateRefused,
    InsecureServerAddress,
    NotAuthenticated,
    ServerRefused,
    ServerUnreachable,
    SyncCancelled,
    SyncPhase,
)

if TYPE_CHECKING:
    from csec_desktop.gui.sync.controller import SyncView


def syncing_text(view: SyncView) -> str:
    """What a running sync is doing: "Syncing 3 of 40…" while sending, "Receiving 500 of 6,000
    records…" while receiving, "Restoring …" while a new laptop is filled."""
    if not view.total:
        return QCoreApplication.translate("SyncIndicator", "Syncing…")
    if view.phase is SyncPhase.PULLING and view.restoring:
        text = QCoreApplication.translate("SyncIndicator", "Restoring %1 of %2 records…")
    elif view.phase is SyncPhase.PULLING:
        text = QCoreApplication.translate("SyncIndicator", "Receiving %1 of %2 records…")
    else:
        text = QCoreApplication.translate("SyncIndicator", "Syncing %1 of %2…")
    return text.replace("%1", f"{view.done:,}").replace("%2", f"{view.total:,}")


def revoked_message() -> str:
    return QCoreApplication.translate(
        "SyncMessages",
        "County IT revoked this laptop. Its vault keys were destroyed, so the records on it "
        "can no longer be opened by anyone. Anything already synced is safe on the county "
        "server. Ask county IT for a new enrollment code to set this laptop up again.",
    )


def sync_error_message(error: BaseException) -> str:
    if isinstance(error, DeviceWasRevoked):
        return revoked_message()
    if isinstance(error, CertificateRefused):
        return QCoreApplication.translate(
            "SyncMessages",
            "The county server's certificate is not trusted by this laptop, so nothing was "
            "sent. Contact county IT.",
        )
    if isinstance(error, InsecureServerAddress):
        return QCoreApplication.translate(
            "SyncMessages",
            "The county server's address does not start with https://, so nothing was sent: "
            "records travel only encrypted. Contact county IT.",
        )
    if isinstance(error, ServerUnreachable):
        return QCoreApplication.translate(
            "SyncMessages",
            "The county server cannot be reached. Check the network connection; your records "
            "stay on this laptop and are sent at the next sync.",
        )
    if isinstance(error, NotAuthenticated):
        return QCoreApplication.translate(
            "SyncMessages",
            "The county server did not accept the code or this laptop's credentials. A code "
            "can be used once and expires after 24 hours: ask county IT for a new one.",
        )
    if isinstance(error, ServerRefused):
        return QCoreApplication.translate(
            "SyncMessages", "The county server refused the request: {reason}"
        ).format(reason=str(error))
    if isinstance(error, SyncCancelled):
        return QCoreApplication.translate(
            "SyncMessages", "Sync was cancelled. Nothing unsent was lost."
        )
    if isinstance(error, SyncAborted):
        return QCoreApplication.translate(
            "SyncMessages", "Sync stopped to protect your records: {reason}"
        ).format(reason=str(error))
    if isinstance(error, AlreadyEnrolled):
        return QCoreApplication.translate(
            "SyncMessages", "This vault is already enrolled with a county server."
        )
    if isinstance(error, VaultReadOnly):
        return read_only_message()
    return error_message(error)


def read_only_message() -> str:
    return QCoreApplication.translate(
        "SyncMessages",
        "Read-only until you sync: this laptop has not reached the county server for longer "
        "than the county allows. Connect to the network and choose Sync now (Ctrl+Shift+S).",
    )
