"""A new laptop's restore SIGKILLed at random points, again and again, on SQLite and on
PostgreSQL: after every kill the vault opens (pages and audit chain intact) and the next sync
resumes; at the end the vault holds exactly the user's caseload, each record once, at the
server's version, with nothing queued to send.

Each round restores a fresh vault, killed until its restore completes, so kills keep landing in
the middle of restores. The normal suite kills 8 times per database; ``make reliability``
(CSEC_RELIABILITY_KILLS=2000) 62 times per database.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from csec_desktop.domain import RECORD_TYPES
from csec_desktop.server.schema import records
from csec_desktop.services.sync_pull import restore_state
from tests.reliability.sync_support import (
    ROOT,
    County,
    Device,
    ServerProcess,
    make_youth,
    open_device,
    postgres_database,
    sqlite_database,
)
from tests.server.conftest import screening

KILLS = max(8, int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) // 32)
YOUTH = 120  # with a screening each: 240 records
PAGE = 8  # 30 pages of records (and 15 of caseload events)


def _local(device: Device) -> dict[tuple[str, Any], int]:
    found = {}
    for model in RECORD_TYPES.values():
        for record in device.store.records(model):
            found[(record.record_type, record.id)] = record.version
    return found


def _kill_during_restore(db: Path, key: bytes, rng: random.Random) -> tuple[int, bool]:
    """Start the worker, SIGKILL it after a random number of pages (and a random delay);
    returns (pages it committed, whether it finished before the kill)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.restore_worker", str(db), str(PAGE)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(key.hex() + "\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "ready"
    target = rng.randint(0, 12)
    timer: threading.Timer | None = None
    pages = 0
    finished = False
    if target == 0:
        timer = threading.Timer(rng.uniform(0, 0.3), child.send_signal, (signal.SIGKILL,))
        timer.start()
    for line in child.stdout:
        if line.startswith("page"):
            pages += 1
        finished |= line.strip() == "done"
        if pages >= target and timer is None:
            timer = threading.Timer(rng.uniform(0, 0.05), child.send_signal, (signal.SIGKILL,))
            timer.start()
    child.wait()
    if timer is not None:
        timer.cancel()
    assert child.returncode in (0, -signal.SIGKILL), child.returncode
    return pages, finished and child.returncode == 0


def _soak(database_url: str, tmp_path: Path, seed: int) -> None:
    county = County.create(database_url)
    server = ServerProcess(database_url).start()
    rng = random.Random(seed)
    try:
        county.user("cw-restore")
        source = open_device(tmp_path / "source.db")
        source.service.enroll(server.url, county.code("cw-restore"))
        youth = [make_youth(n) for n in range(YOUTH)]
        source.store.save_many(youth + [screening(y.id) for y in youth], actor="cw")
        assert source.service.sync().complete
        source.close()
        with county.engine.connect() as conn:
            expected = {
                (row.record_type, row.record_id): row.version
                for row in conn.execute(select(records.c.record_type, records.c.record_id,
                                               records.c.version))
            }  # fmt: skip

        mid_restore = 0
        rounds = 0
        db: Path | None = None
        key = b""
        for kill in range(KILLS):
            if db is None:  # a fresh laptop for the user
                rounds += 1
                db, key = tmp_path / f"laptop-{kill}.db", os.urandom(32)
                laptop = open_device(db, key)
                laptop.service.enroll(server.url, county.code("cw-restore"))
                laptop.close()
            pages, finished = _kill_during_restore(db, key, rng)
            check = open_device(db, key)
            try:
                assert check.store.integrity_problems() == []
                assert check.store.verify_audit().ok
                state = restore_state(check.store)
                if state.state == "complete":
                    _assert_exact(check, expected)
                    db = None
                elif pages and not finished:
                    mid_restore += 1
                    held = _local(check)
                    assert all(expected[key_] == v for key_, v in held.items())
            finally:
                check.close()
        print(f"{KILLS} kills, {mid_restore} in the middle of a restore, {rounds} laptops")
        assert mid_restore >= KILLS // 2  # the kills landed during restores
        if db is not None:
            last = open_device(db, key, pull_page_size=PAGE)
            try:
                assert last.service.sync().complete
                _assert_exact(last, expected)
            finally:
                last.close()
    finally:
        server.stop()
        county.dispose()


def _assert_exact(device: Device, expected: dict[tuple[str, Any], int]) -> None:
    assert _local(device) == expected  # nothing missing, nothing extra
    history = device.store.call(
        lambda: (
            device.store._connection()
            .execute("SELECT count(*), count(DISTINCT record_type || id) FROM record_versions")
            .fetchone()
        )
    )
    assert tuple(history) == (len(expected), len(expected))  # one version each, none twice
    assert device.store.outbox_counts().pending == 0
    assert device.store.outbox_items() == []  # a restore queues nothing
    state = restore_state(device.store)
    assert state.state == "complete" and state.received == state.total == len(expected)


def test_restore_killed_at_random_points_resumes_exactly_on_sqlite(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    _soak(sqlite_database(tmp_path), tmp_path, seed)


@pytest.mark.postgres
def test_restore_killed_at_random_points_resumes_exactly_on_postgresql(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    with postgres_database() as url:
        _soak(url, tmp_path, seed)
