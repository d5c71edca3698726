"""What submitting a screening changes besides the screening itself (``ScreeningService.submit``).

Given the confirmed determination, the child's obligations and the identification the screening
chain made before, :func:`plan_submission` works out, without touching the store:

- the identification a new incident makes (or the chain's own, its category brought up to date;
  never its clock), and the obligations of its duties not yet discharged (``domain.duties``);
- the youth's open at-risk documentation and referral, voided when an identification replaces
  them, so one task stays open per thing to do;
- the chain's own identification voided, with its open obligations, when a corrected
  resubmission no longer makes it (kept in history, with the reason);
- at-risk documentation (and referral, where the county asks) for a youth found at risk;
- the open "screen the returning youth" task a return screening fulfils, marked done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import (
    CsecCategory,
    Identification,
    Obligation,
    ObligationKind,
    Record,
    Screening,
    Track,
)
from csec_desktop.domain.deadlines import obligations_for_at_risk, obligations_for_identification
from csec_desktop.domain.duties import duty_key, new_duties
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services.errors import InvalidInput

CORRECTED = "the screening was corrected and no longer makes this identification"
SUPERSEDED = "the youth was identified: the identification's own task replaces this one"


@dataclass
class SubmissionPlan:
    """What to save with the submitted screening, in this order, in its transaction."""

    changes: list[Record] = field(default_factory=list)  # identifications, voided tasks
    new: list[Obligation] = field(default_factory=list)  # one per duty not yet discharged
    met: list[Obligation] = field(default_factory=list)  # tasks this screening fulfils


@dataclass(frozen=True)
class SubmissionContext:
    """What the plan reads: who submits, when, under which policy, and what the store holds."""

    actor: str
    now: datetime
    policy: CountyPolicy
    own_identification_id: UUID  # the id the screening chain's identification has
    root_screening_id: UUID  # the first screening of the chain
    existing: Sequence[Obligation]  # the youth's obligations
    identification_of: dict[UUID, UUID]  # earlier release's screening → its identification
    own: Identification | None  # the identification the chain made before, if any
    is_stored: Callable[[UUID], bool]  # whether an identification already has a record


def _evolve(identification: Identification, **changes: object) -> Identification:
    try:
        return identification.evolve(**changes)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _as_record(
    identification: Identification, context: SubmissionContext, **changes: object
) -> Identification:
    """``identification`` with ``changes``, ready to save: a new version of a stored one, or
    the first record of one read from the earlier release's screenings."""
    if context.is_stored(identification.id):
        return _evolve(identification, **changes)
    return _evolve(identification, version=1, **changes)


def _identification(screening: Screening, context: SubmissionContext) -> Identification:
    """The identification ``screening`` makes: the one its chain made before (its category
    brought up to date; never its clock, nor who made it), or a new one."""
    determination = screening.determination
    assert determination is not None and determination.information_received_at is not None
    category, timings = determination.category, list(determination.timings)
    own = context.own
    if own is not None:
        unchanged = (own.category, own.timings) == (category, timings)
        if not own.counted or (unchanged and context.is_stored(own.id)):
            return own
        return _as_record(own, context, category=category, timings=timings)
    try:
        return Identification(
            id=determination.identification_id or context.own_identification_id,
            youth_id=screening.youth_id,
            track=screening.screening_track,
            category=category,
            timings=timings,
            information_received_at=determination.information_received_at,
            identified_by=context.actor,
            screening_id=context.root_screening_id,
            created_at=context.now,
            updated_at=context.now,
        )
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _open_of(context: SubmissionContext, scope: tuple[str, ...]) -> list[Obligation]:
    """The youth's open obligations whose duty is in ``scope`` (the end of its duty key)."""
    return [
        o
        for o in context.existing
        if o.is_open and duty_key(o, context.identification_of)[1 : 1 + len(scope)] == scope
    ]


def _returning_youth_screened(screening: Screening, context: SubmissionContext) -> list[Obligation]:
    if screening.missing_episode_id is None:
        return []
    return [
        o.evolve(done_at=context.now, notes=f"met by screening {screening.id}")
        for o in context.existing
        if o.kind is ObligationKind.SCREEN_RETURNING_YOUTH
        and o.missing_episode_id == screening.missing_episode_id
        and o.is_open
    ]


def plan_submission(screening: Screening, context: SubmissionContext) -> SubmissionPlan:
    """What submitting ``screening`` (with its confirmed determination) saves beside it."""
    determination = screening.determination
    assert determination is not None
    now = context.now
    plan = SubmissionPlan(met=_returning_youth_screened(screening, context))
    candidates: list[Obligation] = []
    own = context.own
    if determination.new_identification:
        made = _identification(screening, context)
        if made is not own:
            plan.changes.append(made)
        candidates += obligations_for_identification(made, policy=context.policy)
        plan.changes += [
            o.evolve(voided_at=now, void_reason=SUPERSEDED) for o in _open_of(context, ("youth",))
        ]
    elif own is not None and own.counted:
        plan.changes.append(
            _as_record(own, context, voided_at=now, voided_by=context.actor, void_reason=CORRECTED)
        )
        plan.changes += [
            o.evolve(voided_at=now, void_reason=CORRECTED)
            for o in _open_of(context, ("identification", str(own.id)))
        ]
    if (
        not determination.identifies_victim
        and screening.screening_track is Track.SEXUAL_EXPLOITATION
        and determination.category is CsecCategory.AT_RISK
    ):
        candidates += obligations_for_at_risk(
            youth_id=screening.youth_id,
            screening_id=screening.id,
            start=determination.information_received_at or determination.confirmed_at,
            policy=context.policy,
        )
    plan.new = new_duties(candidates, context.existing, context.identification_of)
    return plan


__all__ = ["CORRECTED", "SUPERSEDED", "SubmissionContext", "SubmissionPlan", "plan_submission"]
