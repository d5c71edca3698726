"""The corrections' refusals and records on a real temporary encrypted store: merging two youth
(never a youth into itself, a merged one, or across counties; every record re-pointed, the
tombstone kept, a session both records attended counting the child once), reopening and
correcting a done obligation, voiding a session, discarding only a draft."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from csec_desktop.domain import (
    EducationSession,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Screening,
    Youth,
)
from csec_desktop.domain.education import SessionAudience, SessionSetting
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import (
    FixedClock,
    InvalidInput,
    InvalidState,
    MissingEpisodeService,
    ObligationService,
)
from csec_desktop.services.education import EducationService
from csec_desktop.services.screenings import ScreeningService
from csec_desktop.services.youth_merge import YouthMergeService
from csec_desktop.store import Store
from tests.unit.conftest import make_youth

NOW = datetime(2026, 6, 3, 17, 0, tzinfo=UTC)
ACTOR = "cw-1"


def _youth(store: Store, **changes: object) -> Youth:
    return store.save(make_youth(**changes), actor=ACTOR)


def _session(store: Store, attendees: list[Youth]) -> EducationSession:
    return store.save(
        EducationSession(
            session_date=date(2026, 6, 1),
            minutes=45,
            curriculum="My Life My Choice",
            audience=SessionAudience.GROUP_HOME_YOUTH,
            setting=SessionSetting.GROUP_HOME,
            facilitators=["A. Rivera"],
            attendee_youth_ids=[y.id for y in attendees],
        ),
        actor=ACTOR,
    )


def test_a_merge_repoints_everything_and_keeps_the_tombstone(store: Store) -> None:
    kept, duplicate = _youth(store), _youth(store, family_name="Rivera-Ortiz DEMO")
    clock = FixedClock(NOW)
    episode, _ = MissingEpisodeService(store, CountyPolicy(), clock, actor=ACTOR).start(
        duplicate.id, NOW - timedelta(hours=5)
    )
    both = _session(store, [kept, duplicate])  # the same child, listed twice
    merging = YouthMergeService(store, actor=ACTOR, clock=clock)
    plan = merging.plan(duplicate.id, kept.id)
    assert (plan.missing_episodes, plan.obligations, plan.sessions) == (1, 2, 1)
    outcome = merging.merge(duplicate.id, kept.id)
    assert outcome.repointed == 4
    assert store.get(Youth, duplicate.id).merged_into == kept.id
    assert store.get(MissingEpisode, episode.id).youth_id == kept.id
    assert {o.youth_id for o in store.records(Obligation)} == {kept.id}
    assert store.get(EducationSession, both.id).attendee_youth_ids == [kept.id]  # one child
    assert store.history(Youth, duplicate.id)[0].merged_into is None  # the record as it was


def test_a_merge_is_refused_for_the_same_a_merged_or_another_countys_youth(store: Store) -> None:
    kept, duplicate = _youth(store), _youth(store)
    merging = YouthMergeService(store, actor=ACTOR)
    with pytest.raises(InvalidInput, match="same youth"):
        merging.merge(kept.id, kept.id)
    other_county = _youth(store, county="Kern")
    with pytest.raises(InvalidInput, match="another county"):
        merging.merge(other_county.id, kept.id)
    merging.merge(duplicate.id, kept.id)
    with pytest.raises(InvalidState, match="already merged"):
        merging.merge(duplicate.id, kept.id)
    with pytest.raises(InvalidState, match="already merged"):
        merging.merge(other_county.id, duplicate.id)


def test_reopening_needs_a_reason_and_only_a_done_obligation_is_corrected(store: Store) -> None:
    youth = _youth(store)
    clock = FixedClock(NOW)
    MissingEpisodeService(store, CountyPolicy(), clock, actor=ACTOR).start(
        youth.id, NOW - timedelta(hours=2)
    )
    service = ObligationService(store, actor=ACTOR, clock=clock)
    report = next(
        o for o in service.open(youth.id) if o.kind is ObligationKind.REPORT_MISSING_TO_NCMEC
    )
    with pytest.raises(InvalidState):
        service.correct_done(report, agency=None, reference="X-1", notes="")
    done = service.mark_done(report, reference="NCMEC-1")
    with pytest.raises(InvalidInput, match="case number"):
        service.correct_done(done, agency=None, reference="  ", notes="")
    with pytest.raises(InvalidInput, match="reopen"):
        service.reopen(done, reason="   ")
    reopened = service.reopen(done, reason="wrong episode")
    assert reopened.is_open and reopened.overdue(NOW + timedelta(days=1))
    assert reopened.due_at == report.due_at  # the clock it was created with


def test_a_voided_session_needs_a_reason_and_cannot_be_voided_twice(store: Store) -> None:
    youth = _youth(store)
    service = EducationService(store, actor=ACTOR, clock=FixedClock(NOW))
    session = _session(store, [youth])
    with pytest.raises(InvalidInput):
        service.void_session(session, reason=" ")
    voided = service.void_session(session, reason="logged twice")
    assert voided.voided and voided.voided_by == ACTOR
    with pytest.raises(InvalidInput, match="already voided"):
        service.void_session(voided, reason="again")


def test_only_a_draft_is_discarded(store: Store) -> None:
    youth = _youth(store)
    service = ScreeningService(
        store,
        InstrumentRegistry(shipped_instruments_dir(), None),
        CountyPolicy(),
        FixedClock(NOW),
        actor=ACTOR,
    )
    draft = service.start(youth.id, "ca-csec-eligibility-risk")
    discarded = service.discard(draft)
    assert discarded.status.value == "discarded" and not discarded.editable
    with pytest.raises(InvalidState):
        service.discard(discarded)
    assert store.get(Screening, draft.id).status.value == "discarded"
