"""Domain models validate their input and say which field is wrong, without echoing the value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from pydantic import ValidationError

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    EducationSession,
    InvalidTransition,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Review,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningResult,
    ScreeningStatus,
    Training,
    TrainingType,
    Youth,
)
from csec_desktop.domain.base import STORED, today_context
from csec_desktop.domain.errors import describe, field_errors
from tests.unit.conftest import make_youth

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _error_for(model: type, data: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return field_errors(caught.value)


def test_future_birth_date_is_a_field_error() -> None:
    data = make_youth().model_dump()
    # Two days ahead is tomorrow even in the last time zone to reach a date (UTC+14).
    data["date_of_birth"] = date.today() + timedelta(days=2)
    assert _error_for(Youth, data) == [("date_of_birth", "date of birth is in the future")]


def test_the_county_date_decides_what_is_in_the_future() -> None:
    """Services pass the date in the county (``today_context``): the computer's own date and
    zone do not decide it (issue 12, finding 10)."""
    data = make_youth().model_dump()
    data["date_of_birth"] = date(2025, 6, 2)
    with pytest.raises(ValidationError):
        Youth.model_validate(data, context=today_context(date(2025, 6, 1)))
    assert Youth.model_validate(data, context=today_context(date(2025, 6, 2)))


def test_unknown_enum_value_names_the_field() -> None:
    data = make_youth().model_dump()
    data["gender"] = "unicorn"
    ((path, message),) = _error_for(Youth, data)
    assert path == "gender"
    assert "female" in message  # says what would be accepted


def test_error_text_never_contains_the_rejected_value() -> None:
    data = make_youth().model_dump()
    data["county"] = "Secretville-Maria-Lopez"
    with pytest.raises(ValidationError) as caught:
        Youth.model_validate(data)
    assert "Secretville" not in describe(caught.value)
    assert describe(caught.value) == "county: not a California county"


def test_stored_records_load_even_when_time_made_a_check_fail() -> None:
    # A youth saved years ago is now older than the input limit; the record must still load.
    old = make_youth().model_dump(mode="json")
    old["date_of_birth"] = "1990-01-01"
    assert Youth.model_validate(old, context=STORED).date_of_birth == date(1990, 1, 1)
    with pytest.raises(ValidationError):
        Youth.model_validate(old)


def test_negative_minutes_is_an_error() -> None:
    errors = _error_for(
        EducationSession,
        {
            "session_date": date(2026, 1, 5),
            "minutes": -5,
            "curriculum": "My Life My Choice",
            "audience": "foster_youth",
            "setting": "group_home",
            "facilitators": ["J. Doe"],
            "anonymous_attendee_count": 4,
        },
    )
    assert errors[0][0] == "minutes"


def test_session_needs_an_attendee_and_counts_youth_reached() -> None:
    base = {
        "session_date": date(2026, 1, 5),
        "minutes": 60,
        "curriculum": "Healthy relationships",
        "audience": "foster_youth",
        "setting": "group_home",
        "facilitators": ["J. Doe"],
    }
    assert _error_for(EducationSession, base) == [
        ("(record)", "a session needs at least one attendee")
    ]
    session = EducationSession.model_validate(
        {**base, "attendee_youth_ids": [uuid4(), uuid4()], "anonymous_attendee_count": 3}
    )
    assert session.youth_reached == 5


def test_other_training_needs_a_title() -> None:
    base = {
        "training_date": date(2026, 2, 1),
        "training_type": TrainingType.OTHER,
        "audience_type": "foster_parents",
        "attendee_count": 12,
        "minutes": 90,
    }
    assert _error_for(Training, base)
    assert Training.model_validate({**base, "title": "Online safety"}).attendee_count == 12


def _result(category: CsecCategory = CsecCategory.AT_RISK) -> ScreeningResult:
    return ScreeningResult(
        risk_level=RiskLevel.POSSIBLE_CONCERN,
        proposed_category=category,
        eligible=False,
        computed_at=NOW,
    )


def _screening(**changes: object) -> Screening:
    fields: dict[str, object] = {
        "youth_id": uuid4(),
        "instrument_id": "ca-csec-eligibility-risk",
        "instrument_version": "1.0.0",
        "screening_date": date(2026, 3, 1),
        "screener": "cw-demo",
    }
    fields.update(changes)
    return Screening.model_validate(fields)


def test_screening_workflow_allows_only_listed_transitions() -> None:
    determination = Determination(
        category=CsecCategory.AT_RISK,
        risk_level=RiskLevel.POSSIBLE_CONCERN,
        confirmed_by="cw-demo",
        confirmed_at=NOW,
    )
    draft = _screening(result=_result())
    assert draft.editable
    with pytest.raises(ValidationError):  # cannot submit without a determination
        draft.evolve(status=ScreeningStatus.SUBMITTED)
    submitted = draft.evolve(determination=determination).with_status(ScreeningStatus.SUBMITTED)
    returned = submitted.with_status(ScreeningStatus.RETURNED)
    assert returned.editable
    approved = returned.with_status(ScreeningStatus.RESUBMITTED).with_status(
        ScreeningStatus.APPROVED
    )
    assert not approved.editable
    with pytest.raises(InvalidTransition):
        approved.with_status(ScreeningStatus.RETURNED)
    with pytest.raises(InvalidTransition):
        draft.with_status(ScreeningStatus.APPROVED)


def test_override_of_proposed_category_needs_a_reason() -> None:
    overriding = Determination(
        category=CsecCategory.VICTIM_IN_CARE,
        risk_level=RiskLevel.CLEAR_CONCERN,
        confirmed_by="cw-demo",
        confirmed_at=NOW,
    )
    with pytest.raises(ValidationError, match="reason"):
        _screening(result=_result(), determination=overriding)
    with_reason = overriding.model_copy(update={"override_reason": "Disclosed in interview"})
    assert _screening(result=_result(), determination=with_reason).determination


def test_episode_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        MissingEpisode(youth_id=uuid4(), started_at=NOW, ended_at=NOW - timedelta(hours=1))


def test_obligation_overdue_and_on_time() -> None:
    obligation = Obligation(
        youth_id=uuid4(),
        screening_id=uuid4(),
        kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        due_at=NOW + timedelta(hours=24),
    )
    assert not obligation.overdue(NOW)
    assert obligation.overdue(NOW + timedelta(hours=25))
    assert obligation.met_on_time() is None
    done = obligation.evolve(done_at=NOW + timedelta(hours=2), reference="LE-2026-0042")
    assert done.met_on_time() is True
    assert not done.overdue(NOW + timedelta(days=3))


def test_returning_a_screening_needs_a_comment() -> None:
    with pytest.raises(ValidationError, match="comment"):
        Review(
            screening_id=uuid4(),
            screening_version=2,
            decision=ReviewDecision.RETURNED,
            reviewer="sup-demo",
        )


def test_records_are_immutable_and_evolve_validates() -> None:
    youth = make_youth()
    with pytest.raises(ValidationError):
        youth.given_name = "Changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        youth.evolve(date_of_birth=date.today() + timedelta(days=3))
