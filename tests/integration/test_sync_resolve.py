"""Resolving sync conflicts end to end, against a real ``csec-county-server serve`` process.

Two laptops of one caseworker change the same youth; the second to sync gets a conflict, fetches
the server's copy, and a person keeps the server's version, keeps theirs (re-based), or merges
field by field. Afterwards the server and both laptops hold the same record, nothing was
overwritten without a person choosing, and every step is audited on both sides.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from csec_desktop.domain import Youth
from csec_desktop.server.schema import audit_events, records
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.sync import Resolution
from csec_desktop.store import OutboxState
from tests.reliability.sync_support import (
    County,
    Device,
    ServerProcess,
    make_youth,
    open_device,
    sqlite_database,
)

_names = itertools.count()


@pytest.fixture(scope="module")
def county_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, County]]:
    url = sqlite_database(tmp_path_factory.mktemp("server"))
    county = County.create(url)
    server = ServerProcess(url).start()
    yield server, county
    server.stop()
    county.dispose()


@pytest.fixture
def two_laptops(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> Iterator[tuple[Device, Device, County, str]]:
    server, county = county_server
    username = f"cw-resolve{next(_names)}"
    county.user(username)
    laptops = [open_device(tmp_path / f"laptop{i}.db") for i in range(2)]
    try:
        for laptop in laptops:
            laptop.service.enroll(server.url, county.code(username))
        yield laptops[0], laptops[1], county, username
    finally:
        for laptop in laptops:
            laptop.close()


def _server_record(county: County, record_id: UUID) -> tuple[int, dict[str, Any]]:
    with county.engine.connect() as conn:
        row = conn.execute(
            select(records.c.version, records.c.payload).where(records.c.record_id == record_id)
        ).one()
    return row.version, row.payload


def _server_actions(county: County, record_id: UUID) -> list[str]:
    with county.engine.connect() as conn:
        rows = conn.execute(
            select(audit_events.c.action)
            .where(audit_events.c.record_id == record_id)
            .order_by(audit_events.c.at, audit_events.c.seq)
        ).all()
    return [row.action for row in rows]


def _conflicted(first: Device, second: Device) -> tuple[Youth, UUID]:
    """The same youth changed on both laptops; ``first`` syncs first, ``second`` conflicts."""
    shared = make_youth(3)
    first.store.save(
        shared.model_copy(update={"preferred_name": "first", "county_client_id": "A-1"}),
        actor="cw",
    )
    second.store.save(
        shared.model_copy(update={"preferred_name": "second", "county_client_id": "B-2"}),
        actor="cw",
    )
    assert first.service.sync().conflicts == 0
    report = second.service.sync()
    assert report.complete and report.conflicts == 1
    [conflict] = second.service.conflicts()
    # The sync fetched the server's copy: both versions are kept, side by side.
    assert conflict.server_version == 1 and conflict.server_body is not None
    assert json.loads(conflict.server_body)["preferred_name"] == "first"
    assert json.loads(conflict.local_body)["preferred_name"] == "second"
    assert second.service.needs_attention() == [("youth", shared.id)]
    return shared, conflict.id


def _agree(county: County, youth_id: UUID, *laptops: Device) -> dict[str, Any]:
    version, payload = _server_record(county, youth_id)
    for laptop in laptops:
        local = laptop.store.get(Youth, youth_id)
        assert local.version == version
        assert json.loads(local.model_dump_json()) == payload
        assert laptop.store.outbox_counts().pending == 0
        assert laptop.service.conflicts() == []
    return payload


def _local_details(laptop: Device) -> list[str]:
    return [event.detail for event in laptop.store.audit_events()]


def _catch_up(laptop: Device, youth_id: UUID) -> None:
    """A laptop learns of the other's version through its own next edit, which conflicts (the
    feed carries no records); it then keeps the server's version."""
    current = laptop.store.get(Youth, youth_id)
    laptop.store.save(current.evolve(gender=None), actor="cw")
    assert laptop.service.sync().conflicts == 1
    [conflict] = laptop.service.conflicts()
    assert laptop.service.resolve_conflict(conflict.id, Resolution.SERVER)
    laptop.service.sync()


def test_keep_the_servers_version(two_laptops: tuple[Device, Device, County, str]) -> None:
    first, second, county, _ = two_laptops
    shared, conflict_id = _conflicted(first, second)
    assert second.service.resolve_conflict(conflict_id, Resolution.SERVER)
    assert not second.service.resolve_conflict(conflict_id, Resolution.SERVER)  # not open now
    # Stored as the server's record: nothing to send.
    assert second.store.outbox_counts().pending == 0
    assert second.store.get(Youth, shared.id).preferred_name == "first"
    assert second.service.sync().sent == 0
    payload = _agree(county, shared.id, first, second)
    assert payload["preferred_name"] == "first"
    # Nothing deleted: this laptop's version is in the resolved conflict and in its history.
    [kept] = second.store.sync_conflicts(open_only=False)
    assert kept.resolution == "server" and kept.resolved_by == "cw"
    assert json.loads(kept.local_body)["preferred_name"] == "second"
    history = second.store.history(Youth, shared.id)
    assert [y.preferred_name for y in history] == ["second"]
    assert "server version adopted" in _local_details(second)
    assert "conflict resolved: server" in _local_details(second)
    assert _server_actions(county, shared.id) == [
        "record_create",
        "record_conflict",
        "record_view",
    ]


def test_keep_mine_rebases_on_the_servers_version(
    two_laptops: tuple[Device, Device, County, str],
) -> None:
    first, second, county, _ = two_laptops
    shared, conflict_id = _conflicted(first, second)
    assert second.service.resolve_conflict(conflict_id, Resolution.MINE)
    [item] = second.store.outbox_items(OutboxState.PENDING)
    assert (item.base_version, item.version) == (1, 2)  # based on the server's version
    assert second.store.get(Youth, shared.id).preferred_name == "second"
    report = second.service.sync()
    assert report.sent == 1 and report.conflicts == 0
    assert _server_record(county, shared.id)[0] == 2
    _catch_up(first, shared.id)
    payload = _agree(county, shared.id, first, second)
    assert (payload["preferred_name"], payload["county_client_id"]) == ("second", "B-2")
    assert [y.preferred_name for y in second.store.history(Youth, shared.id)] == [
        "second",
        "second",
    ]
    assert "conflict resolved: mine" in _local_details(second)
    actions = _server_actions(county, shared.id)
    assert actions[:4] == ["record_create", "record_conflict", "record_view", "record_update"]
    assert actions.count("record_view") == 2  # each laptop read the server's copy once


def test_merge_field_by_field(two_laptops: tuple[Device, Device, County, str]) -> None:
    first, second, county, _ = two_laptops
    shared, conflict_id = _conflicted(first, second)
    with pytest.raises(ServiceError, match="not a field"):
        second.service.resolve_conflict(conflict_id, {"no_such_field": "mine"})
    with pytest.raises(ServiceError, match="not a field"):
        second.service.resolve_conflict(conflict_id, {"version": "mine"})
    assert second.service.conflicts()  # a refused choice changes nothing
    # This laptop's preferred name, the server's client id.
    choice = {"preferred_name": "mine", "county_client_id": "server"}
    assert second.service.resolve_conflict(conflict_id, choice)
    merged = second.store.get(Youth, shared.id)
    assert (merged.version, merged.preferred_name, merged.county_client_id) == (2, "second", "A-1")
    assert second.service.sync().sent == 1
    _catch_up(first, shared.id)
    payload = _agree(county, shared.id, first, second)
    assert (payload["preferred_name"], payload["county_client_id"]) == ("second", "A-1")
    [kept] = second.store.sync_conflicts(open_only=False)
    assert kept.resolution == "merged" and json.loads(kept.local_body)["county_client_id"] == "B-2"
    assert "conflict resolved: merged" in _local_details(second)


def test_edits_during_an_open_conflict_wait_for_a_person(
    two_laptops: tuple[Device, Device, County, str],
) -> None:
    # The server compares version numbers, which both laptops share: an edit made on top of the
    # refused version must not be applied over the other laptop's version.
    first, second, county, _ = two_laptops
    shared, conflict_id = _conflicted(first, second)
    current = second.store.get(Youth, shared.id)
    second.store.save(current.evolve(gender=None, preferred_name="edited"), actor="cw")
    report = second.service.sync()
    assert report.held_back == 1 and not report.complete
    assert _server_record(county, shared.id)[1]["preferred_name"] == "first"  # not overwritten
    assert second.store.outbox_counts().pending == 1  # kept, waiting
    # Resolving replaces the held-back edit with the chosen version; the edit is kept, not sent.
    assert second.service.resolve_conflict(conflict_id, Resolution.MINE)
    [superseded] = second.store.outbox_items(OutboxState.QUARANTINED)
    assert superseded.payload["preferred_name"] == "edited"
    assert "sync conflict" in (superseded.last_error or "")
    assert second.service.sync().complete
    payload = _server_record(county, shared.id)[1]
    assert payload["preferred_name"] == "edited"  # "mine" is this laptop's latest version
    _catch_up(first, shared.id)
    _agree(county, shared.id, first, second)


def test_a_second_change_in_the_same_batch_as_a_conflict_is_held_back(
    two_laptops: tuple[Device, Device, County, str],
) -> None:
    first, second, county, _ = two_laptops
    shared = make_youth(5)
    first.store.save(shared.model_copy(update={"preferred_name": "first"}), actor="cw")
    assert first.service.sync().complete
    created = second.store.save(shared.model_copy(update={"preferred_name": "second"}), actor="cw")
    second.store.claim_outbox()  # an earlier attempt whose answer was lost: a new edit queues apart
    second.store.save(created.evolve(preferred_name="second, edited"), actor="cw")
    assert second.store.outbox_counts().pending == 2
    report = second.service.sync()
    assert report.conflicts == 1 and report.held_back == 1
    assert _server_record(county, shared.id)[1]["preferred_name"] == "first"
