"""Two county server processes on one database, each laptop talking to either at random: two
caseworkers with two laptops each add and edit youth, a county administrator moves youth between
them through either process, and at the end every laptop holds exactly its user's caseload as
the database has it, and a new laptop restored through either process gets the same records.
The server keeps no state of its own between requests that this could break.

On SQLite (the two processes share the file) and on PostgreSQL. The normal suite runs 40 rounds;
``make reliability`` (CSEC_RELIABILITY_KILLS=2000) ten times as many.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from sqlalchemy import select

from csec_desktop.domain import Youth
from csec_desktop.server.schema import assignments, record_youth, records, users
from csec_desktop.services.sync import Resolution
from csec_desktop.services.sync_conflicts import SUPERSEDED_BY_RESOLUTION
from csec_desktop.store import OutboxState
from csec_desktop.sync.client import CancelToken, ServerRefused, SyncClient
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Role
from tests.reliability.sync_support import (
    FAST_RETRY,
    County,
    Device,
    ServerProcess,
    make_youth,
    no_wait,
    open_device,
    postgres_database,
    sqlite_database,
)

SET_ASIDE = {SUPERSEDED_BY_RESOLUTION, "not sent: this conflict was resolved on another laptop"}
ROUNDS = int(40 * int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) / 200)


def _through_either(servers: list[ServerProcess], rng: random.Random) -> Any:
    """A client factory that sends each sync to a server process chosen at random."""

    def factory(_url: str, token: str | None, cancel: CancelToken) -> SyncClient:
        url = rng.choice(servers).url
        return SyncClient(url, token=token, cancel=cancel, retry=FAST_RETRY, sleep=no_wait)

    return factory


def _caseload(county: County, username: str) -> dict[UUID, int]:
    """What the database says ``username`` holds: every record of the youth held now."""
    with county.engine.connect() as conn:
        user_id = conn.execute(select(users.c.id).where(users.c.username == username)).scalar()
        held = set(
            conn.execute(
                select(assignments.c.youth_id).where(
                    assignments.c.user_id == user_id, assignments.c.end_seq.is_(None)
                )
            ).scalars()
        )
        rows = conn.execute(
            select(records.c.record_id, records.c.version)
            .join(
                record_youth,
                (record_youth.c.record_type == records.c.record_type)
                & (record_youth.c.record_id == records.c.record_id),
            )
            .where(record_youth.c.youth_id.in_(held))
        ).all()
    return {row.record_id: row.version for row in rows}


def _local(device: Device) -> dict[UUID, int]:
    return {y.id: y.version for y in device.store.records(Youth, limit=100_000)}


def _two_servers(database_url: str, tmp_path: Path, seed: int) -> None:
    county = County.create(database_url)
    servers = [ServerProcess(database_url).start(), ServerProcess(database_url).start()]
    rng = random.Random(seed)
    laptops: dict[str, list[Device]] = {}
    try:
        county.user("admin", Role.COUNTY_ADMIN)
        admin = open_device(tmp_path / "admin.db")
        admin.service.enroll(servers[0].url, county.code("admin"))
        admin_token = admin.store.get_meta("sync.device_token")
        admin.close()
        for name in ("cw-a", "cw-b"):
            county.user(name)
            laptops[name] = []
            for n in range(2):
                device = open_device(tmp_path / f"{name}-{n}.db")
                device.service.enroll(rng.choice(servers).url, county.code(name))
                device.service._client_factory = _through_either(servers, rng)
                laptops[name].append(device)
        every = [(name, d) for name, devices in laptops.items() for d in devices]
        moves = 0
        for counter in range(ROUNDS):
            name, device = rng.choice(every)
            if rng.random() < 0.5:
                device.store.save(make_youth(counter), actor=name)
            mine = device.store.repositories.caseload.held()
            held = [y for y in device.store.records(Youth, limit=100) if y.id in mine]
            if held and rng.random() < 0.6:  # a youth still in the caseload (not a departed one)
                child = rng.choice(held)
                device.store.save(child.evolve(preferred_name=f"r{counter}"), actor=name)
            if rng.random() < 0.15:
                source, target = rng.sample(list(laptops), 2)
                answer = httpx.post(
                    f"{rng.choice(servers).url}/api/v1/team/assignments",
                    json={
                        "action_id": str(uuid4()),
                        "action": "reassign",
                        "from_user": source,
                        "to_user": target,
                    },
                    headers={
                        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
                        "Authorization": f"Bearer {admin_token}",
                    },
                    timeout=30,
                )
                assert answer.status_code == 200, answer.text
                moves += answer.json()["applied"]
            device.service.sync()
        # Two laptops of one user editing the same youth offline is a conflict for a person: here
        # the person keeps the server's version. Then everyone settles (twice, so what one
        # laptop pushes last is pulled by the others).
        for _name, device in every:
            device.service.sync()
            for conflict in device.service.conflicts():
                try:
                    device.service.resolve_conflict(conflict.id, Resolution.SERVER)
                except ServerRefused:  # the youth left this caseload: only "handled" remains
                    device.service.resolve_conflict(conflict.id)
        for _ in range(2):
            for _name, device in every:
                assert device.service.sync().complete
        assert moves > 0
        for name, devices in laptops.items():
            expected = _caseload(county, name)
            for device in devices:
                assert _local(device) == expected, name
                # Set aside only by the conflicts a person resolved, never refused.
                reasons = {
                    item.last_error
                    for item in device.store.outbox_items(OutboxState.QUARANTINED, 10_000)
                }
                assert reasons <= SET_ASIDE, reasons
                assert device.service.conflicts() == []
                assert device.store.repositories.caseload.departures() == []
        # A new laptop restored through either process gets the same records.
        restored = []
        for server in servers:
            fresh = open_device(tmp_path / f"fresh-{server.port}.db")
            fresh.service.enroll(server.url, county.code("cw-a"))
            fresh.service.sync()
            restored.append(_local(fresh))
            fresh.close()
        assert restored[0] == restored[1] == _caseload(county, "cw-a")
    finally:
        for server in servers:
            server.stop()
        for devices in laptops.values():
            for device in devices:
                device.close()
        county.dispose()


def test_two_server_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    _two_servers(sqlite_database(tmp_path), tmp_path, seed)


@pytest.mark.postgres
def test_two_server_processes_on_one_postgresql(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    with postgres_database() as url:
        _two_servers(url, tmp_path, seed)
