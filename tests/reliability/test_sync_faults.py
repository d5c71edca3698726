"""Hundreds of syncs through a fault-injecting proxy, and a server restarted mid-sync.

Invariants: the server holds each operation exactly once, nothing acknowledged is lost, no retry
turns into a conflict, and every device ends with nothing pending. The normal suite runs 200
syncs on SQLite and 40 on PostgreSQL; ``make reliability`` (CSEC_RELIABILITY_KILLS=2000) runs
ten times as many.
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest

from csec_desktop.domain import Youth
from csec_desktop.store import OutboxState
from csec_desktop.sync.client import RetryPolicy, ServerUnreachable
from tests.reliability.sync_support import (
    County,
    Device,
    Fault,
    FaultProxy,
    ServerProcess,
    make_youth,
    open_device,
    postgres_database,
    sent_op_ids,
    sqlite_database,
)

SCALE = int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) / 200
FAULT_WEIGHTS = {
    Fault.NONE: 60,
    Fault.REFUSE: 8,
    Fault.RESET_AFTER_REQUEST: 12,
    Fault.TRUNCATE: 8,
    Fault.STALL: 2,
    Fault.DUPLICATE: 10,
}
# Short timeouts so a stalled answer costs one second, not a minute.
TIMEOUT = httpx.Timeout(connect=5.0, read=1.5, write=5.0, pool=5.0)


class Chooser:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.enabled = True
        self._lock = threading.Lock()

    def __call__(self, _method: str, _path: str) -> Fault:
        if not self.enabled:
            return Fault.NONE
        with self._lock:
            return self.rng.choices(list(FAULT_WEIGHTS), weights=list(FAULT_WEIGHTS.values()))[0]


def _edit(device: Device, rng: random.Random, counter: list[int]) -> None:
    """A few new youth and a few edits of existing ones, like a day of fieldwork."""
    new = []
    for _ in range(rng.randint(0, 4)):
        counter[0] += 1
        new.append(make_youth(counter[0]))
    if new:
        device.store.save_many(new, actor="cw")
    existing = device.store.records(Youth, limit=200)
    for youth in rng.sample(existing, k=min(len(existing), rng.randint(0, 3))):
        device.store.save(youth.evolve(preferred_name=f"v{youth.version + 1}"), actor="cw")


def _check_acknowledged(device: Device, county: County, acknowledged: set[UUID]) -> None:
    sent = sent_op_ids(device.store)
    assert acknowledged <= sent, "an acknowledged change went back to pending"
    on_server = county.op_ids()
    missing = sent - set(on_server)
    assert not missing, f"{len(missing)} acknowledged changes are not on the server"
    acknowledged |= sent


def _run_faulty_syncs(database_url: str, tmp_path: Path, syncs: int, seed: int) -> None:
    county = County.create(database_url)
    server = ServerProcess(database_url).start()
    rng = random.Random(seed)
    chooser = Chooser(rng)
    proxy = FaultProxy(server.port, chooser).start()
    devices: list[Device] = []
    try:
        for name in ("cw-a", "cw-b"):
            county.user(name)
            device = open_device(tmp_path / f"{name}.db", timeout=TIMEOUT, batch_size=8)
            chooser.enabled = False
            device.service.enroll(proxy.url, county.code(name))
            chooser.enabled = True
            devices.append(device)
        acknowledged: dict[int, set[UUID]] = {0: set(), 1: set()}
        counter = [0]
        failures = 0
        for _ in range(syncs):
            index = rng.randrange(len(devices))
            device = devices[index]
            _edit(device, rng, counter)
            try:
                device.service.sync()
            except ServerUnreachable:
                failures += 1  # pending work stays; the next sync takes it
            _check_acknowledged(device, county, acknowledged[index])

        chooser.enabled = False
        for index, device in enumerate(devices):
            assert device.service.sync().complete
            assert device.store.outbox_counts().pending == 0
            assert device.store.outbox_counts().quarantined == 0
            _check_acknowledged(device, county, acknowledged[index])

        # Exactly one copy of each operation: every op id the server holds is one a device
        # queued, each record is at the device's version, and no retry became a conflict.
        server_ops = county.op_ids()
        assert max(server_ops.values()) == 1
        every_op = set()
        local: dict[UUID, int] = {}
        for device in devices:
            every_op |= {i.op_id for i in device.store.outbox_items(limit=10_000_000)}
            local |= {y.id: y.version for y in device.store.records(Youth, limit=10_000_000)}
            assert {i.state for i in device.store.outbox_items(limit=10_000_000)} <= {
                OutboxState.SENT
            }
        assert set(server_ops) == every_op
        assert county.record_versions() == local
        assert county.conflict_count() == 0
        assert set(county.op_statuses().values()) <= {"applied", "duplicate"}
        # The faults really happened (each kind at least once in a run this long).
        assert all(proxy.faults[fault] > 0 for fault in FAULT_WEIGHTS), proxy.faults
        assert failures < syncs
    finally:
        proxy.stop()
        server.stop()
        for device in devices:
            device.close()
        county.dispose()


def test_hundreds_of_syncs_through_faults_on_sqlite(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    _run_faulty_syncs(sqlite_database(tmp_path), tmp_path, int(200 * SCALE), seed)


@pytest.mark.postgres
def test_syncs_through_faults_on_postgresql(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    with postgres_database() as url:
        _run_faulty_syncs(url, tmp_path, int(60 * SCALE), seed)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    yield sqlite_database(tmp_path)


def test_server_killed_and_restarted_mid_sync(tmp_path: Path, sqlite_url: str) -> None:
    county = County.create(sqlite_url)
    server = ServerProcess(sqlite_url).start()
    pushes = [0]
    killer: list[threading.Thread] = []

    def chooser(_method: str, path: str) -> Fault:
        if path.startswith("/api/v1/sync/push"):
            pushes[0] += 1
            if pushes[0] in (4, 9):  # twice, racing the request it came with
                thread = threading.Thread(target=server.kill)
                killer.append(thread)
                thread.start()
        return Fault.NONE

    def restart_if_down(_seconds: float) -> None:
        # The client's backoff: the moment to bring the server back (no test sleeps).
        for thread in killer:
            thread.join()
        if server.process is None:
            server.start()

    proxy = FaultProxy(server.port, chooser).start()
    county.user("cw-restart")
    device = open_device(
        tmp_path / "d.db",
        batch_size=40,
        sleep=restart_if_down,
        retry=RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.01),
    )
    try:
        device.service.enroll(proxy.url, county.code("cw-restart"))
        device.store.save_many([make_youth(n) for n in range(600)], actor="cw")
        report = device.service.sync()
        assert pushes[0] >= 15 and server.process is not None
        assert report.complete and device.store.outbox_counts().pending == 0
        assert county.record_versions() == {
            y.id: y.version for y in device.store.records(Youth, limit=1000)
        }
        assert set(county.op_ids()) == sent_op_ids(device.store)
        assert county.conflict_count() == 0
    finally:
        proxy.stop()
        server.stop()
        device.close()
        county.dispose()


def _restore_through_faults(database_url: str, tmp_path: Path, seed: int, youth: int) -> None:
    """A new laptop restores a caseload in small pages through the fault proxy (resets after
    the server answered, truncated answers, stalls, duplicated requests, refusals), while the
    user's other laptop keeps changing records. Every fault kind hits pull pages; the restore
    gets through, and the laptop ends with exactly the caseload at the server's versions."""
    county = County.create(database_url)
    server = ServerProcess(database_url).start()
    rng = random.Random(seed)
    pulls: dict[Fault, int] = dict.fromkeys(FAULT_WEIGHTS, 0)
    enabled = [False]

    def chooser(_method: str, path: str) -> Fault:
        if not enabled[0] or not path.startswith("/api/v1/sync/pull"):
            return Fault.NONE
        unused = [fault for fault, count in pulls.items() if not count]
        if unused and rng.random() < 0.3:  # every kind at least once, however short the run
            fault = rng.choice(unused)
        else:
            fault = rng.choices(list(FAULT_WEIGHTS), weights=list(FAULT_WEIGHTS.values()))[0]
        pulls[fault] += 1
        return fault

    proxy = FaultProxy(server.port, chooser).start()
    other = open_device(tmp_path / "other.db")
    laptop = open_device(tmp_path / "laptop.db", timeout=TIMEOUT, pull_page_size=5)
    try:
        county.user("cw-restore")
        other.service.enroll(server.url, county.code("cw-restore"))
        other.store.save_many([make_youth(n) for n in range(youth)], actor="cw")
        assert other.service.sync().complete
        laptop.service.enroll(proxy.url, county.code("cw-restore"))
        enabled[0] = True
        attempts = 0
        while True:
            attempts += 1
            _edit(other, rng, [youth + attempts * 10])  # changes while the restore runs
            other.service.sync()
            try:
                laptop.service.sync()
            except ServerUnreachable:
                continue
            if laptop.service.status().restore.state == "complete":
                break
        enabled[0] = False
        other.service.sync()
        laptop.service.sync()
        local = {y.id: y.version for y in laptop.store.records(Youth, limit=10_000)}
        assert local == county.record_versions()
        assert laptop.store.outbox_items() == []
        assert all(count > 0 for count in pulls.values()), pulls
        print(f"{attempts} syncs; faults on pull pages: {dict(pulls)}")
    finally:
        proxy.stop()
        server.stop()
        other.close()
        laptop.close()
        county.dispose()


def test_a_restore_through_faults_on_its_pull_pages_on_sqlite(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    _restore_through_faults(sqlite_database(tmp_path), tmp_path, seed, int(150 * SCALE))


@pytest.mark.postgres
def test_a_restore_through_faults_on_its_pull_pages_on_postgresql(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    with postgres_database() as url:
        _restore_through_faults(url, tmp_path, seed, int(150 * SCALE))
