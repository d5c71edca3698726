"""SyncService against a real ``csec-county-server serve`` process on SQLite (real sockets).

One server runs for the module; each test enrolls its own users, so tests do not see each other.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    Review,
    RiskLevel,
    Screening,
    ScreeningStatus,
    Youth,
    utcnow,
)
from csec_desktop.services import FixedClock
from csec_desktop.services.sync import AlreadyEnrolled, SyncService
from csec_desktop.store import OutboxState
from csec_desktop.store.sync_state import VaultReadOnly
from csec_desktop.sync.client import NotAuthenticated, ServerUnreachable
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Role
from tests.reliability.sync_support import (
    County,
    Device,
    ServerProcess,
    fast_settings,
    free_port,
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
def server(county_server: tuple[ServerProcess, County]) -> ServerProcess:
    return county_server[0]


@pytest.fixture
def county(county_server: tuple[ServerProcess, County]) -> County:
    return county_server[1]


def enrolled(tmp_path: Path, server: ServerProcess, county: County, **settings: object) -> Device:
    username = f"cw{next(_names)}"
    county.user(username)
    device = open_device(tmp_path / f"{username}.db", **settings)  # type: ignore[arg-type]
    device.service.enroll(server.url, county.code(username))
    return device


def submitted_screening(youth_id: object, by: str) -> Screening:
    """A submitted screening that ``by`` screened and confirmed (the server checks it is the
    enrolled user)."""
    now = utcnow()
    return Screening(
        youth_id=youth_id,
        instrument_id="csec-default",
        instrument_version="1.0",
        screening_date=date.today(),
        screener=by,
        status=ScreeningStatus.SUBMITTED,
        determination=Determination(
            category=CsecCategory.AT_RISK,
            risk_level=RiskLevel.POSSIBLE_CONCERN,
            confirmed_by=by,
            confirmed_at=now,
        ),
        submitted_at=now,
    )


def test_records_reach_the_server_once_and_the_token_stays_in_the_vault(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    device = enrolled(tmp_path, server, county)
    try:
        token = device.store.get_meta("sync.device_token")
        assert token
        saved = [device.store.save(make_youth(n), actor="cw") for n in range(120)]
        edited = device.store.save(saved[0].evolve(given_name="Changed"), actor="cw")
        progress: list[tuple[str, int, int]] = []
        report = device.service.sync(progress=lambda p: progress.append((p.phase, p.done, p.total)))
        assert report.complete and report.sent == 120  # the edit folded into the unsent create
        assert device.store.outbox_counts().pending == 0
        on_server = county.record_versions()
        for youth in saved[1:]:
            assert on_server[youth.id] == youth.version
        assert on_server[edited.id] == edited.version
        assert ("pushing", 120, 120) in progress and progress[-1][0] == "done"
        # A second sync has nothing to send and changes nothing.
        assert device.service.sync().sent == 0
        status = device.service.status()
        assert (status.pending, status.quarantined, status.conflicts) == (0, 0, 0)
        assert status.server_url == server.url and status.last_successful_sync is not None
    finally:
        device.close()
    # The token is inside the encrypted database only: no file in the folder shows it.
    for path in tmp_path.iterdir():
        assert token.encode() not in path.read_bytes(), path.name


def test_enrolling_twice_or_with_a_bad_code_is_refused(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    device = enrolled(tmp_path, server, county)
    other = open_device(tmp_path / "other.db")
    try:
        with pytest.raises(AlreadyEnrolled):
            device.service.enroll(server.url, "ABCD-EFGH")
        with pytest.raises(NotAuthenticated, match="enrollment code"):
            other.service.enroll(server.url, "NOT-A-CODE")
        assert not other.service.enrolled
    finally:
        device.close()
        other.close()


def test_an_unreachable_server_leaves_pending_work(tmp_path: Path) -> None:
    device = open_device(tmp_path / "v.db")
    try:
        device.store.set_meta("sync.server_url", f"http://127.0.0.1:{free_port()}")
        device.store.set_meta("sync.device_token", "t")
        device.store.save(make_youth(), actor="cw")
        with pytest.raises(ServerUnreachable, match="cannot connect"):
            device.service.sync()
        counts = device.store.outbox_counts()
        assert counts.pending == 1
        item = device.store.outbox_items(OutboxState.PENDING)[0]
        assert item.last_error and "cannot connect" in item.last_error
    finally:
        device.close()


def test_a_poison_item_is_quarantined_while_999_others_go_through(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    device = enrolled(tmp_path, server, county, batch_size=500)
    try:
        good = [make_youth(n) for n in range(999)]
        poison = make_youth(county="Kern")  # not this device's county: the server refuses it
        device.store.save_many([*good[:500], poison, *good[500:]], actor="cw")
        report = device.service.sync()
        assert report.complete and report.sent == 999 and report.quarantined == 1
        counts = device.store.outbox_counts()
        assert (counts.pending, counts.sent, counts.quarantined) == (0, 999, 1)
        [item] = device.store.outbox_items(OutboxState.QUARANTINED)
        assert item.record_id == poison.id and "county" in (item.last_error or "")
        on_server = county.record_versions()
        assert poison.id not in on_server and all(y.id in on_server for y in good)
    finally:
        device.close()


def test_three_devices_editing_one_youth_keep_both_versions(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    username = f"cw{next(_names)}"
    county.user(username)
    devices = [open_device(tmp_path / f"d{i}.db") for i in range(3)]
    try:
        for device in devices:
            device.service.enroll(server.url, county.code(username))
        shared = make_youth(1)
        copies = [
            device.store.save(
                shared.model_copy(update={"preferred_name": f"device {i}"}), actor="cw"
            )
            for i, device in enumerate(devices)
        ]
        reports = [device.service.sync() for device in devices]
        assert [r.conflicts for r in reports] == [0, 1, 1]
        assert all(r.complete for r in reports)
        for i, device in enumerate(devices[1:], start=1):
            assert device.service.needs_attention() == [("youth", shared.id)]
            [conflict] = device.service.conflicts()
            assert conflict.server_version == 1 and '"device ' + str(i) in conflict.local_body
            # This device's version is still the record it shows.
            assert device.store.get(Youth, shared.id).preferred_name == copies[i].preferred_name
            assert device.service.resolve_conflict(conflict.id)
            assert device.service.needs_attention() == []
        assert county.record_versions()[shared.id] == 1
    finally:
        for device in devices:
            device.close()


def test_supervisor_decisions_arrive_by_pull(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    username = f"cw{next(_names)}"
    county.user(username)
    county.user("sup" + username, Role.SUPERVISOR)
    enroll = httpx.post(
        f"{server.url}/api/v1/enroll",
        json={"code": county.code("sup" + username)},
        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
    )
    supervisor = {
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        "Authorization": f"Bearer {enroll.json()['device_token']}",
    }
    device = open_device(tmp_path / "cw.db")
    try:
        device.service.enroll(server.url, county.code(username))
        youth = device.store.save(make_youth(), actor="cw")
        approve = device.store.save(submitted_screening(youth.id, username), actor="cw")
        send_back = device.store.save(submitted_screening(youth.id, username), actor="cw")
        device.service.sync()

        def decide(screening: Screening, decision: str, comment: str = "") -> None:
            answer = httpx.post(
                f"{server.url}/api/v1/reviews/screenings/{screening.id}/decision",
                json={"screening_version": 1, "decision": decision, "comment": comment},
                headers=supervisor,
            )
            assert answer.status_code == 200, answer.text

        decide(approve, "approved")
        decide(send_back, "returned", "please add the placement history")
        report = device.service.sync()
        assert report.changes_applied == 2 and report.complete
        approved = device.store.get(Screening, approve.id)
        returned = device.store.get(Screening, send_back.id)
        assert approved.status is ScreeningStatus.APPROVED and not approved.editable
        assert returned.status is ScreeningStatus.RETURNED and returned.editable
        reviews = {r.screening_id: r for r in device.store.records(Review)}
        assert reviews[send_back.id].comment == "please add the placement history"
        # The new statuses went back to the server in the same sync; nothing is pending.
        assert device.store.outbox_counts().pending == 0
        assert county.record_versions()[approve.id] == 2
        # A replayed feed page changes nothing.
        device.store.delete_meta("sync.cursor")
        again = device.service.sync()
        assert again.sent == 0 and device.store.get(Screening, approve.id).version == 2
    finally:
        device.close()


def test_the_offline_lease_makes_the_vault_read_only_until_it_syncs(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    clock = FixedClock(datetime(2025, 3, 1, 12, tzinfo=UTC))
    username = f"cw{next(_names)}"
    county.user(username)
    device = open_device(tmp_path / "lease.db")
    service = SyncService(device.store, actor="cw", clock=clock, settings=fast_settings())
    try:
        service.enroll(server.url, county.code(username))
        assert service.lease_days() == 30  # the county's setting, sent at enrollment
        clock.advance(days=29)
        assert not service.enforce_lease()
        device.store.save(make_youth(), actor="cw")
        clock.advance(days=2)
        assert service.lease_expired() and service.enforce_lease()
        with pytest.raises(VaultReadOnly, match="read-only until it syncs"):
            device.store.save(make_youth(2), actor="cw")
        assert device.store.records(Youth)  # reading still works
        service.sync()
        assert not service.lease_expired()
        device.store.save(make_youth(3), actor="cw")
        assert service.lease_expires_at() == clock() + timedelta(days=30)
    finally:
        device.close()


def test_a_pull_that_would_remove_records_aborts(
    tmp_path: Path, server: ServerProcess, county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csec_desktop.services.sync import SyncAborted

    device = enrolled(tmp_path, server, county)
    try:
        device.store.save_many([make_youth(n) for n in range(10)], actor="cw")
        device.service.sync()
        cursor = device.store.get_meta("sync.cursor")
        original = device.service._keep_config

        def vanish(config: object) -> None:  # as if applying the page deleted records
            monkeypatch.setattr(device.service, "_keep_config", original)
            device.store.call(
                lambda: device.store._connection().execute(
                    "DELETE FROM records WHERE id IN (SELECT id FROM records LIMIT 5)"
                )
            )
            original(config)  # type: ignore[arg-type]

        monkeypatch.setattr(device.service, "_keep_config", vanish)
        device.store.delete_meta("sync.cursor")
        with pytest.raises(SyncAborted, match="would remove 5 local records"):
            device.service.sync()
        assert device.store.count(Youth) == 10  # rolled back
        assert device.store.get_meta("sync.cursor") is None
        assert cursor is not None
    finally:
        device.close()


def test_a_rewritten_audit_log_is_caught_at_the_next_sync(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    """Someone holding the vault key could rewrite the local audit log consistently; the head
    the server anchored at the last sync is then missing, and the next sync says so."""
    device = enrolled(tmp_path, server, county)
    try:
        for n in range(5):
            device.store.save(make_youth(n), actor="cw")
        device.service.sync()
        assert device.service.status().audit_mismatch_since is None
        device.store.save(make_youth(9), actor="cw")
        device.service.sync()  # a second anchor, after the first one checked out
        assert device.service.status().audit_mismatch_since is None

        def rewrite() -> None:  # a fresh, internally consistent chain replaces the old one
            with device.store._transaction() as conn:
                conn.execute("DELETE FROM audit_log")

        device.store.call(rewrite)
        device.store.save(make_youth(10), actor="cw")
        assert device.store.verify_audit().ok  # the chain itself looks fine
        device.service.sync()
        found = device.service.status().audit_mismatch_since
        assert found is not None
        device.service.sync()  # still behind the anchor: the first finding is kept
        assert device.service.status().audit_mismatch_since == found
    finally:
        device.close()


def test_pushes_are_split_under_the_byte_budget_and_oversized_changes_stay_local(
    tmp_path: Path, server: ServerProcess, county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, finding 11 on the laptop's side: no request carries more than the budget, and
    a change over its type's limit (saved before the limit existed) is quarantined here with the
    limit named, instead of being refused by the server again at every sync."""
    from csec_desktop.domain import limits
    from csec_desktop.services import sync_push
    from tests.reliability.sync_support import Fault, FaultProxy

    pushes: list[str] = []

    def count(method: str, path: str) -> Fault:
        if path.startswith("/api/v1/sync/push"):
            pushes.append(method)
        return Fault.NONE

    proxy = FaultProxy(server.port, count).start()
    username = f"cw{next(_names)}"
    county.user(username)
    device = open_device(tmp_path / "laptop.db")
    try:
        device.service.enroll(proxy.url, county.code(username))
        saved = [device.store.save(make_youth(n), actor="cw") for n in range(40)]
        budget = 8 * 1024
        monkeypatch.setattr(sync_push, "PUSH_BATCH_BYTES", budget)
        report = device.service.sync()
        assert report.sent == 40 and report.complete
        assert len(pushes) >= 40 * 300 // budget  # ~300 bytes a youth: several requests
        assert {youth.id for youth in saved} <= set(county.record_versions())

        big = device.store.save(make_youth(99, preferred_name="Big"), actor="cw")
        monkeypatch.setitem(limits.RECORD_BYTE_LIMITS, "youth", 100)
        report = device.service.sync()
        assert report.quarantined == 1 and big.id not in county.record_versions()
        [item] = device.store.outbox_items(OutboxState.QUARANTINED, limit=10)
        assert "a youth record may be at most 100 bytes" in (item.last_error or "")
    finally:
        device.close()
        proxy.stop()


def test_a_session_whose_youth_is_not_on_the_server_yet_waits_for_it_and_is_never_quarantined(
    tmp_path: Path, server: ServerProcess, county: County
) -> None:
    """The server refuses a link to a record it does not hold (issue 14) but answers "not now"
    when that record may simply not have arrived: here the session is ahead of its youth in the
    outbox. The session stays pending (not quarantined, which would strand it), and the sync's
    second push sends it once the youth is there."""
    from csec_desktop.domain import EducationSession, SessionAudience, SessionSetting

    device = enrolled(tmp_path, server, county)
    try:
        child = make_youth(7)
        session = EducationSession(
            session_date=date(2026, 3, 1), minutes=45, curriculum="My Life My Choice",
            audience=SessionAudience.FOSTER_YOUTH, setting=SessionSetting.SCHOOL,
            facilitators=["cw"], attendee_youth_ids=[child.id],
        )  # fmt: skip
        device.store.save(session, actor="cw")  # queued first
        device.store.save(child, actor="cw")
        report = device.service.sync()
        assert report.quarantined == 0 and report.complete
        assert device.store.outbox_counts().pending == 0
        assert {child.id, session.id} <= set(county.record_versions())
    finally:
        device.close()
