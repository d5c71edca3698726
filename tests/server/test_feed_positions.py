"""Feed positions on PostgreSQL come from transaction ids, not a counter locked on the county row
(issue 16, third milestone), so one county's writers no longer commit one after another. What
must still hold, tried with real interleaved transactions on separate connections: a reader that
reads between two writers never skips the one that commits last, on either protocol's pull."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, select, text, update
from sqlalchemy.engine import make_url

from csec_desktop.server import accounts, push
from csec_desktop.server.feed import append_change, county_config, take_positions
from csec_desktop.server.migrate import upgrade
from csec_desktop.server.schema import counties, feed_clock, records
from csec_desktop.sync.protocol import ChangeKind, PushOperation
from tests.server.conftest import Device, Harness, op, screening, youth

pytestmark = pytest.mark.postgres


def _county_id(conn: Connection, name: str = "Fresno") -> int:
    found: int = conn.execute(select(counties.c.id).where(counties.c.name == name)).scalar_one()
    return found


def _settings_change(conn: Connection, mdt_days: int) -> int:
    """The county settings' entry in the feed (a change of its MDT referral days), taking its
    position as every writer of the county does. Returns the position."""
    county = _county_id(conn)
    config = county_config(conn, county).model_copy(update={"mdt_referral_days": mdt_days})
    return append_change(conn, county, ChangeKind.COUNTY_CONFIG, config.model_dump(mode="json"))


def _mdt_days_pulled(server: Harness, device: Device, cursor: str | None, protocol: int) -> Any:
    """(the MDT referral days of each settings change the device pulls, its next cursor)."""
    days: list[int] = []
    while True:
        page = server.pull(device, cursor, protocol=protocol)
        days += [
            c["payload"]["mdt_referral_days"]
            for c in page["changes"]
            if c["kind"] == ChangeKind.COUNTY_CONFIG.value
        ]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return days, cursor


@pytest.mark.parametrize("protocol", [1, 2])
def test_a_reader_between_two_writers_never_skips_the_lower_position_that_commits_last(
    postgres_harness: Harness, protocol: int
) -> None:
    server = postgres_harness
    server.county()
    laptop = server.user("cw1")
    _, cursor = _mdt_days_pulled(server, laptop, None, protocol)
    first_writer = server.engine.connect()
    second_writer = server.engine.connect()
    try:
        with first_writer.begin():
            lower = _settings_change(first_writer, 11)  # still open: not committed
            with second_writer.begin():
                higher = _settings_change(second_writer, 12)
            assert higher > lower
            # Between the two commits: the committed higher position is held back, not sent
            # ahead of the lower one, which would move the cursor past it.
            seen, cursor = _mdt_days_pulled(server, laptop, cursor, protocol)
            assert seen == []
        seen_after, _ = _mdt_days_pulled(server, laptop, cursor, protocol)
    finally:
        first_writer.close()
        second_writer.close()
    assert seen_after == [11, 12]


def test_a_push_does_not_wait_for_another_open_writer_of_its_county(
    postgres_harness: Harness,
) -> None:
    """A caseworker's push while another transaction of the same county holds feed positions
    uncommitted (another laptop's push, a supervisor's decision): it takes its own positions
    and commits without waiting (with the county-row counter it waited for the other commit;
    here it would fail on the lock timeout)."""
    server = postgres_harness
    server.county()
    server.user("cw1")
    server.user("cw2")
    impatient = create_engine(server.url, connect_args={"options": "-c lock_timeout=200"})
    with impatient.begin() as conn:
        token = accounts.issue_enrollment_code(conn, "cw2")
        enrolled = accounts.enroll_device(conn, token, "second laptop")
        assert enrolled is not None
        caller = accounts.caller_for_token(conn, enrolled.device_token)
    assert caller is not None
    child = youth()
    pushed = (child, screening(child.id, by="cw2"))
    operations = [PushOperation.model_validate(op(record)) for record in pushed]
    open_writer = server.engine.connect()
    try:
        with open_writer.begin():
            held = _settings_change(open_writer, 13)
            results = push.push_batch(impatient, caller, operations)
            assert [(r.status.value, r.reason) for r in results] == [("applied", "")] * 2
        with server.engine.connect() as conn:
            placed = conn.execute(select(records.c.feed_seq)).scalars().all()
        assert len(placed) == 2 and held not in placed
    finally:
        open_writer.close()
        impatient.dispose()


def test_a_transaction_open_in_another_database_of_the_cluster_does_not_hold_the_feed_back(
    postgres_harness: Harness, postgres_session_url: str
) -> None:
    """The cluster's transaction ids are shared by its databases; only this database's
    writers can place anything in its feeds, so only they are waited for."""
    server = postgres_harness
    server.county()
    desk = server.user("cw1")
    laptop = server.enroll_again("cw1")
    _, cursor = server.pull_all(laptop)
    elsewhere = create_engine(make_url(postgres_session_url).set(database="postgres"))
    try:
        with elsewhere.connect() as other, other.begin():
            other.execute(text("SELECT pg_current_xact_id()"))  # running, with an id
            child = youth()
            assert server.push(desk, op(child))[0]["status"] == "applied"
            changes, _ = server.pull_all(laptop, cursor)
    finally:
        elsewhere.dispose()
    assert [c["payload"]["record_id"] for c in changes if c["kind"] == "record"] == [str(child.id)]


def test_positions_of_one_transaction_are_consecutive_and_never_reused_by_the_next(
    postgres_harness: Harness,
) -> None:
    server = postgres_harness
    server.county()
    with server.engine.begin() as conn:
        county = _county_id(conn)
        first = take_positions(conn, county, 3)
        then = take_positions(conn, county, 2)
    with server.engine.begin() as conn:
        later = take_positions(conn, county, 1)
    assert then == first + 3
    assert later > then + 1


def test_after_a_restore_into_a_new_cluster_the_upgrade_puts_new_positions_above_the_old(
    postgres_harness: Harness,
) -> None:
    """``pg_dump`` into a new cluster keeps the positions but not the transaction ids, which
    start again lower: the clock then stands below positions laptops have read. Emulated by
    moving the clock back; ``init-db`` (the upgrade) after a restore puts it ahead again."""
    server = postgres_harness
    server.county()
    laptop = server.user("cw1")
    child = youth()
    assert server.push(laptop, op(child))[0]["status"] == "applied"
    with server.engine.begin() as conn:
        (stored,) = conn.execute(select(records.c.feed_seq)).scalars()
        conn.execute(update(feed_clock).values(position_floor=feed_clock.c.position_floor - stored))
    with server.engine.connect() as conn:
        trial = conn.begin()
        assert take_positions(conn, _county_id(conn)) < stored  # what a restore would do
        trial.rollback()
    upgrade(server.engine)
    assert server.push(laptop, op(screening(child.id)))[0]["status"] == "applied"
    with server.engine.connect() as conn:
        placed = sorted(conn.execute(select(records.c.feed_seq)).scalars())
    assert placed[0] == stored and placed[1] > stored
