"""EducationService on a real temporary encrypted store."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from csec_desktop.domain import (
    EducationSession,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.services import Conflict, EducationService, InvalidInput, NotFound
from csec_desktop.store import Store
from tests.unit.conftest import make_youth


@pytest.fixture
def education(store: Store) -> EducationService:
    return EducationService(store, actor="cw-1")


@pytest.fixture
def youth(store: Store) -> Youth:
    return store.save(make_youth(), actor="cw-1")


def session_fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "session_date": "2024-05-01",
        "minutes": 60,
        "curriculum": "Online safety",
        "audience": "foster_youth",
        "setting": "group_home",
        "facilitators": ["F DEMO"],
        "anonymous_attendee_count": 4,
    }
    fields.update(changes)
    return fields


def test_log_list_and_update_sessions(
    education: EducationService, youth: Youth, store: Store
) -> None:
    may = education.log_session(
        education.draft_session(session_fields(attendee_youth_ids=[str(youth.id)]))
    )
    june = education.log_session(education.draft_session(session_fields(session_date="2024-06-10")))
    assert may.audience is SessionAudience.FOSTER_YOUTH
    assert may.setting is SessionSetting.GROUP_HOME
    assert [s.id for s in education.sessions()] == [june.id, may.id]
    assert [s.id for s in education.sessions(youth_id=youth.id)] == [may.id]
    assert [s.id for s in education.sessions(start=date(2024, 6, 1))] == [june.id]
    assert [s.id for s in education.sessions(end=date(2024, 6, 10))] == [may.id]

    corrected = education.update_session(may, minutes=90, topics=["grooming"])
    assert corrected.version == 2 and corrected.minutes == 90
    assert education.get_session(may.id) == corrected
    with pytest.raises(Conflict):
        education.update_session(may, minutes=30)
    with pytest.raises(Conflict):
        education.log_session(corrected)
    assert len(store.history(EducationSession, may.id)) == 2


def test_session_input_is_checked(education: EducationService) -> None:
    with pytest.raises(InvalidInput) as caught:
        education.draft_session(session_fields(anonymous_attendee_count=0))
    assert "attendee" in str(caught.value)
    with pytest.raises(InvalidInput):
        education.draft_session(session_fields(minutes=0, curriculum=""))
    with pytest.raises(InvalidInput):
        education.draft_session(session_fields(id=str(uuid4())))
    with pytest.raises(NotFound):
        education.log_session(education.draft_session(session_fields(attendee_youth_ids=[uuid4()])))


def test_log_list_and_update_trainings(education: EducationService) -> None:
    foster = education.log_training(
        Training(
            training_date=date(2024, 4, 2),
            training_type=TrainingType.CSEC_101,
            audience_type=TrainingAudience.FOSTER_PARENTS,
            attendee_count=12,
            minutes=180,
        )
    )
    staff = education.log_training(
        education.draft_training(
            {
                "training_date": "2024-05-20",
                "training_type": "other",
                "title": "Engaging youth after a runaway episode",
                "audience_type": "group_home_staff",
                "attendee_count": 7,
                "minutes": 90,
            }
        )
    )
    with pytest.raises(InvalidInput):
        education.draft_training(
            {"training_date": "2024-05-20", "training_type": "other",
             "audience_type": "probation", "attendee_count": 3, "minutes": 60}
        )  # fmt: skip
    assert [t.id for t in education.trainings()] == [staff.id, foster.id]
    assert [t.id for t in education.trainings(start=date(2024, 5, 1))] == [staff.id]
    updated = education.update_training(foster, attendee_count=14)
    assert education.get_training(foster.id).attendee_count == 14 == updated.attendee_count
