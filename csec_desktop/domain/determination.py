"""Proposing a youth's CSEC category (W&IC 16501.45) and confirming it.

The rules, in order:

1. **Victim or not.** A youth is an identified victim when at least one *exploitation* element of
   W&IC 300(b)(2) is met: sexually trafficked as described in PC 236.1, or receiving food, shelter
   or payment in exchange for sexual acts. The third element (the parent or guardian failed to, or
   was unable to, protect the child) decides dependency jurisdiction under 300(b)(2) (see
   :func:`eligibility_finding`), not whether the youth was exploited, so it does not change the
   category.
2. **When the exploitation happened** (victims only), first match wins:

   a. the screener said so (``timings``, from the instrument's timing question): that answer; when
      several timings are recorded, the latest in the youth's life (*while absent* or *in care*
      before *before care*, *while absent* first: the one the agency's duty of care concerns);
   b. the screening is the return screening of a missing episode whose debrief says the youth
      was exploited while away → *while absent*;
   c. a date of exploitation is known: during a missing episode (local calendar dates, episode
      still open counts up to ``today``) → *while absent*; before ``entered_care_on`` → *before
      care*; on or after it → *in care*; with no entry date, a youth not in care → *before care*;
   d. nothing known: a youth not in care → *before care*; a youth in care screened on return from
      a missing episode → *while absent*; any other youth in care → *in care*. The proposal then
      says the timing was assumed, so the screener checks it.

   "In care" is the youth's placement out of the parent's home while under the court's
   jurisdiction (``Youth.in_care``): a dependent living in a parent's home is not in care.
3. **Not a victim**: a possible or clear concern risk level → *at risk*; no concern → *not
   identified*. A clear concern without a met exploitation element adds a note asking the
   screener to look at the elements again.

The screener confirms the proposal; choosing another category needs a written reason
(:func:`confirm`). Whether the determination makes a new identification or confirms an earlier
one, and what it says about now, is ``domain.identifying``'s part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import Field

from csec_desktop.domain.base import DomainModel
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.policy import DEFAULT_TIME_ZONE
from csec_desktop.domain.screening import (
    CsecCategory,
    Determination,
    ElementFinding,
    EligibilityElement,
    RiskLevel,
    ScreeningContext,
)
from csec_desktop.domain.screening import (
    ExploitationTiming as ExploitationTiming,  # defined with Determination, which stores it
)
from csec_desktop.domain.youth import Jurisdiction, PlacementType

COUNTY_TIME_ZONE = DEFAULT_TIME_ZONE


class StatutoryElement(StrEnum):
    """The elements of W&IC 300(b)(2); instruments name their eligibility elements with these."""

    SEXUALLY_TRAFFICKED = "sexually_trafficked"  # as described in PC 236.1
    EXCHANGE_FOR_SEXUAL_ACTS = "exchange_for_sexual_acts"  # food, shelter or payment
    FAILURE_TO_PROTECT = "failure_to_protect"  # parent/guardian failed or was unable to protect
    # The labor-trafficking track (not an element of 300(b)(2)): forced labor or services as
    # described in PC 236.1, including being made to commit crimes for another's benefit.
    LABOR_TRAFFICKED = "labor_trafficked"


EXPLOITATION_ELEMENTS = frozenset(
    {StatutoryElement.SEXUALLY_TRAFFICKED, StatutoryElement.EXCHANGE_FOR_SEXUAL_ACTS}
)
LABOR_ELEMENTS = frozenset({StatutoryElement.LABOR_TRAFFICKED})

# Several timings recorded: the category of the latest in the youth's life wins.
_TIMING_PRECEDENCE = (
    ExploitationTiming.WHILE_ABSENT,
    ExploitationTiming.WHILE_IN_CARE,
    ExploitationTiming.BEFORE_CARE,
)


_TIMING_CATEGORY = {
    ExploitationTiming.BEFORE_CARE: CsecCategory.VICTIM_BEFORE_CARE,
    ExploitationTiming.WHILE_IN_CARE: CsecCategory.VICTIM_IN_CARE,
    ExploitationTiming.WHILE_ABSENT: CsecCategory.VICTIM_WHILE_ABSENT,
}


class CategoryProposal(DomainModel):
    """The proposed category and why (short plain-English notes, no personal data)."""

    category: CsecCategory
    exploitation: ElementFinding
    timing: ExploitationTiming | None = None  # victims only: the timing the category rests on
    timing_assumed: bool = False  # no answer and no date: the screener should check the timing
    timings: list[ExploitationTiming] = Field(default_factory=list)  # every timing recorded
    reasons: list[str] = Field(default_factory=list)


class OverrideNeedsReason(ValueError):
    """A category other than the proposed one was chosen without a written reason."""


def _findings(elements: Iterable[EligibilityElement]) -> dict[str, ElementFinding]:
    return {element.element_id: element.finding for element in elements}


def exploitation_finding(
    elements: Iterable[EligibilityElement], of: frozenset[StatutoryElement] = EXPLOITATION_ELEMENTS
) -> ElementFinding:
    """Met if any exploitation element (``of``: sexual exploitation's by default, or
    ``LABOR_ELEMENTS``) is met; not met if all are recorded as not met."""
    findings = _findings(elements)
    exploitation = [findings.get(element, ElementFinding.UNKNOWN) for element in of]
    if ElementFinding.MET in exploitation:
        return ElementFinding.MET
    if all(finding is ElementFinding.NOT_MET for finding in exploitation):
        return ElementFinding.NOT_MET
    return ElementFinding.UNKNOWN


def eligibility_finding(elements: Iterable[EligibilityElement]) -> ElementFinding:
    """W&IC 300(b)(2) as a whole: an exploitation element *and* the failure-to-protect element."""
    elements = list(elements)
    exploitation = exploitation_finding(elements)
    protection = _findings(elements).get(
        StatutoryElement.FAILURE_TO_PROTECT, ElementFinding.UNKNOWN
    )
    if ElementFinding.NOT_MET in (exploitation, protection):
        return ElementFinding.NOT_MET
    if exploitation is ElementFinding.MET and protection is ElementFinding.MET:
        return ElementFinding.MET
    return ElementFinding.UNKNOWN


def _local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def in_care(placement: PlacementType, jurisdiction: Jurisdiction | None = None) -> bool:
    """Placed out of home under the court's jurisdiction (as ``Youth.in_care``)."""
    if jurisdiction is Jurisdiction.NOT_UNDER_JURISDICTION:
        return False
    return placement.in_care


def latest_timing(timings: Iterable[ExploitationTiming]) -> ExploitationTiming | None:
    """Of the timings recorded, the one the category rests on (see rule 2a); None if none."""
    known = set(timings)
    return next((timing for timing in _TIMING_PRECEDENCE if timing in known), None)


def _timing_from_date(
    exploited_on: date,
    placement_in_care: bool,
    entered_care_on: date | None,
    missing_episodes: Sequence[MissingEpisode],
    today: date,
    zone: ZoneInfo,
) -> tuple[ExploitationTiming, str] | None:
    for episode in missing_episodes:
        start = _local_date(episode.started_at, zone)
        end = _local_date(episode.ended_at, zone) if episode.ended_at else today
        if start <= exploited_on <= end:
            return (
                ExploitationTiming.WHILE_ABSENT,
                "the exploitation date falls in a missing episode",
            )
    if entered_care_on is not None:
        if exploited_on < entered_care_on:
            return ExploitationTiming.BEFORE_CARE, "the exploitation date is before entry to care"
        return ExploitationTiming.WHILE_IN_CARE, "the exploitation date is after entry to care"
    if not placement_in_care:
        return ExploitationTiming.BEFORE_CARE, "the youth is not in care"
    return None


def propose_category(
    elements: Sequence[EligibilityElement],
    risk_level: RiskLevel,
    placement: PlacementType,
    *,
    timing: ExploitationTiming | None = None,
    timings: Sequence[ExploitationTiming] = (),
    exploited_on: date | None = None,
    entered_care_on: date | None = None,
    missing_episodes: Sequence[MissingEpisode] = (),
    context: ScreeningContext = ScreeningContext.ROUTINE,
    today: date | None = None,
    time_zone: str = COUNTY_TIME_ZONE,
    jurisdiction: Jurisdiction | None = None,
    missing_episode_id: UUID | None = None,
) -> CategoryProposal:
    """The CSEC category the app proposes (see the module docstring for the rules).

    ``elements`` are the eligibility findings (as computed, or as the screener confirmed them);
    ``timings`` (or one ``timing``) and ``exploited_on`` are what the screener recorded about when
    the exploitation happened; ``missing_episodes`` is the youth's missing-from-care history
    (``missing_episode_id``: the episode this screening is the return screening of); ``today``
    (the local date of the screening) closes an episode that is still open.
    """
    exploitation = exploitation_finding(elements)
    if exploitation is not ElementFinding.MET:
        if risk_level is RiskLevel.NO_CONCERN:
            return CategoryProposal(
                category=CsecCategory.NOT_IDENTIFIED,
                exploitation=exploitation,
                reasons=["no exploitation element is met and the risk level is no concern"],
            )
        reasons = [f"no exploitation element is met and the risk level is {risk_level.value}"]
        if risk_level is RiskLevel.CLEAR_CONCERN:
            reasons.append("clear concern: review whether an exploitation element is met")
        return CategoryProposal(
            category=CsecCategory.AT_RISK, exploitation=exploitation, reasons=reasons
        )

    reasons = ["an exploitation element of W&IC 300(b)(2) is met"]
    zone = ZoneInfo(time_zone)
    recorded = [*timings, *([timing] if timing is not None else [])]
    known = [t for t in dict.fromkeys(recorded) if t is not ExploitationTiming.UNKNOWN]
    placed = in_care(placement, jurisdiction)
    chosen = latest_timing(known)
    if chosen is not None:
        reasons.append("the screener recorded when the exploitation happened")
        if len(known) > 1:
            reasons.append(
                "several timings recorded: the category is the latest in the youth's life"
            )
        return CategoryProposal(
            category=_TIMING_CATEGORY[chosen],
            exploitation=exploitation,
            timing=chosen,
            timings=known,
            reasons=reasons,
        )
    debriefed = next(
        (e for e in missing_episodes if e.id == missing_episode_id and e.exploited_while_away),
        None,
    )
    if debriefed is not None:
        reasons.append("the return debrief says the youth was exploited while away")
        absent = ExploitationTiming.WHILE_ABSENT
        return CategoryProposal(
            category=_TIMING_CATEGORY[absent],
            exploitation=exploitation,
            timing=absent,
            timings=[absent],
            reasons=reasons,
        )
    if exploited_on is not None:
        dated = _timing_from_date(
            exploited_on,
            placed,
            entered_care_on,
            missing_episodes,
            today or exploited_on,
            zone,
        )
        if dated is not None:
            found, why = dated
            reasons.append(why)
            return CategoryProposal(
                category=_TIMING_CATEGORY[found],
                exploitation=exploitation,
                timing=found,
                timings=[found],
                reasons=reasons,
            )
    if not placed:
        assumed = ExploitationTiming.BEFORE_CARE
        reasons.append("timing not recorded; the youth is not in care")
    elif context is ScreeningContext.RETURN_FROM_MISSING:
        assumed = ExploitationTiming.WHILE_ABSENT
        reasons.append("timing not recorded; the youth is screened on return from missing")
    else:
        assumed = ExploitationTiming.WHILE_IN_CARE
        reasons.append("timing not recorded; the youth is in care")
    return CategoryProposal(
        category=_TIMING_CATEGORY[assumed],
        exploitation=exploitation,
        timing=assumed,
        timing_assumed=True,
        reasons=reasons,
    )


def confirm(
    proposal: CategoryProposal,
    risk_level: RiskLevel,
    *,
    confirmed_by: str,
    confirmed_at: datetime,
    category: CsecCategory | None = None,
    override_reason: str | None = None,
) -> Determination:
    """The screener's determination: the proposed category, or another one with a written reason."""
    chosen = proposal.category if category is None else category
    reason = (override_reason or "").strip() or None
    if chosen is not proposal.category and reason is None:
        raise OverrideNeedsReason("a category other than the proposed one needs a written reason")
    return Determination(
        category=chosen,
        risk_level=risk_level,
        override_reason=reason if chosen is not proposal.category else None,
        confirmed_by=confirmed_by,
        confirmed_at=confirmed_at,
    )
