"""The follow-up obligations an identification, an at-risk finding or a missing episode creates,
and their due times.

Two kinds of deadline, both computed in the county's time zone and returned in UTC:

- **"within N hours"** is N *elapsed* hours (``start + N h``): a 24-hour report is due 24 real
  hours later even when the clocks change in between (so 01:00 the night before the spring change
  is due at 02:00 local the next day).
- **"within N days"** is N *calendar* days in local time, at the same wall-clock time: identified
  Friday 14:00 with 3 days → due Monday 14:00 local, whether that is 71, 72 or 73 hours later. When
  that wall-clock time does not exist (the spring-forward gap, e.g. 02:30 on the second Sunday of
  March) the due time moves forward by the gap (03:30); when it happens twice (the November
  fall-back hour) the earlier one counts, so a deadline is never later than the county meant.

Which obligations (settings in ``CountyPolicy``), each for one duty (``domain.duties``):

- an identification of sexual exploitation: report to law enforcement, document the CSEC status
  in the county system, refer to the MDT; every clock starts when the agency **received the
  information** (``Identification.information_received_at``), so an entry made after a deadline
  is overdue at once;
- an identification of labor trafficking: report to law enforcement and follow up, as the county
  sets; never a CSEC task;
- a youth found at risk (sexual exploitation): document in the county system
  (``document_at_risk``), refer to the MDT only when the county says so (``refer_at_risk_to_mdt``);
- not identified: none;
- a missing episode: report to law enforcement and to NCMEC (hours from when the youth went
  missing; already done when the episode records them); once the episode has ended, screen the
  returning youth (hours from the return).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.identification import Identification
from csec_desktop.domain.obligation import Obligation, ObligationKind
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import CsecCategory, Determination, Track


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a deadline needs a timezone-aware start time")


def due_after_hours(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` elapsed hours, in UTC."""
    _require_aware(start)
    return start.astimezone(UTC) + timedelta(hours=hours)


def due_after_days(start: datetime, days: int, zone: ZoneInfo) -> datetime:
    """The same local wall-clock time ``days`` calendar days after ``start``, in UTC."""
    _require_aware(start)
    local = start.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    # fold=0: in the spring gap zoneinfo reads the time with the earlier offset, which lands after
    # the gap; in the repeated autumn hour it picks the first (earlier) occurrence.
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def obligations_for_identification(
    identification: Identification, *, policy: CountyPolicy
) -> list[Obligation]:
    """What the county must do for ``identification`` (none once it is voided)."""
    if not identification.counted:
        return []
    start = identification.information_received_at

    def obligation(kind: ObligationKind, due_at: datetime) -> Obligation:
        return Obligation(
            youth_id=identification.youth_id,
            identification_id=identification.id,
            screening_id=identification.screening_id,
            kind=kind,
            due_at=due_at,
        )

    zone = policy.zone
    if identification.track is Track.LABOR_TRAFFICKING:
        found = []
        if policy.labor_report_to_law_enforcement:
            found.append(
                obligation(
                    ObligationKind.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT,
                    due_after_hours(start, policy.labor_report_hours),
                )
            )
        if policy.labor_follow_up:
            found.append(
                obligation(
                    ObligationKind.LABOR_TRAFFICKING_FOLLOW_UP,
                    due_after_days(start, policy.labor_follow_up_days, zone),
                )
            )
        return found
    return [
        obligation(
            ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
            due_after_hours(start, policy.victim_report_hours),
        ),
        obligation(
            ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
            due_after_days(start, policy.document_within_days, zone),
        ),
        obligation(
            ObligationKind.REFER_TO_MDT, due_after_days(start, policy.mdt_referral_days, zone)
        ),
    ]


def obligations_for_at_risk(
    *, youth_id: UUID, screening_id: UUID, start: datetime, policy: CountyPolicy
) -> list[Obligation]:
    """What the county must do for a youth a screening found at risk of sexual exploitation."""
    found = []
    if policy.document_at_risk:
        found.append(
            Obligation(
                youth_id=youth_id,
                screening_id=screening_id,
                kind=ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
                due_at=due_after_days(start, policy.document_within_days, policy.zone),
            )
        )
    if policy.refer_at_risk_to_mdt:
        found.append(
            Obligation(
                youth_id=youth_id,
                screening_id=screening_id,
                kind=ObligationKind.REFER_TO_MDT,
                due_at=due_after_days(start, policy.mdt_referral_days, policy.zone),
            )
        )
    return found


def obligations_for_determination(
    determination: Determination,
    *,
    youth_id: UUID,
    screening_id: UUID,
    policy: CountyPolicy,
    identified_at: datetime | None = None,
) -> list[Obligation]:
    """What submitting ``determination`` obliges the county to do: a preview (for a reviewer, a
    summary), made without the store. ``ScreeningService.submit`` creates the real ones, each
    duty once.

    A new identification (or a victim determination of the earlier release, which made one per
    screening): its obligations, from ``identified_at`` (default: when the agency received the
    information). One that confirms an earlier identification: none. At risk: the at-risk ones.
    """
    track = determination.track or Track.SEXUAL_EXPLOITATION
    if determination.identifies_victim:
        if determination.identification_id is not None and not determination.new_identification:
            return []
        received = (
            identified_at or determination.information_received_at or determination.confirmed_at
        )
        identification = Identification(
            id=determination.identification_id or uuid4(),
            youth_id=youth_id,
            track=track,
            category=determination.category,
            information_received_at=received,
            identified_by=determination.confirmed_by,
            screening_id=screening_id,
        )
        return obligations_for_identification(identification, policy=policy)
    if track is Track.SEXUAL_EXPLOITATION and determination.category is CsecCategory.AT_RISK:
        return obligations_for_at_risk(
            youth_id=youth_id,
            screening_id=screening_id,
            start=determination.information_received_at or determination.confirmed_at,
            policy=policy,
        )
    return []


def obligations_for_missing_episode(
    episode: MissingEpisode, *, policy: CountyPolicy
) -> list[Obligation]:
    """What the county must do for ``episode``: both reports, and a screening once it has ended.

    A report the episode already records is created done, with its time, agency and number.
    """
    due = due_after_hours(episode.started_at, policy.missing_report_hours)
    reported = episode.reported_to_law_enforcement_at
    found = [
        Obligation(
            youth_id=episode.youth_id,
            missing_episode_id=episode.id,
            kind=ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
            due_at=due,
            done_at=reported,
            agency=episode.law_enforcement_agency if reported else None,
            reference=episode.law_enforcement_report_number if reported else None,
        ),
        Obligation(
            youth_id=episode.youth_id,
            missing_episode_id=episode.id,
            kind=ObligationKind.REPORT_MISSING_TO_NCMEC,
            due_at=due,
            **ncmec_report_fields(episode),
        ),
    ]
    if episode.ended_at is not None:
        found.append(
            Obligation(
                youth_id=episode.youth_id,
                missing_episode_id=episode.id,
                kind=ObligationKind.SCREEN_RETURNING_YOUTH,
                due_at=due_after_hours(episode.ended_at, policy.return_screening_hours),
            )
        )
    return found


NCMEC = "NCMEC"


def ncmec_report_fields(episode: MissingEpisode) -> dict[str, object]:
    """The NCMEC obligation's done fields from what the episode records (empty if not made).

    The earlier release recorded an NCMEC number with the law-enforcement report, without a
    time of its own: such a number counts as reported with that report.
    """
    reported_at = episode.ncmec_reported_at
    if reported_at is None and episode.ncmec_report_number:
        reported_at = episode.reported_to_law_enforcement_at
    if reported_at is None:
        return {}
    made_by = (
        episode.law_enforcement_agency
        if episode.ncmec_reported_by_law_enforcement and episode.law_enforcement_agency
        else NCMEC
    )
    return {
        "done_at": reported_at,
        "agency": made_by,
        "reference": episode.ncmec_report_number,
        "notes": (
            "law enforcement reported to NCMEC" if episode.ncmec_reported_by_law_enforcement else ""
        ),
    }
