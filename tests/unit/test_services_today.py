"""TodayService on a real encrypted store: a caseworker's morning, built through the services a
caseworker's actions go through (a youth goes missing, victims are identified and submitted, a
screening is returned by the supervisor, a draft is left half done)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import JsonValue

from csec_desktop.domain import (
    Obligation,
    ObligationKind,
    ReviewDecision,
    RiskLevel,
    ScreeningStatus,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import Instrument, InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import FixedClock, MissingEpisodeService, ScreeningService
from csec_desktop.services.ordering import TWENTY_FOUR_HOUR_KINDS
from csec_desktop.services.today import TodayService
from csec_desktop.store import Store
from tests.unit.conftest import make_youth
from tests.unit.test_services_screenings import CSEC_ID, at_risk_answers, victim_answers

NOW = datetime(2024, 6, 3, 17, 0, tzinfo=UTC)  # Monday, 10:00 in California
Answers = Callable[[Instrument], dict[str, JsonValue]]


@pytest.fixture
def registry(tmp_path: Path) -> InstrumentRegistry:
    return InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed")


def _screenings(store: Store, registry: InstrumentRegistry, at: datetime) -> ScreeningService:
    return ScreeningService(store, registry, CountyPolicy(), FixedClock(at), actor="cw-1")


def _youth(store: Store, given: str, family: str) -> Youth:
    return store.save(make_youth(given_name=given, family_name=family), actor="cw-1")


def _submit(service: ScreeningService, youth: Youth, answers: Answers) -> None:
    screening = service.start(youth.id, CSEC_ID)
    screening = service.answer(screening, answers(service.instrument_for(screening)))
    service.submit(service.confirm(screening))


@pytest.fixture
def morning(store: Store, registry: InstrumentRegistry) -> Store:
    """Ana ran away two hours ago; María was identified as a victim a minute ago; Rosa was
    identified three weeks ago and nothing was done; Kim's screening came back from the
    supervisor; Leo's screening was started and left; Sam has nothing open."""
    now = _screenings(store, registry, NOW)
    MissingEpisodeService(store, CountyPolicy(), FixedClock(NOW), actor="cw-1").start(
        _youth(store, "Ana", "Ruiz").id, NOW - timedelta(hours=2)
    )
    _submit(now, _youth(store, "María", "López"), victim_answers)
    _submit(
        _screenings(store, registry, NOW - timedelta(days=21)),
        _youth(store, "Rosa", "Díaz"),
        victim_answers,
    )
    kim = _youth(store, "Kim", "Nguyen")
    _submit(now, kim, at_risk_answers)
    [sent] = [s for s in now.for_youth(kim.id)]
    now.apply_review(sent, ReviewDecision.RETURNED, reviewer="sup-1", comment="Add the source.")
    leo = _youth(store, "Leo", "Park")
    now.answer(now.start(leo.id, CSEC_ID), {"information_sources": ["youth"]})
    _youth(store, "Sam", "Ito")
    return store


def test_due_lists_overdue_and_24_hour_reports_first_and_leaves_later_work_out(
    morning: Store,
) -> None:
    today = TodayService(morning, clock=FixedClock(NOW)).today()
    due = [(item.youth_name, item.obligation.kind) for item in today.due]
    # 24-hour reports first (Rosa's three weeks overdue, then Ana's and María's clocks), urgent
    # from their first minute; then Rosa's overdue county-system and MDT work. Ana's missing
    # episode owes two reports on the same clock: law enforcement and NCMEC.
    assert due == [
        ("Díaz, Rosa", ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT),
        ("Ruiz, Ana", ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT),
        ("Ruiz, Ana", ObligationKind.REPORT_MISSING_TO_NCMEC),
        ("López, María", ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT),
        ("Díaz, Rosa", ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM),
        ("Díaz, Rosa", ObligationKind.REFER_TO_MDT),
    ]
    assert today.overdue == 3
    # María's county-system entry (3 days) and MDT referral (5 days), and what Kim's at-risk
    # screening created, are open but due in more than a day: not on Today's list.
    shown = {item.obligation.id for item in today.due}
    later = [o for o in morning.records(Obligation) if not o.done and o.id not in shown]
    assert len(later) == 3
    assert all(o.due_at - NOW > timedelta(hours=24) for o in later)
    assert not any(o.kind in TWENTY_FOUR_HOUR_KINDS for o in later)
    assert today.open_obligations == len(today.due) + 3


def test_screenings_to_finish_put_the_returned_one_first(morning: Store) -> None:
    today = TodayService(morning, clock=FixedClock(NOW)).today()
    assert [(i.youth_name, i.status) for i in today.to_finish] == [
        ("Nguyen, Kim", ScreeningStatus.RETURNED),
        ("Park, Leo", ScreeningStatus.DRAFT),
    ]
    assert today.returned == 1
    assert [item.youth_name for item in today.missing] == ["Ruiz, Ana"]
    assert today.needs_you == 6 + 2 + 1


def test_the_caseload_lists_every_youth_by_family_name_with_risk_and_work(
    morning: Store,
) -> None:
    caseload = TodayService(morning, clock=FixedClock(NOW)).caseload()
    assert not caseload.cut and caseload.total == 6
    rows = {row.youth.family_name: row for row in caseload.rows}
    assert [row.youth.family_name for row in caseload.rows] == [
        "Díaz",
        "Ito",
        "López",
        "Nguyen",
        "Park",
        "Ruiz",
    ]
    assert rows["Díaz"].risk_level is RiskLevel.CLEAR_CONCERN
    assert rows["Díaz"].last_screening == date(2024, 5, 13)
    assert (rows["Díaz"].facts.open_obligations, rows["Díaz"].facts.overdue_obligations) == (3, 3)
    assert rows["Nguyen"].risk_level is RiskLevel.POSSIBLE_CONCERN
    # A draft is no screening yet: no date, no level.
    assert (rows["Park"].last_screening, rows["Park"].risk_level) == (None, None)
    assert rows["Ruiz"].facts.missing_now and rows["Ruiz"].facts.open_obligations == 2
    assert rows["Ito"].facts.open_obligations == 0 and rows["Ito"].risk_level is None


def test_a_long_vault_is_cut_and_says_so(morning: Store) -> None:
    caseload = TodayService(morning, clock=FixedClock(NOW)).caseload(limit=2)
    assert caseload.cut and caseload.total == 6
    assert [row.youth.family_name for row in caseload.rows] == ["Díaz", "Ito"]


def test_search_results_carry_the_same_columns(morning: Store) -> None:
    [row] = TodayService(morning, clock=FixedClock(NOW)).search("Lopes Maria")
    assert row.youth.family_name == "López"
    assert row.risk_level is RiskLevel.CLEAR_CONCERN and row.facts.open_obligations == 3
