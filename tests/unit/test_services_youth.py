"""YouthService on a real temporary encrypted store: create with duplicate warning, update,
search and the overview."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from csec_desktop.domain import (
    AuditAction,
    EducationSession,
    MissingEpisode,
    Obligation,
    ObligationKind,
    PlacementType,
    SessionAudience,
    SessionSetting,
)
from csec_desktop.services import (
    Conflict,
    FixedClock,
    InvalidInput,
    NotFound,
    YouthService,
)
from csec_desktop.store import Store
from tests.unit.conftest import make_youth

NOW = datetime(2024, 6, 3, 17, 0, tzinfo=UTC)


@pytest.fixture
def service(store: Store) -> YouthService:
    return YouthService(store, actor="cw-1", clock=FixedClock(NOW))


def test_create_returns_duplicates_found_before_saving(service: YouthService) -> None:
    first = service.create(make_youth())
    assert first.possible_duplicates == []
    draft = make_youth(given_name="alex demo")  # same person typed in lower case
    assert [y.id for y in service.check_duplicates(draft)] == [first.youth.id]
    second = service.create(draft)
    assert [y.id for y in second.possible_duplicates] == [first.youth.id]
    assert second.youth.version == 1


def test_create_refuses_a_record_already_saved(service: YouthService) -> None:
    created = service.create(make_youth()).youth
    with pytest.raises(Conflict):
        service.create(created)


def test_draft_reports_fields_without_echoing_input(service: YouthService) -> None:
    with pytest.raises(InvalidInput) as caught:
        service.draft(
            {"given_name": "Secretname", "family_name": "X", "date_of_birth": "2009-01-01",
             "county": "Atlantis"}
        )  # fmt: skip
    assert "county" in str(caught.value)
    assert "Atlantis" not in str(caught.value)
    assert caught.value.problems[0][0] == "county"
    with pytest.raises(InvalidInput):
        service.draft({"id": "x"})


def test_update_saves_the_next_version_and_refuses_a_stale_copy(service: YouthService) -> None:
    created = service.create(make_youth()).youth
    moved = service.update(
        created, placement_type=PlacementType.FOSTER_FAMILY, entered_care_on=date(2023, 2, 1)
    )
    assert moved.version == 2
    assert service.get(created.id).entered_care_on == date(2023, 2, 1)
    with pytest.raises(Conflict):
        service.update(created, preferred_name="Lex")
    with pytest.raises(InvalidInput):
        service.update(moved, entered_care_on=date(2001, 1, 1))  # before birth
    with pytest.raises(InvalidInput):
        service.update(moved, version=7)
    with pytest.raises(NotFound):
        service.update(make_youth())


def test_search_delegates_to_the_store(service: YouthService) -> None:
    created = service.create(make_youth(county_client_id="1234-5678")).youth
    assert [y.id for y in service.search("riv")] == [created.id]
    assert [y.id for y in service.search("1234")] == [created.id]
    assert service.search("nobody") == []


def test_overview_gathers_the_youth_records_and_is_audited(
    service: YouthService, store: Store
) -> None:
    youth = service.create(make_youth()).youth
    other = service.create(make_youth(given_name="Sam DEMO")).youth
    episode = MissingEpisode(youth_id=youth.id, started_at=NOW - timedelta(days=3))
    late = Obligation(
        youth_id=youth.id,
        missing_episode_id=episode.id,
        kind=ObligationKind.REFER_TO_MDT,
        due_at=NOW - timedelta(days=1),
    )
    report = Obligation(
        youth_id=youth.id,
        missing_episode_id=episode.id,
        kind=ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        due_at=NOW + timedelta(hours=5),
    )
    done = report.evolve(id=uuid4(), done_at=NOW)
    session = EducationSession(
        session_date=date(2024, 5, 1),
        minutes=60,
        curriculum="Online safety",
        audience=SessionAudience.FOSTER_YOUTH,
        setting=SessionSetting.SCHOOL,
        facilitators=["F DEMO"],
        attendee_youth_ids=[youth.id],
    )
    elsewhere = session.evolve(id=uuid4(), attendee_youth_ids=[other.id])
    store.save_many([episode, late, report, done, session, elsewhere], actor="cw-1")

    overview = service.overview(youth.id)
    assert overview.youth.id == youth.id
    assert [e.id for e in overview.missing_episodes] == [episode.id]
    assert overview.open_missing_episode is not None
    assert [s.id for s in overview.education_sessions] == [session.id]
    # The 24-hour report comes first even though the referral is already overdue.
    assert [o.id for o in overview.open_obligations] == [report.id, late.id]
    assert overview.overdue_obligations == 1
    assert overview.screenings == []
    views = [e for e in store.audit_events() if e.action is AuditAction.VIEW]
    assert [(v.record_type, v.record_id, v.actor) for v in views] == [("youth", youth.id, "cw-1")]
