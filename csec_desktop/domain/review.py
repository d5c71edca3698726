"""A supervisor's decision on a submitted screening."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record, utcnow


class ReviewDecision(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"


class Review(Record):
    record_type: ClassVar[str] = "review"

    screening_id: UUID
    screening_version: int = Field(ge=1)
    decision: ReviewDecision
    comment: str = Field(default="", max_length=10_000)
    reviewer: str = Field(min_length=1, max_length=100)
    reviewed_at: AwareDatetime = Field(default_factory=utcnow)

    @model_validator(mode="after")
    def _returned_needs_comment(self) -> Self:
        if self.decision is ReviewDecision.RETURNED and not self.comment.strip():
            raise PydanticCustomError(
                "return_needs_comment", "returning a screening needs a comment"
            )
        return self
