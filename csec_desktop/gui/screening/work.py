"""The database work behind the screening screens, one function per trip to the lane.

Each runs on the database lane (``TaskRunner.run_on_lane``) and returns plain values; nothing here
touches a widget. Reading a screening to show it goes through ``ScreeningService.view`` so the
audit log records who looked at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from uuid import UUID

from pydantic import JsonValue

from csec_desktop.domain import (
    CsecCategory,
    ElementFinding,
    LaborFinding,
    Obligation,
    ObligationKind,
    Review,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningContext,
)
from csec_desktop.domain.deadlines import obligations_for_determination
from csec_desktop.domain.identifying import Finding, confirm_finding
from csec_desktop.gui.common.casework import Casework
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
class Summary:
    """What the summary page shows: the engine's result for the current answers, explained, the
    proposal (category or labor finding, new or confirmed identification), and the obligation
    kinds already created for this screening's chain."""

    result: InstrumentResult
    explanation: list[str]  # what set the risk level (the eligibility findings are apart)
    proposal: Finding
    already_created: frozenset[ObligationKind] = field(default_factory=frozenset)
    eligibility: list[tuple[str, ElementFinding]] = field(default_factory=list)  # (title, finding)


def open_screening(casework: Casework, screening_id: UUID) -> OpenedScreening:
    service = casework.screenings
    screening = service.view(screening_id)
    reviews = service.reviews(screening_id)
    place = casework.places.place(screening_id) if screening.editable else None
    return OpenedScreening(
        screening,
        service.instrument_for(screening),
        reviews[-1] if reviews else None,
        facts=service.facts(screening),
        left_on_section=place,
    )


def leave_at(casework: Casework, screening_id: UUID, section_id: str) -> None:
    """Remember the section the wizard was closed on (read back by :func:`open_screening`)."""
    casework.places.remember(screening_id, section_id)


def start_screening(
    casework: Casework,
    youth_id: UUID,
    instrument_id: str,
    version: str,
    context: ScreeningContext,
    missing_episode_id: UUID | None,
) -> OpenedScreening:
    screening = casework.screenings.start(
        youth_id,
        instrument_id,
        version=version,
        context=context,
        missing_episode_id=missing_episode_id,
    )
    service = casework.screenings
    return OpenedScreening(
        screening, service.instrument_for(screening), facts=service.facts(screening)
    )


def amend_screening(casework: Casework, screening: Screening) -> OpenedScreening:
    service = casework.screenings
    addendum = service.amend(screening)
    return OpenedScreening(
        addendum, service.instrument_for(addendum), facts=service.facts(addendum)
    )


def instrument_choices(casework: Casework) -> list[InstrumentChoice]:
    """The newest installed version of every instrument (what a new screening starts with)."""
    newest: dict[str, Instrument] = {}
    for entry in casework.screenings.registry.entries():  # by id, then version
        newest[entry.instrument.id] = entry.instrument
    return [
        InstrumentChoice(
            instrument.id,
            instrument.version,
            instrument.title.en,
            instrument.title.es,
            instrument.validated,
            instrument.disclaimer.en,
            instrument.disclaimer.es,
        )
        for instrument in newest.values()
    ]


def summarize(casework: Casework, screening: Screening, answers: dict[str, JsonValue]) -> Summary:
    """The result of ``answers`` (perhaps newer than the saved ones) and the proposal."""
    service = casework.screenings
    current = screening.model_copy(update={"answers": dict(answers)})
    result = service.compute(current)
    created: set[ObligationKind] = set()
    for source in {screening.id, screening.amends_id} - {None}:
        assert source is not None
        created |= {o.kind for o in casework.obligations.for_source(source, screening.youth_id)}
    # The eligibility findings are worded by the screen in plain words ("Yes: the answers
    # support it"), not the engine's "met / not met": explained without them, listed apart.
    # (the registry's copy: compute/explain/propose below check its fingerprint already)
    instrument = service.registry.get(current.instrument_id, current.instrument_version)
    titles = {str(e.id): e.title.get(service.language) for e in instrument.eligibility}
    return Summary(
        result=result,
        explanation=service.explain(current, replace(result, elements=())),
        proposal=service.propose(current, result),
        already_created=frozenset(created),
        eligibility=[(titles.get(e.id, e.id), e.finding) for e in result.elements],
    )


def preview_obligations(
    casework: Casework,
    screening: Screening,
    choice: CsecCategory | LaborFinding,
    risk_level: RiskLevel,
    now: datetime,
    proposal: Finding,
) -> list[Obligation]:
    """The obligations a determination of ``choice`` confirmed ``now`` would create (pure:
    the deadline rules of ``domain.deadlines`` with the county's policy; nothing is saved).
    One that confirms an earlier identification creates none."""
    determination = confirm_finding(
        proposal,
        risk_level,
        confirmed_by=casework.screenings.actor,
        confirmed_at=now,
        received_at=screening.information_received_at or now,
        category=choice if isinstance(choice, CsecCategory) else None,
        labor_finding=choice if isinstance(choice, LaborFinding) else None,
        override_reason="preview",
    )
    return obligations_for_determination(
        determination,
        youth_id=screening.youth_id,
        screening_id=screening.id,
        policy=casework.policy,
    )


def confirm_and_submit(
    casework: Casework,
    screening: Screening,
    choice: CsecCategory | LaborFinding | None,
    override_reason: str | None,
) -> tuple[Screening, list[Obligation]]:
    """Confirm the determination (the proposal, or ``choice`` with its reason), then submit:
    one trip, so nothing can change the answers in between."""
    service = casework.screenings
    confirmed = service.confirm(
        screening,
        category=choice if isinstance(choice, CsecCategory) else None,
        labor_finding=choice if isinstance(choice, LaborFinding) else None,
        override_reason=override_reason,
    )
    outcome = service.submit(confirmed)
    casework.places.forget(screening.id)
    return outcome
