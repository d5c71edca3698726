"""Settings kept inside the vault (``meta``: text values by key), encrypted like everything else."""

from __future__ import annotations

from typing import Any

from csec_desktop.store.database import Database


def get(conn: Any, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: Any, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete(conn: Any, key: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (key,))


class MetaRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str) -> str | None:
        return self._db.read(lambda conn: get(conn, key))

    def set(self, key: str, value: str) -> None:
        self._db.write(lambda conn: put(conn, key, value))

    def delete(self, key: str) -> None:
        self._db.write(lambda conn: delete(conn, key))
