"""Choosing and opening the server database (SQLite file by default, PostgreSQL in production)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    DateTime,
    Engine,
    any_,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.types import TypeDecorator

DATABASE_URL_ENV = "DATABASE_URL"
DATA_DIR_ENV = "CSEC_SERVER_DATA_DIR"
SQLITE_FILE_NAME = "county-server.sqlite3"


class DatabaseUrlError(ValueError):
    """``DATABASE_URL`` names something this server cannot use."""


class DatabaseFileNotPrivate(DatabaseUrlError):
    """The embedded database file, or its folder, can be read by other users of the machine."""


# The embedded database holds every county's names and answers: owner-only, like the laptop's
# vault. SQLite gives its -wal and -shm files the database file's mode.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_CHECKS_MODES = os.name != "nt"  # Windows keeps files private through the profile's ACLs


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_engine_storage(engine: Engine) -> None:
    """``check_private`` for an engine on an embedded SQLite file (nothing to check otherwise)."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None:
        check_private(path)


def make_private(path: Path) -> None:
    """Create (or tighten) the database's folder as 0700 and the file and its -wal/-shm as 0600:
    ``init-db`` runs this, so an upgrade tightens an older install.

    A folder other users share (``/tmp``, a sticky folder, one owned by someone else) is refused,
    not tightened: making ``/tmp`` 0700 locks every other program and service out of it (a test
    PostgreSQL whose data lived there went down at once)."""
    path.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if _CHECKS_MODES:
        _refuse_shared_folder(path.parent)
        os.chmod(path.parent, PRIVATE_FOLDER_MODE)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    if _CHECKS_MODES:
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file.exists():
                os.chmod(file, PRIVATE_FILE_MODE)


def _refuse_shared_folder(folder: Path) -> None:
    info = folder.stat()
    if info.st_mode & stat.S_ISVTX or info.st_uid != os.geteuid():
        raise DatabaseFileNotPrivate(
            f"the folder {folder} is shared with other users, so the database cannot be made "
            "private there: give the database a folder of its own (CSEC_SERVER_DATA_DIR, or "
            "DATABASE_URL=sqlite:////path/to/own-folder/county-server.sqlite3)"
        )


def check_private(path: Path) -> None:
    """``DatabaseFileNotPrivate`` when others may read the database file or enter its folder."""
    if not _CHECKS_MODES:
        return
    for item, limit in ((path.parent, PRIVATE_FOLDER_MODE), (path, PRIVATE_FILE_MODE)):
        if item.exists() and item.stat().st_mode & 0o777 & ~limit:
            mode = item.stat().st_mode & 0o777
            raise DatabaseFileNotPrivate(
                f"{item.name} can be read by other users (mode {mode:o}); "
                "run 'csec-county-server init-db' to make it private"
            )


def default_data_dir() -> Path:
    """``CSEC_SERVER_DATA_DIR`` or the per-user data folder of the county server."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_data_dir("csec-county-server", appauthor=False))


def resolve_database_url(database_url: str | None = None) -> str:
    """The URL to use: the argument, else ``DATABASE_URL``, else a SQLite file in the data dir."""
    url = database_url or os.environ.get(DATABASE_URL_ENV)
    if not url:
        return f"sqlite:///{default_data_dir() / SQLITE_FILE_NAME}"
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUrlError("DATABASE_URL is not a database URL") from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise DatabaseUrlError("DATABASE_URL must be a sqlite:// or postgresql+psycopg:// URL")
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


# Database connections each worker process keeps open, and so the most requests it works on at
# once (the app limits its thread pool to the same number). More would not finish sooner on a
# small machine, they would only contend for the GIL; and connections beyond the pool were opened
# and closed per request, which cost PostgreSQL a process each time. 4 workers x 16 stays well
# under PostgreSQL's default of 100 connections. ``CSEC_SERVER_CONNECTIONS`` sets it for a
# machine (docs/it-deployment.md says how to choose).
POOL_SIZE = 16
CONNECTIONS_ENV = "CSEC_SERVER_CONNECTIONS"


def pool_size() -> int:
    """Connections per worker: ``CSEC_SERVER_CONNECTIONS`` (1-100), else ``POOL_SIZE``."""
    configured = os.environ.get(CONNECTIONS_ENV, "").strip()
    if not configured:
        return POOL_SIZE
    if not configured.isascii() or not configured.isdigit() or not 1 <= int(configured) <= 100:
        raise DatabaseUrlError(f"{CONNECTIONS_ENV} must be a whole number from 1 to 100")
    return int(configured)


_READ_ONLY = "csec_read_only"


def create_db_engine(database_url: str | None = None) -> Engine:
    """An engine for ``database_url`` (resolved as :func:`resolve_database_url` does)."""
    url = resolve_database_url(database_url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url, pool_size=pool_size(), max_overflow=4, pool_timeout=60, pool_pre_ping=True
    )


def read_only(engine: Engine) -> Engine:
    """``engine`` for work that only reads.

    On SQLite its transactions start with a plain (deferred) BEGIN, so reads run beside a writer
    instead of queueing for the database-wide write lock. Writing through it is a mistake; on
    SQLite the write may then fail with "database is locked" instead of waiting.
    """
    return engine.execution_options(**{_READ_ONLY: True})


def single_reads(engine: Engine) -> Engine:
    """``engine`` for one statement that only reads (a token lookup).

    On PostgreSQL each statement is its own transaction (autocommit): no BEGIN before it and no
    ROLLBACK after, two round trips of three. Elsewhere, :func:`read_only`.
    """
    if engine.dialect.name != "postgresql":
        return read_only(engine)
    return engine.execution_options(isolation_level="AUTOCOMMIT", **{_READ_ONLY: True})


@contextmanager
def writing(conn: Connection) -> Iterator[Connection]:
    """A write transaction on ``conn``, a connection of :func:`read_only` whose read transaction
    has ended: the same connection, so a request that reads and then writes checks out (and
    pings) one connection instead of two. On SQLite the transaction takes the write lock from
    its start (BEGIN IMMEDIATE), as ``engine.begin()`` does."""
    if conn.in_transaction():
        raise RuntimeError("end the read transaction before writing")
    conn.execution_options(**{_READ_ONLY: False})
    try:
        with conn.begin():
            yield conn
    finally:
        conn.execution_options(**{_READ_ONLY: True})


def _sqlite_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None and not path.exists():
        make_private(path)  # a new database is private from its first byte
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=pool_size(),
        max_overflow=4,
        pool_timeout=60,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take over transaction control from the driver so BEGIN IMMEDIATE below is what runs:
        # a read-then-write transaction then holds the write lock from its start and never fails
        # half-way with "database is locked" when another worker writes.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def member_of(column: ColumnElement[Any], name: str, *, postgres: bool) -> ColumnElement[bool]:
    """``column IN`` the list bound as ``name``.

    On PostgreSQL the list is one array parameter (``= ANY(%(name)s)``): psycopg caches a
    statement's parsing only up to 50 parameters and 4 kB, so an ``IN`` of a batch's 500 ids was
    parsed afresh on every push (about a tenth of the push's client CPU). Elsewhere, an expanding
    ``IN``.
    """
    if postgres:
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def lz4_available(connection: Connection) -> bool:
    """True on a PostgreSQL server that can compress TOASTed values with lz4 (version 14 and
    later, built with it: it is then one of ``default_toast_compression``'s values)."""
    if connection.dialect.name != "postgresql":
        return False
    return bool(
        connection.execute(
            text(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                "WHERE name = 'default_toast_compression'"
            )
        ).scalar()
    )
