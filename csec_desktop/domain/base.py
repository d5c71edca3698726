"""What every stored record shares: a UUID, a version and its created/updated times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar, Self
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

# Validation context under which stored records are read back. Checks that depend on today's date
# (a birth date in the future, a session date in the future) guard input; a record that passed them
# when saved must still load years later, so those checks are skipped for stored data.
STORED = {"stored": True}


def is_stored(info: ValidationInfo) -> bool:
    """True when validating a record read back from storage (see ``STORED``)."""
    return bool(info.context and info.context.get("stored"))


# The last time zone to reach a date (UTC+14, Line Islands): a date is "today" somewhere until then.
_LATEST_OFFSET = timedelta(hours=14)


def today_context(today: date) -> dict[str, date]:
    """Validation context that says which date is today for the county (see :func:`today_for`)."""
    return {"today": today}


def today_for(info: ValidationInfo) -> date:
    """Today, for checks such as "not in the future": the county's date when the caller says it
    (``today_context``; services pass the date in the county's time zone), else the latest date
    anywhere on Earth, so that a check made without the county's zone (a server in UTC, a laptop
    whose clock is set to another zone) never refuses a date that is today in California."""
    given = info.context.get("today") if info.context else None
    if isinstance(given, date):
        return given
    return (datetime.now(UTC) + _LATEST_OFFSET).date()


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (stored times are always UTC)."""
    return datetime.now(UTC)


class DomainModel(BaseModel):
    """Base for every domain value: immutable, strict about unknown fields, validated on change."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def evolve(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied, validated again (``model_copy`` does not validate)."""
        data = self.model_dump()
        data.update(changes)
        return type(self).model_validate(data)


class Record(DomainModel):
    """A record that is stored, versioned, audited and synced.

    ``version`` is the version this copy was read at (1 for a record never saved). The store refuses
    to save a copy whose version is not the current one, so a stale edit is a conflict, not an
    overwrite.
    """

    record_type: ClassVar[str]

    id: UUID = Field(default_factory=uuid4)
    version: int = Field(default=1, ge=1)
    created_at: AwareDatetime = Field(default_factory=utcnow)
    updated_at: AwareDatetime = Field(default_factory=utcnow)

    def as_json(self) -> dict[str, Any]:
        """``model_dump(mode="json")``: the record as JSON values (a subclass may make it more
        quickly, never differently)."""
        return self.model_dump(mode="json")

    @model_validator(mode="after")
    def _updated_not_before_created(self) -> Self:
        if self.updated_at < self.created_at:
            raise ValueError("updated_at is earlier than created_at")
        return self
