"""The SQLCipher connection: keyed, encrypted, and sqlite-utils running on SQLCipher's module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlite_utils.utils

import csec_desktop.store  # performs the registration under test
from csec_desktop.store import StoreDamaged
from csec_desktop.store import sqlcipher as sc


def test_sqlite_utils_uses_sqlcipher_module() -> None:
    import sqlcipher3

    assert sqlite_utils.utils.sqlite3 is sqlcipher3
    assert sqlite_utils.utils.OperationalError is sqlcipher3.dbapi2.OperationalError


def test_sqlite_utils_alter_and_fts_work_on_an_encrypted_connection(tmp_path: Path) -> None:
    conn = sc.connect(tmp_path / "x.db", os.urandom(32), create=True)
    db = sc.database(conn)
    db["things"].insert({"id": 1, "name": "alpha"}, pk="id")
    # alter=True is the path that breaks when sqlite-utils catches the wrong exception class
    db["things"].insert({"id": 2, "name": "beta gamma", "extra": 7}, pk="id", alter=True)
    db["things"].enable_fts(["name"])
    assert [row["id"] for row in db["things"].search("gamma")] == [2]
    conn.close()


def test_pragmas_are_in_force(tmp_path: Path) -> None:
    conn = sc.connect(tmp_path / "x.db", os.urandom(32), create=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    conn.close()


def test_wrong_key_is_reported_as_damaged_and_nothing_is_deleted(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = sc.connect(path, os.urandom(32), create=True)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreDamaged, match=r"x\.db"):
        sc.connect(path, os.urandom(32))
    assert path.read_bytes() == before


def test_missing_file_is_not_created_silently(tmp_path: Path) -> None:
    with pytest.raises(csec_desktop.store.StoreError, match="does not exist"):
        sc.connect(tmp_path / "absent.db", os.urandom(32))
    assert not (tmp_path / "absent.db").exists()


def test_new_database_file_is_owner_only(tmp_path: Path) -> None:
    conn = sc.connect(tmp_path / "x.db", os.urandom(32), create=True)
    conn.execute("CREATE TABLE t (x)")
    for name in ("x.db", "x.db-wal"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name
    conn.close()


def test_rekey_switches_the_key(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    old, new = os.urandom(32), os.urandom(32)
    conn = sc.connect(path, old, create=True)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('kept')")
    sc.rekey(conn, new)
    conn.close()
    with pytest.raises(StoreDamaged):
        sc.connect(path, old)
    reopened = sc.connect(path, new)
    assert reopened.execute("SELECT x FROM t").fetchall() == [("kept",)]
    reopened.close()
