"""How PostgreSQL plans protocol 2's pull record queries when its statistics are stale.

A shift-start burst writes a county's records faster than autovacuum analyses them, so the pulls
that follow are planned on statistics from before the burst. This builds that database: a county
analysed while nearly empty (autovacuum off for the run, so it stays so), then DEVICES laptops of
as many caseworkers each pushing their own youth and records. One laptop then pulls, as it does
right after its push in the burst; its record queries are captured as the server sends them and
shown with EXPLAIN ANALYZE, on the stale statistics and again after ANALYZE.

Run: ``.venv/bin/python bench/bench_pull_plan.py [--devices 100] [--youth 10]`` (PostgreSQL of
``bash .ci/services.sh``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from uuid import uuid4

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest.harness import postgres_database  # noqa: E402
from loadtest.records import authored_operations, device_records, new_operation  # noqa: E402
from sqlalchemy import Connection, event, text  # noqa: E402

from csec_desktop.domain import utcnow  # noqa: E402
from csec_desktop.server import accounts, push  # noqa: E402
from csec_desktop.server.accounts import Caller  # noqa: E402
from csec_desktop.server.caseload_feed import FeedCursor, pull_page  # noqa: E402
from csec_desktop.server.db import create_db_engine  # noqa: E402
from csec_desktop.sync.protocol import PushOperation, Role  # noqa: E402

COUNTY = "Fresno"
TABLES = ("records", "record_youth", "assignments", "changes")


def _enrolled(conn: Connection, username: str) -> Caller:
    accounts.create_user(conn, COUNTY, username, Role.CASEWORKER, "A")
    enrolled = accounts.enroll_device(conn, accounts.issue_enrollment_code(conn, username), "lap")
    assert enrolled is not None
    caller = accounts.caller_for_token(conn, enrolled.device_token)
    assert caller is not None
    return caller


def _operations(username: str, seed: int, youth: int) -> list[PushOperation]:
    records = device_records(COUNTY, seed, youth=youth, screenings=youth, sessions=youth // 2)
    operations = [new_operation(r, str(uuid4())) for r in records]
    return [PushOperation.model_validate(o) for o in authored_operations(operations, username)]


def _pull_queries(conn: Connection, caller: Caller, cursor: str) -> list[tuple[str, Any]]:
    """The record queries of ``caller``'s pull after ``cursor``, as the server sends them."""
    captured: list[tuple[str, Any]] = []

    def grab(_c: Any, _cur: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        # The record queries select positions only (``caseload_feed._record_queries``).
        if statement.lstrip().startswith(("SELECT records.feed_seq", "SELECT version.feed_seq")):
            captured.append((statement, parameters))

    event.listen(conn, "before_cursor_execute", grab)
    try:
        page = pull_page(conn, caller, FeedCursor.decode(cursor), 500, utcnow())
    finally:
        event.remove(conn, "before_cursor_execute", grab)
    print(f"  the pull sent {len(page.changes)} items")
    return captured


def _explain(conn: Connection, queries: list[tuple[str, Any]]) -> None:
    for statement, parameters in queries:
        plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
        print("  ---")
        for (line,) in plan:
            print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=100)
    parser.add_argument("--youth", type=int, default=10, help="youth each laptop creates")
    args = parser.parse_args()
    print(f"load average {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with postgres_database() as url:
        if url is None:
            print("PostgreSQL is not reachable: run 'bash .ci/services.sh'")
            return 1
        engine = create_db_engine(url)
        with engine.begin() as conn:
            accounts.create_county(conn, COUNTY)
            callers = [_enrolled(conn, f"cw{n}") for n in range(args.devices)]
            for table in TABLES:
                conn.execute(text(f"ALTER TABLE {table} SET (autovacuum_enabled = off)"))
        seeded = push.push_batch(engine, callers[0], _operations("cw0", 0, args.youth))
        with engine.begin() as conn:
            for table in TABLES:
                conn.execute(text(f"ANALYZE {table}"))  # the statistics from before the burst
        cursor = FeedCursor.decode(None)
        with engine.connect() as conn:
            while True:
                page = pull_page(conn, callers[-1], cursor, 500, utcnow())
                cursor = page.next_cursor
                if not page.has_more:
                    break
        total = len(seeded)
        for n, caller in enumerate(callers[1:], start=1):
            total += len(push.push_batch(engine, caller, _operations(f"cw{n}", n, args.youth)))
        print(f"{args.devices} laptops pushed {total} records; statistics from the first laptop's")
        for label in ("stale statistics", "after ANALYZE"):
            if label == "after ANALYZE":
                with engine.begin() as conn:
                    for table in TABLES:
                        conn.execute(text(f"ANALYZE {table}"))
            print(f"{label}: the last laptop's pull after its push")
            with engine.connect() as conn:
                _explain(conn, _pull_queries(conn, callers[-1], cursor.encode()))
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
