"""What the database itself takes for the rows a push writes: the ceiling beside each server figure.

The rows are those the server writes for the same operations (built here, outside the timing):
the record (payload as JSON), the youth it belongs to (``record_youth``), its push-log entry and
its audit entry. Measured on one connection in
batches of 500, one transaction per batch as the server does, into the real (migrated) tables of a
throwaway database:

- PostgreSQL ``executemany`` (psycopg 3, which pipelines it) and ``COPY``;
- SQLite ``executemany`` with the server's own settings (WAL, ``synchronous=FULL``);

each for the record rows alone (the issue's "same rows") and for all the rows of each record
(what a push must write at the least).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import psutil
import psycopg
from sqlalchemy.engine import make_url

from csec_desktop.server import accounts
from csec_desktop.server.audit import entry_hash
from csec_desktop.server.canonical import canonical_hash
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.schema import GENESIS_HASH
from csec_desktop.sync.caseload import youth_links
from csec_desktop.sync.protocol import Role

BATCH = 500
_RECORD_COLUMNS = (
    "record_type",
    "record_id",
    "county_id",
    "owner_user_id",
    "version",
    "payload",
    "content_hash",
    "status",
    "record_date",
    "updated_at",
    "updated_by_device",
    "youth_id",
    "feed_seq",
    "owner_route",
)
_LINK_COLUMNS = ("record_type", "record_id", "youth_id")
_LOG_COLUMNS = (
    "op_id",
    "user_id",
    "device_id",
    "content_hash",
    "status",
    "reason",
    "server_version",
    "created_at",
)
_AUDIT_COLUMNS = (
    "chain",
    "seq",
    "county_id",
    "at",
    "actor",
    "action",
    "record_type",
    "record_id",
    "record_version",
    "detail",
    "prev_hash",
    "hash",
)
TABLES = {
    "records": _RECORD_COLUMNS,
    "record_youth": _LINK_COLUMNS,
    "push_ops": _LOG_COLUMNS,
    "audit_events": _AUDIT_COLUMNS,
}


@dataclass
class WriteSet:
    """Rows per table for each record, in the order of the operations (a record has one row in
    each table but ``record_youth``, where it has one per youth it belongs to)."""

    rows: dict[str, list[list[tuple[Any, ...]]]]

    @property
    def records(self) -> int:
        return len(self.rows["records"])

    def batch(self, table: str, start: int) -> list[tuple[Any, ...]]:
        """The rows of ``table`` of the records ``start`` to ``start + BATCH``."""
        return [row for rows in self.rows[table][start : start + BATCH] for row in rows]


def _record_date(payload: dict[str, Any]) -> date | None:
    for key in ("screening_date", "session_date", "training_date", "started_at", "due_at"):
        if payload.get(key):
            return date.fromisoformat(str(payload[key])[:10])
    return None


def server_rows(operations: Sequence[dict[str, Any]], county_id: int, user_id: int) -> WriteSet:
    now = datetime.now(UTC)
    device = uuid4()
    chain, head = f"user:{user_id}", GENESIS_HASH
    rows: dict[str, list[list[tuple[Any, ...]]]] = {name: [] for name in TABLES}
    for seq, op in enumerate(operations, start=1):
        payload = op["payload"]
        record_id = UUID(op["record_id"])
        content = canonical_hash(payload)
        links = youth_links(op["record_type"], record_id, payload)
        rows["record_youth"].append([(op["record_type"], record_id, y) for y in links.named])
        rows["records"].append([
            (
                op["record_type"],
                record_id,
                county_id,
                user_id,
                op["version"],
                json.dumps(payload, separators=(",", ":")),
                content,
                payload.get("status"),
                _record_date(payload),
                now,
                device,
                links.subject,
                seq,
                False,
            )
        ])  # fmt: skip
        rows["push_ops"].append([
            (
                UUID(op["op_id"]),
                user_id,
                device,
                canonical_hash(op),
                "applied",
                "",
                op["version"],
                now,
            )
        ])  # fmt: skip
        fields = {
            "chain": chain,
            "seq": seq,
            "at": now.isoformat(),
            "actor": "bench",
            "action": "record_create",
            "record_type": op["record_type"],
            "record_id": str(record_id),
            "record_version": op["version"],
            "detail": f"device {device}",
        }
        digest = entry_hash(head, fields)
        rows["audit_events"].append([
            (
                chain,
                seq,
                county_id,
                now,
                "bench",
                "record_create",
                op["record_type"],
                record_id,
                op["version"],
                f"device {device}",
                head,
                digest,
            )
        ])  # fmt: skip
        head = digest
    return WriteSet(rows)


def owner(url: str) -> tuple[int, int]:
    """A county and a user to own the rows (the tables' foreign keys need them)."""
    engine = create_db_engine(url)
    try:
        with engine.begin() as conn:
            county_id = accounts.create_county(conn, "Sierra")
            user_id = accounts.create_user(conn, "Sierra", "bench-limit", Role.CASEWORKER, "A")
    finally:
        engine.dispose()
    return county_id, user_id


def _batches(rows: list[tuple[Any, ...]]) -> list[list[tuple[Any, ...]]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def _insert_sql(table: str, marker: str, json_cast: str = "") -> str:
    columns = TABLES[table]
    values = ", ".join(marker + (json_cast if c == "payload" else "") for c in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"  # noqa: S608


@dataclass(frozen=True)
class Limit:
    """One way of writing the rows: records per second, and the CPU each record cost the
    database (PostgreSQL's backend; SQLite runs in the client) and the client (medians)."""

    rate: float
    database_us: float
    client_us: float


def _timed(
    run: Callable[[], None], reset: Callable[[], None], repeats: int, records: int, backend: int
) -> Limit:
    """``run`` ``repeats`` times, each on emptied tables; ``backend`` is the database server
    process whose CPU counts (0: none, the database runs in this process)."""
    timings, database, client = [], [], []
    for _ in range(repeats):
        reset()
        db_before = _cpu(backend)
        cpu_before, start = time.process_time(), time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
        client.append(time.process_time() - cpu_before)
        database.append(_cpu(backend) - db_before)
    reset()
    per_record = 1e6 / records
    return Limit(
        records / statistics.median(timings),
        statistics.median(database) * per_record,
        statistics.median(client) * per_record,
    )


def _cpu(pid: int) -> float:
    if not pid:
        return 0.0
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def postgres_limits(url: str, writes: WriteSet, repeats: int) -> dict[str, Limit]:
    """Records per second: {"executemany records", "COPY records", "executemany all rows",
    "COPY all rows"}."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    found: dict[str, Limit] = {}
    batches = {
        table: [writes.batch(table, n) for n in range(0, writes.records, BATCH)] for table in TABLES
    }
    with psycopg.connect(dsn) as conn:

        def reset() -> None:
            conn.execute("TRUNCATE records, record_youth, push_ops, audit_events")
            conn.commit()

        def executemany(tables: tuple[str, ...]) -> None:
            with conn.cursor() as cursor:
                for n in range(0, writes.records, BATCH):
                    for table in tables:
                        sql = _insert_sql(table, "%s", "::jsonb")
                        cursor.executemany(sql, batches[table][n // BATCH])
                    conn.commit()

        def copy(tables: tuple[str, ...]) -> None:
            with conn.cursor() as cursor:
                for n in range(0, writes.records, BATCH):
                    for table in tables:
                        columns = ", ".join(TABLES[table])
                        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as stream:
                            for row in batches[table][n // BATCH]:
                                stream.write_row(row)
                    conn.commit()

        backend = conn.info.backend_pid
        for label, tables in (("records", ("records",)), ("all rows", tuple(TABLES))):
            found[f"executemany {label}"] = _timed(
                lambda t=tables: executemany(t), reset, repeats, writes.records, backend
            )
            found[f"COPY {label}"] = _timed(
                lambda t=tables: copy(t), reset, repeats, writes.records, backend
            )
    return found


def sqlite_limits(url: str, writes: WriteSet, repeats: int) -> dict[str, Limit]:
    """Records per second on the server's SQLite settings: {"executemany records",
    "executemany all rows"}."""
    path = make_url(url).database
    assert path
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")

    def as_sqlite(row: tuple[Any, ...]) -> tuple[Any, ...]:
        # The server stores UUIDs as 32 hex digits and times as naive UTC text on SQLite.
        return tuple(
            v.hex
            if isinstance(v, UUID)
            else v.replace(tzinfo=None).isoformat(" ")
            if isinstance(v, datetime)
            else v.isoformat()
            if isinstance(v, date)
            else v
            for v in row
        )

    batches = {
        table: [[as_sqlite(r) for r in writes.batch(table, n)]
                for n in range(0, writes.records, BATCH)]
        for table in TABLES
    }  # fmt: skip

    def reset() -> None:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table}")  # noqa: S608

    def executemany(tables: tuple[str, ...]) -> None:
        for n in range(0, writes.records, BATCH):
            conn.execute("BEGIN IMMEDIATE")
            for table in tables:
                conn.executemany(_insert_sql(table, "?"), batches[table][n // BATCH])
            conn.execute("COMMIT")

    found: dict[str, Limit] = {}
    try:
        for label, tables in (("records", ("records",)), ("all rows", tuple(TABLES))):
            found[f"executemany {label}"] = _timed(
                lambda t=tables: executemany(t), reset, repeats, writes.records, 0
            )
    finally:
        conn.close()
    return found


def database_limits(
    url: str, operations: Sequence[dict[str, Any]], repeats: int
) -> dict[str, Limit]:
    """The limits for ``operations`` on the (migrated, otherwise unused) database at ``url``."""
    county_id, user_id = owner(url)
    writes = server_rows(operations, county_id, user_id)
    if make_url(url).get_backend_name() == "postgresql":
        return postgres_limits(url, writes, repeats)
    return sqlite_limits(url, writes, repeats)


def payload_bytes(operations: Sequence[dict[str, Any]]) -> float:
    """Mean size of a record's JSON payload."""
    sizes = [len(json.dumps(op["payload"], separators=(",", ":"))) for op in operations]
    return statistics.mean(sizes) if sizes else 0.0
