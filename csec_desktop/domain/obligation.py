"""A follow-up obligation a determination or missing episode creates, with its deadline."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator

from csec_desktop.domain.base import Record


class ObligationKind(StrEnum):
    REPORT_VICTIM_TO_LAW_ENFORCEMENT = "report_victim_to_law_enforcement"  # within 24 h
    DOCUMENT_IN_COUNTY_SYSTEM = "document_in_county_system"  # CWS/CMS CSEC grid
    REFER_TO_MDT = "refer_to_mdt"  # county-configured days
    REPORT_MISSING_TO_LAW_ENFORCEMENT = "report_missing_to_law_enforcement"  # LE/NCMEC within 24 h
    SCREEN_RETURNING_YOUTH = "screen_returning_youth"


class Obligation(Record):
    record_type: ClassVar[str] = "obligation"

    youth_id: UUID
    kind: ObligationKind
    due_at: AwareDatetime
    screening_id: UUID | None = None
    missing_episode_id: UUID | None = None
    done_at: AwareDatetime | None = None
    agency: str | None = Field(default=None, max_length=200)
    reference: str | None = Field(default=None, max_length=80)  # e.g. a law-enforcement report no.
    notes: str = Field(default="", max_length=5_000)

    @model_validator(mode="after")
    def _has_source(self) -> Self:
        if self.screening_id is None and self.missing_episode_id is None:
            raise ValueError("an obligation comes from a screening or a missing episode")
        return self

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def overdue(self, now: datetime) -> bool:
        return not self.done and now > self.due_at

    def met_on_time(self) -> bool | None:
        """True/False once done; None while still open."""
        return None if self.done_at is None else self.done_at <= self.due_at
