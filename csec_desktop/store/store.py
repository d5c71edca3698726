"""The encrypted record store: every read and write of the local vault database.

All work runs on the database lane (see ``lane.py``); the public methods may be called from any
thread and wait for their result, or be wrapped by the GUI's task runner with ``submit``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from csec_desktop.domain.audit import AuditAction, AuditEvent
from csec_desktop.domain.base import STORED, Record, utcnow
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.limits import size_problem
from csec_desktop.domain.obligation import Obligation
from csec_desktop.domain.youth import Youth
from csec_desktop.store import audit, caseload, integrity, outbox, sync_state, youth_search
from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.caseload import ScreeningToFinish, YouthFacts
from csec_desktop.store.errors import (
    RecordNotFound,
    RecordTooLarge,
    StaleVersion,
    StoreClosed,
    StoreDamaged,
)
from csec_desktop.store.lane import DatabaseLane
from csec_desktop.store.migrations import event_date_of, migrate, references_of
from csec_desktop.store.outbox import OutboxCounts, OutboxItem, OutboxState

R = TypeVar("R", bound=Record)
T = TypeVar("T")
P = ParamSpec("P")


def _youth_id_of(record: Record) -> str | None:
    value = getattr(record, "youth_id", None)
    return str(value) if value is not None else None


def _status_of(record: Record) -> str | None:
    value = getattr(record, "status", None)
    return str(value) if value is not None else None


class Store:
    """An open, unlocked vault database. ``close()`` drops the connection (and with it the key)."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        *,
        create: bool = False,
        connector: Callable[..., Any] = sc.connect,
    ) -> None:
        """Open (or with ``create``, make) the vault database at ``path`` with its data key.

        ``connector`` exists so benchmarks can run this same code on a plain SQLite file for
        comparison; the app always uses the SQLCipher one.
        """
        self.path = path
        self._connector = connector
        self._lane = DatabaseLane()
        self._conn: Any = None
        self._shut = False
        self._damage: str | None = None  # the first damage this session found (see ``damage``)
        self._pages_checked = False
        try:
            self._lane.call(self._open, key, create)
        except BaseException:
            self._lane.shutdown()
            raise

    # -- lane and transactions ------------------------------------------------------------

    def _open(self, key: bytes, create: bool) -> None:
        conn = self._connector(self.path, key, create=create)
        try:
            migrate(conn)
        except sc.DatabaseError as exc:
            conn.close()
            raise StoreDamaged(self.path.name, type(exc).__name__) from None
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    @property
    def closed(self) -> bool:
        return self._conn is None

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` on the database lane and return its result."""
        if self._shut:
            raise StoreClosed()
        return self._lane.call(self._guarded, lambda: fn(*args, **kwargs))

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue ``fn`` on the database lane; the future resolves with its result."""
        if self._shut:
            raise StoreClosed()
        return self._lane.submit(self._guarded, lambda: fn(*args, **kwargs))

    def _guarded(self, work: Callable[[], T]) -> T:
        # A page that fails its HMAC or a corrupt b-tree surfaces as a bare DatabaseError from
        # whichever query touches it; say plainly which file is damaged instead of a traceback.
        try:
            return work()
        except sc.DatabaseError as exc:
            if integrity.is_damage(exc, self._damage is not None):
                self._damage = self._damage or "a page could not be read"
                raise StoreDamaged(self.path.name, self._damage) from None
            raise

    def _connection(self) -> Any:
        if self._conn is None:
            raise StoreClosed()
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """BEGIN IMMEDIATE ... COMMIT; nested use becomes a savepoint of the outer transaction."""
        conn = self._connection()
        if conn.in_transaction:
            conn.execute("SAVEPOINT nested")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK TO nested")
                conn.execute("RELEASE nested")
                raise
            conn.execute("RELEASE nested")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Checkpoint and close the connection, then stop the lane. Safe to call twice."""

        def _close() -> None:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    self._conn.close()
                    self._conn = None

        if self._shut:
            return
        try:
            self._lane.call(_close)
        finally:
            self._shut = True
            self._lane.shutdown()

    # -- records --------------------------------------------------------------------------

    def save(self, record: R, *, actor: str) -> R:
        """Save ``record`` as a new version, with its outbox and audit rows, in one transaction.

        ``record.version`` must be the version it was read at (1 for a new record); otherwise the
        save is refused with ``StaleVersion``. Returns the saved copy with its new version. The
        commit is durable (fsync) when this returns.
        """
        return self.call(self._save, record, actor)

    def _save(self, record: R, actor: str) -> R:
        self._refuse_if_read_only()  # the offline lease (see the sync section below)
        rtype = record.record_type
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT version FROM records WHERE record_type = ? AND id = ?",
                (rtype, str(record.id)),
            ).fetchone()
            now = utcnow()
            if row is None:
                if record.version != 1:
                    raise StaleVersion(rtype, record.version, 0)
                saved = record.model_copy(update={"updated_at": max(now, record.created_at)})
                previous: int | None = None
                action = AuditAction.CREATE
            else:
                if row[0] != record.version:
                    raise StaleVersion(rtype, record.version, row[0])
                saved = record.model_copy(update={"version": row[0] + 1, "updated_at": now})
                previous = row[0]
                action = AuditAction.UPDATE
            self._write(conn, saved, check_size=True)
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
        """Save several records in one transaction (imports, demo data, applying a pull)."""

        def _save_all() -> list[R]:
            with self._transaction():
                return [self._save(record, actor) for record in records]

        return self.call(_save_all)

    def _write(
        self, conn: Any, record: Record, *, keep_history: bool = False, check_size: bool = False
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
            self._index_youth(conn, record)

    def _index_youth(self, conn: Any, youth: Youth) -> None:
        youth_search.index_youth(conn, youth)

    def get(self, model: type[R], record_id: UUID) -> R:
        """The current version of a record, or ``RecordNotFound``."""

        def _get() -> R:
            row = (
                self._connection()
                .execute(
                    "SELECT body FROM records WHERE record_type = ? AND id = ?",
                    (model.record_type, str(record_id)),
                )
                .fetchone()
            )
            if row is None:
                raise RecordNotFound(model.record_type)
            return model.model_validate_json(row[0], context=STORED)

        return self.call(_get)

    def records(
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

        def _list() -> list[R]:
            rows = self._connection().execute(sql, params).fetchall()
            return [model.model_validate_json(r[0], context=STORED) for r in rows]

        return self.call(_list)

    def exists(self, model: type[R], record_id: UUID) -> bool:
        def _exists() -> bool:
            row = (
                self._connection()
                .execute(
                    "SELECT 1 FROM records WHERE record_type = ? AND id = ?",
                    (model.record_type, str(record_id)),
                )
                .fetchone()
            )
            return row is not None

        return self.call(_exists)

    def count(self, model: type[R]) -> int:
        def _count() -> int:
            row = (
                self._connection()
                .execute("SELECT count(*) FROM records WHERE record_type = ?", (model.record_type,))
                .fetchone()
            )
            return int(row[0])

        return self.call(_count)

    def history(self, model: type[R], record_id: UUID) -> list[R]:
        """Every saved version of a record, oldest first."""

        def _history() -> list[R]:
            rows = (
                self._connection()
                .execute(
                    "SELECT body FROM record_versions WHERE record_type = ? AND id = ?"
                    " ORDER BY version",
                    (model.record_type, str(record_id)),
                )
                .fetchall()
            )
            return [model.model_validate_json(r[0], context=STORED) for r in rows]

        return self.call(_history)

    def search_youth(self, text: str, *, limit: int = 50) -> list[Youth]:
        """Youth by name (forgiving typos and spelling variants), date of birth or county client
        id: ``youth_search.search``."""
        return self.call(lambda: youth_search.search(self._connection(), text, limit))

    def possible_duplicates(self, youth: Youth) -> list[Youth]:
        """Other youth who may be the same person: ``youth_search.possible_duplicates``."""
        return self.call(lambda: youth_search.possible_duplicates(self._connection(), youth))

    def listed_youth(self, limit: int) -> tuple[list[Youth], int]:
        """The first ``limit`` youth by family name, and the total: ``caseload.listed``."""
        return self.call(lambda: caseload.listed(self._connection(), limit))

    def youth_facts(self, youth_ids: Collection[UUID], now: datetime) -> dict[UUID, YouthFacts]:
        """Latest screening, risk, open obligations, missing now: ``caseload.facts``."""
        ids = [str(i) for i in youth_ids]
        found = self.call(lambda: caseload.facts(self._connection(), ids, now))
        return {UUID(key): value for key, value in found.items()}

    def open_obligations(self) -> list[Obligation]:
        """Obligations not done yet: ``caseload.open_obligations``."""
        return self.call(lambda: caseload.open_obligations(self._connection()))

    def open_missing_episodes(self) -> list[MissingEpisode]:
        """Missing episodes not ended: ``caseload.open_missing_episodes``."""
        return self.call(lambda: caseload.open_missing_episodes(self._connection()))

    def screenings_to_finish(self, statuses: tuple[str, ...]) -> list[ScreeningToFinish]:
        """Draft or returned screenings, unparsed: ``caseload.screenings_to_finish``."""
        return self.call(lambda: caseload.screenings_to_finish(self._connection(), statuses))

    def youth_names(self, youth_ids: Collection[UUID]) -> dict[UUID, tuple[str, str]]:
        """Family name and the name each goes by: ``caseload.youth_names``."""
        ids = [str(i) for i in youth_ids]
        found = self.call(lambda: caseload.youth_names(self._connection(), ids))
        return {UUID(key): value for key, value in found.items()}

    # -- audit ----------------------------------------------------------------------------

    def record_event(
        self,
        action: AuditAction,
        *,
        actor: str,
        record: Record | None = None,
        detail: str = "",
    ) -> AuditEvent:
        """Audit something that is not a save: a view, print, export, unlock or lock."""

        def _record() -> AuditEvent:
            with self._transaction() as conn:
                return audit.append(
                    conn,
                    actor=actor,
                    action=action,
                    record_type=record.record_type if record else None,
                    record_id=record.id if record else None,
                    record_version=record.version if record else None,
                    detail=detail,
                )

        return self.call(_record)

    def audit_events(self, *, after_seq: int = 0, limit: int = 1000) -> list[AuditEvent]:
        return self.call(lambda: audit.events(self._connection(), after_seq=after_seq, limit=limit))

    def verify_audit(self) -> audit.ChainReport:
        return self.call(lambda: audit.verify(self._connection()))

    def audit_head(self) -> tuple[int, str] | None:
        """The audit chain's last position and hash (what sync anchors on the server)."""
        return self.call(lambda: audit.head(self._connection()))

    def audit_hash_at(self, seq: int) -> str | None:
        return self.call(lambda: audit.hash_at(self._connection(), seq))

    # -- outbox ---------------------------------------------------------------------------

    def claim_outbox(self, limit: int = 100) -> list[OutboxItem]:
        """Pending items to push, their attempt counted and committed before they are returned."""

        def _claim() -> list[OutboxItem]:
            with self._transaction() as conn:
                return outbox.claim(conn, limit)

        return self.call(_claim)

    def mark_sent(self, op_ids: list[UUID]) -> int:
        def _mark() -> int:
            with self._transaction() as conn:
                return outbox.mark_sent(conn, op_ids)

        return self.call(_mark)

    def quarantine(self, op_id: UUID, reason: str) -> None:
        def _quarantine() -> None:
            with self._transaction() as conn:
                outbox.quarantine(conn, op_id, reason)

        self.call(_quarantine)

    def note_push_failure(self, op_ids: list[UUID], reason: str) -> None:
        def _note() -> None:
            with self._transaction() as conn:
                outbox.note_failure(conn, op_ids, reason)

        self.call(_note)

    def outbox_items(self, state: OutboxState | None = None, limit: int = 1000) -> list[OutboxItem]:
        return self.call(lambda: outbox.items(self._connection(), state, limit))

    def outbox_counts(self) -> OutboxCounts:
        return self.call(lambda: outbox.counts(self._connection()))

    # -- settings kept inside the vault ----------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        def _get() -> str | None:
            row = (
                self._connection()
                .execute("SELECT value FROM meta WHERE key = ?", (key,))
                .fetchone()
            )
            return None if row is None else str(row[0])

        return self.call(_get)

    def set_meta(self, key: str, value: str) -> None:
        def _set() -> None:
            with self._transaction() as conn:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

        self.call(_set)

    # -- maintenance ----------------------------------------------------------------------

    def check_pages(self) -> integrity.PageCheck:
        """Read and authenticate every page (SQLCipher's ``cipher_integrity_check``); damage
        found is remembered for this session (``damage``)."""
        found = self.call(lambda: integrity.check_pages(self._connection()))
        self.note_page_check(found)
        return found

    def note_page_check(self, found: integrity.PageCheck) -> None:
        """Remember a page check made on another connection (``VaultSession.check_pages``)."""
        self._pages_checked = True
        if not found.ok:
            self._damage = self._damage or found.summary()

    def integrity_problems(self) -> list[str]:
        """Every problem both checks find, one plain line each (empty when the file is sound)."""
        pages = self.check_pages()
        problems = [] if pages.ok else [pages.summary()]
        structure = self.structure_problems()
        if structure:
            problems.append(f"{structure} problems in the database structure")
        return problems

    def structure_problems(self) -> int:
        """How many problems SQLite's ``integrity_check`` finds in the b-trees."""
        return self.call(lambda: integrity.structure_problems(self._connection()))

    @property
    def damage(self) -> str | None:
        """The first damage found since the store was opened (a failed page check or a page a
        query could not read), in one plain line; None while none was found."""
        return self._damage

    def require_sound(self) -> None:
        """Raise ``StoreDamaged`` unless every page passed its check in this session (the check
        runs now if it has not yet). Sync calls this: nothing is pushed from a damaged vault."""
        if self._damage is None and not self._pages_checked:
            self.check_pages()
        if self._damage is not None:
            raise StoreDamaged(self.path.name, self._damage)

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the whole database under ``new_key`` (SQLCipher rekey, all pages or none)."""

        def _rekey() -> None:
            conn = self._connection()
            sc.rekey(conn, new_key)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self.call(_rekey)

    # -- sync support (issue 5: the sync client; SQL in sync_state.py) -------------------------
    # Read-only mode (the offline lease ran out): ``_save`` refuses while a reason is set. Reads,
    # audit events (views) and the sync's own bookkeeping stay allowed.
    _read_only_reason: str | None = None

    def set_read_only(self, reason: str | None) -> None:
        """Refuse every record save with ``VaultReadOnly(reason)``; ``None`` allows them again."""
        self._read_only_reason = reason

    @property
    def read_only_reason(self) -> str | None:
        return self._read_only_reason

    def _refuse_if_read_only(self) -> None:
        if self._read_only_reason is not None:
            raise sync_state.VaultReadOnly(self._read_only_reason)

    def atomically(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction on the lane: every store call it makes commits together,
        or (if it raises) none does."""

        def _run() -> T:
            with self._transaction():
                return work()

        return self.call(_run)

    def claim_outbox_after(self, after_seq: int, limit: int = 100) -> list[OutboxItem]:
        """Pending items queued after ``after_seq``, their attempt counted and committed."""

        def _claim() -> list[OutboxItem]:
            with self._transaction() as conn:
                return sync_state.claim_after(conn, after_seq, limit)

        return self.call(_claim)

    def pending_count(self, up_to_seq: int | None = None) -> int:
        return self.call(lambda: sync_state.pending_count(self._connection(), up_to_seq))

    def last_outbox_seq(self) -> int:
        return self.call(lambda: sync_state.last_outbox_seq(self._connection()))

    def add_sync_conflict(self, **values: Any) -> UUID:
        """Keep both sides of a sync conflict (see ``sync_state.add_conflict``); returns its id."""

        def _add() -> UUID:
            with self._transaction() as conn:
                return sync_state.add_conflict(conn, **values)

        return self.call(_add)

    def sync_conflicts(self, *, open_only: bool = True) -> list[sync_state.SyncConflict]:
        return self.call(lambda: sync_state.conflicts(self._connection(), open_only=open_only))

    def open_conflict_count(self) -> int:
        return self.call(lambda: sync_state.open_conflict_count(self._connection()))

    def needs_attention(self) -> list[tuple[str, UUID]]:
        """(record type, id) of each record with an unresolved sync conflict."""
        return self.call(lambda: sync_state.needs_attention(self._connection()))

    def resolve_sync_conflict(
        self, conflict_id: UUID, *, actor: str, resolution: str | None = None
    ) -> bool:
        """Mark a conflict resolved (``resolution``: how, see ``SyncConflict.resolution``); it
        stays in the vault with both versions. False if it was not open."""

        def _resolve() -> bool:
            with self._transaction() as conn:
                done = sync_state.resolve_conflict(conn, conflict_id, actor, resolution)
                conflict = sync_state.get_conflict(conn, conflict_id) if done else None
                if conflict is not None:
                    note = f"conflict resolved: {resolution}" if resolution else "conflict resolved"
                    audit.append(
                        conn,
                        actor=actor,
                        action=AuditAction.UPDATE,
                        record_type=conflict.record_type,
                        record_id=conflict.record_id,
                        detail=note,
                    )
                return done

        return self.call(_resolve)

    def sync_conflict(self, conflict_id: UUID) -> sync_state.SyncConflict | None:
        """One conflict, open or resolved."""
        return self.call(lambda: sync_state.get_conflict(self._connection(), conflict_id))

    def set_conflict_server_copy(
        self, conflict_id: UUID, server_body: str, server_version: int
    ) -> bool:
        """Keep the server's content in an open conflict, beside this device's."""

        def _set() -> bool:
            with self._transaction() as conn:
                return sync_state.set_server_copy(conn, conflict_id, server_body, server_version)

        return self.call(_set)

    def pending_for_record(self, record_type: str, record_id: UUID) -> int:
        """Unsent outbox items of one record."""
        return self.call(
            lambda: sync_state.pending_for_record(self._connection(), record_type, record_id)
        )

    def save_on_server_version(self, record: R, *, server_version: int, actor: str) -> R:
        """Save ``record`` as a change of the server's version ``server_version`` (resolving a
        conflict): its outbox item is based on that version, and its local version number is
        above every version this vault already holds of it (held-back edits included)."""

        def _save() -> R:
            self._refuse_if_read_only()
            with self._transaction() as conn:
                top = conn.execute(
                    "SELECT max(version) FROM record_versions WHERE record_type = ? AND id = ?",
                    (record.record_type, str(record.id)),
                ).fetchone()[0]
                version = max(top or 0, server_version) + 1
                saved = record.model_copy(update={"version": version, "updated_at": utcnow()})
                self._write(conn, saved)
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

        return self.call(_save)

    def supersede_pending(self, record_type: str, record_id: UUID, reason: str) -> int:
        """Quarantine the unsent changes of one record (kept, with ``reason``); their count."""

        def _supersede() -> int:
            with self._transaction() as conn:
                return sync_state.supersede_pending(conn, record_type, record_id, reason)

        return self.call(_supersede)

    def adopt_server_version(self, record: Record, *, actor: str) -> None:
        """Make the server's version of a record (fetched to resolve a conflict) the current one
        here, whatever this vault held: no outbox item (the server has it). Nothing is lost: the
        versions this vault saved stay in ``record_versions`` and in the conflict."""

        def _adopt() -> None:
            self._refuse_if_read_only()
            with self._transaction() as conn:
                self._write(conn, record, keep_history=True)
                audit.append(
                    conn,
                    actor=actor,
                    action=AuditAction.SYNC_RECEIVED,
                    record_type=record.record_type,
                    record_id=record.id,
                    record_version=record.version,
                    detail="server version adopted",
                )

        self.call(_adopt)

    def put_server_record(self, record: Record, *, actor: str) -> bool:
        """Store a record the county server made (a supervisor's review) as it came: no outbox
        item, since the server is where it lives. False when this vault already holds it."""

        def _put() -> bool:
            with self._transaction() as conn:
                row = conn.execute(
                    "SELECT version FROM records WHERE record_type = ? AND id = ?",
                    (record.record_type, str(record.id)),
                ).fetchone()
                if row is not None and row[0] >= record.version:
                    return False
                self._write(conn, record)
                audit.append(
                    conn,
                    actor=actor,
                    action=AuditAction.SYNC_RECEIVED,
                    record_type=record.record_type,
                    record_id=record.id,
                    record_version=record.version,
                )
                return True

        return self.call(_put)

    def record_total(self) -> int:
        """How many records (of every type) the vault holds."""
        return self.call(lambda: sync_state.record_total(self._connection()))

    def delete_meta(self, key: str) -> None:
        def _delete() -> None:
            with self._transaction() as conn:
                sync_state.delete_meta(conn, key)

        self.call(_delete)
