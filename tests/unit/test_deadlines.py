"""Deadlines in the county's time zone, including both daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from csec_desktop.domain.deadlines import (
    due_after_days,
    due_after_hours,
    obligations_for_determination,
    obligations_for_missing_episode,
)
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.obligation import ObligationKind
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import CsecCategory, Determination, RiskLevel

LA = ZoneInfo("America/Los_Angeles")
POLICY = CountyPolicy()
YOUTH, SCREENING = uuid4(), uuid4()
# 2025: clocks go forward Sun 9 March 02:00 PST -> 03:00 PDT and back Sun 2 November
# 02:00 PDT -> 01:00 PST. Arithmetic on datetimes sharing a tzinfo is wall-clock arithmetic in
# Python, and times in the repeated hour never compare equal across zones (PEP 495), so every
# expectation below is converted to UTC first.


def local(*parts: int, fold: int = 0) -> datetime:
    """A local wall-clock time in Los Angeles, as UTC."""
    return datetime(*parts, tzinfo=LA, fold=fold).astimezone(UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "hours", "due_local", "elapsed"),
    [
        (local(2025, 3, 8, 12), 24, local(2025, 3, 9, 13), 24),
        (local(2025, 3, 9, 1, 30), 24, local(2025, 3, 10, 2, 30), 24),
        (local(2025, 11, 1, 12), 24, local(2025, 11, 2, 11), 24),
        (local(2025, 11, 2, 1, 30, fold=0), 1, local(2025, 11, 2, 1, 30, fold=1), 1),
        (local(2025, 11, 1, 20), 72, local(2025, 11, 4, 19), 72),
    ],
    ids=[
        "march-24h",
        "march-24h-from-last-pst-hour",
        "november-24h",
        "november-1h-repeat",
        "november-72h",
    ],
)
def test_hours_are_elapsed_hours(
    start: datetime, hours: int, due_local: datetime, elapsed: int
) -> None:
    due = due_after_hours(start, hours)
    assert due.tzinfo is UTC
    assert due - start == timedelta(hours=elapsed)
    assert due == due_local


@pytest.mark.parametrize(
    ("start", "days", "due_local", "elapsed_hours"),
    [
        (local(2025, 3, 8, 12), 1, local(2025, 3, 9, 12), 23),
        (local(2025, 3, 7, 14), 3, local(2025, 3, 10, 14), 71),
        (local(2025, 11, 1, 12), 1, local(2025, 11, 2, 12), 25),
        (local(2025, 10, 31, 14), 3, local(2025, 11, 3, 14), 73),
        (local(2025, 6, 2, 9), 5, local(2025, 6, 7, 9), 120),
        (local(2025, 3, 8, 23, 59), 0, local(2025, 3, 8, 23, 59), 0),
    ],
    ids=["march-1d", "march-3d", "november-1d", "november-3d", "summer-5d", "zero-days"],
)
def test_days_are_calendar_days_at_the_same_local_time(
    start: datetime, days: int, due_local: datetime, elapsed_hours: int
) -> None:
    due = due_after_days(start, days, LA)
    assert due.tzinfo is UTC
    assert due == due_local
    assert due - start == timedelta(hours=elapsed_hours)


def test_a_due_time_in_the_spring_gap_moves_past_the_gap() -> None:
    due = due_after_days(local(2025, 3, 8, 2, 30), 1, LA)  # 02:30 on 9 March does not exist
    assert due.astimezone(LA).replace(tzinfo=None) == datetime(2025, 3, 9, 3, 30)
    assert due == datetime(2025, 3, 9, 10, 30, tzinfo=UTC)


def test_a_due_time_in_the_repeated_autumn_hour_is_the_earlier_one() -> None:
    due = due_after_days(local(2025, 11, 1, 1, 30), 1, LA)  # 01:30 on 2 November happens twice
    assert due == datetime(2025, 11, 2, 8, 30, tzinfo=UTC)  # 01:30 PDT, not 01:30 PST


def test_start_times_in_utc_are_read_in_local_time() -> None:
    # 06:00 UTC on 10 March is 23:00 PDT on 9 March: "1 day" is 23:00 on 10 March, local.
    due = due_after_days(datetime(2025, 3, 10, 6, tzinfo=UTC), 1, LA)
    assert due.astimezone(LA).replace(tzinfo=None) == datetime(2025, 3, 10, 23)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_after_hours(datetime(2025, 3, 8, 12), 24)
    with pytest.raises(ValueError, match="timezone-aware"):
        due_after_days(datetime(2025, 3, 8, 12), 1, LA)


def determination(category: CsecCategory, at: datetime) -> Determination:
    return Determination(
        category=category,
        risk_level=RiskLevel.CLEAR_CONCERN,
        confirmed_by="worker1",
        confirmed_at=at,
        override_reason=None,
    )


def test_a_victim_determination_creates_the_three_obligations_from_when_the_information_came() -> (
    None
):
    """Every clock of an identification runs from when the agency received the information
    (issue 12, finding 1), not from when the screener confirmed: 10:00 received, 16:00
    confirmed → the report is due 10:00 the next day, the days count from 10:00 too."""
    confirmed = local(2025, 3, 8, 16)
    identified = local(2025, 3, 8, 10)
    found = obligations_for_determination(
        determination(CsecCategory.VICTIM_IN_CARE, confirmed),
        youth_id=YOUTH,
        screening_id=SCREENING,
        policy=POLICY,
        identified_at=identified,
    )
    due = {obligation.kind: obligation.due_at for obligation in found}
    assert due == {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT: identified + timedelta(hours=24),
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM: local(2025, 3, 11, 10),
        ObligationKind.REFER_TO_MDT: local(2025, 3, 13, 10),
    }
    assert all(o.youth_id == YOUTH and o.screening_id == SCREENING for o in found)
    assert all(not o.done for o in found)


@pytest.mark.parametrize(
    ("category", "policy", "kinds"),
    [
        (CsecCategory.VICTIM_BEFORE_CARE, POLICY, 3),
        (CsecCategory.VICTIM_WHILE_ABSENT, POLICY, 3),
        (CsecCategory.AT_RISK, POLICY, 1),
        (CsecCategory.AT_RISK, CountyPolicy(refer_at_risk_to_mdt=True), 2),
        (CsecCategory.AT_RISK, CountyPolicy(document_at_risk=False), 0),
        (CsecCategory.NOT_IDENTIFIED, CountyPolicy(refer_at_risk_to_mdt=True), 0),
    ],
)
def test_which_obligations_a_category_creates(
    category: CsecCategory, policy: CountyPolicy, kinds: int
) -> None:
    found = obligations_for_determination(
        determination(category, local(2025, 6, 1, 9)),
        youth_id=YOUTH,
        screening_id=SCREENING,
        policy=policy,
    )
    assert len(found) == kinds
    if category is CsecCategory.AT_RISK and kinds:
        assert found[0].kind is ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM


def test_county_days_are_configurable() -> None:
    policy = CountyPolicy(document_within_days=1, mdt_referral_days=10, victim_report_hours=12)
    found = obligations_for_determination(
        determination(CsecCategory.VICTIM_IN_CARE, local(2025, 10, 30, 9)),
        youth_id=YOUTH,
        screening_id=SCREENING,
        policy=policy,
    )
    due = {obligation.kind: obligation.due_at for obligation in found}
    assert due[ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT] == local(2025, 10, 30, 21)
    assert due[ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM] == local(2025, 10, 31, 9)
    assert due[ObligationKind.REFER_TO_MDT] == local(2025, 11, 9, 9)  # across the November change


def test_an_open_missing_episode_needs_both_reports_within_24_hours() -> None:
    went_missing = local(2025, 3, 8, 22)
    episode = MissingEpisode(youth_id=YOUTH, started_at=went_missing)
    report, ncmec = obligations_for_missing_episode(episode, policy=POLICY)
    assert report.kind is ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT
    assert ncmec.kind is ObligationKind.REPORT_MISSING_TO_NCMEC
    for owed in (report, ncmec):
        assert owed.missing_episode_id == episode.id
        assert owed.due_at - went_missing == timedelta(hours=24)
        assert owed.due_at.astimezone(LA).hour == 23  # 24 real hours across the March change
        assert owed.overdue(went_missing + timedelta(hours=25))


def test_an_ended_episode_makes_a_return_screening_due() -> None:
    episode = MissingEpisode(
        youth_id=YOUTH,
        started_at=local(2025, 10, 30, 18),
        ended_at=local(2025, 11, 1, 12),
        reported_to_law_enforcement_at=local(2025, 10, 30, 20),
        law_enforcement_agency="Sheriff",
        law_enforcement_report_number="R-123",
    )
    report, ncmec, screen = obligations_for_missing_episode(episode, policy=POLICY)
    assert report.done and report.met_on_time()
    assert (report.agency, report.reference) == ("Sheriff", "R-123")
    assert not ncmec.done  # the NCMEC report is owed apart (issue 12, finding 7)
    assert screen.kind is ObligationKind.SCREEN_RETURNING_YOUTH
    assert screen.due_at - local(2025, 11, 1, 12) == timedelta(hours=72)
    assert not screen.done


@pytest.mark.parametrize(
    "changes",
    [
        {"victim_report_hours": 25},
        {"missing_report_hours": 48},
        {"time_zone": "Mars/Olympus_Mons"},
        {"mdt_referral_days": -1},
    ],
)
def test_policy_refuses_impossible_settings(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        CountyPolicy.model_validate(changes)
