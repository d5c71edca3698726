"""Writing an export: atomically, owner-only, audited, with no stray plaintext file."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from csec_desktop.domain.audit import AuditAction
from csec_desktop.services.errors import ServiceError
from csec_desktop.store import Store
from csec_desktop.vault.atomic import write_private_file

# An audit detail is a short code-like note; it must never carry a name or free text.
_DETAIL = re.compile(r"^[a-z0-9 _.:/,=-]{1,120}$")


class ExportFailed(ServiceError):
    """The export could not be written; the message names no file content."""


def write_export(
    store: Store,
    destination: Path,
    data: bytes,
    *,
    actor: str,
    action: AuditAction = AuditAction.EXPORT,
    detail: str,
) -> Path:
    """Write ``data`` to ``destination`` and record the export in the audit log.

    The bytes go straight from memory to a temporary file beside ``destination`` that is created
    owner-only (0600) before any byte is written, fsynced and renamed over ``destination``: a
    crash leaves the old file or the new one, and the temporary file is removed on any failure.
    If the audit entry cannot be written the file is removed again: an export nobody can account
    for must not exist. ``detail`` is a code-like note (kind, period, format): no personal data.
    """
    if action not in (AuditAction.EXPORT, AuditAction.PRINT):
        raise ValueError("an export is audited as EXPORT or PRINT")
    if not _DETAIL.match(detail):
        raise ValueError("an audit detail is a short code-like note")
    destination = destination.expanduser()
    if not destination.parent.is_dir():
        raise ExportFailed("the folder to save in does not exist")
    try:
        write_private_file(destination, data)
    except OSError as exc:
        raise ExportFailed(f"the file could not be saved ({exc.strerror or 'error'})") from None
    try:
        store.record_event(action, actor=actor, detail=detail)
    except BaseException:
        with contextlib.suppress(OSError):
            destination.unlink()
        raise
    return destination
