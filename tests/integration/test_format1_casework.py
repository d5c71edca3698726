"""Casework done with the format-1 instruments, as the earlier release stored it, under today's
code: every screening still opens with its exact definition, scores and explains the same, is
counted (children, not screenings; the labor screen on its own track), and what the earlier
release identified stays identified: re-screening such a child files no second report.

The vault is ``tests/fixtures/format1-casework`` (made on 248a2a0's services; its README says
how), copied for each test.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import pytest

from csec_desktop.domain import (
    CsecCategory,
    Identification,
    LaborFinding,
    Obligation,
    ObligationKind,
    ReviewDecision,
    Screening,
    ScreeningStatus,
    Track,
)
from csec_desktop.domain.identification import LEGACY_IDENTIFIER
from csec_desktop.domain.report_table import figure_rows
from csec_desktop.domain.screening import labor_finding_of
from csec_desktop.instruments import InstrumentRegistry, fingerprint
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import FixedClock, ScreeningService
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.services.reports import ReportService
from csec_desktop.services.vault_session import VaultSession
from tests import report_facts_check
from tests.fixtures.make_vault_fixture import FIXTURE_PASSPHRASE

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "format1-casework"
YEAR = (date(2025, 1, 1), date(2026, 1, 1))
LATER = datetime(2025, 6, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[VaultSession]:
    data_dir = tmp_path / "format1"
    shutil.copytree(FIXTURE, data_dir)
    with VaultSession.open(data_dir, FIXTURE_PASSPHRASE, actor="cw-today") as opened:
        yield opened


@pytest.fixture
def youth_ids() -> dict[str, UUID]:
    names = json.loads((FIXTURE / "youth-ids.json").read_text(encoding="utf-8"))
    return {name: UUID(value) for name, value in names.items()}


def _service(session: VaultSession, clock: FixedClock | None = None) -> ScreeningService:
    registry = InstrumentRegistry(shipped_instruments_dir(), session.paths.data_dir / "inst")
    return ScreeningService(
        session.store,
        registry,
        county_policy(session.store),
        clock or FixedClock(LATER),
        actor="cw-today",
    )


def test_every_format_1_screening_opens_with_its_exact_definition(session: VaultSession) -> None:
    service = _service(session)
    screenings = session.store.records(Screening)
    assert len(screenings) == 8
    for screening in screenings:
        instrument = service.instrument_for(screening)
        assert instrument.format == 1 and instrument.version == "1.0.0"
        assert fingerprint(instrument) == screening.instrument_fingerprint
        result = service.compute(service.view(screening.id))
        assert service.explain(screening, result)
        if screening.result is not None:  # scored then as it scores now
            assert result.risk_level is screening.result.risk_level


def test_format_1_casework_is_counted_in_children_with_labor_apart(
    session: VaultSession,
) -> None:
    """Victim Twice (identified twice by the earlier release, in care), Amended Victim (before
    care, its addendum counted instead of the original), At Risk, Missing Returned (no concern),
    and the labor screen on the labor track (its "at risk" category read as a labor finding).
    The unfinished draft is not counted."""
    report = ReportService(session.store, county_policy(session.store), FixedClock(LATER))
    figures = {(m, k): v for m, k, v in figure_rows(report.county_report(*YEAR))}
    expected = {
        ("children", "total"): 4,
        ("children_by_category", "victim_in_care"): 1,
        ("children_by_category", "victim_before_care"): 1,
        ("children_by_category", "at_risk"): 1,
        ("children_by_category", "not_identified"): 1,
        ("children_identified", "total"): 2,
        ("children_identified_more_than_once", "total"): 1,
        ("screenings", "total"): 5,
        ("labor_children", "total"): 1,
        ("labor_children_by_finding", "at_risk"): 1,
        ("labor_screenings", "total"): 1,
    }
    assert {key: figures[key] for key in expected} == expected


def test_format_1_casework_counts_the_same_from_the_facts_table_as_from_the_bodies(
    session: VaultSession,
) -> None:
    """The earlier release's records get their report facts from migration 6 (the vault was made
    before it): the report read from them equals the report read from the record bodies, for the
    year and for the first half of it."""
    store, policy, clock = session.store, county_policy(session.store), FixedClock(LATER)
    assert report_facts_check.disagreements(store) == []
    for period in (YEAR, (date(2025, 1, 1), date(2025, 7, 1))):
        args = (store, policy, clock, *period, None)
        from_facts = report_facts_check.report_from_facts(*args)
        assert from_facts == report_facts_check.report_from_bodies(*args)
    assert report_facts_check.report_from_facts(store, policy, clock, *YEAR, None).children == 4


def test_the_labor_screen_reads_as_its_own_track(
    session: VaultSession, youth_ids: dict[str, UUID]
) -> None:
    (labor,) = session.store.records(Screening, youth_id=youth_ids["Labor Screen"])
    assert labor.track is None and labor.screening_track is Track.LABOR_TRAFFICKING
    assert labor.determination is not None
    assert labor.determination.category is CsecCategory.AT_RISK  # as it was stored
    assert labor_finding_of(labor.determination.category) is LaborFinding.AT_RISK


def test_identifications_made_by_the_earlier_release_are_in_the_history(
    session: VaultSession, youth_ids: dict[str, UUID]
) -> None:
    history = IdentificationService(session.store, actor="sup").history(youth_ids["Victim Twice"])
    assert [entry.legacy for entry in history] == [True, True]
    assert {entry.identification.category for entry in history} == {CsecCategory.VICTIM_IN_CARE}
    assert all(entry.identification.identified_by != LEGACY_IDENTIFIER for entry in history)
    reports = [entry.report for entry in history]
    assert all(r is not None and r.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT
               for r in reports)  # fmt: skip
    assert sum(1 for r in reports if r is not None and r.done) == 1  # the first was made


def test_rescreening_a_child_the_earlier_release_identified_files_no_new_report(
    session: VaultSession, youth_ids: dict[str, UUID]
) -> None:
    """The earlier release filed a report per screening; today a format-2 screening that finds
    nothing new confirms the latest identification (finding 2 on stored data)."""
    service = _service(session)
    child = youth_ids["Victim Twice"]
    before = len(session.store.records(Obligation, youth_id=child))
    draft = service.start(child, "ca-csec-eligibility-risk")
    assert draft.instrument_version == "2.0.0"
    assert service.facts(draft) == {"previously_identified": True}
    instrument = service.instrument_for(draft)
    answers = {
        item.id: "no"
        for item in instrument.items()
        if item.type.value == "yes_no_unknown" and item.required
    }
    answers.update(
        information_sources=["youth"],
        substance_use_concern="no_concern",
        school_attendance_concern="no_concern",
        placement_moves_past_year=0,
        screener_concern="no_concern",
        paid_for_sexual_acts="yes",
        exploitation_timing=["while_in_care"],
        exploitation_current="no",
        new_incident_since_report="no",
    )
    confirmed = service.confirm(service.answer(draft, answers))
    assert confirmed.determination is not None
    assert confirmed.determination.category is CsecCategory.VICTIM_IN_CARE
    assert not confirmed.determination.new_identification
    _submitted, created = service.submit(confirmed)
    assert created == []
    assert len(session.store.records(Obligation, youth_id=child)) == before


def test_a_format_1_draft_is_finished_and_submitted_with_its_own_definition(
    session: VaultSession, youth_ids: dict[str, UUID]
) -> None:
    service = _service(session)
    (draft,) = session.store.records(Screening, youth_id=youth_ids["Draft Open"])
    assert draft.status is ScreeningStatus.DRAFT and draft.instrument_version == "1.0.0"
    instrument = service.instrument_for(draft)
    answers = {
        item.id: "no"
        for item in instrument.items()
        if item.type.value == "yes_no_unknown" and item.required and item.id not in draft.answers
    }
    answers.update(
        information_sources=["caregiver"],
        missing_episodes_past_year=1,
        substance_use_concern="no_concern",
        school_attendance_concern="no_concern",
        placement_moves_past_year=1,
        screener_concern="possible_concern",
    )
    submitted, created = service.submit(service.confirm(service.answer(draft, answers)))
    assert submitted.instrument_version == "1.0.0" and submitted.track is None
    assert submitted.determination is not None
    assert submitted.determination.track is Track.SEXUAL_EXPLOITATION
    assert submitted.determination.category is CsecCategory.AT_RISK
    assert [o.kind for o in created] == [ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM]


def test_an_addendum_to_an_identification_of_the_earlier_release_keeps_it_and_its_clock(
    session: VaultSession, youth_ids: dict[str, UUID]
) -> None:
    """Victim Twice's second screening, approved today and amended: the chain's identification
    (made by the earlier release) gets its record with the clock that release started, the
    history still holds both identifications, and no new report is created."""
    service = _service(session)
    child = youth_ids["Victim Twice"]
    identifications = IdentificationService(session.store, actor="sup")
    before = {i.id: i for i in identifications.all_for(child)}
    second = max(session.store.records(Screening, youth_id=child), key=lambda s: s.created_at)
    approved, _ = service.apply_review(second, ReviewDecision.APPROVED, reviewer="sup-today")
    obligations_before = len(session.store.records(Obligation, youth_id=child))
    addendum = service.amend(approved)
    assert addendum.instrument_version == "1.0.0"
    addendum = service.answer(addendum, {"much_older_partner": "yes"})
    _submitted, created = service.submit(service.confirm(addendum))
    assert created == []
    assert len(session.store.records(Obligation, youth_id=child)) == obligations_before
    after = {i.id: i for i in identifications.all_for(child)}
    assert after.keys() == before.keys()
    own = service.own_identification_id(addendum)
    stored = session.store.get(Identification, own)
    assert stored.version == 1 and stored.counted
    assert stored.information_received_at == before[own].information_received_at
    assert stored.identified_by == before[own].identified_by
