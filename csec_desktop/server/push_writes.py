"""Writing a push batch's rows: one statement per table, by the cheapest path each database has.

A batch of 500 records writes about 2,000 rows (the record, the youth it belongs to, its push log
entry, its audit entry). Through SQLAlchemy Core every value of every row goes through its type's
bind processing and every row through parameter compilation: the first milestone of issue 16
measured that at about 70 µs of a worker's CPU per record, more than all the checks together.

- **PostgreSQL**: the rows go to psycopg's ``executemany`` as tuples (pipelined: one round trip
  for the whole batch). psycopg adapts ``UUID``, ``datetime`` (timezone-aware), ``date``, ``bool``
  and ``None`` natively, so there is nothing for SQLAlchemy to convert; the statement still runs
  through SQLAlchemy's connection (``exec_driver_sql``), inside the push's transaction, and a
  unique-key refusal is still SQLAlchemy's ``IntegrityError`` (the push retries on it).
- **SQLite** (the embedded default): SQLAlchemy Core, whose type processing stores UUIDs, UTC
  timestamps and booleans the way every other query of the server reads them.

The statements name only tables and columns of ``schema.py`` (never anything a request sent),
which is why building their text here is safe.

JSON documents (``records.payload``, ``record_conflicts.payload``) arrive here as the canonical
JSON text ``push._check`` made once for the size check and the content hash; PostgreSQL casts
that text to ``jsonb``, SQLite stores it as is (SQLAlchemy's JSON type reads it back either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, Text, and_, bindparam, column, table, update
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import JSON

Row = dict[str, Any]


@cache
def json_columns(target: Table) -> frozenset[str]:
    """The columns of ``target`` that hold JSON documents (JSONB on PostgreSQL)."""
    return frozenset(c.name for c in target.columns if isinstance(c.type, JSON))


@cache
def _as_text(target: Table) -> TableClause:
    """``target`` with its JSON columns typed as text: the rows carry JSON text already."""
    json_names = json_columns(target)
    return table(
        target.name,
        *(column(c.name, Text() if c.name in json_names else c.type) for c in target.columns),
    )


@cache
def _pg_insert(name: str, columns: tuple[str, ...], json_names: frozenset[str]) -> str:
    places = ", ".join("%s::jsonb" if c in json_names else "%s" for c in columns)
    return f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({places})"  # noqa: S608


def _postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def insert(conn: Connection, target: Table, rows: Sequence[Row]) -> None:
    """Insert ``rows`` (dicts with the same keys; JSON columns as JSON text) into ``target``."""
    if not rows:
        return
    if _postgres(conn):
        columns = tuple(rows[0])
        values = itemgetter(*columns)
        sql = _pg_insert(target.name, columns, json_columns(target))
        # One column would make itemgetter return the value, not a tuple; no table here has one.
        conn.exec_driver_sql(sql, [values(row) for row in rows])
        return
    conn.execute(_as_text(target).insert(), list(rows))


# The SET columns of a changed record; ``key_*`` select the row at the version it was read at.
RECORD_SET = (
    "version",
    "payload",
    "content_hash",
    "status",
    "record_date",
    "updated_at",
    "updated_by_device",
    "youth_id",
    "owner_route",
    "feed_seq",
)
_RECORD_KEY = ("key_type", "key_id", "key_version")


def update_records(conn: Connection, target: Table, rows: Sequence[Row]) -> int:
    """Apply each row's ``RECORD_SET`` values to the record its ``key_*`` name, if still at
    ``key_version``; returns how many rows changed (-1 when the driver cannot say)."""
    if _postgres(conn):
        sets = ", ".join(
            f"{c} = %s::jsonb" if c in json_columns(target) else f"{c} = %s" for c in RECORD_SET
        )
        sql = (
            f"UPDATE {target.name} SET {sets} "  # noqa: S608
            "WHERE record_type = %s AND record_id = %s AND version = %s"
        )
        values = itemgetter(*RECORD_SET, *_RECORD_KEY)
        result = conn.exec_driver_sql(sql, [values(row) for row in rows])
        return int(result.rowcount)
    text_table = _as_text(target)
    statement = (
        update(text_table)
        .where(
            and_(
                text_table.c.record_type == bindparam("key_type"),
                text_table.c.record_id == bindparam("key_id"),
                text_table.c.version == bindparam("key_version"),
            )
        )
        .values({c: bindparam(c) for c in RECORD_SET})
    )
    return int(conn.execute(statement, list(rows)).rowcount)


def delete_links(conn: Connection, target: Table, keys: Sequence[tuple[str, Any]]) -> None:
    """Delete the rows of ``target`` (record_type, record_id, ...) of the records ``keys``."""
    if not keys:
        return
    if _postgres(conn):
        sql = f"DELETE FROM {target.name} WHERE record_type = %s AND record_id = %s"  # noqa: S608
        conn.exec_driver_sql(sql, list(keys))
        return
    statement = target.delete().where(
        and_(
            target.c.record_type == bindparam("key_type"),
            target.c.record_id == bindparam("key_id"),
        )
    )
    conn.execute(statement, [{"key_type": k[0], "key_id": k[1]} for k in keys])
