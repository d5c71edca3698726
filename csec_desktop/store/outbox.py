"""The outbox: changes waiting for the county server, written in the same transaction as the change.

Rules that keep sync safe:
- an item leaves ``pending`` only when the server names its ``op_id`` in a 2xx answer (``sent``) or
  rejects it (``quarantined``, with the reason); nothing here is ever deleted;
- ``claim`` counts an attempt and commits *before* the push goes out, so an item the server may
  already hold is never rewritten under the same ``op_id``;
- a change to a record whose previous change is still pending and was never attempted replaces that
  item's payload (autosave would otherwise queue hundreds of drafts); the base version stays the
  one the server knows.

Most items are record versions (``kind`` "record"). A supervisor's review decision and a change of
who holds which youth wait here too, made offline and sent at the next sync like records
(``enqueue_action``): one queue, one set of rules.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

from csec_desktop.domain.base import Record, utcnow
from csec_desktop.store.database import Database


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    QUARANTINED = "quarantined"


class OutboxKind(StrEnum):
    RECORD = "record"  # a record version (``POST /sync/push``)
    REVIEW_DECISION = "review_decision"  # a supervisor's decision on a screening version
    ASSIGNMENT = "assignment"  # reassign / cover / close (``POST /team/assignments``)


class OutboxItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    seq: int
    op_id: UUID
    record_type: str
    record_id: UUID
    base_version: int = Field(ge=0)  # 0: the record is new to the server
    version: int = Field(ge=1)
    payload: dict[str, JsonValue]
    created_at: AwareDatetime
    state: OutboxState
    attempts: int
    last_error: str | None
    sent_at: AwareDatetime | None
    kind: OutboxKind = OutboxKind.RECORD


class OutboxCounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    pending: int
    sent: int
    quarantined: int


_COLUMNS = (
    "seq, op_id, record_type, record_id, base_version, version, payload, created_at, state,"
    " attempts, last_error, sent_at, kind"
)


def _item(row: tuple[Any, ...]) -> OutboxItem:
    (seq, op_id, rtype, rid, base, version, payload, created, state, attempts, error, sent) = row[
        :12
    ]
    return OutboxItem(
        seq=seq,
        op_id=op_id,
        record_type=rtype,
        record_id=rid,
        base_version=base,
        version=version,
        payload=json.loads(payload),
        created_at=created,
        state=state,
        attempts=attempts,
        last_error=error,
        sent_at=sent,
        kind=row[12],
    )


def enqueue(conn: Any, record: Record, previous_version: int | None) -> None:
    """Queue ``record`` (already at its new version) for the server. Inside the save transaction."""
    payload = record.model_dump_json()
    rid = str(record.id)
    unsent = conn.execute(
        "SELECT seq FROM outbox WHERE record_type = ? AND record_id = ? AND state = 'pending'"
        " AND attempts = 0 AND kind = 'record' ORDER BY seq DESC LIMIT 1",
        (record.record_type, rid),
    ).fetchone()
    if unsent is not None:
        conn.execute(
            "UPDATE outbox SET payload = ?, version = ? WHERE seq = ?",
            (payload, record.version, unsent[0]),
        )
        return
    conn.execute(
        "INSERT INTO outbox (op_id, record_type, record_id, base_version, version, payload,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid4()),
            record.record_type,
            rid,
            previous_version or 0,
            record.version,
            payload,
            utcnow().isoformat(),
        ),
    )


def enqueue_action(
    conn: Any,
    kind: OutboxKind,
    *,
    op_id: UUID,
    record_type: str,
    record_id: UUID,
    payload: dict[str, Any],
    base_version: int = 0,
    version: int = 1,
    replaces: UUID | None = None,
) -> UUID:
    """Queue something that is not a record version (a decision, an assignment change) under
    its own operation id, which makes its retries safe; returns the id it is queued under.

    With ``replaces``: when that item is still pending and was never attempted (the server cannot
    have seen it), it takes the new content under its own id, as a record's unsent change does;
    otherwise the new content is queued as a new item."""
    if replaces is not None:
        cursor = conn.execute(
            "UPDATE outbox SET payload = ?, base_version = ?, version = ?"
            " WHERE op_id = ? AND state = 'pending' AND attempts = 0 AND kind = ?",
            (json.dumps(payload), base_version, version, str(replaces), kind.value),
        )
        if cursor.rowcount:
            return replaces
    conn.execute(
        "INSERT INTO outbox (op_id, record_type, record_id, base_version, version, payload,"
        " created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING",
        (
            str(op_id),
            record_type,
            str(record_id),
            base_version,
            version,
            json.dumps(payload),
            utcnow().isoformat(),
            kind.value,
        ),
    )
    return op_id


def claim(conn: Any, limit: int, after_seq: int = 0) -> list[OutboxItem]:
    """The oldest pending items queued after ``after_seq``, each with one more attempt counted.
    Commit before sending them.

    ``after_seq`` lets one sync run walk the queue without claiming an item twice, so an item the
    server could not take this time does not hold the rest of the queue back."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND seq > ?"  # noqa: S608
        " ORDER BY seq LIMIT ?",
        (after_seq, limit),
    ).fetchall()
    conn.executemany(
        "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", [(r[0],) for r in rows]
    )
    return [_item((*row[:9], row[9] + 1, *row[10:])) for row in rows]


def pending_of_kind(conn: Any, kind: OutboxKind) -> list[OutboxItem]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND kind = ?"  # noqa: S608
        " ORDER BY seq",
        (kind.value,),
    ).fetchall()
    return [_item(row) for row in rows]


def mark_sent(conn: Any, op_ids: list[UUID]) -> int:
    now = utcnow().isoformat()
    cursor = conn.executemany(
        "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL"
        " WHERE op_id = ? AND state = 'pending'",
        [(now, str(op_id)) for op_id in op_ids],
    )
    return int(cursor.rowcount)


def quarantine(conn: Any, op_id: UUID, reason: str) -> None:
    conn.execute(
        "UPDATE outbox SET state = 'quarantined', last_error = ?"
        " WHERE op_id = ? AND state = 'pending'",
        (reason[:500], str(op_id)),
    )


def note_failure(conn: Any, op_ids: list[UUID], reason: str) -> None:
    """A push that did not get through: the items stay pending, with the reason kept for display."""
    conn.executemany(
        "UPDATE outbox SET last_error = ? WHERE op_id = ? AND state = 'pending'",
        [(reason[:500], str(op_id)) for op_id in op_ids],
    )


def items(conn: Any, state: OutboxState | None = None, limit: int = 1000) -> list[OutboxItem]:
    if state is None:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM outbox ORDER BY seq LIMIT ?",  # noqa: S608
            (limit,),
        )
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE state = ? ORDER BY seq LIMIT ?",  # noqa: S608
            (state.value, limit),
        )
    return [_item(row) for row in rows.fetchall()]


def counts(conn: Any) -> OutboxCounts:
    found = dict(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    return OutboxCounts(
        pending=found.get("pending", 0),
        sent=found.get("sent", 0),
        quarantined=found.get("quarantined", 0),
    )


def pending_count(conn: Any, up_to_seq: int | None = None) -> int:
    if up_to_seq is None:
        row = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()
    else:
        row = conn.execute(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND seq <= ?", (up_to_seq,)
        ).fetchone()
    return int(row[0])


def last_seq(conn: Any) -> int:
    row = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()
    return int(row[0])


def pending_for_record(conn: Any, record_type: str, record_id: UUID) -> int:
    """Unsent versions of one record."""
    row = conn.execute(
        "SELECT count(*) FROM outbox WHERE state = 'pending' AND record_type = ? AND record_id = ?"
        " AND kind = 'record'",
        (record_type, str(record_id)),
    ).fetchone()
    return int(row[0])


def supersede_pending(conn: Any, record_type: str, record_id: UUID, reason: str) -> int:
    """Quarantine (keep, never send) the unsent changes of one record, with ``reason``.

    Used when a conflict is resolved: edits made while the conflict was open were held back,
    and their content is in the record the person resolved to (or deliberately set aside)."""
    cursor = conn.execute(
        "UPDATE outbox SET state = 'quarantined', last_error = ?"
        " WHERE state = 'pending' AND record_type = ? AND record_id = ? AND kind = 'record'",
        (reason[:500], record_type, str(record_id)),
    )
    return int(cursor.rowcount)


class OutboxRepository:
    """The outbox on the database lane. Items are queued by the record repository's saves."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def claim(self, limit: int = 100, *, after_seq: int = 0) -> list[OutboxItem]:
        """Pending items to push, their attempt counted and committed before they are returned."""
        return self._db.write(lambda conn: claim(conn, limit, after_seq))

    def mark_sent(self, op_ids: list[UUID]) -> int:
        return self._db.write(lambda conn: mark_sent(conn, op_ids))

    def quarantine(self, op_id: UUID, reason: str) -> None:
        self._db.write(lambda conn: quarantine(conn, op_id, reason))

    def note_failure(self, op_ids: list[UUID], reason: str) -> None:
        self._db.write(lambda conn: note_failure(conn, op_ids, reason))

    def items(self, state: OutboxState | None = None, limit: int = 1000) -> list[OutboxItem]:
        return self._db.read(lambda conn: items(conn, state, limit))

    def counts(self) -> OutboxCounts:
        return self._db.read(counts)

    def pending_count(self, up_to_seq: int | None = None) -> int:
        return self._db.read(lambda conn: pending_count(conn, up_to_seq))

    def last_seq(self) -> int:
        return self._db.read(last_seq)

    def pending_for_record(self, record_type: str, record_id: UUID) -> int:
        """Unsent outbox items of one record."""
        return self._db.read(lambda conn: pending_for_record(conn, record_type, record_id))

    def supersede_pending(self, record_type: str, record_id: UUID, reason: str) -> int:
        """Quarantine the unsent changes of one record (kept, with ``reason``); their count."""
        return self._db.write(lambda conn: supersede_pending(conn, record_type, record_id, reason))

    def enqueue_action(self, kind: OutboxKind, **values: Any) -> UUID:
        """Queue a decision or an assignment change (see :func:`enqueue_action`)."""
        return self._db.write(lambda conn: enqueue_action(conn, kind, **values))

    def pending_of_kind(self, kind: OutboxKind) -> list[OutboxItem]:
        return self._db.read(lambda conn: pending_of_kind(conn, kind))
