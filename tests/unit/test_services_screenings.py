"""ScreeningService on a real temporary encrypted store and a real instrument registry."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import JsonValue

from csec_desktop.domain import (
    AuditAction,
    CsecCategory,
    MissingEpisode,
    Obligation,
    ObligationKind,
    PlacementType,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningContext,
    ScreeningStatus,
    Youth,
)
from csec_desktop.domain.determination import ExploitationTiming
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import Instrument, InstrumentRegistry, ResponseType, fingerprint
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import (
    Conflict,
    FixedClock,
    IncompleteScreening,
    InvalidAnswers,
    InvalidInput,
    InvalidState,
    NotEditable,
    OverrideNeedsReason,
    ScreeningService,
    UnknownInstrumentError,
)
from csec_desktop.store import Store
from tests.unit.conftest import make_youth

CSEC_ID = "ca-csec-eligibility-risk"
# Monday 3 June 2024, 10:00 in California (PDT, UTC-7).
NOW = datetime(2024, 6, 3, 17, 0, tzinfo=UTC)
SUPERVISOR = "sup-1"


def baseline_answers(instrument: Instrument) -> dict[str, JsonValue]:
    """Every required item answered with the least concerning answer."""
    answers: dict[str, JsonValue] = {}
    for item in instrument.items():
        if item.type is ResponseType.YES_NO_UNKNOWN:
            answers[item.id] = "no"
        elif item.type is ResponseType.CONCERN:
            answers[item.id] = "no_concern"
        elif item.type is ResponseType.NUMBER:
            answers[item.id] = 0
        elif item.type is ResponseType.MULTIPLE_CHOICE:
            answers[item.id] = ["youth"]
    return answers


def victim_answers(
    instrument: Instrument, timing: ExploitationTiming = ExploitationTiming.BEFORE_CARE
) -> dict[str, JsonValue]:
    """A victim's answers in either format (format 2: timing is a list, and "is it happening
    now?" is asked)."""
    answers = baseline_answers(instrument)
    several = instrument.item("exploitation_timing").type is ResponseType.MULTIPLE_CHOICE
    answers.update(
        induced_commercial_sex="yes",
        exploitation_timing=[timing.value] if several else timing.value,
    )
    if instrument.format >= 2:
        answers["exploitation_current"] = "yes"
    return answers


def at_risk_answers(instrument: Instrument) -> dict[str, JsonValue]:
    answers = baseline_answers(instrument)
    answers.update(screener_concern="possible_concern", much_older_partner="yes")
    return answers


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def registry(tmp_path: Path) -> InstrumentRegistry:
    return InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed")


@pytest.fixture
def service(store: Store, registry: InstrumentRegistry, clock: FixedClock) -> ScreeningService:
    return ScreeningService(store, registry, CountyPolicy(), clock, actor="cw-1")


@pytest.fixture
def youth(store: Store) -> Youth:
    return store.save(make_youth(placement_type=PlacementType.NOT_IN_CARE), actor="cw-1")


def started(service: ScreeningService, youth: Youth, **kwargs: Any) -> Screening:
    return service.start(youth.id, CSEC_ID, **kwargs)


def answered(service: ScreeningService, screening: Screening, answers: Any) -> Screening:
    return service.answer(screening, answers)


def submitted_victim(service: ScreeningService, youth: Youth) -> tuple[Screening, list[Obligation]]:
    screening = started(service, youth)
    instrument = service.instrument_for(screening)
    screening = service.confirm(answered(service, screening, victim_answers(instrument)))
    return service.submit(screening)


def obligations_of(store: Store, youth: Youth) -> list[Obligation]:
    return store.records(Obligation, youth_id=youth.id)


# -- start and answer ---------------------------------------------------------------------


def test_start_records_the_exact_instrument(
    service: ScreeningService, youth: Youth, registry: InstrumentRegistry
) -> None:
    screening = started(service, youth, context=ScreeningContext.NEW_PLACEMENT)
    latest = registry.latest(CSEC_ID)
    assert (screening.instrument_id, screening.instrument_version) == latest.key
    assert screening.instrument_fingerprint == fingerprint(latest)
    assert screening.status is ScreeningStatus.DRAFT
    assert screening.screener == "cw-1"
    assert screening.screening_date == date(2024, 6, 3)  # the county's date, not UTC's
    assert service.get(screening.id) == screening


def test_start_refuses_an_unknown_instrument(service: ScreeningService, youth: Youth) -> None:
    with pytest.raises(UnknownInstrumentError):
        service.start(youth.id, "no-such-instrument")
    with pytest.raises(UnknownInstrumentError):
        service.start(youth.id, CSEC_ID, version="9.9.9")


def test_answer_autosaves_each_call_and_clears_with_none(
    service: ScreeningService, youth: Youth, store: Store
) -> None:
    screening = started(service, youth)
    first = service.answer(screening, {"ever_missing": "yes"})
    second = service.answer(first, {"missing_episodes_past_year": 2, "ever_missing": None})
    assert second.version == 3
    assert second.answers == {"missing_episodes_past_year": 2}
    assert len(store.history(Screening, screening.id)) == 3
    with pytest.raises(Conflict):
        service.answer(first, {"ever_missing": "no"})  # a stale copy


def test_answer_refuses_answers_that_do_not_fit_the_instrument(
    service: ScreeningService, youth: Youth
) -> None:
    screening = started(service, youth)
    with pytest.raises(InvalidAnswers) as caught:
        service.answer(screening, {"no_such_item": "yes", "ever_missing": "Secret detail"})
    problems = dict(caught.value.problems)
    assert set(problems) == {"no_such_item", "ever_missing"}
    assert "Secret detail" not in str(caught.value)
    with pytest.raises(InvalidAnswers):
        service.answer(screening, {}, evidence={"not_an_element": "x"})
    assert service.get(screening.id).version == 1  # nothing was saved


def test_evidence_is_kept_with_the_element(service: ScreeningService, youth: Youth) -> None:
    screening = started(service, youth)
    instrument = service.instrument_for(screening)
    screening = service.answer(
        screening,
        victim_answers(instrument),
        evidence={"sexually_trafficked": "youth disclosed to the screener"},
    )
    confirmed = service.confirm(screening)
    by_id = {e.element_id: e for e in confirmed.eligibility}
    assert by_id["sexually_trafficked"].evidence == "youth disclosed to the screener"
    assert by_id["sexually_trafficked"].finding.value == "met"
    lines = service.explain(confirmed)
    assert lines[0] == "Risk level: clear concern."
    assert "youth disclosed" not in " ".join(lines)  # explanations never repeat what was written


def test_view_is_audited_and_get_is_not(
    service: ScreeningService, youth: Youth, store: Store
) -> None:
    screening = started(service, youth)
    service.get(screening.id)
    service.view(screening.id)
    views = [e for e in store.audit_events() if e.action is AuditAction.VIEW]
    assert [(v.record_type, v.record_id) for v in views] == [("screening", screening.id)]


# -- compute, propose, confirm ------------------------------------------------------------


def test_propose_uses_placement_entry_to_care_and_missing_episodes(
    service: ScreeningService, store: Store
) -> None:
    youth = store.save(
        make_youth(placement_type=PlacementType.FOSTER_FAMILY, entered_care_on=date(2023, 1, 1)),
        actor="cw-1",
    )
    episode = store.save(
        MissingEpisode(
            youth_id=youth.id,
            started_at=datetime(2024, 4, 1, 12, tzinfo=UTC),
            ended_at=datetime(2024, 4, 10, 12, tzinfo=UTC),
        ),
        actor="cw-1",
    )
    screening = started(service, youth)
    instrument = service.instrument_for(screening)
    answers = victim_answers(instrument, ExploitationTiming.UNKNOWN)
    dated = service.answer(screening, {**answers, "exploitation_date": "2024-04-05"})
    assert service.propose(dated).category is CsecCategory.VICTIM_WHILE_ABSENT
    before = service.answer(dated, {"exploitation_date": "2022-06-01"})
    assert service.propose(before).category is CsecCategory.VICTIM_BEFORE_CARE
    undated = service.answer(before, {"exploitation_date": None})
    proposal = service.propose(undated)
    assert proposal.category is CsecCategory.VICTIM_IN_CARE
    assert proposal.timing_assumed
    confirmed = service.confirm(undated)
    assert confirmed.determination is not None
    assert confirmed.determination.timing is ExploitationTiming.WHILE_IN_CARE
    assert confirmed.determination.timing_assumed
    assert episode.id  # the episode was part of the history the proposal read


def test_override_needs_a_written_reason(service: ScreeningService, youth: Youth) -> None:
    screening = started(service, youth)
    screening = service.answer(screening, at_risk_answers(service.instrument_for(screening)))
    assert service.propose(screening).category is CsecCategory.AT_RISK
    with pytest.raises(OverrideNeedsReason):
        service.confirm(screening, category=CsecCategory.NOT_IDENTIFIED)
    with pytest.raises(OverrideNeedsReason):
        service.confirm(screening, category=CsecCategory.NOT_IDENTIFIED, override_reason="   ")
    confirmed = service.confirm(
        screening, category=CsecCategory.NOT_IDENTIFIED, override_reason="seen by MDT; resolved"
    )
    assert confirmed.determination is not None
    assert confirmed.determination.category is CsecCategory.NOT_IDENTIFIED
    assert confirmed.determination.override_reason == "seen by MDT; resolved"
    assert confirmed.result is not None
    assert confirmed.result.proposed_category is CsecCategory.AT_RISK


def test_changing_answers_drops_a_drafts_result_and_determination(
    service: ScreeningService, youth: Youth
) -> None:
    screening = started(service, youth)
    confirmed = service.confirm(
        service.answer(screening, baseline_answers(service.instrument_for(screening)))
    )
    assert confirmed.determination is not None
    changed = service.answer(confirmed, {"screener_concern": "clear_concern"})
    assert changed.result is None and changed.determination is None
    with pytest.raises(InvalidState):
        service.submit(changed)


# -- submit -------------------------------------------------------------------------------


def test_submit_is_refused_while_required_items_are_missing(
    service: ScreeningService, youth: Youth
) -> None:
    screening = started(service, youth)
    answers = baseline_answers(service.instrument_for(screening))
    for follow_up in (
        "missing_episodes_past_year",
        "missing_overnight",
        "whereabouts_unexplained",
        "found_far_or_in_hotel",
        "screener_concern",
    ):
        del answers[follow_up]
    answers["ever_missing"] = "yes"  # makes the four follow-up questions required
    screening = service.confirm(service.answer(screening, answers))
    with pytest.raises(IncompleteScreening) as caught:
        service.submit(screening)
    assert caught.value.missing == [
        "missing_episodes_past_year",
        "missing_overnight",
        "whereabouts_unexplained",
        "found_far_or_in_hotel",
        "screener_concern",
    ]
    assert service.get(screening.id).status is ScreeningStatus.DRAFT


def test_submit_creates_the_obligations_in_the_same_transaction(
    service: ScreeningService, youth: Youth, store: Store
) -> None:
    submitted, created = submitted_victim(service, youth)
    assert submitted.status is ScreeningStatus.SUBMITTED
    assert submitted.submitted_at == NOW
    assert {o.kind for o in created} == {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
        ObligationKind.REFER_TO_MDT,
    }
    report = next(o for o in created if o.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT)
    assert report.due_at == NOW + timedelta(hours=24)
    assert {o.id for o in obligations_of(store, youth)} == {o.id for o in created}
    assert all(o.screening_id == submitted.id for o in created)
    with pytest.raises(NotEditable):
        service.answer(submitted, {"ever_missing": "yes"})
    with pytest.raises(NotEditable):
        service.submit(submitted)


def test_not_identified_creates_no_obligations(service: ScreeningService, youth: Youth) -> None:
    screening = started(service, youth)
    screening = service.answer(screening, baseline_answers(service.instrument_for(screening)))
    submitted, created = service.submit(service.confirm(screening))
    assert submitted.determination is not None
    assert submitted.determination.category is CsecCategory.NOT_IDENTIFIED
    assert created == []


def test_returned_resubmitted_approved_without_duplicate_obligations(
    service: ScreeningService, youth: Youth, store: Store, clock: FixedClock
) -> None:
    submitted, created = submitted_victim(service, youth)
    clock.advance(hours=3)
    returned, review = service.apply_review(
        submitted, ReviewDecision.RETURNED, reviewer=SUPERVISOR, comment="add the evidence"
    )
    assert returned.status is ScreeningStatus.RETURNED and returned.editable
    assert review.comment == "add the evidence"
    assert review.screening_version == submitted.version

    edited = service.answer(returned, {"exploitation_notes": "disclosed at intake"})
    with pytest.raises(InvalidState):
        service.submit(edited)  # the result was dropped: confirm again first
    resubmitted, again = service.submit(service.confirm(edited))
    assert resubmitted.status is ScreeningStatus.RESUBMITTED
    assert again == []
    assert len(obligations_of(store, youth)) == len(created) == 3

    approved, _ = service.apply_review(resubmitted, ReviewDecision.APPROVED, reviewer=SUPERVISOR)
    assert approved.status is ScreeningStatus.APPROVED and not approved.editable
    assert [r.decision for r in service.reviews(approved.id)] == [
        ReviewDecision.RETURNED,
        ReviewDecision.APPROVED,
    ]
    with pytest.raises(NotEditable):
        service.answer(approved, {"ever_missing": "yes"})
    with pytest.raises(InvalidState):
        service.apply_review(approved, ReviewDecision.RETURNED, reviewer=SUPERVISOR, comment="x")


def test_returning_without_a_comment_is_refused(service: ScreeningService, youth: Youth) -> None:
    submitted, _ = submitted_victim(service, youth)
    with pytest.raises(InvalidInput):
        service.apply_review(submitted, ReviewDecision.RETURNED, reviewer=SUPERVISOR)
    assert service.get(submitted.id).status is ScreeningStatus.SUBMITTED


def test_a_resubmission_that_identifies_the_youth_replaces_the_at_risk_task(
    service: ScreeningService, youth: Youth, store: Store
) -> None:
    screening = started(service, youth)
    instrument = service.instrument_for(screening)
    screening = service.confirm(service.answer(screening, at_risk_answers(instrument)))
    submitted, created = service.submit(screening)
    assert [o.kind for o in created] == [ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM]
    returned, _ = service.apply_review(
        submitted, ReviewDecision.RETURNED, reviewer=SUPERVISOR, comment="youth disclosed"
    )
    victim = service.confirm(service.answer(returned, victim_answers(instrument)))
    _, added = service.submit(victim)
    assert {o.kind for o in added} == {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
        ObligationKind.REFER_TO_MDT,
    }
    assert all(o.identification_id is not None for o in added)
    # One documentation task stays open: the identification's; the at-risk one is voided
    # with the reason (kept in history), not left to be done twice.
    still_open = sorted(o.kind for o in obligations_of(store, youth) if o.is_open)
    assert still_open == sorted(
        [
            ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
            ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
            ObligationKind.REFER_TO_MDT,
        ]
    )
    (superseded,) = [o for o in obligations_of(store, youth) if o.voided]
    assert superseded.id == created[0].id
    assert "identified" in (superseded.void_reason or "")


# -- amendment ----------------------------------------------------------------------------


def test_an_approved_screening_is_amended_by_an_addendum(
    service: ScreeningService, youth: Youth, store: Store, clock: FixedClock
) -> None:
    submitted, _ = submitted_victim(service, youth)
    approved, _ = service.apply_review(submitted, ReviewDecision.APPROVED, reviewer=SUPERVISOR)
    history_before = store.history(Screening, approved.id)

    clock.advance(days=10)
    addendum = service.amend(approved)
    assert addendum.amends_id == approved.id
    assert addendum.status is ScreeningStatus.DRAFT
    assert addendum.answers == approved.answers
    assert addendum.instrument_version == approved.instrument_version
    assert addendum.screening_date == date(2024, 6, 13)
    with pytest.raises(InvalidState):
        service.amend(approved)  # one addendum in progress at a time
    with pytest.raises(NotEditable):
        service.amend(addendum)

    changed = service.answer(addendum, {"exploitation_notes": "late disclosure"})
    resubmitted, created = service.submit(service.confirm(changed))
    assert created == []  # the amended screening already created them
    assert resubmitted.status is ScreeningStatus.SUBMITTED
    assert store.history(Screening, approved.id) == history_before
    assert service.get(approved.id) == approved
    assert len(obligations_of(store, youth)) == 3


# -- instrument version pinning -----------------------------------------------------------


def test_a_screening_keeps_its_instrument_version_after_a_newer_one_is_installed(
    service: ScreeningService,
    youth: Youth,
    registry: InstrumentRegistry,
    store: Store,
    clock: FixedClock,
    tmp_path: Path,
) -> None:
    screening = started(service, youth)
    answers = baseline_answers(service.instrument_for(screening))
    answers.update(ever_missing="yes", missing_episodes_past_year=2)
    screening = service.answer(screening, answers)
    before = service.compute(screening)
    assert before.risk_level is RiskLevel.NO_CONCERN

    definition: dict[str, Any] = json.loads(
        (shipped_instruments_dir() / f"{CSEC_ID}@2.0.0.json").read_text(encoding="utf-8")
    )
    definition["version"] = "2.1.0"
    for indicator in definition["indicators"]:
        if indicator["id"] == "missing_runaway":
            indicator["clear_at"] = 2  # more sensitive
    newer_file = tmp_path / "newer.json"
    newer_file.write_text(json.dumps(definition), encoding="utf-8")
    registry.install(newer_file)
    assert registry.latest(CSEC_ID).version == "2.1.0"

    # A service made after the install (e.g. after a restart) still scores with 2.0.0.
    later = ScreeningService(
        store,
        InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed"),
        CountyPolicy(),
        clock,
        actor="cw-1",
    )
    reread = later.get(screening.id)
    assert later.compute(reread) == before
    confirmed = later.confirm(reread)
    assert confirmed.result is not None
    assert confirmed.result.risk_level is RiskLevel.NO_CONCERN
    assert confirmed.instrument_version == "2.0.0"

    fresh = later.answer(later.start(youth.id, CSEC_ID), screening.answers)
    assert fresh.instrument_version == "2.1.0"
    assert later.compute(fresh).risk_level is RiskLevel.POSSIBLE_CONCERN


def test_a_changed_definition_under_the_same_version_is_refused(
    service: ScreeningService, youth: Youth
) -> None:
    screening = started(service, youth)
    tampered = Screening.model_validate(
        {**screening.model_dump(), "instrument_fingerprint": "0" * 64}
    )
    with pytest.raises(UnknownInstrumentError):
        service.compute(tampered)


# -- return from missing ------------------------------------------------------------------


def test_a_return_screening_fulfils_the_screening_obligation(
    service: ScreeningService, youth: Youth, store: Store
) -> None:
    episode = MissingEpisode(
        youth_id=youth.id,
        started_at=NOW - timedelta(days=3),
        ended_at=NOW - timedelta(hours=5),
    )
    due = Obligation(
        youth_id=youth.id,
        missing_episode_id=episode.id,
        kind=ObligationKind.SCREEN_RETURNING_YOUTH,
        due_at=NOW + timedelta(hours=67),
    )
    store.save_many([episode, due], actor="cw-1")
    other_youth = store.save(make_youth(given_name="Sam DEMO"), actor="cw-1")
    with pytest.raises(InvalidInput):
        service.start(other_youth.id, CSEC_ID, missing_episode_id=episode.id)

    screening = started(
        service,
        youth,
        context=ScreeningContext.RETURN_FROM_MISSING,
        missing_episode_id=episode.id,
    )
    screening = service.answer(screening, baseline_answers(service.instrument_for(screening)))
    service.submit(service.confirm(screening))
    met = store.get(Obligation, due.id)
    assert met.done_at == NOW
    assert str(screening.id) in met.notes
