"""The follow-up obligations a determination or a missing episode creates, and their due times.

Two kinds of deadline, both computed in the county's time zone and returned in UTC:

- **"within N hours"** is N *elapsed* hours (``start + N h``): a 24-hour report is due 24 real
  hours later even when the clocks change in between (so 01:00 the night before the spring change
  is due at 02:00 local the next day).
- **"within N days"** is N *calendar* days in local time, at the same wall-clock time: identified
  Friday 14:00 with 3 days → due Monday 14:00 local, whether that is 71, 72 or 73 hours later. When
  that wall-clock time does not exist (the spring-forward gap, e.g. 02:30 on the second Sunday of
  March) the due time moves forward by the gap (03:30); when it happens twice (the November
  fall-back hour) the earlier one counts, so a deadline is never later than the county meant.

Which obligations (defaults in ``CountyPolicy``):

- an identified victim: report to law enforcement (hours from when the youth was identified),
  document the CSEC status in the county system, refer to the MDT;
- at risk: document in the county system (``document_at_risk``), refer to the MDT only when the
  county says so (``refer_at_risk_to_mdt``);
- not identified: none;
- a missing episode: report to law enforcement/NCMEC (hours from when the youth went missing;
  already done when the episode records a report); once the episode has ended, screen the
  returning youth (hours from the return).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.obligation import Obligation, ObligationKind
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import CsecCategory, Determination


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


def obligations_for_determination(
    determination: Determination,
    *,
    youth_id: UUID,
    screening_id: UUID,
    policy: CountyPolicy,
    identified_at: datetime | None = None,
) -> list[Obligation]:
    """What the county must do after ``determination``. ``identified_at`` (default: when the
    determination was confirmed) starts the clock of the law-enforcement report."""
    start = determination.confirmed_at
    identified = identified_at or start
    category = determination.category

    def obligation(kind: ObligationKind, due_at: datetime) -> Obligation:
        return Obligation(youth_id=youth_id, screening_id=screening_id, kind=kind, due_at=due_at)

    found: list[Obligation] = []
    if category.is_victim:
        found.append(
            obligation(
                ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
                due_after_hours(identified, policy.victim_report_hours),
            )
        )
    if category.is_victim or (category is CsecCategory.AT_RISK and policy.document_at_risk):
        found.append(
            obligation(
                ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
                due_after_days(start, policy.document_within_days, policy.zone),
            )
        )
    if category.is_victim or (category is CsecCategory.AT_RISK and policy.refer_at_risk_to_mdt):
        found.append(
            obligation(
                ObligationKind.REFER_TO_MDT,
                due_after_days(start, policy.mdt_referral_days, policy.zone),
            )
        )
    return found


def obligations_for_missing_episode(
    episode: MissingEpisode, *, policy: CountyPolicy
) -> list[Obligation]:
    """What the county must do for ``episode``: the report, and a screening once it has ended."""
    report = Obligation(
        youth_id=episode.youth_id,
        missing_episode_id=episode.id,
        kind=ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        due_at=due_after_hours(episode.started_at, policy.missing_report_hours),
        done_at=episode.reported_to_law_enforcement_at,
        agency=episode.law_enforcement_agency if episode.reported_to_law_enforcement_at else None,
        reference=(
            episode.law_enforcement_report_number
            if episode.reported_to_law_enforcement_at
            else None
        ),
    )
    found = [report]
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
