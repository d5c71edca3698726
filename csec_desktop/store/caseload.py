"""The caseload this laptop holds: records arriving from the county server, and leaving with a
youth that left the caseload.

Arriving (:func:`put_pulled`): the server's version of a record is stored as it came (no outbox
item: the server has it), in bulk (a restore brings thousands), unless this vault holds something
of that record the server does not: an unsent change (the push settles it: the same version, or a
conflict), or an open conflict (the person deciding it gets the newer server copy).

Leaving (:func:`remove_youth`): the youth's records go, with their history and the payloads of
changes already sent (``secure_delete`` overwrites the freed pages), and the removal is audited
(youth id and why, never a name). What the server does not hold and can still get stays: a
record with an unsent change or an open conflict, a draft (drafts never travel), and the youth
record they need to be shown. (A change the server refused is kept in the outbox, where it is
shown, whether or not its record stays.) The youth is then *departed* and those records are
shown as blocked; :func:`remove_youth` is tried again at every sync and finishes once nothing is
left to keep.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.base import Record, utcnow
from csec_desktop.domain.youth import Youth
from csec_desktop.store import audit, conflicts, youth_search
from csec_desktop.store.database import Database
from csec_desktop.store.migrations import event_date_of, references_of

DRAFT = "draft"
YOUTH = Youth.record_type


@dataclass(frozen=True, slots=True)
class Holding:
    youth_id: UUID
    kind: str  # "primary" or "coverage"
    until: datetime | None
    since: datetime


@dataclass(frozen=True, slots=True)
class Departure:
    youth_id: UUID
    reason: str
    departed_at: datetime
    kept: list[tuple[str, UUID]]  # the records still here (unsent, conflicted, drafts, the youth)


@dataclass(frozen=True, slots=True)
class Pulled:
    """A record version the server sent, and the user whose device wrote it."""

    record: Record
    updated_by: str


@dataclass(slots=True)
class PutOutcome:
    written: list[Record]  # stored as the current version
    kept_local: int = 0  # this vault holds an unsent change of it: the push settles it
    conflicts_closed: int = 0  # resolved on another laptop of the same user
    conflicts_refreshed: int = 0  # an open conflict now shows the newer server version


# --- holding -------------------------------------------------------------------------------------


def hold(conn: Any, youth_id: UUID, kind: str, until: datetime | None) -> None:
    """The server says this user holds ``youth_id`` (again): a departed youth is back. (Also
    when the server took a new youth from this laptop: its creator holds it.)"""
    conn.execute(
        "INSERT INTO caseload (youth_id, kind, until, since) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (youth_id) DO UPDATE SET kind = excluded.kind, until = excluded.until",
        (str(youth_id), kind, until.isoformat() if until else None, utcnow().isoformat()),
    )
    conn.execute("DELETE FROM departed WHERE youth_id = ?", (str(youth_id),))


def hold_many(conn: Any, youth_ids: list[UUID], kind: str) -> None:
    """:func:`hold` for many youth at once (a push of many new youth), without an end."""
    since = utcnow().isoformat()
    conn.executemany(
        "INSERT INTO caseload (youth_id, kind, until, since) VALUES (?, ?, NULL, ?)"
        " ON CONFLICT (youth_id) DO UPDATE SET kind = excluded.kind, until = NULL",
        [(str(y), kind, since) for y in youth_ids],
    )
    conn.executemany("DELETE FROM departed WHERE youth_id = ?", [(str(y),) for y in youth_ids])


def held_ids(conn: Any) -> set[str]:
    return {row[0] for row in conn.execute("SELECT youth_id FROM caseload")}


# --- arriving ------------------------------------------------------------------------------------


_Rows = tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]


def _rows(record: Record) -> _Rows:
    body = record.model_dump_json()
    fields = json.loads(body)
    rid = str(record.id)
    current = {
        "record_type": record.record_type,
        "id": rid,
        "version": record.version,
        "body": body,
        "youth_id": str(fields["youth_id"]) if fields.get("youth_id") else None,
        "status": str(fields["status"]) if fields.get("status") is not None else None,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "event_date": event_date_of(record.record_type, fields),
    }
    version = {
        "record_type": record.record_type,
        "id": rid,
        "version": record.version,
        "body": body,
        "saved_at": record.updated_at.isoformat(),
    }
    refs = [
        {"ref_type": t, "ref_id": i, "record_type": record.record_type, "record_id": rid}
        for t, i in references_of(fields)
    ]
    return current, version, refs


def write_sqlite_utils(db: Database, conn: Any, records: list[Record]) -> None:
    """Store server versions in bulk: the current versions through sqlite-utils' ``upsert_all``
    (the default; compared with plain SQL in bench/bench_pull.py). The history and references
    are ``INSERT OR IGNORE`` in plain SQL: sqlite-utils looks up the ``rowid`` of a single row
    inserted with ``ignore``, and these tables have none (``WITHOUT ROWID``)."""
    rows = [_rows(record) for record in records]
    db.sqlite_utils().table("records").upsert_all([c for c, _, _ in rows], pk=("record_type", "id"))
    _write_history_and_refs(conn, rows)


def write_raw(_db: Database, conn: Any, records: list[Record]) -> None:
    """The same writes in plain SQL (kept for the comparison in bench/bench_pull.py)."""
    rows = [_rows(record) for record in records]
    conn.executemany(
        "INSERT INTO records (record_type, id, version, body, youth_id, status, created_at,"
        " updated_at, event_date) VALUES (:record_type, :id, :version, :body, :youth_id, :status,"
        " :created_at, :updated_at, :event_date) ON CONFLICT (record_type, id) DO UPDATE SET"
        " version = excluded.version, body = excluded.body, youth_id = excluded.youth_id,"
        " status = excluded.status, created_at = excluded.created_at,"
        " updated_at = excluded.updated_at, event_date = excluded.event_date",
        [c for c, _, _ in rows],
    )
    _write_history_and_refs(conn, rows)


def _write_history_and_refs(conn: Any, rows: list[_Rows]) -> None:
    # A version number already in the history keeps its body (a local version of the same
    # number stays in history when the server's is adopted).
    conn.executemany(
        "INSERT OR IGNORE INTO record_versions (record_type, id, version, body, saved_at)"
        " VALUES (:record_type, :id, :version, :body, :saved_at)",
        [v for _, v, _ in rows],
    )
    conn.executemany(
        "DELETE FROM record_refs WHERE record_type = ? AND record_id = ?",
        [(c["record_type"], c["id"]) for c, _, _ in rows],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO record_refs (ref_type, ref_id, record_type, record_id)"
        " VALUES (:ref_type, :ref_id, :record_type, :record_id)",
        [ref for _, _, refs in rows for ref in refs],
    )


Writer = Callable[[Database, Any, list[Record]], None]
WRITE_PULLED: Writer = write_sqlite_utils


def put_pulled(
    db: Database, conn: Any, pulled: list[Pulled], *, actor: str, username: str | None
) -> PutOutcome:
    """Store a page of server versions (inside the page's transaction). ``username`` is this
    laptop's user: a newer version they wrote on another laptop closes this laptop's open
    conflict on that record (they resolved it there); anyone else's only refreshes it."""
    outcome = PutOutcome(written=[])
    if not pulled:
        return outcome
    keys = [(p.record.record_type, str(p.record.id)) for p in pulled]
    held = _versions(conn, keys)
    pending = _pending(conn, keys)
    open_conflicts = _open_conflicts(conn, keys)
    chosen: dict[tuple[str, str], Record] = {}
    for item in pulled:
        record = item.record
        key = (record.record_type, str(record.id))
        if key in open_conflicts:
            newer = [c for c in open_conflicts[key] if (c.server_version or 0) < record.version]
            if item.updated_by == username and newer:
                for conflict in open_conflicts.pop(key):
                    conflicts.resolve(conn, conflict.id, actor, "elsewhere")
                conn.execute(
                    "UPDATE outbox SET state = 'quarantined', last_error = ? WHERE state ="
                    " 'pending' AND kind = 'record' AND record_type = ? AND record_id = ?",
                    ("not sent: this conflict was resolved on another laptop", *key),
                )
                outcome.conflicts_closed += 1
                chosen[key] = record  # adopted; this laptop's versions stay in its history
                continue
            body = record.model_dump_json()
            for conflict in newer:
                conflicts.set_server_copy(conn, conflict.id, body, record.version)
                outcome.conflicts_refreshed += 1
            continue
        if key in pending:
            outcome.kept_local += 1
            continue
        known = max(held.get(key, 0), chosen[key].version if key in chosen else 0)
        if record.version > known:
            chosen[key] = record
    written = list(chosen.values())
    if written:
        WRITE_PULLED(db, conn, written)
        for record in written:
            if isinstance(record, Youth):
                youth_search.index_youth(conn, record)
        audit.append_many(
            conn,
            [
                (actor, AuditAction.SYNC_RECEIVED, r.record_type, r.id, r.version, "")
                for r in written
            ],
        )
    outcome.written = written
    return outcome


def _chunks(keys: list[tuple[str, str]], size: int = 400) -> list[list[tuple[str, str]]]:
    return [keys[i : i + size] for i in range(0, len(keys), size)]


def _versions(conn: Any, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for chunk in _chunks(keys):
        ids = sorted({rid for _, rid in chunk})
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(
            f"SELECT record_type, id, version FROM records WHERE id IN ({marks})",  # noqa: S608
            ids,
        ).fetchall()
        found.update({(t, i): int(v) for t, i, v in rows})
    return found


def _pending(conn: Any, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for chunk in _chunks(keys):
        ids = sorted({rid for _, rid in chunk})
        marks = ", ".join("?" * len(ids))
        where = f"state = 'pending' AND kind = 'record' AND record_id IN ({marks})"
        rows = conn.execute(
            f"SELECT DISTINCT record_type, record_id FROM outbox WHERE {where}",  # noqa: S608
            ids,
        ).fetchall()
        found.update((t, i) for t, i in rows)
    return found


def _open_conflicts(
    conn: Any, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], list[conflicts.SyncConflict]]:
    wanted = set(keys)
    found: dict[tuple[str, str], list[conflicts.SyncConflict]] = {}
    for conflict in conflicts.listed(conn, open_only=True):
        key = (conflict.record_type, str(conflict.record_id))
        if key in wanted:
            found.setdefault(key, []).append(conflict)
    return found


# --- leaving -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemovalOutcome:
    removed: int  # records that left the vault
    kept: list[tuple[str, UUID]]  # records that stay until the server holds them (or drafts)


def _belonging(conn: Any, youth_id: UUID) -> dict[tuple[str, str], set[str]]:
    """The records of ``youth_id``, with every youth each belongs to: the youth itself, records
    pointing at it, and records pointing at those without a youth of their own (a review)."""
    yid = str(youth_id)
    found: dict[tuple[str, str], set[str]] = {}
    if conn.execute(
        "SELECT 1 FROM records WHERE record_type = ? AND id = ?", (YOUTH, yid)
    ).fetchone():
        found[(YOUTH, yid)] = {yid}
    direct = conn.execute(
        "SELECT record_type, record_id FROM record_refs WHERE ref_type = ? AND ref_id = ?",
        (YOUTH, yid),
    ).fetchall()
    for rtype, rid in direct:
        found[(rtype, rid)] = set()
    for rtype, rid in list(found):
        for (ref_id,) in conn.execute(
            "SELECT ref_id FROM record_refs WHERE record_type = ? AND record_id = ?"
            " AND ref_type = ?",
            (rtype, rid, YOUTH),
        ):
            found[(rtype, rid)].add(ref_id)
    parents = [key for key in found if key[0] != YOUTH]
    for rtype, rid in parents:
        for child_type, child_id in conn.execute(
            "SELECT f.record_type, f.record_id FROM record_refs f WHERE f.ref_type = ?"
            " AND f.ref_id = ? AND NOT EXISTS (SELECT 1 FROM record_refs y WHERE"
            " y.record_type = f.record_type AND y.record_id = f.record_id AND y.ref_type = ?)",
            (rtype, rid, YOUTH),
        ):
            found.setdefault((child_type, child_id), {yid})
    return found


def _kept(conn: Any, key: tuple[str, str]) -> bool:
    """Whether this vault holds something of the record the server does not, that a sync or a
    person can still settle: an unsent change, an open conflict, a draft. (A change the server
    refused stays in the outbox, content and reason, whatever happens to the record; it does
    not keep the record on the laptop.)"""
    rtype, rid = key
    unsent = conn.execute(
        "SELECT 1 FROM outbox WHERE record_type = ? AND record_id = ? AND kind = 'record'"
        " AND state = 'pending' LIMIT 1",
        (rtype, rid),
    ).fetchone()
    if unsent:
        return True
    if conn.execute(
        "SELECT 1 FROM sync_conflicts WHERE record_type = ? AND record_id = ?"
        " AND resolved_at IS NULL LIMIT 1",
        (rtype, rid),
    ).fetchone():
        return True
    status = conn.execute(
        "SELECT status FROM records WHERE record_type = ? AND id = ?", (rtype, rid)
    ).fetchone()
    return bool(status and status[0] == DRAFT)


def remove_youth(conn: Any, youth_id: UUID, reason: str, *, actor: str) -> RemovalOutcome:
    """Take ``youth_id``'s records out of the vault, all but what the server does not hold
    (inside the caller's transaction). The youth leaves the caseload either way."""
    yid = str(youth_id)
    conn.execute("DELETE FROM caseload WHERE youth_id = ?", (yid,))
    still_held = held_ids(conn)
    belonging = _belonging(conn, youth_id)
    kept: list[tuple[str, str]] = []
    leaving: list[tuple[str, str]] = []
    for key, youth in belonging.items():
        if (youth - {yid}) & still_held:
            continue  # it belongs to another youth this laptop still holds (a group session)
        (kept if _kept(conn, key) else leaving).append(key)
    if kept and (YOUTH, yid) in leaving:
        leaving.remove((YOUTH, yid))  # what stays is shown with the youth it is about
        kept.append((YOUTH, yid))
    for rtype, rid in leaving:
        _delete_record(conn, rtype, rid)
        if rtype == YOUTH:
            youth_search.unindex_youth(conn, UUID(rid))
    if kept:
        conn.execute(
            "INSERT INTO departed (youth_id, reason, departed_at) VALUES (?, ?, ?)"
            " ON CONFLICT (youth_id) DO NOTHING",
            (yid, reason, utcnow().isoformat()),
        )
    else:
        conn.execute("DELETE FROM departed WHERE youth_id = ?", (yid,))
    if leaving:
        note = f"left this laptop: {reason}; {len(leaving)} records"
        if kept:
            note += f", {len(kept)} kept until sent"
        audit.append(
            conn,
            actor=actor,
            action=AuditAction.CASELOAD_REMOVAL,
            record_type=YOUTH,
            record_id=youth_id,
            detail=note[:200],
        )
    return RemovalOutcome(len(leaving), [(t, UUID(i)) for t, i in kept])


def _delete_record(conn: Any, rtype: str, rid: str) -> None:
    for sql in (
        "DELETE FROM records WHERE record_type = ? AND id = ?",
        "DELETE FROM record_versions WHERE record_type = ? AND id = ?",
        "DELETE FROM record_refs WHERE record_type = ? AND record_id = ?",
        # What was sent holds the content too; the server has it.
        "DELETE FROM outbox WHERE record_type = ? AND record_id = ? AND state = 'sent'"
        " AND kind = 'record'",
        "DELETE FROM sync_conflicts WHERE record_type = ? AND record_id = ?"
        " AND resolved_at IS NOT NULL",
    ):
        conn.execute(sql, (rtype, rid))


def departed_ids(conn: Any) -> list[UUID]:
    return [UUID(row[0]) for row in conn.execute("SELECT youth_id FROM departed ORDER BY 1")]


# --- the repository -----------------------------------------------------------------------------


class CaseloadRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def held(self) -> dict[UUID, Holding]:
        """The youth the county server last said this laptop's user holds."""

        def _held(conn: Any) -> dict[UUID, Holding]:
            rows = conn.execute("SELECT youth_id, kind, until, since FROM caseload").fetchall()
            return {
                UUID(y): Holding(
                    UUID(y),
                    kind,
                    datetime.fromisoformat(until) if until else None,
                    datetime.fromisoformat(since),
                )
                for y, kind, until, since in rows
            }

        return self._db.read(_held)

    def departures(self) -> list[Departure]:
        """Youth that left the caseload while this laptop kept some of their records."""

        def _departures(conn: Any) -> list[Departure]:
            found = []
            rows = conn.execute(
                "SELECT youth_id, reason, departed_at FROM departed ORDER BY departed_at"
            ).fetchall()
            for yid, reason, at in rows:
                kept = [(t, UUID(i)) for t, i in _belonging(conn, UUID(yid)) if _exists(conn, t, i)]
                found.append(Departure(UUID(yid), reason, datetime.fromisoformat(at), kept))
            return found

        return self._db.read(_departures)


def _exists(conn: Any, rtype: str, rid: str) -> bool:
    row = conn.execute("SELECT 1 FROM records WHERE record_type = ? AND id = ?", (rtype, rid))
    return row.fetchone() is not None
