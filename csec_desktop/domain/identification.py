"""A child's identification history: each time the agency identified the child as exploited.

The child is the unit, not the screening. An **identification** is one identified exploitation
(an incident, or several reported together) of one child, on one **track**: commercial sexual
exploitation (the W&IC 16501.45 categories) or labor trafficking (its own track, never a CSEC
category). It holds when the agency *received the information* (the clock of the 24-hour
law-enforcement report, P.L. 113-183), the screening whose submission made it and who made it;
the obligations it creates name it (``Obligation.identification_id``).

A later screening of the child either **confirms** an existing identification (no new report) or
records a **new incident** (a new identification, a new report). Nothing erases an identification:
a mistaken one is **voided** with a written reason, by whom and when; it stays in the history and
the audit log, and is no longer counted or followed up.

The child's **current status** (exploitation ongoing, stopped, at risk) is what the latest
screening says about the present; it is kept on that screening's determination, apart from the
history.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Protocol, Self
from uuid import UUID, uuid5

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record
from csec_desktop.domain.screening import (
    CsecCategory,
    ExploitationStatus,
    ExploitationTiming,
    Track,
)

# Ids of identifications are derived from the screening chain that made them, so a resubmission,
# an addendum, a sync replay or a second laptop arrive at the same identification, never a twin.
_IDENTIFICATION_NAMESPACE = UUID("6f1d0b8e-2a57-4f0c-9d0e-5b1c3a7e9d21")


def identification_id_for(root_screening_id: UUID, track: Track) -> UUID:
    """The id of the identification the screening chain starting at ``root_screening_id`` makes."""
    return uuid5(_IDENTIFICATION_NAMESPACE, f"{track.value}:{root_screening_id}")


class Identification(Record):
    record_type: ClassVar[str] = "identification"

    youth_id: UUID
    track: Track
    # Sexual exploitation: the victim category (W&IC 16501.45). Labor trafficking: none.
    category: CsecCategory | None = None
    timings: list[ExploitationTiming] = Field(default_factory=list, max_length=4)
    # When the agency received the information: the 24-hour clock starts here. Never changed
    # after the identification is made (editing a screening never moves a clock).
    information_received_at: AwareDatetime
    identified_by: str = Field(min_length=1, max_length=100)
    screening_id: UUID  # the first screening of the chain whose submission made it
    voided_at: AwareDatetime | None = None
    voided_by: str | None = Field(default=None, max_length=100)
    void_reason: str | None = Field(default=None, max_length=2_000)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.track is Track.SEXUAL_EXPLOITATION:
            if self.category is None or not self.category.is_victim:
                raise PydanticCustomError(
                    "identification_needs_victim_category",
                    "an identification of sexual exploitation needs a victim category",
                )
        elif self.category is not None:
            raise PydanticCustomError(
                "labor_identification_has_category",
                "a labor-trafficking identification has no CSEC category",
            )
        if len(set(self.timings)) != len(self.timings):
            raise PydanticCustomError("timing_twice", "a timing is recorded twice")
        voided = (self.voided_at, self.voided_by, (self.void_reason or "").strip() or None)
        if any(part is not None for part in voided) and not all(
            part is not None for part in voided
        ):
            raise PydanticCustomError(
                "void_needs_reason", "voiding an identification needs who, when and a reason"
            )
        return self

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def counted(self) -> bool:
        """Whether it counts (in reports, as "identified before"): every one not voided."""
        return self.voided_at is None


class _DeterminationLike(Protocol):
    @property
    def category(self) -> CsecCategory | None: ...
    @property
    def identification_id(self) -> UUID | None: ...
    @property
    def confirmed_at(self) -> datetime: ...
    @property
    def confirmed_by(self) -> str: ...
    @property
    def timing(self) -> ExploitationTiming | None: ...


class ScreeningLike(Protocol):
    """What :func:`legacy_identification` reads of a screening (a ``Screening`` or the
    report's slim view of one)."""

    @property
    def id(self) -> UUID: ...
    @property
    def youth_id(self) -> UUID: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def screening_track(self) -> Track: ...
    @property
    def determination(self) -> _DeterminationLike | None: ...


LEGACY_IDENTIFIER = "earlier release"


def legacy_identification(first: ScreeningLike, newest: ScreeningLike) -> Identification | None:
    """The identification a screening chain of the earlier release made without a record.

    That release kept identifications only as victim determinations of screenings: a chain
    (``first`` screening, ``newest`` counted version) whose newest determination names a victim
    category of sexual exploitation and no identification is read as the identification this
    release gives that chain (:func:`identification_id_for`), with the clock that release started
    (when the first screening was confirmed). None for any other chain.
    """
    determination = newest.determination
    if determination is None or determination.identification_id is not None:
        return None
    track = newest.screening_track
    category = determination.category
    if track is not Track.SEXUAL_EXPLOITATION or category is None or not category.is_victim:
        return None
    started = first.determination or determination
    return Identification(
        id=identification_id_for(first.id, track),
        created_at=first.created_at,
        updated_at=first.created_at,
        youth_id=newest.youth_id,
        track=track,
        category=category,
        timings=[determination.timing] if determination.timing else [],
        information_received_at=started.confirmed_at,
        identified_by=started.confirmed_by or LEGACY_IDENTIFIER,
        screening_id=first.id,
    )


__all__ = [
    "LEGACY_IDENTIFIER",
    "ExploitationStatus",
    "Identification",
    "ScreeningLike",
    "identification_id_for",
    "legacy_identification",
]
