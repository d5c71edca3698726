"""Identification history (void, history, status), the county policy a vault follows, and the
missing-episode reports and debrief, through the services on a real encrypted store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from csec_desktop.domain import (
    AuditAction,
    CsecCategory,
    ExploitationStatus,
    Identification,
    Obligation,
    ObligationKind,
    RiskLevel,
    ScreeningStatus,
    Track,
    Youth,
)
from csec_desktop.domain.episode import DebriefAnswer, LeftBecause, StayedWhere
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import (
    FixedClock,
    InvalidInput,
    InvalidState,
    MissingEpisodeService,
    ObligationService,
    ScreeningService,
)
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.store import Store
from csec_desktop.store.sync_state import META_COUNTY_CONFIG
from tests.casebook.facts import CSEC, Fact, answers_for
from tests.unit.conftest import make_youth
from tests.unit.test_services_reports import screening

NOW = datetime(2025, 3, 4, 18, 0, tzinfo=UTC)
VICTIM = frozenset({Fact.PAID_FOR_SEX, Fact.WHILE_IN_PLACEMENT, Fact.HAPPENING_NOW})


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def youth(store: Store) -> Youth:
    return store.save(make_youth(), actor="cw-1")


def identify(store: Store, youth: Youth, clock: FixedClock, tmp_path: Path) -> Identification:
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed")
    service = ScreeningService(store, registry, CountyPolicy(), clock, actor="cw-1")
    draft = service.start(youth.id, CSEC)
    items = {item.id: item.type.value for item in service.instrument_for(draft).items()}
    confirmed = service.confirm(
        service.answer(draft, answers_for(CSEC, VICTIM, items)),
        received_at=NOW - timedelta(hours=2),
    )
    service.submit(confirmed)
    (made,) = store.records(Identification, youth_id=youth.id)
    return made


def test_voiding_keeps_the_identification_and_voids_its_open_tasks_only(
    store: Store, youth: Youth, clock: FixedClock, tmp_path: Path
) -> None:
    made = identify(store, youth, clock, tmp_path)
    obligations = ObligationService(store, actor="cw-1", clock=clock)
    report = next(
        o
        for o in obligations.open(youth.id)
        if o.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT
    )
    obligations.mark_done(report, agency="Fresno PD", reference="FPD-1")
    service = IdentificationService(store, actor="sup-1", clock=clock)
    with pytest.raises(InvalidInput):
        service.void(made, reason="   ")
    clock.advance(hours=1)
    voided = service.void(made, reason="entered on the wrong youth's record")
    assert (voided.voided_by, voided.voided_at) == ("sup-1", NOW + timedelta(hours=1))
    assert voided.void_reason == "entered on the wrong youth's record"
    assert not voided.counted and service.counted(youth.id) == []
    (entry,) = service.history(youth.id)
    assert entry.identification == voided and not entry.legacy
    assert entry.report is not None and entry.report.done  # done stays done
    states = {o.kind: (o.done, o.voided) for o in store.records(Obligation, youth_id=youth.id)}
    assert states == {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT: (True, False),
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM: (False, True),
        ObligationKind.REFER_TO_MDT: (False, True),
    }
    assert obligations.open(youth.id) == []
    assert len(obligations.voided(youth.id)) == 2
    with pytest.raises(InvalidState):
        obligations.mark_done(obligations.voided(youth.id)[0], agency="x")
    with pytest.raises(InvalidInput):
        service.void(voided, reason="again")
    events = [e for e in store.audit_events() if e.record_type == "identification"]
    assert [(e.action, e.actor) for e in events][-1] == (AuditAction.UPDATE, "sup-1")
    assert all("wrong youth" not in e.detail for e in store.audit_events())


def test_the_status_now_is_what_the_latest_screening_says(
    store: Store, youth: Youth, clock: FixedClock, tmp_path: Path
) -> None:
    identify(store, youth, clock, tmp_path)
    service = IdentificationService(store, actor="cw-1", clock=clock)
    assert service.current_status(youth.id) == {
        Track.SEXUAL_EXPLOITATION: ExploitationStatus.ONGOING
    }


def test_a_legacy_identification_gets_its_record_when_voided(
    store: Store, youth: Youth, clock: FixedClock
) -> None:
    """The earlier release kept an identification only as a screening's victim category: it is
    in the history (legacy), and voiding it creates its record, voided."""
    stored = screening(
        youth, NOW.date(), ScreeningStatus.APPROVED, CsecCategory.VICTIM_IN_CARE,
        RiskLevel.CLEAR_CONCERN,
    )  # fmt: skip
    store.save(stored, actor="cw-1")
    service = IdentificationService(store, actor="sup-1", clock=clock)
    (entry,) = service.history(youth.id)
    assert entry.legacy and entry.identification.category is CsecCategory.VICTIM_IN_CARE
    assert entry.identification.screening_id == stored.id
    voided = service.void(entry.identification, reason="a test record")
    assert voided.version == 1 and store.get(Identification, voided.id) == voided
    (again,) = service.history(youth.id)
    assert not again.legacy and again.identification.voided


def test_a_vault_follows_the_policy_its_county_sent(store: Store) -> None:
    assert county_policy(store) == CountyPolicy()
    config = {
        "county": "Fresno", "mdt_referral_days": 12, "offline_lease_days": 14,
        "config_version": 3, "victim_report_hours": 12, "time_zone": "America/Los_Angeles",
        # a setting a later release adds: ignored, never a reason to drop the county's policy
        "closed_case_retention_days": 90,
    }  # fmt: skip
    store.set_meta(META_COUNTY_CONFIG, json.dumps(config))
    assert county_policy(store) == CountyPolicy(mdt_referral_days=12, victim_report_hours=12)
    store.set_meta(META_COUNTY_CONFIG, json.dumps({**config, "victim_report_hours": 48}))
    assert county_policy(store) == CountyPolicy()  # unusable: the safe defaults
    store.set_meta(META_COUNTY_CONFIG, "not json")
    assert county_policy(store) == CountyPolicy()


def test_the_ncmec_report_needs_its_case_number_and_the_debrief_a_return(
    store: Store, youth: Youth, clock: FixedClock
) -> None:
    missing = MissingEpisodeService(store, CountyPolicy(), clock, actor="cw-1")
    episode, (_police, ncmec) = missing.start(youth.id, NOW - timedelta(hours=2))
    obligations = ObligationService(store, actor="cw-1", clock=clock)
    with pytest.raises(InvalidInput, match="NCMEC"):
        obligations.mark_done(ncmec)  # no case number
    with pytest.raises(InvalidInput):
        missing.record_ncmec_report(episode, report_number=" ")
    with pytest.raises(InvalidState):
        missing.record_debrief(
            episode, left_because=[LeftBecause.UNKNOWN], stayed=[StayedWhere.UNKNOWN],
            exploited_while_away=DebriefAnswer.UNKNOWN,
        )  # fmt: skip
    episode, closed = missing.record_ncmec_report(
        episode, report_number="NCMEC-77", by_law_enforcement=True
    )
    assert [(o.kind, o.reference) for o in closed] == [
        (ObligationKind.REPORT_MISSING_TO_NCMEC, "NCMEC-77")
    ]
    assert "law enforcement reported to NCMEC" in closed[0].notes
    episode, _ = missing.end(episode, NOW - timedelta(hours=1))
    debriefed = missing.record_debrief(
        episode,
        left_because=[LeftBecause.RECRUITED_OR_LURED],
        stayed=[StayedWhere.HOTEL_OR_MOTEL, StayedWhere.OUTSIDE_THE_COUNTY],
        exploited_while_away=DebriefAnswer.DECLINED,
    )
    assert debriefed.debrief is not None and not debriefed.exploited_while_away
