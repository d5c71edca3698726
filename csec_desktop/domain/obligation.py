"""A follow-up obligation an identification, a determination or a missing episode creates.

Each obligation discharges one **legal duty** (``domain.duties``): at most one obligation per
duty, whatever the number of screenings, resubmissions, sync replays or laptops. It keeps the due
time it was created with: a later change of county policy never moves it.

An obligation is closed when it is done, or **voided** with a reason when the thing it follows
up was voided (a mistaken identification): a voided obligation stays in history and the audit
log, but is neither open nor counted.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record


class ObligationKind(StrEnum):
    REPORT_VICTIM_TO_LAW_ENFORCEMENT = "report_victim_to_law_enforcement"  # within 24 h
    DOCUMENT_IN_COUNTY_SYSTEM = "document_in_county_system"  # CWS/CMS CSEC grid
    REFER_TO_MDT = "refer_to_mdt"  # county-configured days
    REPORT_MISSING_TO_LAW_ENFORCEMENT = "report_missing_to_law_enforcement"  # within 24 h
    REPORT_MISSING_TO_NCMEC = "report_missing_to_ncmec"  # within 24 h (P.L. 113-183)
    SCREEN_RETURNING_YOUTH = "screen_returning_youth"
    # The labor-trafficking track (county protocol): never a CSEC task.
    REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT = "report_labor_trafficking_to_law_enforcement"
    LABOR_TRAFFICKING_FOLLOW_UP = "labor_trafficking_follow_up"


LABOR_TRAFFICKING_KINDS = frozenset(
    {
        ObligationKind.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT,
        ObligationKind.LABOR_TRAFFICKING_FOLLOW_UP,
    }
)
# A report to an outside agency: recorded with the agency it was made to.
REPORT_KINDS = frozenset(
    {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_NCMEC,
        ObligationKind.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT,
    }
)


class Obligation(Record):
    record_type: ClassVar[str] = "obligation"

    youth_id: UUID
    kind: ObligationKind
    due_at: AwareDatetime
    identification_id: UUID | None = None
    screening_id: UUID | None = None
    missing_episode_id: UUID | None = None
    done_at: AwareDatetime | None = None
    agency: str | None = Field(default=None, max_length=200)
    reference: str | None = Field(default=None, max_length=80)  # e.g. a law-enforcement report no.
    notes: str = Field(default="", max_length=5_000)
    voided_at: AwareDatetime | None = None
    void_reason: str | None = Field(default=None, max_length=2_000)

    @model_validator(mode="after")
    def _has_source(self) -> Self:
        sources = (self.identification_id, self.screening_id, self.missing_episode_id)
        if all(source is None for source in sources):
            raise ValueError(
                "an obligation comes from an identification, a screening or a missing episode"
            )
        if (self.voided_at is None) != (not (self.void_reason or "").strip()):
            raise PydanticCustomError(
                "void_needs_reason", "voiding an obligation needs when and a reason"
            )
        return self

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def is_open(self) -> bool:
        """Still to do: neither done nor voided."""
        return self.done_at is None and self.voided_at is None

    def overdue(self, now: datetime) -> bool:
        return self.is_open and now > self.due_at

    def met_on_time(self) -> bool | None:
        """True/False once done; None while still open (or voided)."""
        return None if self.done_at is None else self.done_at <= self.due_at
