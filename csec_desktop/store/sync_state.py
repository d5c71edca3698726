"""What the vault keeps for sync besides the outbox: conflicts (both versions), the read-only flag.

The pull cursor, the time of the last successful contact and the enrollment (server URL, device
token) are meta keys, so they live inside the encrypted database like everything else. The SQL
here runs on the database lane, inside a transaction the ``Store`` opens (see the sync section at
the end of ``store.py``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict

from csec_desktop.domain.base import utcnow
from csec_desktop.store import outbox
from csec_desktop.store.errors import StoreError
from csec_desktop.store.outbox import OutboxItem

# Meta keys (values are text). The device token is a secret: it is only ever stored here, inside
# the encrypted database, never in a settings file.
META_SERVER_URL = "sync.server_url"
META_DEVICE_TOKEN = "sync.device_token"  # noqa: S105  (a key name, not a secret)
META_DEVICE_ID = "sync.device_id"
META_USERNAME = "sync.username"
META_ROLE = "sync.role"
META_COUNTY_CONFIG = "sync.county_config"  # CountyConfig as JSON
META_CURSOR = "sync.cursor"
META_LAST_SUCCESS = "sync.last_success_at"  # ISO time of the last completed contact
# When a sync first found this vault's audit log not holding the head the county server had
# anchored (server/anchors.py): the log was rewound or rewritten. Cleared only by county IT.
META_AUDIT_MISMATCH = "sync.audit_mismatch_at"


class VaultReadOnly(StoreError):
    """A write while the vault is read-only (for example: the offline lease ran out)."""


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
    # re-based on the server's), "merged" (field by field), or None (marked resolved by hand).
    resolution: str | None = None


def claim_after(conn: Any, after_seq: int, limit: int) -> list[OutboxItem]:
    """Like ``outbox.claim`` (attempt counted, to be committed before sending), but only items
    queued after ``after_seq``: one sync run never claims an item twice, so an item the server
    could not take this time does not hold the rest of the queue back."""
    rows = conn.execute(
        f"SELECT {outbox._COLUMNS} FROM outbox WHERE state = 'pending' AND seq > ?"  # noqa: S608
        " ORDER BY seq LIMIT ?",
        (after_seq, limit),
    ).fetchall()
    conn.executemany(
        "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", [(r[0],) for r in rows]
    )
    return [outbox._item((*row[:9], row[9] + 1, *row[10:])) for row in rows]


def pending_count(conn: Any, up_to_seq: int | None = None) -> int:
    if up_to_seq is None:
        row = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()
    else:
        row = conn.execute(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND seq <= ?", (up_to_seq,)
        ).fetchone()
    return int(row[0])


def last_outbox_seq(conn: Any) -> int:
    row = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()
    return int(row[0])


def add_conflict(
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


def conflicts(conn: Any, *, open_only: bool = True) -> list[SyncConflict]:
    """Conflicts, oldest first."""
    where = " WHERE resolved_at IS NULL" if open_only else ""
    rows = conn.execute(
        f"SELECT body FROM sync_conflicts{where} ORDER BY created_at, id"  # noqa: S608
    ).fetchall()
    return [SyncConflict.model_validate_json(row[0]) for row in rows]


def open_conflict_count(conn: Any) -> int:
    row = conn.execute("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()
    return int(row[0])


def needs_attention(conn: Any) -> list[tuple[str, UUID]]:
    """(record type, record id) of every record with an unresolved conflict."""
    rows = conn.execute(
        "SELECT DISTINCT record_type, record_id FROM sync_conflicts WHERE resolved_at IS NULL"
        " ORDER BY record_type, record_id"
    ).fetchall()
    return [(record_type, UUID(record_id)) for record_type, record_id in rows]


def get_conflict(conn: Any, conflict_id: UUID) -> SyncConflict | None:
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


def pending_for_record(conn: Any, record_type: str, record_id: UUID) -> int:
    row = conn.execute(
        "SELECT count(*) FROM outbox WHERE state = 'pending' AND record_type = ? AND record_id = ?",
        (record_type, str(record_id)),
    ).fetchone()
    return int(row[0])


def supersede_pending(conn: Any, record_type: str, record_id: UUID, reason: str) -> int:
    """Quarantine (keep, never send) the unsent changes of one record, with ``reason``.

    Used when a conflict is resolved: edits made while the conflict was open were held back,
    and their content is in the record the person resolved to (or deliberately set aside)."""
    cursor = conn.execute(
        "UPDATE outbox SET state = 'quarantined', last_error = ?"
        " WHERE state = 'pending' AND record_type = ? AND record_id = ?",
        (reason[:500], record_type, str(record_id)),
    )
    return int(cursor.rowcount)


def resolve_conflict(
    conn: Any, conflict_id: UUID, actor: str, resolution: str | None = None
) -> bool:
    """Mark a conflict resolved (kept, for the record). False if it was not open."""
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
    return True


def record_total(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])


def set_meta(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_meta(conn: Any, key: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (key,))
