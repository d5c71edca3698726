"""Counting what an app asks of its database: statements, transactions, checkouts, pings.

Shared by ``bench/bench_push_statements.py`` (a push by size) and
``bench/bench_request_statements.py`` (each kind of request the state scenario sends). A timed
profile moves with the machine's load; these counts do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any, TypeVar

from sqlalchemy import event

from csec_desktop.server import push_writes

from .harness import postgres_database, sqlite_database

T = TypeVar("T")


class Counts:
    """What the app asked of the database since the last ``take``."""

    def __init__(self) -> None:
        self.counter: Counter[str] = Counter()
        self.statements: list[str] = []

    def attach(self, engine: Any) -> None:
        @event.listens_for(engine, "before_cursor_execute")
        def _statement(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
            self.counter["statements"] += 1
            self.counter["executemany"] += int(many)
            self.counter["rows sent"] += len(params) if many else 1
            verb = sql.lstrip().split(None, 1)[0].upper()
            self.counter[f"  {verb}"] += 1
            self.statements.append(" ".join(sql.split())[:160])

        @event.listens_for(engine, "begin")
        def _begin(_conn: Any) -> None:
            self.counter["transactions"] += 1

        @event.listens_for(engine.pool, "checkout")
        def _checkout(*_: Any) -> None:
            self.counter["checkouts"] += 1

        @event.listens_for(engine, "engine_connect")
        def _ping(conn: Any) -> None:
            if engine.pool._pre_ping:  # each checkout's ping is one more round trip
                self.counter["pings"] += 1

        # New rows go to PostgreSQL by COPY on the driver's connection, which SQLAlchemy's events
        # do not see: counted here, one statement each.
        original = push_writes.copy

        def counted_copy(conn: Any, name: str, columns: Any, types: Any, rows: list[Any]) -> None:
            self.counter["statements"] += 1
            self.counter["rows sent"] += len(rows)
            self.counter["  COPY"] += 1
            self.statements.append(f"COPY {name}")
            original(conn, name, columns, types, rows)

        push_writes.copy = counted_copy  # type: ignore[assignment]

    def take(self) -> Counter[str]:
        found, self.counter = self.counter, Counter()
        self.statements = []
        return found

    def take_with_statements(self) -> tuple[Counter[str], list[str]]:
        said = self.statements
        return self.take(), said


def measured_on_the_chosen_database(measure: Callable[[str], T], argv: list[str]) -> T:
    """``measure(url)`` on a fresh, migrated database: PostgreSQL's test cluster, or SQLite with
    ``--sqlite`` in ``argv`` or when PostgreSQL is not reachable; says which first."""
    with ExitStack() as stack:
        url = None if "--sqlite" in argv else stack.enter_context(postgres_database())
        label = "PostgreSQL"
        if url is None:
            url, label = stack.enter_context(sqlite_database()), "SQLite"
        print(f"database work per request, on {label} (counts, not times)")
        return measure(url)
