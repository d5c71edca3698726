"""Youth risk-education sessions and caregiver/staff trainings (the program's education duty)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record, is_stored, today_for

MAX_SESSION_MINUTES = 12 * 60


class SessionAudience(StrEnum):
    FOSTER_YOUTH = "foster_youth"
    PROBATION_YOUTH = "probation_youth"
    GROUP_HOME_YOUTH = "group_home_youth"
    COMMUNITY_YOUTH = "community_youth"
    MIXED = "mixed"


class SessionSetting(StrEnum):
    GROUP_HOME = "group_home"
    FOSTER_HOME = "foster_home"
    JUVENILE_HALL = "juvenile_hall"
    SCHOOL = "school"
    COUNTY_OFFICE = "county_office"
    COMMUNITY = "community"
    VIRTUAL = "virtual"
    OTHER = "other"


def _not_in_future(value: date, info: ValidationInfo) -> date:
    if not is_stored(info) and value > today_for(info):
        raise PydanticCustomError("date_in_future", "date is in the future")
    return value


class EducationSession(Record):
    """A youth risk-education session: who attended, what was taught, where and for how long."""

    record_type: ClassVar[str] = "education_session"

    session_date: date
    minutes: int = Field(ge=1, le=MAX_SESSION_MINUTES)
    curriculum: str = Field(min_length=1, max_length=200)
    module: str | None = Field(default=None, max_length=200)
    audience: SessionAudience
    setting: SessionSetting
    facilitators: list[str] = Field(min_length=1, max_length=20)
    attendee_youth_ids: list[UUID] = Field(default_factory=list)
    anonymous_attendee_count: int = Field(default=0, ge=0, le=10_000)
    topics: list[str] = Field(default_factory=list)
    notes: str = Field(default="", max_length=20_000)
    # A session logged by mistake (twice, or for the wrong youth) is voided, never deleted: it
    # stays in the vault and on the server, with who voided it and why, and counts nowhere.
    voided_at: AwareDatetime | None = None
    voided_by: str | None = Field(default=None, max_length=100)
    void_reason: str | None = Field(default=None, max_length=2_000)

    _date_not_in_future = field_validator("session_date")(_not_in_future)

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @model_validator(mode="after")
    def _has_attendees(self) -> Self:
        if (self.voided_at is None) != (not (self.void_reason or "").strip()):
            raise PydanticCustomError(
                "session_void_needs_reason", "voiding a session needs when and a reason"
            )
        if len(set(self.attendee_youth_ids)) != len(self.attendee_youth_ids):
            raise PydanticCustomError("attendee_twice", "a youth is listed twice as an attendee")
        if not self.attendee_youth_ids and self.anonymous_attendee_count == 0:
            raise PydanticCustomError("no_attendees", "a session needs at least one attendee")
        return self

    @property
    def youth_reached(self) -> int:
        return len(self.attendee_youth_ids) + self.anonymous_attendee_count


class TrainingType(StrEnum):
    CSEC_101 = "csec_101"  # identification and awareness
    CSEC_102 = "csec_102"  # engagement skills
    OTHER = "other"


class TrainingAudience(StrEnum):
    FOSTER_PARENTS = "foster_parents"
    GROUP_HOME_STAFF = "group_home_staff"
    SOCIAL_WORKERS = "social_workers"
    PROBATION = "probation"
    OTHER = "other"


class Training(Record):
    """A CSEC training delivered to caregivers or staff."""

    record_type: ClassVar[str] = "training"

    training_date: date
    training_type: TrainingType
    title: str | None = Field(default=None, max_length=200)  # required for OTHER
    audience_type: TrainingAudience
    attendee_count: int = Field(ge=1, le=10_000)
    minutes: int = Field(ge=1, le=MAX_SESSION_MINUTES)
    facilitators: list[str] = Field(default_factory=list, max_length=20)
    notes: str = Field(default="", max_length=20_000)

    _date_not_in_future = field_validator("training_date")(_not_in_future)

    @model_validator(mode="after")
    def _other_needs_title(self) -> Self:
        if self.training_type is TrainingType.OTHER and not self.title:
            raise PydanticCustomError(
                "training_needs_title", "a training of type 'other' needs a title"
            )
        return self
