"""The review queue reads the team's screenings from the team's members, whatever the county's
history or the planner's statistics (issue 16: it scanned every screening of the county)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects import postgresql

from csec_desktop.domain import ScreeningStatus
from csec_desktop.server import review
from csec_desktop.server.accounts import caller_for_token
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Harness


def _records_scans(plan: Any) -> list[dict[str, Any]]:
    found = [plan] if plan.get("Relation Name") == "records" else []
    for child in plan.get("Plans", []):
        found += _records_scans(child)
    return found


def _indexes_read_by(scan: dict[str, Any]) -> set[str]:
    """The indexes a scan of ``records`` reads: an index scan's own, or those of the bitmap index
    scans under a bitmap heap scan; none for a sequential scan."""
    if "Index Name" in scan:
        return {scan["Index Name"]}
    return {name for child in scan.get("Plans", []) for name in _indexes_read_by(child)}


def test_on_postgresql_the_queue_reads_only_the_teams_waiting_screenings_with_stale_statistics(
    postgres_harness_of_its_own: Harness,
) -> None:
    # A database no other test wrote to: emptying tables leaves their column statistics as the
    # earlier tests' data made them, and those steered this plan to a sequential scan in CI.
    server = postgres_harness_of_its_own
    server.county()
    with server.engine.begin() as conn:  # statistics of a county with nothing in it yet
        conn.execute(text("ANALYZE"))
        # ... kept so: autovacuum's analyze would otherwise refresh them once the inserts below
        # pass its threshold, and on fresh statistics of 80 rows a sequential scan is the right
        # plan. The shift-start burst outruns autovacuum the same way.
        for [table] in conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ):
            conn.execute(text(f'ALTER TABLE "{table}" SET (autovacuum_enabled = off)'))
    boss = server.user("sup-a", Role.SUPERVISOR, team="A")
    author = server.user("cw-a", team="A")
    waiting = [server.screening_by(author) for _ in range(2)]
    server.screening_by(author, status=ScreeningStatus.DRAFT)
    busy = [server.user(f"cw-b{n}", team="B") for n in range(3)]
    for device in busy:  # the rest of the county: another team's screenings, many
        for _ in range(12):
            server.screening_by(device)
    with server.engine.connect() as conn:
        caller = caller_for_token(conn, boss.token)
        assert caller is not None
        params = {"county": caller.county_id, "team": caller.team, "me": caller.user_id}
        statement = review._waiting_query(True).params(params)
        sql = str(
            statement.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
        )
        [[plan]] = conn.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)).all()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    scans = _records_scans(plan[0]["Plan"])
    # Read by one of the owner's indexes, never the county's; and only the team's members'
    # records examined (the author's 3 youth and 3 screenings), none of the other team's 72.
    assert scans
    for scan in scans:
        read = _indexes_read_by(scan)
        assert read and all(name.startswith("ix_records_owner_user_id") for name in read), scan
    examined = sum(
        (
            scan["Actual Rows"]
            + scan.get("Rows Removed by Filter", 0)
            + scan.get("Rows Removed by Index Recheck", 0)
        )
        * scan["Actual Loops"]
        for scan in scans
    )
    assert len(waiting) <= examined <= 6
    answer = server.client.get("/api/v1/reviews/screenings", headers=boss.headers)
    assert sorted(s["screening_id"] for s in answer.json()["screenings"]) == sorted(
        str(s.id) for s in waiting
    )
