"""The one place that opens SQLCipher connections, and that points sqlite-utils at SQLCipher.

sqlite-utils imports ``pysqlite3`` instead of the standard library's ``sqlite3`` when it can, and
catches that module's exception classes (``OperationalError`` and friends). ``sqlcipher3`` is a fork
of pysqlite3 with the same API but its own exception classes, so on a SQLCipher connection some
sqlite-utils paths (``insert(..., alter=True)``, FTS setup, table transforms) would let exceptions
escape that they mean to handle. Registering ``sqlcipher3`` under the ``pysqlite3`` names *before*
sqlite-utils is first imported makes sqlite-utils use SQLCipher's classes throughout.
``tests/unit/test_store_sqlcipher.py`` checks that the registration took.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3
from sqlcipher3 import dbapi2

if "sqlite_utils" in sys.modules:  # pragma: no cover - a packaging mistake, caught in tests
    raise ImportError("csec_desktop.store.sqlcipher must be imported before sqlite_utils")
sys.modules["pysqlite3"] = sqlcipher3
sys.modules["pysqlite3.dbapi2"] = dbapi2

from csec_desktop.store.errors import StoreDamaged, StoreError  # noqa: E402

if TYPE_CHECKING:
    import sqlite_utils

DatabaseError = dbapi2.DatabaseError
IntegrityError = dbapi2.IntegrityError
OperationalError = dbapi2.OperationalError
Connection = dbapi2.Connection

KEY_BYTES = 32

# Applied to every connection. temp_store=MEMORY keeps sorts and temporary tables off the disk,
# where they would be plaintext; secure_delete overwrites freed pages; synchronous=FULL makes a
# commit durable (fsync of the WAL) before it returns.
_PRAGMAS = (
    "PRAGMA cipher_memory_security = OFF",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
    # Decrypted pages stay cached (32 MiB), so repeat reads skip page decryption and HMAC checks.
    "PRAGMA cache_size = -32768",
)


def _silence_sqlcipher_log() -> None:
    # SQLCipher logs HMAC failures to stderr by default; our own errors say it plainly instead.
    probe = dbapi2.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
    finally:
        probe.close()


_silence_sqlcipher_log()


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a SQLCipher data key is 32 bytes")
    # A raw key ("x'...'") is used as-is: no second KDF on top of our own key hierarchy.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _rekey_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a SQLCipher data key is 32 bytes")
    return f"PRAGMA rekey = \"x'{key.hex()}'\""


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite gives WAL/SHM the same mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def connect(path: Path, key: bytes, *, create: bool = False) -> Any:
    """An open, keyed, checked SQLCipher connection in autocommit mode (we issue BEGIN ourselves).

    Raises ``StoreError`` when the file is missing (and ``create`` is false) and ``StoreDamaged``
    when the key does not open it: with a key that came out of an authenticated key file, that means
    the database file is damaged or was replaced.
    """
    exists = path.exists()
    if not exists and not create:
        raise StoreError(f"the database file {path.name} does not exist")
    # SQLite would take an empty file for a new database and write a fresh schema into it.
    if exists and path.is_dir():
        raise StoreError(f"{path.name} is a folder, not a vault database; nothing was changed")
    if exists and not create and path.stat().st_size == 0:
        raise StoreDamaged(path.name, "the file is empty")
    if not exists:
        create_private_file(path)
    conn = dbapi2.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        conn.execute(_key_pragma(key))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DatabaseError:
            raise StoreDamaged(path.name) from None
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"cannot switch {path.name} to write-ahead logging")
        for pragma in _PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def rekey(conn: Any, new_key: bytes) -> None:
    """Re-encrypt every page under ``new_key`` (one SQLCipher transaction: all pages or none)."""
    conn.execute(_rekey_pragma(new_key))


def database(conn: Any) -> sqlite_utils.Database:
    """sqlite-utils' view of a connection opened by :func:`connect` (imported here, on first
    use, so opening the app does not pay for sqlite-utils and its dependencies)."""
    import sqlite_utils  # the registration above has run: it will use SQLCipher's module

    return sqlite_utils.Database(conn)
