"""Sync conflicts: both versions of a record, kept until a person resolves it (and after).

An unresolved conflict is its record's "needs attention" flag. Nothing here deletes a conflict
that is open; a resolved one stays for the record, unless its youth's records leave the vault.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict

from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.base import utcnow
from csec_desktop.store import audit
from csec_desktop.store.database import Database


class ConflictKind(StrEnum):
    PUSH = "push"  # the server held a newer version than this edit was based on
    REVIEW = "review"  # a supervisor decision named a version this device does not hold


class SyncConflict(BaseModel):
    """Both sides of a conflict, kept until a person resolves it. An unresolved one is its
    record's "needs attention" flag."""

    model_config = ConfigDict(frozen=True)

    id: UUID
    kind: ConflictKind
    record_type: str
    record_id: UUID
    op_id: UUID | None = None
    base_version: int | None = None
    local_version: int
    server_version: int | None = None
    local_body: str  # JSON of this device's version, as it was pushed
    server_body: str | None = None  # JSON of the server's version, when the server sent it
    reason: str
    created_at: AwareDatetime
    resolved_at: AwareDatetime | None = None
    resolved_by: str | None = None
    # How it was resolved: "server" (kept the server's version), "mine" (this device's version,
    # re-based on the server's), "merged" (field by field), "elsewhere" (the same user resolved
    # it on another laptop: that version arrived by pull), or None (marked resolved by hand).
    resolution: str | None = None


def add(
    conn: Any,
    *,
    kind: ConflictKind,
    record_type: str,
    record_id: UUID,
    local_version: int,
    local_body: str,
    reason: str,
    op_id: UUID | None = None,
    base_version: int | None = None,
    server_version: int | None = None,
    server_body: str | None = None,
) -> UUID:
    """Keep both sides of a conflict. The same operation answered twice is recorded once (the
    conflict's id is then its operation id)."""
    conflict = SyncConflict(
        id=op_id or uuid4(),
        kind=kind,
        record_type=record_type,
        record_id=record_id,
        op_id=op_id,
        base_version=base_version,
        local_version=local_version,
        server_version=server_version,
        local_body=local_body,
        server_body=server_body,
        reason=reason[:500],
        created_at=utcnow(),
    )
    conn.execute(
        "INSERT INTO sync_conflicts (id, record_type, record_id, body, created_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (
            str(conflict.id),
            record_type,
            str(record_id),
            conflict.model_dump_json(),
            conflict.created_at.isoformat(),
        ),
    )
    return conflict.id


def listed(conn: Any, *, open_only: bool = True) -> list[SyncConflict]:
    """Conflicts, oldest first."""
    where = " WHERE resolved_at IS NULL" if open_only else ""
    rows = conn.execute(
        f"SELECT body FROM sync_conflicts{where} ORDER BY created_at, id"  # noqa: S608
    ).fetchall()
    return [SyncConflict.model_validate_json(row[0]) for row in rows]


def open_for_record(conn: Any, record_type: str, record_id: UUID) -> list[SyncConflict]:
    rows = conn.execute(
        "SELECT body FROM sync_conflicts WHERE resolved_at IS NULL AND record_type = ?"
        " AND record_id = ? ORDER BY created_at, id",
        (record_type, str(record_id)),
    ).fetchall()
    return [SyncConflict.model_validate_json(row[0]) for row in rows]


def open_count(conn: Any) -> int:
    row = conn.execute("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()
    return int(row[0])


def needs_attention(conn: Any) -> list[tuple[str, UUID]]:
    """(record type, record id) of every record with an unresolved conflict."""
    rows = conn.execute(
        "SELECT DISTINCT record_type, record_id FROM sync_conflicts WHERE resolved_at IS NULL"
        " ORDER BY record_type, record_id"
    ).fetchall()
    return [(record_type, UUID(record_id)) for record_type, record_id in rows]


def get(conn: Any, conflict_id: UUID) -> SyncConflict | None:
    row = conn.execute(
        "SELECT body FROM sync_conflicts WHERE id = ?", (str(conflict_id),)
    ).fetchone()
    return SyncConflict.model_validate_json(row[0]) if row else None


def set_server_copy(conn: Any, conflict_id: UUID, server_body: str, server_version: int) -> bool:
    """Keep the server's content beside this device's in an open conflict. False if not open."""
    row = conn.execute(
        "SELECT body FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL",
        (str(conflict_id),),
    ).fetchone()
    if row is None:
        return False
    updated = SyncConflict.model_validate_json(row[0]).model_copy(
        update={"server_body": server_body, "server_version": server_version}
    )
    conn.execute(
        "UPDATE sync_conflicts SET body = ? WHERE id = ?",
        (updated.model_dump_json(), str(conflict_id)),
    )
    return True


def resolve(conn: Any, conflict_id: UUID, actor: str, resolution: str | None = None) -> bool:
    """Mark a conflict resolved (kept, for the record), audited. False if it was not open."""
    row = conn.execute(
        "SELECT body FROM sync_conflicts WHERE id = ? AND resolved_at IS NULL",
        (str(conflict_id),),
    ).fetchone()
    if row is None:
        return False
    done = SyncConflict.model_validate_json(row[0]).model_copy(
        update={"resolved_at": utcnow(), "resolved_by": actor, "resolution": resolution}
    )
    assert done.resolved_at is not None
    conn.execute(
        "UPDATE sync_conflicts SET body = ?, resolved_at = ? WHERE id = ?",
        (done.model_dump_json(), done.resolved_at.isoformat(), str(conflict_id)),
    )
    note = f"conflict resolved: {resolution}" if resolution else "conflict resolved"
    audit.append(
        conn,
        actor=actor,
        action=AuditAction.UPDATE,
        record_type=done.record_type,
        record_id=done.record_id,
        detail=note,
    )
    return True


class ConflictRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, **values: Any) -> UUID:
        """Keep both sides of a sync conflict (see :func:`add`); returns its id."""
        return self._db.write(lambda conn: add(conn, **values))

    def listed(self, *, open_only: bool = True) -> list[SyncConflict]:
        return self._db.read(lambda conn: listed(conn, open_only=open_only))

    def open_count(self) -> int:
        return self._db.read(open_count)

    def needs_attention(self) -> list[tuple[str, UUID]]:
        return self._db.read(needs_attention)

    def get(self, conflict_id: UUID) -> SyncConflict | None:
        return self._db.read(lambda conn: get(conn, conflict_id))

    def set_server_copy(self, conflict_id: UUID, server_body: str, server_version: int) -> bool:
        return self._db.write(
            lambda conn: set_server_copy(conn, conflict_id, server_body, server_version)
        )

    def resolve(self, conflict_id: UUID, *, actor: str, resolution: str | None = None) -> bool:
        return self._db.write(lambda conn: resolve(conn, conflict_id, actor, resolution))
