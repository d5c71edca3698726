"""The server's append-only, hash-chained audit log.

There is one chain per user (what they pushed, read and decided) and one per county (administrative
actions). A chain's head lives on its user or county row, which is locked while appending, so
concurrent requests of different users never wait on each other and each chain stays linear.
Entries name records, never their content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Table, select, update

from csec_desktop.domain import utcnow
from csec_desktop.server.schema import GENESIS_HASH, audit_events, counties, users

# ``json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)`` is this encoder's
# ``encode``: made once rather than per entry (a push writes one entry per record). The text is
# what every stored hash was made from: never change these options.
_ENTRY_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, fields: dict[str, object]) -> str:
    return _chained(prev_hash, _ENTRY_ENCODER.encode(fields))


def _chained(prev_hash: str, text: str) -> str:
    """An entry's hash: its fields' text chained to the hash before it."""
    return hashlib.sha256((prev_hash + text).encode()).hexdigest()


_ascii_string = json.encoder.encode_basestring_ascii  # what the encoder writes a ``str`` with


def _value_text(value: object) -> str:
    """``_ENTRY_ENCODER.encode(value)``, quicker for exactly ``str``, ``int`` and ``None``."""
    if type(value) is str:
        return _ascii_string(value)
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return _ENTRY_ENCODER.encode(value)


def _entry_text(fields: dict[str, object]) -> str:
    """``_ENTRY_ENCODER.encode(fields)`` for the fields ``_entry`` makes (their keys, sorted):
    each value written as the encoder writes it, without sorting and walking a dict per entry
    (a push writes one entry per record; issue 16's sixth milestone)."""
    return (
        f'{{"action":{_value_text(fields["action"])},"actor":{_value_text(fields["actor"])},'
        f'"at":{_value_text(fields["at"])},"chain":{_value_text(fields["chain"])},'
        f'"detail":{_value_text(fields["detail"])},'
        f'"record_id":{_value_text(fields["record_id"])},'
        f'"record_type":{_value_text(fields["record_type"])},'
        f'"record_version":{_value_text(fields["record_version"])},'
        f'"seq":{_value_text(fields["seq"])}}}'
    )


def _entry(
    chain: str,
    seq: int,
    prev_hash: str,
    *,
    county_id: int,
    actor: str,
    action: str,
    record_type: str | None,
    record_id: UUID | None,
    record_version: int | None,
    detail: str,
    at: datetime | None,
) -> dict[str, Any]:
    """The audit row following ``prev_hash`` in ``chain``."""
    when = at or utcnow()
    fields: dict[str, object] = {
        "chain": chain,
        "seq": seq,
        "at": when.isoformat(),
        "actor": actor,
        "action": action,
        "record_type": record_type,
        "record_id": str(record_id) if record_id else None,
        "record_version": record_version,
        "detail": detail,
    }
    return {
        "chain": chain,
        "seq": seq,
        "county_id": county_id,
        "at": when,
        "actor": actor,
        "action": action,
        "record_type": record_type,
        "record_id": record_id,
        "record_version": record_version,
        "detail": detail,
        "prev_hash": prev_hash,
        "hash": _chained(prev_hash, _entry_text(fields)),
    }


def append(
    conn: Connection,
    *,
    county_id: int,
    actor: str,
    action: str,
    user_id: int | None = None,
    record_type: str | None = None,
    record_id: UUID | None = None,
    record_version: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Add one entry to the user's chain (or the county's when ``user_id`` is None)."""
    if user_id is not None:
        table, key, chain = users, user_id, f"user:{user_id}"
    else:
        table, key, chain = counties, county_id, f"county:{county_id}"
    head = conn.execute(
        select(table.c.audit_seq, table.c.audit_head).where(table.c.id == key).with_for_update()
    ).one()
    row = _entry(
        chain,
        head.audit_seq + 1,
        head.audit_head,
        county_id=county_id,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        record_version=record_version,
        detail=detail,
        at=at,
    )
    conn.execute(audit_events.insert(), row)
    conn.execute(
        update(table).where(table.c.id == key).values(audit_seq=row["seq"], audit_head=row["hash"])
    )


RowsWriter = Callable[[Connection, Table, Sequence[dict[str, Any]]], None]


class UserChainWriter:
    """Collects one user's entries during a transaction and writes them in one go at the end.

    Takes the user row lock at once, so the chain cannot move under it; a push batch of 500
    records then costs two statements of audit instead of 1,500.
    """

    def __init__(self, conn: Connection, user_id: int, county_id: int) -> None:
        head = conn.execute(
            select(users.c.audit_seq, users.c.audit_head)
            .where(users.c.id == user_id)
            .with_for_update()
        ).one()
        self._user_id, self._county_id = user_id, county_id
        self._seq, self._head = int(head.audit_seq), str(head.audit_head)
        self._rows: list[dict[str, Any]] = []

    def add(
        self,
        *,
        actor: str,
        action: str,
        record_type: str | None = None,
        record_id: UUID | None = None,
        record_version: int | None = None,
        detail: str = "",
        at: datetime | None = None,
    ) -> None:
        row = _entry(
            f"user:{self._user_id}",
            self._seq + 1,
            self._head,
            county_id=self._county_id,
            actor=actor,
            action=action,
            record_type=record_type,
            record_id=record_id,
            record_version=record_version,
            detail=detail,
            at=at,
        )
        self._rows.append(row)
        self._seq, self._head = row["seq"], row["hash"]

    def flush(self, conn: Connection, insert: RowsWriter | None = None) -> None:
        """Write the entries and the user's new chain head (``insert``: how to write the rows
        when the caller has a faster way than Core's, see ``push_writes``)."""
        if not self._rows:
            return
        if insert is None:
            conn.execute(audit_events.insert(), self._rows)
        else:
            insert(conn, audit_events, self._rows)
        conn.execute(
            update(users)
            .where(users.c.id == self._user_id)
            .values(audit_seq=self._seq, audit_head=self._head)
        )
        self._rows = []


def verify_chain(conn: Connection, chain: str) -> bool:
    """True when every entry of ``chain`` links to the one before and its hash matches."""
    prev = GENESIS_HASH
    rows = conn.execute(
        select(audit_events).where(audit_events.c.chain == chain).order_by(audit_events.c.seq)
    )
    for expected_seq, row in enumerate(rows, start=1):
        fields: dict[str, object] = {
            "chain": row.chain,
            "seq": row.seq,
            "at": row.at.isoformat(),
            "actor": row.actor,
            "action": row.action,
            "record_type": row.record_type,
            "record_id": str(row.record_id) if row.record_id else None,
            "record_version": row.record_version,
            "detail": row.detail,
        }
        if row.seq != expected_seq or row.prev_hash != prev or entry_hash(prev, fields) != row.hash:
            return False
        prev = row.hash
    return True
