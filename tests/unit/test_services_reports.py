"""County report figures, checked against a small fixture computed by hand, and suppression."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    EducationSession,
    Obligation,
    ObligationKind,
    Record,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import ReportJurisdiction
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import FixedClock, InvalidInput, ScreeningService
from csec_desktop.services.reports import CountyReport, ReportService, suppress_small_counts
from csec_desktop.store import Store
from tests.unit.conftest import make_youth
from tests.unit.test_services_screenings import NOW, victim_answers

LA = ZoneInfo("America/Los_Angeles")
Q1 = (date(2024, 1, 1), date(2024, 4, 1))
AS_OF = datetime(2024, 3, 25, 12, 0, tzinfo=UTC)


def screening(
    youth: Youth,
    on: date,
    status: ScreeningStatus,
    category: CsecCategory | None = None,
    risk: RiskLevel = RiskLevel.POSSIBLE_CONCERN,
    **more: Any,
) -> Screening:
    determination = (
        None
        if category is None
        else Determination(
            category=category,
            risk_level=risk,
            confirmed_by="cw-1",
            confirmed_at=datetime.combine(on, datetime.min.time(), UTC),
        )
    )
    return Screening(
        youth_id=youth.id,
        instrument_id="ca-csec-eligibility-risk",
        instrument_version="1.0.0",
        screening_date=on,
        screener="cw-1",
        status=status,
        determination=determination,
        **more,
    )


def obligation(
    youth: Youth, kind: ObligationKind, due_at: datetime, done_at: datetime | None = None
) -> Obligation:
    return Obligation(
        youth_id=youth.id, screening_id=uuid4(), kind=kind, due_at=due_at, done_at=done_at
    )


def session(on: date, attendees: list[UUID], anonymous: int) -> EducationSession:
    return EducationSession(
        session_date=on,
        minutes=60,
        curriculum="Healthy relationships",
        audience=SessionAudience.MIXED,
        setting=SessionSetting.SCHOOL,
        facilitators=["F DEMO"],
        attendee_youth_ids=attendees,
        anonymous_attendee_count=anonymous,
    )


def training(on: date, audience: TrainingAudience, attendees: int) -> Training:
    return Training(
        training_date=on,
        training_type=TrainingType.CSEC_101,
        audience_type=audience,
        attendee_count=attendees,
        minutes=120,
    )


@pytest.fixture
def figures(store: Store) -> CountyReport[int]:
    a, b, c, d = (make_youth(given_name=f"{name} DEMO") for name in "ABCD")
    records: list[Record] = [a, b, c, d]
    s = ScreeningStatus
    approved_d = screening(d, date(2024, 1, 15), s.APPROVED, CsecCategory.AT_RISK)
    approved_a = screening(
        a, date(2024, 1, 10), s.APPROVED, CsecCategory.VICTIM_IN_CARE, RiskLevel.CLEAR_CONCERN
    )
    records += [
        approved_a,
        screening(a, date(2024, 2, 5), s.SUBMITTED, CsecCategory.AT_RISK),
        screening(b, date(2024, 3, 31), s.RESUBMITTED, CsecCategory.NOT_IDENTIFIED,
                  RiskLevel.NO_CONCERN),
        screening(b, date(2024, 4, 1), s.SUBMITTED, CsecCategory.AT_RISK),  # after the period
        screening(c, date(2023, 12, 31), s.APPROVED, CsecCategory.AT_RISK),  # before it
        screening(c, date(2024, 2, 20), s.DRAFT),  # not submitted
        screening(d, date(2024, 3, 1), s.RETURNED, CsecCategory.AT_RISK),  # under correction
        approved_d,
        # D's addendum, submitted in May: counts instead of the approved one, in its Q1 period.
        screening(d, date(2024, 5, 1), s.SUBMITTED, CsecCategory.VICTIM_BEFORE_CARE,
                  RiskLevel.CLEAR_CONCERN, amends_id=approved_d.id),
        # A draft addendum changes nothing yet.
        screening(a, date(2024, 3, 2), s.DRAFT, amends_id=approved_a.id),
    ]  # fmt: skip
    k = ObligationKind
    records += [
        obligation(a, k.REPORT_VICTIM_TO_LAW_ENFORCEMENT, datetime(2024, 1, 11, 10, tzinfo=UTC),
                   datetime(2024, 1, 11, 9, tzinfo=UTC)),  # on time
        obligation(a, k.DOCUMENT_IN_COUNTY_SYSTEM, datetime(2024, 1, 13, tzinfo=UTC),
                   datetime(2024, 1, 14, tzinfo=UTC)),  # late
        obligation(a, k.DOCUMENT_IN_COUNTY_SYSTEM, datetime(2024, 3, 20, tzinfo=UTC)),  # overdue
        # 31 March 20:00 in California is 1 April in UTC: still due in the county's Q1.
        obligation(b, k.REFER_TO_MDT, datetime(2024, 3, 31, 20, tzinfo=LA)),  # not yet due
        obligation(b, k.REFER_TO_MDT, datetime(2024, 4, 1, 0, 30, tzinfo=LA)),  # after
        obligation(b, k.REFER_TO_MDT, datetime(2023, 12, 31, 12, tzinfo=LA)),  # before
    ]  # fmt: skip
    records += [
        session(date(2024, 1, 20), [a.id, b.id], 3),
        session(date(2024, 2, 20), [b.id, c.id], 0),
        session(date(2024, 3, 15), [], 5),
        session(date(2024, 4, 2), [d.id], 2),  # after the period
        training(date(2024, 2, 1), TrainingAudience.FOSTER_PARENTS, 12),
        training(date(2024, 3, 1), TrainingAudience.FOSTER_PARENTS, 4),
        training(date(2024, 3, 10), TrainingAudience.SOCIAL_WORKERS, 25),
        training(date(2023, 12, 1), TrainingAudience.PROBATION, 9),  # before the period
    ]
    store.save_many(records, actor="cw-1")
    service = ReportService(store, CountyPolicy(), FixedClock(AS_OF), county="Fresno")
    return service.county_report(*Q1)


def test_child_figures(figures: CountyReport[int]) -> None:
    """Children, each once: A (identified in care in January, at risk again in February) stays
    a victim in care; D's May addendum makes the January chain a victim before care; B was not
    identified; C's only screenings are outside the period or a draft. These screenings were
    stored the way the earlier release stored them: their victim determinations are read as the
    identifications they made."""
    assert (figures.period_start, figures.period_end) == Q1
    assert figures.county == "Fresno" and figures.as_of == AS_OF and not figures.suppressed
    assert figures.screenings == 4
    assert figures.children == figures.children_screened == 3
    assert figures.children_by_category == {
        CsecCategory.VICTIM_BEFORE_CARE: 1,
        CsecCategory.VICTIM_IN_CARE: 1,
        CsecCategory.VICTIM_WHILE_ABSENT: 0,
        CsecCategory.AT_RISK: 0,
        CsecCategory.NOT_IDENTIFIED: 1,
    }
    assert figures.victim_children == figures.children_identified == 2
    assert figures.children_identified_more_than_once == 0
    assert figures.children_by_risk_level == {  # each child's latest screening of the period
        RiskLevel.CLEAR_CONCERN: 1,
        RiskLevel.POSSIBLE_CONCERN: 1,
        RiskLevel.NO_CONCERN: 1,
    }
    assert figures.children_by_jurisdiction[ReportJurisdiction.NOT_RECORDED] == 3
    assert figures.labor_children == figures.labor_screenings == 0


def test_obligation_figures(figures: CountyReport[int]) -> None:
    total = figures.obligations
    assert (total.met_on_time, total.met_late, total.open_overdue, total.open_not_yet_due) == (
        1,
        1,
        1,
        1,
    )
    by_kind = figures.obligations_by_kind
    assert by_kind[ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT].met_on_time == 1
    document = by_kind[ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM]
    assert (document.met_late, document.open_overdue) == (1, 1)
    assert by_kind[ObligationKind.REFER_TO_MDT].open_not_yet_due == 1
    assert by_kind[ObligationKind.SCREEN_RETURNING_YOUTH].model_dump() == {
        "met_on_time": 0,
        "met_late": 0,
        "open_overdue": 0,
        "open_not_yet_due": 0,
    }


def test_education_and_training_figures(figures: CountyReport[int]) -> None:
    assert figures.sessions == 3
    assert figures.linked_youth_reached == 3  # A, B and C; B attended twice
    assert figures.anonymous_attendees == 8
    assert figures.youth_reached == 11
    assert figures.trainings == 3
    audiences = {
        audience: (f.trainings, f.attendees)
        for audience, f in figures.trainings_by_audience.items()
    }
    assert audiences == {
        TrainingAudience.FOSTER_PARENTS: (2, 16),
        TrainingAudience.GROUP_HOME_STAFF: (0, 0),
        TrainingAudience.SOCIAL_WORKERS: (1, 25),
        TrainingAudience.PROBATION: (0, 0),
        TrainingAudience.OTHER: (0, 0),
    }


def test_small_counts_are_suppressed_before_leaving_the_county(
    figures: CountyReport[int],
) -> None:
    published = suppress_small_counts(figures)
    assert published.suppressed
    assert (published.period_start, published.period_end, published.as_of) == (*Q1, AS_OF)
    assert published.screenings == "1-10"
    assert published.children == "1-10"
    assert published.children_by_category[CsecCategory.NOT_IDENTIFIED] == "1-10"
    assert published.children_by_category[CsecCategory.VICTIM_WHILE_ABSENT] == 0  # zero stays
    assert published.youth_reached == 11
    assert published.obligations.met_on_time == "1-10"
    foster = published.trainings_by_audience[TrainingAudience.FOSTER_PARENTS]
    assert (foster.trainings, foster.attendees) == ("1-10", 16)
    assert published.trainings_by_audience[TrainingAudience.SOCIAL_WORKERS].attendees == 25
    # Nothing below the threshold survives anywhere in the published document.
    dumped = published.model_dump(mode="json")

    def counts(value: object) -> list[int]:
        if isinstance(value, bool):
            return []
        if isinstance(value, int):
            return [value]
        if isinstance(value, dict):
            return [n for item in value.values() for n in counts(item)]
        return []

    assert all(n == 0 or n > 10 for n in counts(dumped))
    assert figures.screenings == 4  # the original report is unchanged

    stricter = suppress_small_counts(figures, low=1, high=20, marker="*")
    assert stricter.trainings_by_audience[TrainingAudience.FOSTER_PARENTS].attendees == "*"
    assert stricter.trainings_by_audience[TrainingAudience.SOCIAL_WORKERS].attendees == 25
    with pytest.raises(ValueError):
        suppress_small_counts(figures, low=0)


def test_an_empty_period_and_a_backwards_period(store: Store) -> None:
    service = ReportService(store, CountyPolicy(), FixedClock(AS_OF))
    empty = service.county_report(*Q1)
    assert (empty.screenings, empty.youth_reached, empty.trainings) == (0, 0, 0)
    with pytest.raises(InvalidInput):
        service.county_report(Q1[1], Q1[0])


def test_screenings_made_through_the_services_are_counted(store: Store, tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed")
    screenings = ScreeningService(store, registry, CountyPolicy(), clock, actor="cw-1")
    youth = store.save(make_youth(), actor="cw-1")
    draft = screenings.start(youth.id, "ca-csec-eligibility-risk")
    answers = victim_answers(screenings.instrument_for(draft))
    submitted, created = screenings.submit(screenings.confirm(screenings.answer(draft, answers)))
    approved, _ = screenings.apply_review(submitted, ReviewDecision.APPROVED, reviewer="sup-1")
    clock.advance(days=2)
    addendum = screenings.amend(approved)
    screenings.submit(screenings.confirm(screenings.answer(addendum, {"observations": "more"})))

    period = (date(2024, 6, 1), date(2024, 7, 1))
    figures = ReportService(store, CountyPolicy(), clock).county_report(*period)
    assert (figures.screenings, figures.children, figures.children_identified) == (1, 1, 1)
    assert figures.children_by_category[CsecCategory.VICTIM_BEFORE_CARE] == 1
    assert figures.children_by_risk_level[RiskLevel.CLEAR_CONCERN] == 1
    assert figures.obligations.open_not_yet_due + figures.obligations.open_overdue == len(created)


def test_the_report_reads_screenings_without_their_answers_and_counts_the_same(
    store: Store,
) -> None:
    """The store drops what a report never reads (answers, explanations, notes) before parsing:
    every screening's facts read that way equal the facts parsed from the whole stored body, and
    the report equals one computed from whole bodies."""
    from csec_desktop.domain.reporting import ScreeningFacts
    from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder

    class WholeScreeningFacts(ScreeningFacts):
        unread_paths = ()

    instrument = InstrumentRegistry(shipped_instruments_dir(), None).latest(DEMO_INSTRUMENT)
    DemoSeeder(store, instrument, seed=5).seed(youth=30, screenings=60, sessions=2)
    projected = {s.id: s for s in store.records(ScreeningFacts, ordered=False)}
    whole = {s.id: s for s in store.records(WholeScreeningFacts, ordered=False)}
    assert len(projected) == 60 and projected.keys() == whole.keys()
    assert all(projected[k].model_dump() == whole[k].model_dump() for k in whole)
    assert sum(len(s.answers) for s in store.records(Screening)) > 0  # there was much to drop
    # And through the report: the same figures from the same year.
    end = date.today() + timedelta(days=1)
    start = end - timedelta(days=366)
    now = datetime.now(UTC)
    service = ReportService(store, CountyPolicy(), FixedClock(now), county="Fresno")
    counted = service.county_report(start, end)
    import csec_desktop.services.reports as reports_module

    original = reports_module.ScreeningFacts
    reports_module.ScreeningFacts = WholeScreeningFacts  # type: ignore[misc]
    try:
        assert service.county_report(start, end) == counted
    finally:
        reports_module.ScreeningFacts = original  # type: ignore[misc]
    assert counted.screenings > 0
