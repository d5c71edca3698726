"""The hash-chained audit log: append inside the caller's transaction, verify the whole chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from csec_desktop.domain.audit import GENESIS_HASH, AuditAction, AuditEvent
from csec_desktop.domain.base import Record, utcnow
from csec_desktop.store.database import Database


def _row_hash(
    seq: int,
    at: str,
    actor: str,
    action: str,
    record_type: str | None,
    record_id: str | None,
    record_version: int | None,
    detail: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, at, actor, action, record_type, record_id, record_version, detail, prev_hash],
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def append(
    conn: Any,
    *,
    actor: str,
    action: AuditAction,
    record_type: str | None = None,
    record_id: UUID | None = None,
    record_version: int | None = None,
    detail: str = "",
) -> AuditEvent:
    """Append one event. Call inside the transaction that makes the change it records."""
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    at = utcnow().isoformat()
    rid = str(record_id) if record_id else None
    digest = _row_hash(
        seq, at, actor, action.value, record_type, rid, record_version, detail, prev_hash
    )
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, record_version,"
        " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action.value, record_type, rid, record_version, detail, prev_hash, digest),
    )
    return AuditEvent(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        record_version=record_version,
        detail=detail,
        prev_hash=prev_hash,
        hash=digest,
    )


def append_many(
    conn: Any,
    entries: list[tuple[str, AuditAction, str | None, UUID | None, int | None, str]],
) -> int:
    """Append ``(actor, action, record type, record id, version, detail)`` entries in order, in
    one statement (a restore receives thousands of records). Inside the caller's transaction."""
    if not entries:
        return 0
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS_HASH)
    at = utcnow().isoformat()
    rows = []
    for actor, action, record_type, record_id, version, detail in entries:
        seq += 1
        rid = str(record_id) if record_id else None
        digest = _row_hash(
            seq, at, actor, action.value, record_type, rid, version, detail, prev_hash
        )
        rows.append(
            (seq, at, actor, action.value, record_type, rid, version, detail, prev_hash, digest)
        )
        prev_hash = digest
    conn.executemany(
        "INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, record_version,"
        " detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


@dataclass(frozen=True)
class ChainReport:
    events: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Any) -> ChainReport:
    """Walk the chain from the start: each hash must match its row and link to the one before."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    rows = conn.execute(
        "SELECT seq, at, actor, action, record_type, record_id, record_version, detail,"
        " prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for seq, at, actor, action, rtype, rid, rver, detail, prev_hash, digest in rows:
        count += 1
        if seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing (next is {seq})")
        if prev_hash != expected_prev:
            problems.append(f"audit entry {seq} does not link to the entry before it")
        if _row_hash(seq, at, actor, action, rtype, rid, rver, detail, prev_hash) != digest:
            problems.append(f"audit entry {seq} was altered")
        expected_prev = digest
        expected_seq = seq + 1
    return ChainReport(events=count, problems=problems)


def head(conn: Any) -> tuple[int, str] | None:
    """The chain's last entry: its position and hash (None while the log is empty)."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def hash_at(conn: Any, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None


def events(conn: Any, *, limit: int = 1000, after_seq: int = 0) -> list[AuditEvent]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, record_type, record_id, record_version, detail,"
        " prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        (after_seq, limit),
    ).fetchall()
    keys = (
        "seq", "at", "actor", "action", "record_type", "record_id", "record_version", "detail",
        "prev_hash", "hash",
    )  # fmt: skip
    return [AuditEvent.model_validate(dict(zip(keys, row, strict=True))) for row in rows]


class AuditRepository:
    """The vault's audit log, on the database lane."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record_event(
        self,
        action: AuditAction,
        *,
        actor: str,
        record: Record | None = None,
        detail: str = "",
    ) -> AuditEvent:
        """Audit something that is not a save: a view, print, export, unlock or lock."""
        return self._db.write(
            lambda conn: append(
                conn,
                actor=actor,
                action=action,
                record_type=record.record_type if record else None,
                record_id=record.id if record else None,
                record_version=record.version if record else None,
                detail=detail,
            )
        )

    def events(self, *, after_seq: int = 0, limit: int = 1000) -> list[AuditEvent]:
        return self._db.read(lambda conn: events(conn, after_seq=after_seq, limit=limit))

    def verify(self) -> ChainReport:
        return self._db.read(verify)

    def head(self) -> tuple[int, str] | None:
        """The chain's last position and hash (what sync anchors on the server)."""
        return self._db.read(head)

    def hash_at(self, seq: int) -> str | None:
        return self._db.read(lambda conn: hash_at(conn, seq))
