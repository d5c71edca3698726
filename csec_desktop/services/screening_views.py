"""What the screening use cases hand the screens: plain values, no widgets, no database handles.

Built by :class:`~csec_desktop.services.screenings.ScreeningService` (``open``, ``begin``,
``summarize``, ``instrument_choices``); the wizard and the youth page only show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import JsonValue

from csec_desktop.domain import (
    ElementFinding,
    Identification,
    ObligationKind,
    Review,
    ReviewDecision,
    Screening,
)
from csec_desktop.domain.identifying import Finding
from csec_desktop.instruments import Instrument, InstrumentResult


@dataclass(frozen=True)
class OpenedScreening:
    """A screening as the wizard opens it: the record, its exact instrument, and the newest
    supervisor decision (a returned screening shows its comment)."""

    screening: Screening
    instrument: Instrument
    last_review: Review | None = None
    # What the instrument's conditions know about the child (format 2: previously identified).
    facts: dict[str, bool] = field(default_factory=dict)
    left_on_section: str | None = None  # where the caseworker was when it was last closed

    @property
    def return_comment(self) -> Review | None:
        review = self.last_review
        if review is not None and review.decision is ReviewDecision.RETURNED:
            return review
        return None


@dataclass(frozen=True)
class InstrumentChoice:
    instrument_id: str
    version: str
    title_en: str
    title_es: str
    validated: bool
    disclaimer_en: str
    disclaimer_es: str

    def title(self, language: str) -> str:
        return self.title_es if language == "es" else self.title_en

    def disclaimer(self, language: str) -> str:
        return self.disclaimer_es if language == "es" else self.disclaimer_en


@dataclass(frozen=True)
class ScreeningSummary:
    """What the summary page shows: the engine's result for the current answers (worded by the
    screen, in the reader's language), the proposal (category or labor finding, new or confirmed
    identification), the obligation kinds already created for this screening's chain, the
    child's earlier identifications on the track (the "same or new incident?" question) and the
    youth's date of birth (the earliest the agency can have learned anything)."""

    result: InstrumentResult
    instrument: Instrument
    proposal: Finding
    already_created: frozenset[ObligationKind] = field(default_factory=frozenset)
    eligibility: list[tuple[str, ElementFinding]] = field(default_factory=list)  # (title, finding)
    earlier: tuple[Identification, ...] = ()
    born_on: date | None = None
    answers: dict[str, JsonValue] = field(default_factory=dict)  # the answers it was computed from


__all__ = ["InstrumentChoice", "OpenedScreening", "ScreeningSummary"]
