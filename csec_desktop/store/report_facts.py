"""What the county report reads: the few fields it counts of each screening, identification,
obligation and youth, from ``report_facts`` instead of the records' bodies.

A screening's body (answers, evidence, notes) is about 5 KB and spans SQLCipher overflow pages,
each decrypted and authenticated when read; its facts are a few hundred bytes in one page. The
table is derived, never written by hand: triggers on ``records`` (migration 6) write a record's
facts in the transaction that writes, pulls or removes the record, whichever code path does it.
The facts are the record's own JSON values, so the report's views (``domain.reporting``) parse
them exactly as they would parse the body (``tests/unit/test_report_facts.py`` checks they agree
after every kind of write).

Runs on the database lane (``Store`` calls it).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar
from uuid import UUID

from csec_desktop.domain.base import STORED, Record
from csec_desktop.store.errors import RecordNotFound

R = TypeVar("R", bound=Record)

# The record types whose facts are kept (migration 6's triggers).
REPORTED_TYPES = frozenset({"screening", "identification", "obligation", "youth"})


def _reported(model: type[Record]) -> str:
    if model.record_type not in REPORTED_TYPES:
        raise ValueError(f"no report facts are kept for {model.record_type} records")
    return model.record_type


def listed(
    conn: Any,
    model: type[R],
    *,
    statuses: Collection[str] | None = None,
    event_from: str | None = None,
    event_before: str | None = None,
) -> list[R]:
    """The facts of every record of ``model``'s type, optionally of some statuses and within
    event dates (as ``RecordRepository.listed``: ISO dates or UTC ISO times), unordered."""
    clauses = ["record_type = ?"]
    params: list[Any] = [_reported(model)]
    if statuses is not None:
        wanted = sorted(statuses)
        if not wanted:
            return []
        clauses.append(f"status IN ({', '.join('?' * len(wanted))})")
        params += wanted
    if event_from is not None:
        clauses.append("event_date >= ?")
        params.append(event_from)
    if event_before is not None:
        clauses.append("event_date < ?")
        params.append(event_before)
    sql = f"SELECT facts FROM report_facts WHERE {' AND '.join(clauses)}"  # noqa: S608
    return [model.model_validate_json(r[0], context=STORED) for r in conn.execute(sql, params)]


def one(conn: Any, model: type[R], record_id: UUID) -> R:
    """The facts of one record, or ``RecordNotFound``."""
    row = conn.execute(
        "SELECT facts FROM report_facts WHERE record_type = ? AND id = ?",
        (_reported(model), str(record_id)),
    ).fetchone()
    if row is None:
        raise RecordNotFound(model.record_type)
    return model.model_validate_json(row[0], context=STORED)


def find(conn: Any, model: type[R], record_ids: Collection[UUID]) -> list[R]:
    """The facts of those of ``record_ids`` this vault holds (any order)."""
    rtype = _reported(model)
    ids = sorted(str(i) for i in record_ids)
    found: list[R] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on ? in one statement
        chunk = ids[start : start + 500]
        rows = conn.execute(
            "SELECT facts FROM report_facts WHERE record_type = ?"  # noqa: S608 (placeholders)
            f" AND id IN ({', '.join('?' * len(chunk))})",
            [rtype, *chunk],
        )
        found += [model.model_validate_json(r[0], context=STORED) for r in rows]
    return found


__all__ = ["REPORTED_TYPES", "find", "listed", "one"]
