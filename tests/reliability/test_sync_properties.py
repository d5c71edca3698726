"""A stateful property test over devices, the server and network faults (hypothesis).

Rules: devices save new records and edit old ones, sync through the proxy under a chosen fault,
and the server restarts. Invariant after every step: every change a device holds as acknowledged
(sent) is on the server exactly once, and no retry turned into a conflict. At teardown a clean
sync leaves every device with nothing pending and the server equal to the devices.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from csec_desktop.domain import Youth
from csec_desktop.sync.client import ServerUnreachable
from tests.reliability.sync_support import (
    County,
    Device,
    Fault,
    FaultProxy,
    ServerProcess,
    make_youth,
    open_device,
    sent_op_ids,
    sqlite_database,
)

EXAMPLES = max(5, int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) // 50)
DEVICES = 2
TIMEOUT = httpx.Timeout(connect=5.0, read=0.5, write=5.0, pool=5.0)


class World:
    """One server and proxy for the whole test; each example gets fresh users and vaults."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.url = sqlite_database(root)
        self.county = County.create(self.url)
        self.server = ServerProcess(self.url).start()
        self.fault = Fault.NONE
        self.faults_left = 0
        self.proxy = FaultProxy(self.server.port, self._choose).start()
        self.examples = 0

    def _choose(self, _method: str, _path: str) -> Fault:
        if self.faults_left <= 0:
            return Fault.NONE
        self.faults_left -= 1
        return self.fault

    def close(self) -> None:
        self.proxy.stop()
        self.server.stop()
        self.county.dispose()


_world: World | None = None


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    global _world
    with tempfile.TemporaryDirectory(prefix="csec-sync-prop-") as root:
        _world = World(Path(root))
        try:
            yield _world
        finally:
            _world.close()
            _world = None


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        assert _world is not None
        self.world = _world
        self.world.examples += 1
        self.world.faults_left = 0
        self.devices: list[Device] = []
        self.acknowledged: list[set[UUID]] = []
        self.counter = 0
        for index in range(DEVICES):
            name = f"prop{self.world.examples}-{index}"
            self.world.county.user(name)
            path = self.world.root / f"{name}.db"
            device = open_device(path, timeout=TIMEOUT, batch_size=4)
            device.service.enroll(self.world.proxy.url, self.world.county.code(name))
            self.devices.append(device)
            self.acknowledged.append(set())

    @rule(device=st.integers(0, DEVICES - 1), count=st.integers(1, 6))
    def add_records(self, device: int, count: int) -> None:
        fresh = []
        for _ in range(count):
            self.counter += 1
            fresh.append(make_youth(self.counter))
        self.devices[device].store.save_many(fresh, actor="cw")

    @rule(device=st.integers(0, DEVICES - 1), pick=st.integers(0, 1000))
    def edit_record(self, device: int, pick: int) -> None:
        existing = self.devices[device].store.records(Youth, limit=1000)
        if existing:
            youth = existing[pick % len(existing)]
            self.devices[device].store.save(youth.evolve(preferred_name=f"e{pick}"), actor="cw")

    @rule(
        device=st.integers(0, DEVICES - 1),
        fault=st.sampled_from(list(Fault)),
        times=st.integers(1, 5),
    )
    def sync(self, device: int, fault: Fault, times: int) -> None:
        """A sync whose first ``times`` requests meet ``fault`` (5 or more outlast the retries)."""
        self.world.fault, self.world.faults_left = fault, times
        try:
            self.devices[device].service.sync()
        except ServerUnreachable:
            pass  # every try failed under this fault; the work stays pending
        finally:
            self.world.faults_left = 0

    @rule()
    def restart_server(self) -> None:
        self.world.server.restart()

    @invariant()
    def acknowledged_changes_are_on_the_server_exactly_once(self) -> None:
        on_server = self.world.county.op_ids()
        assert not on_server or max(on_server.values()) == 1
        for index, device in enumerate(self.devices):
            sent = sent_op_ids(device.store)
            assert self.acknowledged[index] <= sent, "an acknowledged change became unsent"
            assert sent <= set(on_server), "an acknowledged change is not on the server"
            self.acknowledged[index] = sent
        assert self.world.county.conflict_count() == 0

    def teardown(self) -> None:
        try:
            self.world.faults_left = 0
            for device in self.devices:
                assert device.service.sync().complete
                assert device.store.outbox_counts().pending == 0
            server_versions = self.world.county.record_versions()
            for device in self.devices:
                for youth in device.store.records(Youth, limit=100_000):
                    assert server_versions[youth.id] == youth.version
        finally:
            for device in self.devices:
                device.close()


@pytest.mark.usefixtures("world")
def test_every_acknowledged_change_is_on_the_server_exactly_once() -> None:
    SyncMachine.TestCase.settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    SyncMachine.TestCase().runTest()
