"""The county-server load benchmark's own logic (bench/loadtest): schedules, figures, profile map.

The benchmark's numbers are only as honest as these parts: a state morning that is not the one the
docs describe, a percentile off by one rank, or a profile that files validation under the wrong
heading would mislead the work that follows. Pure functions, so these tests take milliseconds.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from csec_desktop.domain.counties import CALIFORNIA_COUNTIES

# bench/ on the path only while importing: its other modules (common, gui, ...) must not shadow
# anything for the rest of the session.
_BENCH = str(Path(__file__).resolve().parents[2] / "bench")
sys.path.insert(0, _BENCH)
try:
    from loadtest import plan, profile, results
finally:
    sys.path.remove(_BENCH)


def test_a_state_morning_spreads_its_laptops_over_all_58_counties_by_population() -> None:
    counts = plan.devices_by_county(1_000)

    assert set(counts) == CALIFORNIA_COUNTIES
    assert sum(counts.values()) == 1_000
    assert min(counts.values()) == plan.MIN_DEVICES_PER_COUNTY  # Alpine still has its two
    assert max(counts, key=counts.__getitem__) == "Los Angeles"
    assert counts["Los Angeles"] > 10 * counts["Fresno"] / 2  # ten times Fresno's people


def test_too_few_laptops_for_58_counties_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 116"):
        plan.devices_by_county(100)


def test_most_laptops_arrive_within_the_first_15_minutes_and_all_within_the_half_hour() -> None:
    compression = 15.0  # 30 real minutes become 120 s
    devices = plan.state_devices(1_000, compression, seed=16)

    early = sum(1 for d in devices if d.arrival_s <= 15 * 60 / compression)
    assert early / len(devices) >= 0.8
    assert all(0 <= d.arrival_s <= 30 * 60 / compression for d in devices)
    busiest_minute = Counter(int(d.arrival_s * compression / 60) for d in devices).most_common(1)
    assert busiest_minute[0][0] < 6  # the rush is at the start of the shift, not spread evenly


def test_the_same_seed_gives_the_same_morning_and_another_seed_another() -> None:
    first = plan.state_devices(300, 15.0, seed=4)

    assert plan.state_devices(300, 15.0, seed=4) == first
    assert plan.state_devices(300, 15.0, seed=5) != first


def test_every_team_has_one_supervisor_and_at_most_six_caseworkers() -> None:
    devices = plan.state_devices(1_000, 15.0, seed=16)
    teams: dict[tuple[str, str], Counter[str]] = {}
    for device in devices:
        teams.setdefault((device.county, device.team), Counter())[device.role] += 1

    for roles in teams.values():
        assert roles["supervisor"] == 1
        assert 1 <= roles["caseworker"] <= plan.TEAM_SIZE


def test_later_syncs_come_about_a_period_apart_and_never_after_the_run() -> None:
    times = plan.later_syncs(10.0, 40.0, 120.0, random.Random(1))

    assert times and all(t < 120.0 for t in times)
    gaps = [b - a for a, b in zip([10.0, *times], times, strict=False)]
    assert all(32.0 <= gap <= 48.0 for gap in gaps)


def test_random_arrivals_fall_inside_their_window_in_order() -> None:
    arrivals = plan.poisson_arrivals(200, 30.0, seed=4)

    assert arrivals == sorted(arrivals)
    assert arrivals[0] >= 0.0 and arrivals[-1] <= 30.0
    assert arrivals == plan.poisson_arrivals(200, 30.0, seed=4)


def test_p99_of_400_requests_is_the_396th_fastest() -> None:
    assert results.percentile([float(n) for n in range(400, 0, -1)], 0.99) == 396.0
    assert results.percentile([5.0], 0.99) == 5.0


def _request(
    name: str, start: float, ms: float, ok: bool = True, records: int = 0
) -> results.Request:
    return results.Request(name, start, ms, ok, records, "" if ok else "answered 500")


def test_a_run_counts_failed_requests_and_leaves_warm_up_out() -> None:
    requests = [
        _request("warm-up", 0.0, 900.0),
        _request("late-start", 0.0, 3.0),
        _request("push", 100.0, 200.0, records=50),
        _request("push", 100.0, 400.0, ok=False, records=50),
        _request("pull", 100.3, 20.0),
    ]

    summary = results.summarize(requests)

    assert summary.requests == 3
    assert summary.errors == 1
    assert summary.error_kinds == Counter({"push: answered 500": 1})
    assert summary.records == 50  # the failed push's records were not stored
    assert summary.elapsed_s == pytest.approx(0.4)  # first start to last end
    assert summary.p99_ms == 400.0


def test_raw_timings_written_by_several_locust_processes_are_read_together(tmp_path: Path) -> None:
    (tmp_path / "raw-101.tsv").write_text("push\t1.5\t12.250\t1\t50\t\n")
    (tmp_path / "raw-102.tsv").write_text("pull\t2.0\t3.000\t0\t0\tanswered 503\n")

    found = results.read_raw(tmp_path)

    assert found == [
        results.Request("push", 1.5, 12.25, True, 50, ""),
        results.Request("pull", 2.0, 3.0, False, 0, "answered 503"),
    ]


_WORKER = 'process 1:"csec-county-server serve";process 2:"spawn_main"'
_PUSH = (
    f"{_WORKER};Runner.run (asyncio/runners.py:118);_router.<locals>.push_records "
    "(csec_desktop/server/app.py:380);push_batch (csec_desktop/server/push.py:120)"
)


def test_the_profile_files_each_sample_under_the_step_of_the_push_it_was_in() -> None:
    raw = "\n".join(
        [
            f"{_PUSH};_check (csec_desktop/server/push.py:170);BaseModel.model_validate "
            "(pydantic/main.py:700) 6",
            f"{_PUSH};_push_checked (csec_desktop/server/push.py:230);"
            "Connection.execute (sqlalchemy/engine/base.py:1400) 3",
            f"{_PUSH};_push_checked (csec_desktop/server/push.py:260);UserChainWriter.add "
            "(csec_desktop/server/audit.py:140);entry_hash (csec_desktop/server/audit.py:25) 1",
            'process 1:"csec-county-server serve";Condition.wait (threading.py:331) 50',
        ]
    )

    summary = profile.summarize(raw)

    assert "10 samples" in summary  # the supervisor process is not a worker: left out
    assert "60.0%  push: check each operation: pydantic model_validate" in summary
    assert "30.0%  push: SQL statements (SQLAlchemy, psycopg)" in summary
    assert "10.0%  push: audit chain entries (hashing)" in summary


def test_the_wall_view_keeps_push_threads_and_names_what_they_wait_for() -> None:
    raw = "\n".join(
        [
            f"{_PUSH};_push_checked (csec_desktop/server/push.py:230);Connection.execute "
            "(sqlalchemy/engine/base.py:1400);Connection.wait (psycopg/connection.py:900) 3",
            f"{_PUSH};_check (csec_desktop/server/push.py:170) 1",
            f"{_WORKER};WorkerThread.run (anyio/_backends/_asyncio.py:900);Queue.get "
            "(queue.py:171) 40",
        ]
    )

    summary = profile.summarize(raw, wall=True)

    assert "4 samples" in summary  # idle pool threads are not inside a push
    assert "75.0%  waiting: the database (psycopg)" in summary


def test_the_profile_names_the_endpoint_each_sample_was_in() -> None:
    pull = f"{_WORKER};_router.<locals>.pull (csec_desktop/server/app.py:420)"
    raw = "\n".join(
        [
            f"{_PUSH};_check (csec_desktop/server/push.py:170) 2",
            f"{pull};_pull_caseload (csec_desktop/server/app.py:700);pull_page "
            "(csec_desktop/server/caseload_feed.py:150) 5",
            f"{_WORKER};current_caller (csec_desktop/server/app.py:180);caller_for_token "
            "(csec_desktop/server/accounts.py:330) 1",
            f"{_WORKER};Runner.run (asyncio/runners.py:118);Queue.put (queue.py:140) 2",
        ]
    )

    summary = profile.summarize(raw)
    endpoints = summary.split("by endpoint:")[1].split("top leaf")[0]

    assert "50.0%  pull" in endpoints
    assert "20.0%  push" in endpoints
    assert "10.0%  auth (every request)" in endpoints
    assert "20.0%  outside an endpoint" in endpoints
    # The wall view of the state scenario keeps the threads inside any endpoint.
    wall = profile.summarize(raw, wall=True, within="any endpoint")
    assert "8 samples" in wall
    assert "inclusive share of 10 samples" in profile.inclusive(raw)
