"""The outbox: changes waiting for the county server, written in the same transaction as the change.

Rules that keep sync safe:
- an item leaves ``pending`` only when the server names its ``op_id`` in a 2xx answer (``sent``) or
  rejects it (``quarantined``, with the reason); nothing here is ever deleted;
- ``claim`` counts an attempt and commits *before* the push goes out, so an item the server may
  already hold is never rewritten under the same ``op_id``;
- a change to a record whose previous change is still pending and was never attempted replaces that
  item's payload (autosave would otherwise queue hundreds of drafts); the base version stays the
  one the server knows.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue

from csec_desktop.domain.base import Record, utcnow


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    QUARANTINED = "quarantined"


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


class OutboxCounts(BaseModel):
    model_config = ConfigDict(frozen=True)

    pending: int
    sent: int
    quarantined: int


_COLUMNS = (
    "seq, op_id, record_type, record_id, base_version, version, payload, created_at, state,"
    " attempts, last_error, sent_at"
)


def _item(row: tuple[Any, ...]) -> OutboxItem:
    (seq, op_id, rtype, rid, base, version, payload, created, state, attempts, error, sent) = row
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
    )


def enqueue(conn: Any, record: Record, previous_version: int | None) -> None:
    """Queue ``record`` (already at its new version) for the server. Inside the save transaction."""
    payload = record.model_dump_json()
    rid = str(record.id)
    unsent = conn.execute(
        "SELECT seq FROM outbox WHERE record_type = ? AND record_id = ? AND state = 'pending'"
        " AND attempts = 0 ORDER BY seq DESC LIMIT 1",
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


def claim(conn: Any, limit: int) -> list[OutboxItem]:
    """The oldest pending items, each with one more attempt counted. Commit before sending them."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",  # noqa: S608
        (limit,),
    ).fetchall()
    conn.executemany(
        "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", [(r[0],) for r in rows]
    )
    return [_item((*row[:9], row[9] + 1, *row[10:])) for row in rows]


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
