"""ObligationService and MissingEpisodeService on a real temporary encrypted store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest

from csec_desktop.domain import MissingEpisode, Obligation, ObligationKind, Youth
from csec_desktop.domain.duties import duty_id, duty_key
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services import (
    FixedClock,
    InvalidInput,
    InvalidState,
    MissingEpisodeService,
    NotFound,
    ObligationService,
)
from csec_desktop.services.obligations import missing_from
from csec_desktop.store import Store
from tests.unit.conftest import make_youth

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2024, 6, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def obligations(store: Store, clock: FixedClock) -> ObligationService:
    return ObligationService(store, actor="cw-1", clock=clock)


@pytest.fixture
def episodes(store: Store, clock: FixedClock) -> MissingEpisodeService:
    return MissingEpisodeService(store, CountyPolicy(), clock, actor="cw-1")


@pytest.fixture
def youth(store: Store) -> Youth:
    return store.save(make_youth(), actor="cw-1")


def obligation(youth: Youth, kind: ObligationKind, due_at: datetime, **more: object) -> Obligation:
    return Obligation.model_validate(
        {"youth_id": youth.id, "screening_id": uuid4(), "kind": kind, "due_at": due_at, **more}
    )


# -- lists --------------------------------------------------------------------------------


def test_due_overdue_done_by_youth_and_overall(
    obligations: ObligationService, store: Store, youth: Youth
) -> None:
    other = store.save(make_youth(given_name="Sam DEMO"), actor="cw-1")
    mdt_overdue = obligation(youth, ObligationKind.REFER_TO_MDT, NOW - timedelta(days=1))
    document_soon = obligation(
        youth, ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM, NOW + timedelta(hours=2)
    )
    report_later = obligation(
        youth, ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT, NOW + timedelta(hours=20)
    )
    report_overdue = obligation(
        other, ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT, NOW - timedelta(hours=1)
    )
    finished = obligation(
        youth, ObligationKind.REFER_TO_MDT, NOW - timedelta(days=3), done_at=NOW - timedelta(days=4)
    )
    store.save_many(
        [mdt_overdue, document_soon, report_later, report_overdue, finished], actor="cw-1"
    )

    def ids(found: list[Obligation]) -> list[object]:
        return [o.id for o in found]

    # 24-hour clocks first, then by due time.
    assert ids(obligations.open()) == [
        report_overdue.id,
        report_later.id,
        mdt_overdue.id,
        document_soon.id,
    ]
    assert ids(obligations.due()) == [report_later.id, document_soon.id]
    assert ids(obligations.due(within=timedelta(hours=3))) == [document_soon.id]
    assert ids(obligations.overdue()) == [report_overdue.id, mdt_overdue.id]
    assert ids(obligations.overdue(youth.id)) == [mdt_overdue.id]
    assert ids(obligations.done()) == [finished.id]
    assert ids(obligations.done(other.id)) == []
    assert ids(obligations.open(other.id)) == [report_overdue.id]


def test_mark_done_records_time_agency_and_reference(
    obligations: ObligationService, store: Store, youth: Youth, clock: FixedClock
) -> None:
    report = store.save(
        obligation(
            youth, ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT, NOW + timedelta(hours=24)
        ),
        actor="cw-1",
    )
    with pytest.raises(InvalidInput):
        obligations.mark_done(report)  # which agency?
    with pytest.raises(InvalidInput):
        obligations.mark_done(report, agency="Fresno PD", done_at=NOW + timedelta(hours=1))
    clock.advance(hours=2)
    done = obligations.mark_done(
        report, agency=" Fresno PD ", reference="24-001234", done_at=NOW + timedelta(hours=1)
    )
    assert (done.done_at, done.agency, done.reference) == (
        NOW + timedelta(hours=1),
        "Fresno PD",
        "24-001234",
    )
    assert done.met_on_time() is True
    assert obligations.get(report.id) == done
    with pytest.raises(InvalidState):
        obligations.mark_done(done, agency="Fresno PD")
    with pytest.raises(NotFound):
        obligations.get(uuid4())


def test_creation_is_idempotent_per_duty(youth: Youth) -> None:
    """One obligation per duty; the id a new one gets is its duty's, so two laptops creating
    the same duty make the same record (a version conflict, never a twin)."""
    first = obligation(youth, ObligationKind.REFER_TO_MDT, NOW)
    same_source_same_kind = first.evolve(id=uuid4(), due_at=NOW + timedelta(days=1))
    same_source_other_kind = first.evolve(id=uuid4(), kind=ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM)
    new = missing_from([same_source_same_kind, same_source_other_kind], [first])
    assert [o.kind for o in new] == [ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM]
    assert new[0].id == duty_id(duty_key(same_source_other_kind))
    (once,) = missing_from([first, first.evolve(id=uuid4())], [])
    assert once.kind is first.kind and once.id == duty_id(duty_key(first))


def test_ensure_saves_each_source_and_kind_once(
    obligations: ObligationService, store: Store, youth: Youth
) -> None:
    first = obligation(youth, ObligationKind.REFER_TO_MDT, NOW)
    other_kind = first.evolve(id=uuid4(), kind=ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM)
    saved = obligations.ensure([first, other_kind])
    assert {o.kind for o in saved} == {first.kind, other_kind.kind}
    again = [first.evolve(id=uuid4()), other_kind.evolve(id=uuid4())]
    assert obligations.ensure(again) == []
    assert len(store.records(Obligation, youth_id=youth.id)) == 2


# -- missing episodes ---------------------------------------------------------------------


def test_missing_episode_start_and_end_create_their_obligations_dst_correct(
    episodes: MissingEpisodeService, obligations: ObligationService, youth: Youth, store: Store
) -> None:
    # Missing at 01:30 on the night the clocks spring forward (2024-03-10, 02:00 → 03:00).
    went_missing = datetime(2024, 3, 10, 1, 30, tzinfo=LA)
    episodes.clock = obligations.clock = FixedClock(datetime(2024, 3, 10, 9, 0, tzinfo=LA))
    episode, created = episodes.start(youth.id, went_missing)
    assert [o.kind for o in created] == [
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_NCMEC,
    ]
    report, ncmec = created
    assert report.missing_episode_id == episode.id == ncmec.missing_episode_id
    assert ncmec.due_at == report.due_at
    # 24 elapsed hours: 02:30 local the next day, not 01:30.
    assert report.due_at == went_missing.astimezone(UTC) + timedelta(hours=24)
    assert report.due_at.astimezone(LA).replace(tzinfo=None) == datetime(2024, 3, 11, 2, 30)
    with pytest.raises(InvalidState):
        episodes.start(youth.id)  # already missing

    episode, reported = episodes.record_report(
        episode,
        agency="Fresno PD",
        reported_at=datetime(2024, 3, 10, 8, 0, tzinfo=LA),
        report_number="24-5555",
        ncmec_report_number="NC-1",
    )
    closed = {o.kind: o for o in reported}
    assert {o.id for o in reported} == {report.id, ncmec.id}
    by_police = closed[ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT]
    assert by_police.done and by_police.reference == "24-5555"
    assert by_police.met_on_time() is True
    to_ncmec = closed[ObligationKind.REPORT_MISSING_TO_NCMEC]
    assert to_ncmec.done and (to_ncmec.agency, to_ncmec.reference) == ("NCMEC", "NC-1")

    # Back on the Saturday before the clocks fall back (2024-11-03, 02:00 → 01:00).
    returned = datetime(2024, 11, 2, 10, 0, tzinfo=LA)
    episodes.clock = FixedClock(datetime(2024, 11, 2, 12, 0, tzinfo=LA))
    ended, added = episodes.end(episode, returned)
    assert ended.ended_at == returned
    assert [o.kind for o in added] == [ObligationKind.SCREEN_RETURNING_YOUTH]
    screen = added[0]
    assert screen.due_at == returned.astimezone(UTC) + timedelta(
        hours=72
    )  # elapsed: 09:00 local on the 5th
    assert screen.due_at.astimezone(LA).replace(tzinfo=None) == datetime(2024, 11, 5, 9, 0)
    with pytest.raises(InvalidState):
        episodes.end(ended)
    # Exactly one of each, however the episode was saved.
    kinds = sorted(o.kind for o in store.records(Obligation, youth_id=youth.id))
    assert kinds == [
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_NCMEC,
        ObligationKind.SCREEN_RETURNING_YOUTH,
    ]
    assert [e.id for e in episodes.for_youth(youth.id)] == [episode.id]
    assert episodes.get(episode.id).ended_at == returned
    assert store.get(MissingEpisode, episode.id).ncmec_report_number == "NC-1"


def test_missing_episode_times_are_checked(episodes: MissingEpisodeService, youth: Youth) -> None:
    with pytest.raises(InvalidInput):
        episodes.start(youth.id, NOW + timedelta(hours=1))
    with pytest.raises(InvalidInput):
        episodes.start(youth.id, datetime(2024, 6, 1, 12, 0))  # no time zone
    with pytest.raises(NotFound):
        episodes.start(uuid4())
    episode, _ = episodes.start(youth.id, NOW - timedelta(hours=3))
    with pytest.raises(InvalidInput):
        episodes.end(episode, NOW - timedelta(hours=4))
    with pytest.raises(InvalidInput):
        episodes.record_report(episode, agency="  ")
    ended, _ = episodes.end(episode)
    assert ended.ended_at == NOW
    again, _ = episodes.start(youth.id)  # a new episode once the last has ended
    assert again.id != episode.id
