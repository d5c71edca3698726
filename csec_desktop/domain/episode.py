"""A missing-from-care episode (runaway or missing from placement), its reports and the debrief.

P.L. 113-183 and W&IC 16501.35: a child missing from care is reported to law enforcement (for
NCIC) and to NCMEC within 24 hours. Both reports are recorded here; the NCMEC one may have been
made by law enforcement (``ncmec_reported_by_law_enforcement``), with the number it gave. On return,
the caseworker debriefs the youth: why they left, where they were, and whether they were exploited
while away (which feeds the W&IC 16501.45 category "victim while absent").
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import DomainModel, Record


class DebriefAnswer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    DECLINED = "declined"  # the youth chose not to answer (never read as "no")


class LeftBecause(StrEnum):
    """Why the youth left (as many as apply)."""

    CONFLICT_IN_PLACEMENT = "conflict_in_placement"
    TO_BE_WITH_FAMILY = "to_be_with_family"
    TO_BE_WITH_FRIENDS_OR_PARTNER = "to_be_with_friends_or_partner"
    RECRUITED_OR_LURED = "recruited_or_lured"
    SUBSTANCE_USE = "substance_use"
    FELT_UNSAFE = "felt_unsafe"
    OTHER = "other"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class StayedWhere(StrEnum):
    """Where the youth was while away (as many as apply)."""

    FAMILY = "family"
    FRIENDS = "friends"
    PARTNER = "partner"
    ADULT_NOT_KNOWN_TO_AGENCY = "adult_not_known_to_agency"
    STREET_OR_SHELTER = "street_or_shelter"
    HOTEL_OR_MOTEL = "hotel_or_motel"
    OUTSIDE_THE_COUNTY = "outside_the_county"
    OTHER = "other"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class ReturnDebrief(DomainModel):
    """What the youth said, or the caseworker learned, on return."""

    debriefed_at: AwareDatetime
    left_because: list[LeftBecause] = Field(min_length=1, max_length=len(LeftBecause))
    stayed: list[StayedWhere] = Field(min_length=1, max_length=len(StayedWhere))
    exploited_while_away: DebriefAnswer
    notes: str = Field(default="", max_length=20_000)

    @model_validator(mode="after")
    def _no_repeats(self) -> Self:
        if len(set(self.left_because)) != len(self.left_because) or len(set(self.stayed)) != len(
            self.stayed
        ):
            raise PydanticCustomError("answer_twice", "an answer is chosen twice")
        return self


class MissingEpisode(Record):
    record_type: ClassVar[str] = "missing_episode"

    youth_id: UUID
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    reported_to_law_enforcement_at: AwareDatetime | None = None
    law_enforcement_agency: str | None = Field(default=None, max_length=200)
    law_enforcement_report_number: str | None = Field(default=None, max_length=80)
    ncmec_report_number: str | None = Field(default=None, max_length=80)
    ncmec_reported_at: AwareDatetime | None = None
    ncmec_reported_by_law_enforcement: bool = False
    debrief: ReturnDebrief | None = None
    notes: str = Field(default="", max_length=20_000)

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise PydanticCustomError("ends_before_start", "the episode ends before it starts")
        if self.ncmec_reported_at is not None and not (self.ncmec_report_number or "").strip():
            raise PydanticCustomError(
                "ncmec_needs_number", "the NCMEC report needs its case number"
            )
        if self.debrief is not None and self.ended_at is None:
            raise PydanticCustomError(
                "debrief_before_return", "the debrief is recorded once the youth has returned"
            )
        return self

    @property
    def open(self) -> bool:
        return self.ended_at is None

    @property
    def exploited_while_away(self) -> bool:
        """The return debrief says the youth was exploited while away."""
        return self.debrief is not None and (self.debrief.exploited_while_away is DebriefAnswer.YES)
