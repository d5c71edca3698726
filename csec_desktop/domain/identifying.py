"""What a screening means for the child: identified or not, a new incident or one already known,
and what it says about now.

:func:`propose_finding` takes the instrument's findings and the child's identification history
on the screening's track (``earlier``: counted identifications, the screening chain's own left
out) and proposes:

1. **Whether the screening identifies a victim.** Sexual exploitation: the category rules of
   ``domain.determination``. Labor trafficking: the labor element (``LABOR_TRAFFICKED``) met →
   identified; otherwise at risk or not identified by the risk level, exactly as for CSEC, but as
   a labor finding, never a CSEC category.
2. **New incident or not.** A child never identified on this track: a new identification. A
   child identified before: the screening **confirms** the latest earlier identification (same
   category, no new report) unless it records a new incident since the last report (the
   instrument's "new incident" question, or the screener saying so). A child identified once
   stays identified: a later screening that finds no exploitation element still confirms the
   earlier identification (void it if it was a mistake), it never turns the child into "at risk".
3. **Status now**: ongoing, stopped or not known for an identified child (the instrument's
   "happening now" question), at risk or not identified otherwise.

:func:`confirm_finding` turns the proposal into the screener's ``Determination``: the proposed
category/finding, or another with a written reason (which may identify a victim the proposal did
not, or not identify one it did).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from csec_desktop.domain.base import DomainModel
from csec_desktop.domain.determination import (
    COUNTY_TIME_ZONE,
    LABOR_ELEMENTS,
    OverrideNeedsReason,
    exploitation_finding,
    latest_timing,
    propose_category,
)
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.identification import Identification
from csec_desktop.domain.screening import (
    CsecCategory,
    Determination,
    ElementFinding,
    EligibilityElement,
    ExploitationStatus,
    ExploitationTiming,
    LaborFinding,
    RiskLevel,
    ScreeningContext,
    Track,
)
from csec_desktop.domain.youth import Jurisdiction, PlacementType


class IdentificationAction(StrEnum):
    NEW = "new"  # a new identification (a new incident): new report and follow-up
    CONFIRMS = "confirms"  # confirms an earlier identification: no new report
    NONE = "none"  # identifies no victim


_CATEGORY_TIMING = {
    CsecCategory.VICTIM_BEFORE_CARE: ExploitationTiming.BEFORE_CARE,
    CsecCategory.VICTIM_IN_CARE: ExploitationTiming.WHILE_IN_CARE,
    CsecCategory.VICTIM_WHILE_ABSENT: ExploitationTiming.WHILE_ABSENT,
}


class Finding(DomainModel):
    """The proposal for one screening (short plain-English reasons, never personal data)."""

    track: Track
    category: CsecCategory | None  # sexual exploitation
    labor_finding: LaborFinding | None  # labor trafficking
    exploitation: ElementFinding
    timing: ExploitationTiming | None = None
    timing_assumed: bool = False
    timings: list[ExploitationTiming] = Field(default_factory=list)
    action: IdentificationAction
    identification_id: UUID | None = None  # the one made (NEW) or confirmed
    own_identification_id: UUID  # the id a new identification of this screening chain gets
    earlier_identification_id: UUID | None = None  # the latest earlier one on this track
    earlier_category: CsecCategory | None = None
    incident_category: CsecCategory | None = None  # CSEC: the category a new incident gets
    status: ExploitationStatus
    reasons: list[str] = Field(default_factory=list)

    @property
    def identifies_victim(self) -> bool:
        return self.action is not IdentificationAction.NONE


def _latest(earlier: Sequence[Identification]) -> Identification | None:
    return max(
        earlier, key=lambda i: (i.information_received_at, i.created_at, str(i.id)), default=None
    )


def _status(identified: bool, risk_level: RiskLevel, current: bool | None) -> ExploitationStatus:
    if identified:
        if current is None:
            return ExploitationStatus.NOT_KNOWN
        return ExploitationStatus.ONGOING if current else ExploitationStatus.STOPPED
    if risk_level is RiskLevel.NO_CONCERN:
        return ExploitationStatus.NOT_IDENTIFIED
    return ExploitationStatus.AT_RISK


def propose_finding(
    *,
    track: Track,
    elements: Sequence[EligibilityElement],
    risk_level: RiskLevel,
    placement: PlacementType,
    own_identification_id: UUID,
    earlier: Sequence[Identification] = (),
    jurisdiction: Jurisdiction | None = None,
    entered_care_on: date | None = None,
    timings: Sequence[ExploitationTiming] = (),
    exploited_on: date | None = None,
    missing_episodes: Sequence[MissingEpisode] = (),
    missing_episode_id: UUID | None = None,
    context: ScreeningContext = ScreeningContext.ROUTINE,
    today: date | None = None,
    time_zone: str = COUNTY_TIME_ZONE,
    exploitation_current: bool | None = None,
    new_incident: bool | None = None,
    own_exists: bool = False,
) -> Finding:
    """The proposal for a screening (see the module docstring). ``earlier`` may hold the
    youth's identifications of any track; only counted ones of ``track`` other than the
    screening chain's own (``own_identification_id``) are earlier ones. ``own_exists``: the
    chain already made its identification (an earlier submission, or the earlier release): a
    resubmission or an addendum keeps it, unless the screener says it was no new incident."""
    history = [
        i for i in earlier if i.track is track and i.counted and i.id != own_identification_id
    ]
    latest = _latest(history)
    if track is Track.LABOR_TRAFFICKING:
        exploitation = exploitation_finding(elements, LABOR_ELEMENTS)
        met = exploitation is ElementFinding.MET
        known: list[ExploitationTiming] = [
            t for t in dict.fromkeys(timings) if t is not ExploitationTiming.UNKNOWN
        ]
        incident: CsecCategory | None = None
        timing = latest_timing(known) if met else None
        assumed = False
        reasons = (
            ["forced labor or services (PC 236.1) is met"]
            if met
            else [f"forced labor or services is not met; the risk level is {risk_level.value}"]
        )
    else:
        proposal = propose_category(
            elements,
            risk_level,
            placement,
            timings=timings,
            exploited_on=exploited_on,
            entered_care_on=entered_care_on,
            missing_episodes=missing_episodes,
            context=context,
            today=today,
            time_zone=time_zone,
            jurisdiction=jurisdiction,
            missing_episode_id=missing_episode_id,
        )
        exploitation = proposal.exploitation
        met = proposal.category.is_victim
        incident = proposal.category
        timing, assumed, known = proposal.timing, proposal.timing_assumed, proposal.timings
        reasons = list(proposal.reasons)

    action = IdentificationAction.NONE
    identification_id: UUID | None = None
    category = incident
    if met and own_exists and new_incident is not False:
        action, identification_id = IdentificationAction.NEW, own_identification_id
        reasons.append("this screening's own identification, made when it was first submitted")
    elif latest is not None and (not met or new_incident is not True):
        action, identification_id = IdentificationAction.CONFIRMS, latest.id
        category = latest.category
        day = latest.information_received_at.date().isoformat()
        if met:
            reasons.append(f"identified before ({day}); no new incident recorded: no new report")
            if new_incident is None:
                reasons.append("whether there was a new incident is not known: check it")
        else:
            reasons.append(
                f"identified before ({day}): the identification stands (void it if mistaken)"
            )
        if track is Track.SEXUAL_EXPLOITATION and latest.category is not None:
            timing = _CATEGORY_TIMING.get(latest.category)
            known, assumed = list(latest.timings), False
    elif met:
        action, identification_id = IdentificationAction.NEW, own_identification_id
        if latest is not None:
            reasons.append("a new incident since the last report: a new identification")
    identified = action is not IdentificationAction.NONE
    status = _status(identified, risk_level, exploitation_current if identified else None)
    if status is ExploitationStatus.ONGOING and action is IdentificationAction.CONFIRMS:
        reasons.append("exploitation is ongoing: make sure law enforcement knows of it")
    labor: LaborFinding | None = None
    if track is Track.LABOR_TRAFFICKING:
        category = None
        labor = (
            LaborFinding.IDENTIFIED
            if identified
            else LaborFinding.AT_RISK
            if risk_level is not RiskLevel.NO_CONCERN
            else LaborFinding.NOT_IDENTIFIED
        )
    assert category is not None or track is Track.LABOR_TRAFFICKING
    return Finding(
        track=track,
        category=category,
        labor_finding=labor,
        exploitation=exploitation,
        timing=timing if identified else None,
        timing_assumed=assumed if identified else False,
        timings=known if identified else [],
        action=action,
        identification_id=identification_id,
        own_identification_id=own_identification_id,
        earlier_identification_id=latest.id if latest else None,
        earlier_category=latest.category if latest else None,
        incident_category=incident if track is Track.SEXUAL_EXPLOITATION else None,
        status=status,
        reasons=reasons,
    )


def confirm_finding(
    finding: Finding,
    risk_level: RiskLevel,
    *,
    confirmed_by: str,
    confirmed_at: datetime,
    received_at: datetime | None = None,
    category: CsecCategory | None = None,
    labor_finding: LaborFinding | None = None,
    override_reason: str | None = None,
) -> Determination:
    """The screener's determination: the proposal, or another category (labor finding) with a
    written ``override_reason`` (``OverrideNeedsReason`` without one). ``received_at`` is when
    the agency received the information (kept on a determination that identifies a victim)."""
    labor_track = finding.track is Track.LABOR_TRAFFICKING
    if labor_track and category is not None:
        raise ValueError("a labor-trafficking screening has no CSEC category")
    if not labor_track and labor_finding is not None:
        raise ValueError("a sexual-exploitation screening has no labor finding")
    chosen_category = finding.category if category is None else category
    chosen_labor = finding.labor_finding if labor_finding is None else labor_finding
    overridden = (chosen_category, chosen_labor) != (finding.category, finding.labor_finding)
    reason = (override_reason or "").strip() or None
    if overridden and reason is None:
        raise OverrideNeedsReason("a category other than the proposed one needs a written reason")
    identifies = (
        chosen_labor is LaborFinding.IDENTIFIED
        if labor_track
        else chosen_category is not None and chosen_category.is_victim
    )
    action, identification_id = finding.action, finding.identification_id
    if not identifies:
        action, identification_id = IdentificationAction.NONE, None
    elif action is IdentificationAction.NONE:
        if finding.earlier_identification_id is not None:
            action = IdentificationAction.CONFIRMS
            identification_id = finding.earlier_identification_id
        else:
            action, identification_id = IdentificationAction.NEW, finding.own_identification_id
    status = finding.status
    if identifies != finding.identifies_victim:
        status = (
            ExploitationStatus.NOT_KNOWN
            if identifies
            else ExploitationStatus.AT_RISK
            if CsecCategory.AT_RISK in (chosen_category,) or chosen_labor is LaborFinding.AT_RISK
            else ExploitationStatus.NOT_IDENTIFIED
        )
    timing: ExploitationTiming | None = None
    if identifies and chosen_category is not None:
        timing = _CATEGORY_TIMING.get(chosen_category)
    elif identifies:
        timing = finding.timing
    return Determination(
        category=chosen_category,
        risk_level=risk_level,
        override_reason=reason if overridden else None,
        confirmed_by=confirmed_by,
        confirmed_at=confirmed_at,
        timing=timing,
        timing_assumed=finding.timing_assumed and not overridden and identifies,
        timings=finding.timings if identifies else [],
        track=finding.track,
        labor_finding=chosen_labor,
        information_received_at=received_at if identifies else None,
        identification_id=identification_id,
        new_identification=action is IdentificationAction.NEW,
        status=status,
    )


__all__ = ["Finding", "IdentificationAction", "confirm_finding", "propose_finding"]
