"""A missing-from-care episode (runaway or missing from placement)."""

from __future__ import annotations

from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record


class MissingEpisode(Record):
    record_type: ClassVar[str] = "missing_episode"

    youth_id: UUID
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    reported_to_law_enforcement_at: AwareDatetime | None = None
    law_enforcement_agency: str | None = Field(default=None, max_length=200)
    law_enforcement_report_number: str | None = Field(default=None, max_length=80)
    ncmec_report_number: str | None = Field(default=None, max_length=80)
    notes: str = Field(default="", max_length=20_000)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise PydanticCustomError("ends_before_start", "the episode ends before it starts")
        return self

    @property
    def open(self) -> bool:
        return self.ended_at is None
