"""An entry of the hash-chained audit log: who did what to which record, never its content."""

from __future__ import annotations

from enum import StrEnum
from uuid import UUID

from pydantic import AwareDatetime, Field

from csec_desktop.domain.base import DomainModel


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    VIEW = "view"
    PRINT = "print"
    EXPORT = "export"
    SYNC_SENT = "sync_sent"
    SYNC_RECEIVED = "sync_received"
    UNLOCK = "unlock"
    LOCK = "lock"
    PASSPHRASE_CHANGE = "passphrase_change"  # noqa: S105
    KEY_ROTATION = "key_rotation"
    RECOVERY = "recovery"
    # A youth left this laptop's caseload and its records left the vault (detail: why).
    CASELOAD_REMOVAL = "caseload_removal"


GENESIS_HASH = "0" * 64


class AuditEvent(DomainModel):
    """One audit row. ``detail`` is a short code-like note (never personal data)."""

    seq: int = Field(ge=1)
    at: AwareDatetime
    actor: str = Field(min_length=1, max_length=100)
    action: AuditAction
    record_type: str | None = Field(default=None, max_length=40)
    record_id: UUID | None = None
    record_version: int | None = Field(default=None, ge=1)
    detail: str = Field(default="", max_length=200)
    prev_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
