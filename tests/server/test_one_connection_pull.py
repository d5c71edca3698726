"""A pull reads and writes on one connection (issue 16: one checkout and ping instead of up to
four), and on SQLite its writes still take the write lock from their start while its reads never
hold it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from csec_desktop.server.db import create_db_engine, read_only, writing
from tests.server.conftest import Harness


def test_on_sqlite_a_write_between_reads_begins_immediate_and_the_reads_do_not(
    tmp_path: Path,
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'county' / 'server.sqlite3'}")
    said: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: said.append(a[2]))
    with read_only(engine).connect() as conn:
        conn.execute(text("SELECT 1"))
        with pytest.raises(RuntimeError), writing(conn):  # a read transaction open: refused
            pass
        conn.rollback()
        with writing(conn):
            conn.execute(text("CREATE TABLE seen (n INTEGER)"))
        conn.execute(text("SELECT 2"))
    engine.dispose()
    assert said == ["BEGIN", "SELECT 1", "BEGIN IMMEDIATE", "CREATE TABLE seen (n INTEGER)",
                    "BEGIN", "SELECT 2"]  # fmt: skip


def test_a_pull_that_acknowledges_the_feed_checks_out_one_connection(server: Harness) -> None:
    server.county()
    ana = server.user("ana")
    ben = server.user("ben")
    server.youth_of(ben)
    server.youth_of(ana)
    _, cursor = server.pull_all(ana)
    server.youth_of(ana)  # the county moves on: the next pull walks a step and acknowledges it
    checkouts: list[Any] = []

    def count(*args: Any) -> None:
        checkouts.append(args)

    event.listen(server.engine.pool, "checkout", count)
    try:
        page = server.pull(ana, cursor)
        server.pull(ana, page["next_cursor"])  # acknowledges the step the page finished
    finally:
        event.remove(server.engine.pool, "checkout", count)
    # Each pull: the token lookup, then the pull itself on one connection.
    assert len(checkouts) == 4
    with server.engine.connect() as conn:
        acked = conn.execute(
            text("SELECT feed_acked_seq FROM devices WHERE id = :id"),
            {"id": ana.device_id.hex if "sqlite" in server.url else ana.device_id},
        ).scalar_one()
    assert acked == int(page["next_cursor"].split(".")[1])
