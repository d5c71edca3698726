"""Writing a push batch's rows: one statement per table, by the cheapest path each database has.

A batch of 500 records writes about 2,000 rows (the record, the youth it belongs to, its push log
entry, its audit entry). Through SQLAlchemy Core every value of every row goes through its type's
bind processing and every row through parameter compilation: the first milestone of issue 16
measured that at about 70 µs of a worker's CPU per record, more than all the checks together.

- **PostgreSQL**: new rows go in by binary ``COPY`` from tuples, changed records by psycopg's
  ``executemany`` (pipelined: one round trip for the batch). psycopg adapts ``UUID``,
  ``datetime`` (timezone-aware), ``date``, ``bool`` and ``None`` natively, so there is nothing for
  SQLAlchemy to convert. Both run on the push's own connection, in its transaction, and a
  unique-key refusal is still SQLAlchemy's ``IntegrityError`` (the push retries on it). ``COPY``
  cost about half the client CPU of ``executemany`` and a third less of PostgreSQL's for these
  rows (``bench/bench_push_steps.py``, ``bench/server_load.py``'s limits).
  The binary format with each column's type fixed once (``Copy.set_types``, from ``schema.py``)
  spares psycopg looking up a dumper per value and PostgreSQL parsing numbers, ids and times from
  text: a row cost ~3 µs of client CPU instead of ~7-8 in text format (issue 16, fifth
  milestone). A binary ``jsonb`` value is a version byte (1) and the JSON text: PostgreSQL parses
  that text exactly as it parses ``text::jsonb``, so the stored document is the one the canonical
  text says (``_JsonTextDumper`` sends the text as is; psycopg's own ``jsonb`` dumper would
  encode a Python object again).
- **SQLite** (the embedded default): SQLAlchemy Core, whose type processing stores UUIDs, UTC
  timestamps and booleans the way every other query of the server reads them.

The statements name only tables and columns of ``schema.py`` (never anything a request sent),
which is why building their text here is safe.

JSON documents (``records.payload``, ``record_conflicts.payload``) arrive here as the canonical
JSON text ``push._check`` made once for the size check and the content hash; PostgreSQL parses
that text as ``jsonb`` (``COPY``, or a cast), SQLite stores it as is (SQLAlchemy's JSON type reads
it back either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import itemgetter
from typing import Any

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import Format
from sqlalchemy import Connection, Table, Text, and_, bindparam, column, table, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
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


def _postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


# PostgreSQL's type of each column type ``schema.py`` uses in the tables a push writes, as
# SQLAlchemy compiles it for PostgreSQL (lengths dropped). A type missing here fails the first
# COPY into its table, in the tests.
_BINARY_TYPES = {
    "VARCHAR": "varchar",
    "TEXT": "text",
    "UUID": "uuid",
    "INTEGER": "int4",
    "BIGINT": "int8",
    "BOOLEAN": "bool",
    "DATE": "date",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "JSONB": "jsonb",
}
_POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]


@cache
def column_types(target: Table, columns: tuple[str, ...]) -> tuple[str, ...]:
    """PostgreSQL's type name of each of ``columns`` of ``target``, for a binary ``COPY``."""
    compiled = (target.c[name].type.compile(dialect=_POSTGRESQL) for name in columns)
    return tuple(_BINARY_TYPES[text.split("(", 1)[0]] for text in compiled)


class _JsonTextDumper(Dumper):
    """A JSON document given as its text (a ``str``), in ``jsonb``'s binary form: the version
    byte and the text as is, never encoded again."""

    format = Format.BINARY
    oid = psycopg.postgres.types["jsonb"].oid

    def dump(self, obj: str) -> bytes:
        return b"\x01" + obj.encode()


def insert(conn: Connection, target: Table, rows: Sequence[Row]) -> None:
    """Insert ``rows`` (dicts with the same keys; JSON columns as JSON text) into ``target``."""
    if not rows:
        return
    if _postgres(conn):
        columns = tuple(rows[0])
        values = itemgetter(*columns)  # several columns: it returns a tuple
        copy(conn, target.name, columns, column_types(target, columns), [values(r) for r in rows])
        return
    conn.execute(_as_text(target).insert(), list(rows))


def copy(
    conn: Connection,
    name: str,
    columns: tuple[str, ...],
    types: tuple[str, ...],
    rows: list[Any],
) -> None:
    """PostgreSQL's binary ``COPY ... FROM STDIN`` of ``rows`` (tuples; ``types``: each column's
    PostgreSQL type, JSON documents as text) on ``conn``'s connection, in its transaction.
    psycopg's errors come out as SQLAlchemy's (``IntegrityError`` for a unique key), as they
    would from a statement run through SQLAlchemy."""
    sql = f"COPY {name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
    driver = conn.connection.driver_connection
    assert driver is not None
    try:
        with driver.cursor() as cursor:
            # On this cursor only: ``jsonb`` values are JSON text (see ``_JsonTextDumper``).
            cursor.adapters.register_dumper(None, _JsonTextDumper)
            with cursor.copy(sql) as stream:
                stream.set_types(types)
                for row in rows:
                    stream.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from None


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
