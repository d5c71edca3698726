"""``Store``: the open vault database and its repositories, behind the methods callers use.

The work is done by a small connection core (``database.Database``: the lane, transactions, the
read-only mode) and one repository per concern: ``records``, ``outbox``, ``audit``,
``conflicts``, ``meta`` and ``caseload``, plus ``youth_search``. ``Store`` keeps the methods the
services and the GUI have always called, each a one-line hand-over, so code written against it
keeps working; new code may use the repositories (``store.repositories``) directly.

All work runs on the database lane (see ``lane.py``); the public methods may be called from any
thread and wait for their result, or be wrapped by the GUI's task runner with ``submit``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from csec_desktop.domain.audit import AuditAction, AuditEvent
from csec_desktop.domain.base import Record
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.obligation import Obligation
from csec_desktop.domain.youth import Youth
from csec_desktop.store import integrity, report_facts, youth_facts, youth_search
from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.audit import AuditRepository, ChainReport
from csec_desktop.store.caseload import CaseloadRepository
from csec_desktop.store.conflicts import ConflictRepository, SyncConflict
from csec_desktop.store.database import Database
from csec_desktop.store.meta import MetaRepository
from csec_desktop.store.outbox import OutboxCounts, OutboxItem, OutboxRepository, OutboxState
from csec_desktop.store.records import RecordRepository
from csec_desktop.store.youth_facts import ScreeningToFinish, YouthFacts

R = TypeVar("R", bound=Record)
T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Repositories:
    records: RecordRepository
    outbox: OutboxRepository
    audit: AuditRepository
    conflicts: ConflictRepository
    meta: MetaRepository
    caseload: CaseloadRepository


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
        self.db = Database(path, key, create=create, connector=connector)
        self.repositories = Repositories(
            records=RecordRepository(self.db),
            outbox=OutboxRepository(self.db),
            audit=AuditRepository(self.db),
            conflicts=ConflictRepository(self.db),
            meta=MetaRepository(self.db),
            caseload=CaseloadRepository(self.db),
        )
        self._records = self.repositories.records
        self._outbox = self.repositories.outbox
        self._audit = self.repositories.audit
        self._conflicts = self.repositories.conflicts
        self._meta = self.repositories.meta

    # -- lane and transactions ------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self.db.closed

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn`` on the database lane and return its result."""
        return self.db.call(fn, *args, **kwargs)

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Queue ``fn`` on the database lane; the future resolves with its result."""
        return self.db.submit(fn, *args, **kwargs)

    def _connection(self) -> Any:
        return self.db.connection()

    def _transaction(self) -> AbstractContextManager[Any]:
        return self.db.transaction()

    def atomically(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction on the lane: every store call it makes commits together,
        or (if it raises) none does."""
        return self.db.atomically(work)

    def close(self) -> None:
        """Checkpoint and close the connection, then stop the lane. Safe to call twice."""
        self.db.close()

    # -- records --------------------------------------------------------------------------

    def save(self, record: R, *, actor: str, updated_at: datetime | None = None) -> R:
        """Save ``record`` as a new version, with its outbox and audit rows (see
        ``RecordRepository.save``)."""
        return self._records.save(record, actor=actor, updated_at=updated_at)

    def save_many(self, records: list[R], *, actor: str) -> list[R]:
        return self._records.save_many(records, actor=actor)

    def get(self, model: type[R], record_id: UUID) -> R:
        return self._records.get(model, record_id)

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
        """Current versions of one record type (see ``RecordRepository.listed``)."""
        return self._records.listed(
            model,
            youth_id=youth_id,
            status=status,
            statuses=statuses,
            referencing=referencing,
            event_from=event_from,
            event_before=event_before,
            limit=limit,
            ordered=ordered,
        )

    def exists(self, model: type[R], record_id: UUID) -> bool:
        return self._records.exists(model, record_id)

    def count(self, model: type[R]) -> int:
        return self._records.count(model)

    def history(self, model: type[R], record_id: UUID) -> list[R]:
        """Every saved version of a record, oldest first."""
        return self._records.history(model, record_id)

    def record_total(self) -> int:
        return self._records.total()

    def save_on_server_version(self, record: R, *, server_version: int, actor: str) -> R:
        return self._records.save_on_server_version(
            record, server_version=server_version, actor=actor
        )

    def adopt_server_version(self, record: Record, *, actor: str) -> None:
        self._records.adopt_server_version(record, actor=actor)

    def put_server_record(self, record: Record, *, actor: str) -> bool:
        return self._records.put_server_record(record, actor=actor)

    # -- what the county report reads (report_facts.py) -------------------------------------

    def report_facts(
        self,
        model: type[R],
        *,
        statuses: Collection[str] | None = None,
        event_from: str | None = None,
        event_before: str | None = None,
    ) -> list[R]:
        """The report's view ``model`` of every record of its type, read from the small facts
        rows instead of the bodies (``report_facts.listed``); filters as :meth:`records`."""
        return self.db.read(
            lambda conn: report_facts.listed(
                conn, model, statuses=statuses, event_from=event_from, event_before=event_before
            )
        )

    def report_facts_of(self, model: type[R], record_ids: Collection[UUID]) -> list[R]:
        """The report's view ``model`` of those of ``record_ids`` the vault holds."""
        return self.db.read(lambda conn: report_facts.find(conn, model, record_ids))

    # -- finding a youth (youth_search.py) --------------------------------------------------

    def search_youth(self, text: str, *, limit: int = 50) -> list[Youth]:
        """Youth by name (forgiving typos and spelling variants), date of birth or county client
        id: ``youth_search.search``."""
        return self.db.read(lambda conn: youth_search.search(conn, text, limit))

    def possible_duplicates(self, youth: Youth) -> list[Youth]:
        """Other youth who may be the same person: ``youth_search.possible_duplicates``."""
        return self.db.read(lambda conn: youth_search.possible_duplicates(conn, youth))

    # -- what the youth list and Today show (youth_facts.py) ----------------------------------

    def listed_youth(self, limit: int) -> tuple[list[Youth], int]:
        """The first ``limit`` youth by family name, and the total: ``youth_facts.listed``."""
        return self.db.read(lambda conn: youth_facts.listed(conn, limit))

    def youth_facts(self, youth_ids: Collection[UUID], now: datetime) -> dict[UUID, YouthFacts]:
        """Latest screening, risk, open obligations, missing now: ``youth_facts.facts``."""
        ids = [str(i) for i in youth_ids]
        found = self.db.read(lambda conn: youth_facts.facts(conn, ids, now))
        return {UUID(key): value for key, value in found.items()}

    def open_obligations(self) -> list[Obligation]:
        """Obligations not done yet: ``youth_facts.open_obligations``."""
        return self.db.read(youth_facts.open_obligations)

    def open_missing_episodes(self) -> list[MissingEpisode]:
        """Missing episodes not ended: ``youth_facts.open_missing_episodes``."""
        return self.db.read(youth_facts.open_missing_episodes)

    def screenings_to_finish(self, statuses: tuple[str, ...]) -> list[ScreeningToFinish]:
        """Draft or returned screenings, unparsed: ``youth_facts.screenings_to_finish``."""
        return self.db.read(lambda conn: youth_facts.screenings_to_finish(conn, statuses))

    def youth_names(self, youth_ids: Collection[UUID]) -> dict[UUID, tuple[str, str]]:
        """Family name and the name each goes by: ``youth_facts.youth_names``."""
        ids = [str(i) for i in youth_ids]
        found = self.db.read(lambda conn: youth_facts.youth_names(conn, ids))
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
        return self._audit.record_event(action, actor=actor, record=record, detail=detail)

    def audit_events(self, *, after_seq: int = 0, limit: int = 1000) -> list[AuditEvent]:
        return self._audit.events(after_seq=after_seq, limit=limit)

    def verify_audit(self) -> ChainReport:
        return self._audit.verify()

    def audit_head(self) -> tuple[int, str] | None:
        """The audit chain's last position and hash (what sync anchors on the server)."""
        return self._audit.head()

    def audit_hash_at(self, seq: int) -> str | None:
        return self._audit.hash_at(seq)

    # -- outbox ---------------------------------------------------------------------------

    def claim_outbox(self, limit: int = 100) -> list[OutboxItem]:
        """Pending items to push, their attempt counted and committed before they are returned."""
        return self._outbox.claim(limit)

    def claim_outbox_after(self, after_seq: int, limit: int = 100) -> list[OutboxItem]:
        """Pending items queued after ``after_seq``, their attempt counted and committed."""
        return self._outbox.claim(limit, after_seq=after_seq)

    def mark_sent(self, op_ids: list[UUID]) -> int:
        return self._outbox.mark_sent(op_ids)

    def quarantine(self, op_id: UUID, reason: str) -> None:
        self._outbox.quarantine(op_id, reason)

    def note_push_failure(self, op_ids: list[UUID], reason: str) -> None:
        self._outbox.note_failure(op_ids, reason)

    def outbox_items(self, state: OutboxState | None = None, limit: int = 1000) -> list[OutboxItem]:
        return self._outbox.items(state, limit)

    def outbox_counts(self) -> OutboxCounts:
        return self._outbox.counts()

    def pending_count(self, up_to_seq: int | None = None) -> int:
        return self._outbox.pending_count(up_to_seq)

    def last_outbox_seq(self) -> int:
        return self._outbox.last_seq()

    def pending_for_record(self, record_type: str, record_id: UUID) -> int:
        """Unsent outbox items of one record."""
        return self._outbox.pending_for_record(record_type, record_id)

    def supersede_pending(self, record_type: str, record_id: UUID, reason: str) -> int:
        """Quarantine the unsent changes of one record (kept, with ``reason``); their count."""
        return self._outbox.supersede_pending(record_type, record_id, reason)

    # -- sync conflicts ---------------------------------------------------------------------

    def add_sync_conflict(self, **values: Any) -> UUID:
        """Keep both sides of a sync conflict (see ``conflicts.add``); returns its id."""
        return self._conflicts.add(**values)

    def sync_conflicts(self, *, open_only: bool = True) -> list[SyncConflict]:
        return self._conflicts.listed(open_only=open_only)

    def open_conflict_count(self) -> int:
        return self._conflicts.open_count()

    def needs_attention(self) -> list[tuple[str, UUID]]:
        """(record type, id) of each record with an unresolved sync conflict."""
        return self._conflicts.needs_attention()

    def resolve_sync_conflict(
        self, conflict_id: UUID, *, actor: str, resolution: str | None = None
    ) -> bool:
        """Mark a conflict resolved (``resolution``: how, see ``SyncConflict.resolution``); it
        stays in the vault with both versions. False if it was not open."""
        return self._conflicts.resolve(conflict_id, actor=actor, resolution=resolution)

    def sync_conflict(self, conflict_id: UUID) -> SyncConflict | None:
        """One conflict, open or resolved."""
        return self._conflicts.get(conflict_id)

    def set_conflict_server_copy(
        self, conflict_id: UUID, server_body: str, server_version: int
    ) -> bool:
        """Keep the server's content in an open conflict, beside this device's."""
        return self._conflicts.set_server_copy(conflict_id, server_body, server_version)

    # -- settings kept inside the vault ----------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        return self._meta.get(key)

    def set_meta(self, key: str, value: str) -> None:
        self._meta.set(key, value)

    def delete_meta(self, key: str) -> None:
        self._meta.delete(key)

    # -- maintenance and the read-only mode -------------------------------------------------

    def check_pages(self) -> integrity.PageCheck:
        """Read and authenticate every page (``Database.check_pages``)."""
        return self.db.check_pages()

    def note_page_check(self, found: integrity.PageCheck) -> None:
        """Remember a page check made on another connection (``VaultSession.check_pages``)."""
        self.db.note_page_check(found)

    def integrity_problems(self) -> list[str]:
        """Every problem both checks find, one plain line each (empty when the file is sound)."""
        return self.db.integrity_problems()

    def structure_problems(self) -> int:
        """How many problems SQLite's ``integrity_check`` finds in the b-trees."""
        return self.db.structure_problems()

    @property
    def pages_checked(self) -> bool:
        """Whether every page was checked in this session."""
        return self.db.pages_checked

    @property
    def damage(self) -> str | None:
        """The first damage found since the store was opened, or None."""
        return self.db.damage

    def require_sound(self) -> None:
        """``StoreDamaged`` unless every page passed its check in this session (see
        ``Database.require_sound``). Sync calls this: nothing is pushed from a damaged vault."""
        self.db.require_sound()

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt the whole database under ``new_key`` (SQLCipher rekey, all pages or none)."""
        self.db.rekey(new_key)

    def set_read_only(self, reason: str | None) -> None:
        """Refuse every record save with ``VaultReadOnly(reason)``; ``None`` allows them again."""
        self.db.read_only_reason = reason

    @property
    def read_only_reason(self) -> str | None:
        return self.db.read_only_reason
