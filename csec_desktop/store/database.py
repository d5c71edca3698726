"""The connection core of the store: one open SQLCipher connection on its lane, and transactions.

Every repository (``records``, ``outbox``, ``audit``, ``conflicts``, ``meta``, ``caseload``) does
its work through :meth:`Database.call` (wait for the result) or :meth:`Database.submit` (a
``Future`` for the GUI's task runner), and writes inside :meth:`Database.transaction`. Work
submitted from inside the lane runs at once, so a repository method may call another freely and
the calls share the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from csec_desktop.store import integrity
from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.errors import StoreClosed, StoreDamaged, StoreError
from csec_desktop.store.lane import DatabaseLane
from csec_desktop.store.migrations import migrate

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")
P = ParamSpec("P")


class VaultReadOnly(StoreError):
    """A write while the vault is read-only (for example: the offline lease ran out)."""


class Database:
    """An open, unlocked vault database. ``close()`` drops the connection (and with it the key)."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        *,
        create: bool = False,
        connector: Callable[..., Any] = sc.connect,
    ) -> None:
        """Open (or with ``create``, make) the vault database at ``path`` with its data key, and
        bring its schema up to date. ``connector`` lets benchmarks run the same code on a plain
        SQLite file for comparison; the app always uses the SQLCipher one."""
        self.path = path
        self._connector = connector
        self._lane = DatabaseLane()
        self._conn: Any = None
        self._sqlite_utils: sqlite_utils.Database | None = None
        self._shut = False
        # The offline lease ran out: record saves are refused while a reason is set. Reads, audit
        # events (views) and the sync's own bookkeeping stay allowed.
        self.read_only_reason: str | None = None
        self._damage: str | None = None  # the first damage this session found (see ``damage``)
        self._pages_checked = False
        try:
            self._lane.call(self._open, key, create)
        except BaseException:
            self._lane.shutdown()
            raise

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

    # -- the lane -------------------------------------------------------------------------------

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

    def connection(self) -> Any:
        """The open connection (on the lane only)."""
        if self._conn is None:
            raise StoreClosed()
        return self._conn

    def sqlite_utils(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the connection (on the lane only; made on first use). Its
        writes join an open transaction (sqlite-utils 4 uses savepoints inside one)."""
        if self._sqlite_utils is None:
            self._sqlite_utils = sc.database(self.connection())
        return self._sqlite_utils

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """BEGIN IMMEDIATE ... COMMIT; nested use becomes a savepoint of the outer transaction."""
        conn = self.connection()
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

    def write(self, work: Callable[[Any], T]) -> T:
        """Run ``work(conn)`` in one transaction on the lane."""

        def _run() -> T:
            with self.transaction() as conn:
                return work(conn)

        return self.call(_run)

    def read(self, work: Callable[[Any], T]) -> T:
        """Run ``work(conn)`` on the lane, outside any transaction of its own."""
        return self.call(lambda: work(self.connection()))

    def atomically(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction on the lane: every store call it makes commits together,
        or (if it raises) none does."""

        def _run() -> T:
            with self.transaction():
                return work()

        return self.call(_run)

    # -- the read-only mode (the offline lease) --------------------------------------------------

    def refuse_if_read_only(self) -> None:
        if self.read_only_reason is not None:
            raise VaultReadOnly(self.read_only_reason)

    # -- maintenance ------------------------------------------------------------------------------

    def check_pages(self) -> integrity.PageCheck:
        """Read and authenticate every page (SQLCipher's ``cipher_integrity_check``); damage
        found is remembered for this session (``damage``)."""
        found = self.read(integrity.check_pages)
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
        return self.read(integrity.structure_problems)

    @property
    def pages_checked(self) -> bool:
        """Whether every page was checked in this session (``check_pages``)."""
        return self._pages_checked

    @property
    def damage(self) -> str | None:
        """The first damage found since the database was opened (a failed page check or a page a
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

        def _rekey(conn: Any) -> None:
            sc.rekey(conn, new_key)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        self.read(_rekey)

    def close(self) -> None:
        """Checkpoint and close the connection, then stop the lane. Safe to call twice."""

        def _close() -> None:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    self._conn.close()
                    self._conn = None
                    self._sqlite_utils = None

        if self._shut:
            return
        try:
            self._lane.call(_close)
        finally:
            self._shut = True
            self._lane.shutdown()
