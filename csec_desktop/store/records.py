"""Records: the current version of each, every version ever saved, and what each points at.

A save writes, in one transaction, the new version, its outbox item and its audit entry. Records
the county server sends (a supervisor's review, a version adopted to resolve a conflict, a pulled
caseload) are stored as they came, with no outbox item: the server already holds them.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.base import STORED, Record, utcnow
from csec_desktop.domain.limits import size_problem
from csec_desktop.domain.youth import Youth
from csec_desktop.store import audit, outbox, youth_search
from csec_desktop.store.database import Database
from csec_desktop.store.errors import RecordNotFound, RecordTooLarge, StaleVersion
from csec_desktop.store.migrations import event_date_of, references_of

R = TypeVar("R", bound=Record)


def _youth_id_of(record: Record) -> str | None:
    value = getattr(record, "youth_id", None)
    return str(value) if value is not None else None


def _status_of(record: Record) -> str | None:
    value = getattr(record, "status", None)
    return str(value) if value is not None else None


def write_record(
    conn: Any, record: Record, *, keep_history: bool = False, check_size: bool = False
) -> None:
    """Upsert the current version and add it to ``record_versions``. With ``keep_history``
    a version number already in the history keeps its saved body (a server version adopted
    over a local one of the same number: the local one stays in history). ``check_size``
    refuses a record over its type's limit (``RecordTooLarge``, a ``StoreError``)."""
    body = record.model_dump_json()
    if check_size:
        problem = size_problem(record.record_type, len(body.encode()))
        if problem is not None:
            raise RecordTooLarge(problem)
    rid = str(record.id)
    fields = json.loads(body)
    conn.execute(
        "INSERT INTO records (record_type, id, version, body, youth_id, status, created_at,"
        " updated_at, event_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (record_type, id) DO UPDATE SET version = excluded.version,"
        " body = excluded.body, youth_id = excluded.youth_id, status = excluded.status,"
        " updated_at = excluded.updated_at, event_date = excluded.event_date",
        (
            record.record_type,
            rid,
            record.version,
            body,
            _youth_id_of(record),
            _status_of(record),
            record.created_at.isoformat(),
            record.updated_at.isoformat(),
            event_date_of(record.record_type, fields),
        ),
    )
    conn.execute(
        "DELETE FROM record_refs WHERE record_type = ? AND record_id = ?",
        (record.record_type, rid),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO record_refs (ref_type, ref_id, record_type, record_id)"
        " VALUES (?, ?, ?, ?)",
        [(t, i, record.record_type, rid) for t, i in references_of(fields)],
    )
    conn.execute(
        f"INSERT{' OR IGNORE' if keep_history else ''} INTO record_versions"
        " (record_type, id, version, body, saved_at) VALUES (?, ?, ?, ?, ?)",
        (record.record_type, rid, record.version, body, record.updated_at.isoformat()),
    )
    if isinstance(record, Youth):
        youth_search.index_youth(conn, record)


def current_version(conn: Any, record_type: str, record_id: UUID | str) -> int | None:
    row = conn.execute(
        "SELECT version FROM records WHERE record_type = ? AND id = ?",
        (record_type, str(record_id)),
    ).fetchone()
    return None if row is None else int(row[0])


class RecordRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- saving ---------------------------------------------------------------------------------

    def save(self, record: R, *, actor: str, updated_at: datetime | None = None) -> R:
        """Save ``record`` as a new version, with its outbox and audit rows, in one transaction.

        ``record.version`` must be the version it was read at (1 for a new record); otherwise the
        save is refused with ``StaleVersion``. Returns the saved copy with its new version. The
        commit is durable (fsync) when this returns. ``updated_at`` (default: now) is for a change
        every laptop makes alike from the same cause (a review decision applied): the same
        content, so the server takes the second laptop's as a duplicate.
        """
        return self._db.call(self._save, record, actor, updated_at)

    def _save(self, record: R, actor: str, updated_at: datetime | None = None) -> R:
        self._db.refuse_if_read_only()  # the offline lease
        rtype = record.record_type
        with self._db.transaction() as conn:
            held = current_version(conn, rtype, record.id)
            now = updated_at or utcnow()
            if held is None:
                if record.version != 1:
                    raise StaleVersion(rtype, record.version, 0)
                saved = record.model_copy(update={"updated_at": max(now, record.created_at)})
                previous: int | None = None
                action = AuditAction.CREATE
            else:
                if held != record.version:
                    raise StaleVersion(rtype, record.version, held)
                saved = record.model_copy(update={"version": held + 1, "updated_at": now})
                previous = held
                action = AuditAction.UPDATE
            write_record(conn, saved, check_size=True)
            outbox.enqueue(conn, saved, previous)
            audit.append(
                conn,
                actor=actor,
                action=action,
                record_type=rtype,
                record_id=saved.id,
                record_version=saved.version,
            )
        return saved

    def save_many(self, records: list[R], *, actor: str) -> list[R]:
        """Save several records in one transaction (imports, demo data)."""

        def _save_all() -> list[R]:
            with self._db.transaction():
                return [self._save(record, actor) for record in records]

        return self._db.call(_save_all)

    def save_on_server_version(self, record: R, *, server_version: int, actor: str) -> R:
        """Save ``record`` as a change of the server's version ``server_version`` (resolving a
        conflict): its outbox item is based on that version, and its local version number is
        above every version this vault already holds of it (held-back edits included)."""

        def _save(conn: Any) -> R:
            top = conn.execute(
                "SELECT max(version) FROM record_versions WHERE record_type = ? AND id = ?",
                (record.record_type, str(record.id)),
            ).fetchone()[0]
            version = max(top or 0, server_version) + 1
            saved = record.model_copy(update={"version": version, "updated_at": utcnow()})
            write_record(conn, saved)
            outbox.enqueue(conn, saved, server_version)
            audit.append(
                conn,
                actor=actor,
                action=AuditAction.UPDATE,
                record_type=saved.record_type,
                record_id=saved.id,
                record_version=saved.version,
                detail="saved on the server's version",
            )
            return saved

        self._db.refuse_if_read_only()
        return self._db.write(_save)

    def adopt_server_version(self, record: Record, *, actor: str, detail: str = "") -> None:
        """Make the server's version of a record the current one here, whatever this vault held:
        no outbox item (the server has it). Nothing is lost: the versions this vault saved stay
        in ``record_versions`` (and in the conflict that asked for this)."""

        def _adopt(conn: Any) -> None:
            write_record(conn, record, keep_history=True)
            audit.append(
                conn,
                actor=actor,
                action=AuditAction.SYNC_RECEIVED,
                record_type=record.record_type,
                record_id=record.id,
                record_version=record.version,
                detail=detail or "server version adopted",
            )

        self._db.refuse_if_read_only()
        self._db.write(_adopt)

    def put_server_record(self, record: Record, *, actor: str) -> bool:
        """Store a record the county server made (a supervisor's review) as it came: no outbox
        item, since the server is where it lives. False when this vault already holds it."""

        def _put(conn: Any) -> bool:
            held = current_version(conn, record.record_type, record.id)
            if held is not None and held >= record.version:
                return False
            write_record(conn, record)
            audit.append(
                conn,
                actor=actor,
                action=AuditAction.SYNC_RECEIVED,
                record_type=record.record_type,
                record_id=record.id,
                record_version=record.version,
            )
            return True

        return self._db.write(_put)

    # -- reading --------------------------------------------------------------------------------

    def get(self, model: type[R], record_id: UUID) -> R:
        """The current version of a record, or ``RecordNotFound``."""

        def _get(conn: Any) -> R:
            row = conn.execute(
                "SELECT body FROM records WHERE record_type = ? AND id = ?",
                (model.record_type, str(record_id)),
            ).fetchone()
            if row is None:
                raise RecordNotFound(model.record_type)
            return model.model_validate_json(row[0], context=STORED)

        return self._db.read(_get)

    def listed(
        self,
        model: type[R],
        *,
        youth_id: UUID | None = None,
        status: str | None = None,
        statuses: Collection[str] | None = None,
        referencing: tuple[str, UUID] | None = None,
        event_from: str | None = None,
        event_before: str | None = None,
        limit: int | None = None,
        ordered: bool = True,
    ) -> list[R]:
        """Current versions of one record type, newest change first, optionally filtered.

        ``referencing=("youth", id)`` finds records pointing at that record (a session listing
        the youth as an attendee, a review of a screening, ...). ``event_from``/``event_before``
        bound the record's event date (its screening/session/training date, an obligation's due
        time, ...; see ``migrations.EVENT_DATE_FIELDS``): ISO dates or UTC ISO times. No limit
        unless one is given: a silent cut-off would make counts wrong. ``statuses`` keeps any of
        several statuses; ``ordered=False`` skips sorting (aggregates do not need it).
        """
        clauses = ["r.record_type = ?"]
        params: list[Any] = [model.record_type]
        join = ""
        if youth_id is not None:
            clauses.append("r.youth_id = ?")
            params.append(str(youth_id))
        if status is not None:
            clauses.append("r.status = ?")
            params.append(status)
        if statuses is not None:
            wanted = sorted(statuses)
            if not wanted:
                return []
            clauses.append(f"r.status IN ({', '.join('?' * len(wanted))})")
            params.extend(wanted)
        if referencing is not None:
            join = (
                " JOIN record_refs f ON f.record_type = r.record_type AND f.record_id = r.id"
                " AND f.ref_type = ? AND f.ref_id = ?"
            )
            params[:0] = [referencing[0], str(referencing[1])]
        if event_from is not None:
            clauses.append("r.event_date >= ?")
            params.append(event_from)
        if event_before is not None:
            clauses.append("r.event_date < ?")
            params.append(event_before)
        sql = f"SELECT r.body FROM records r{join} WHERE {' AND '.join(clauses)}"  # noqa: S608
        if ordered:
            sql += " ORDER BY r.updated_at DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)

        def _list(conn: Any) -> list[R]:
            rows = conn.execute(sql, params).fetchall()
            return [model.model_validate_json(r[0], context=STORED) for r in rows]

        return self._db.read(_list)

    def exists(self, model: type[R], record_id: UUID) -> bool:
        return self._db.read(
            lambda conn: current_version(conn, model.record_type, record_id) is not None
        )

    def count(self, model: type[R]) -> int:
        def _count(conn: Any) -> int:
            row = conn.execute(
                "SELECT count(*) FROM records WHERE record_type = ?", (model.record_type,)
            ).fetchone()
            return int(row[0])

        return self._db.read(_count)

    def history(self, model: type[R], record_id: UUID) -> list[R]:
        """Every saved version of a record, oldest first."""

        def _history(conn: Any) -> list[R]:
            rows = conn.execute(
                "SELECT body FROM record_versions WHERE record_type = ? AND id = ?"
                " ORDER BY version",
                (model.record_type, str(record_id)),
            ).fetchall()
            return [model.model_validate_json(r[0], context=STORED) for r in rows]

        return self._db.read(_history)

    def total(self) -> int:
        """How many records (of every type) the vault holds."""
        return self._db.read(
            lambda conn: int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
        )

    def counts_by_type(self) -> dict[str, int]:
        """How many records of each type the vault holds (for IT checking a restore)."""

        def _counts(conn: Any) -> dict[str, int]:
            rows = conn.execute(
                "SELECT record_type, count(*) FROM records GROUP BY record_type ORDER BY 1"
            ).fetchall()
            return {str(t): int(n) for t, n in rows}

        return self._db.read(_counts)
