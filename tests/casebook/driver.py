"""Running a case: a fresh vault, the shipped instruments, the services the GUI builds.

Each step happens at its own local time (Los Angeles) on a fixed clock, and goes through the
same service calls a screen makes: the screening wizard (start, autosave the answers, confirm
with when the information came, submit), the supervisor's review, the missing-episode panel,
the obligations view's "mark done", the county's configuration arriving at sync, and a
supervisor voiding a mistaken identification. The services are built by ``Casework.for_store``,
as the main window builds them, so the county policy comes from the vault as it does there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from csec_desktop.domain import (
    CsecCategory,
    Identification,
    Jurisdiction,
    LaborFinding,
    Obligation,
    ObligationKind,
    PlacementType,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningContext,
    ScreeningStatus,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.domain.episode import DebriefAnswer, LeftBecause, StayedWhere
from csec_desktop.domain.report_table import figure_rows
from csec_desktop.gui.common.casework import Casework
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import EducationService, FixedClock, YouthService
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.services.reports import ReportService
from csec_desktop.store import Store
from csec_desktop.store.sync_state import META_COUNTY_CONFIG
from tests.casebook.facts import CSEC, Fact, answers_for

LA = ZoneInfo("America/Los_Angeles")
CASEWORKER, SUPERVISOR = "cw-casebook", "sup-casebook"


def local(text: str) -> datetime:
    """``"2025-03-03 09:00"`` in Los Angeles, as an aware time."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=LA)


def shown(moment: datetime) -> str:
    return moment.astimezone(LA).strftime("%Y-%m-%d %H:%M")


# -- steps ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Screen:
    """The caseworker screens the youth and submits (the wizard's "confirm and submit")."""

    at: str
    facts: frozenset[Fact]
    instrument: str = CSEC
    received: str | None = None  # when the agency received the information (default: now)
    context: ScreeningContext = ScreeningContext.ROUTINE
    new_incident: bool | None = None  # the screener says so, whatever the instrument's answer
    choose: CsecCategory | LaborFinding | None = None  # another category than proposed
    reason: str | None = None
    on_return_from_missing: bool = False  # the return screening of the latest episode
    submit: bool = True


@dataclass(frozen=True)
class Edit:
    """The caseworker changes the answers of the screening in progress (a draft or one returned)
    and confirms and submits again (``received`` left out: as recorded before)."""

    at: str
    facts: frozenset[Fact]
    received: str | None = None


@dataclass(frozen=True)
class Review:
    at: str
    approve: bool = True
    comment: str = ""


@dataclass(frozen=True)
class Amend:
    """An addendum to the approved screening, with these facts, submitted."""

    at: str
    facts: frozenset[Fact]


@dataclass(frozen=True)
class MarkDone:
    """The obligations view's "mark done" on the youth's open obligation of ``kind``."""

    at: str
    kind: ObligationKind
    agency: str = "Fresno Police Department"
    reference: str | None = "FPD-25-0001"
    done_at: str | None = None  # when it was done, if not now


@dataclass(frozen=True)
class GoesMissing:
    at: str
    since: str


@dataclass(frozen=True)
class ReportsMissing:
    """The report to law enforcement, with an NCMEC number when one was given."""

    at: str
    ncmec_number: str | None = None
    ncmec_by_police: bool = False


@dataclass(frozen=True)
class ReportsToNcmec:
    at: str
    number: str = "NCMEC-1234567"
    by_police: bool = False


@dataclass(frozen=True)
class Returns:
    at: str
    back_at: str


@dataclass(frozen=True)
class Debriefs:
    at: str
    exploited_while_away: DebriefAnswer


@dataclass(frozen=True)
class CountySets:
    """The county's configuration arrives at sync (as ``services.sync`` keeps it)."""

    at: str
    settings: dict[str, Any]


@dataclass(frozen=True)
class VoidsIdentification:
    at: str
    reason: str


@dataclass(frozen=True)
class LogsTraining:
    at: str
    on: date


Step = (
    Screen | Edit | Review | Amend | MarkDone | GoesMissing | ReportsMissing | ReportsToNcmec
    | Returns | Debriefs | CountySets | VoidsIdentification | LogsTraining
)  # fmt: skip


# -- the case ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    placement: PlacementType = PlacementType.FOSTER_FAMILY
    jurisdiction: Jurisdiction | None = Jurisdiction.DEPENDENT
    entered_care: date | None = date(2023, 9, 1)
    born: date = date(2009, 4, 12)
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Expect:
    """What must hold once every step ran, read at ``now``.

    ``finding``: the category (or labor finding) of the first child's latest submitted
    screening; ``obligations``: every obligation of the first child as ``(kind, due local,
    state)`` with state open/overdue/on time/late/voided; ``report``: figures of the county
    report for ``period`` as ``{(measure, key): count}`` (only those listed are checked);
    ``refused``: the words of the one-line refusal a step met (nothing saved by it).
    """

    now: str
    finding: CsecCategory | LaborFinding | None = None
    risk: RiskLevel | None = None
    status: str | None = None
    obligations: tuple[tuple[ObligationKind, str, str], ...] | None = None
    identifications: tuple[str, ...] | None = None  # categories/tracks, oldest first
    period: tuple[date, date] = (date(2025, 1, 1), date(2026, 1, 1))
    report: dict[tuple[str, str], int] = field(default_factory=dict)
    refused: str | None = None
    worklist: int | None = None
    evidence: dict[str, int] | None = None  # element → answers listed as its evidence
    declined: int | None = None  # answers the youth declined, as the result lists them


@dataclass(frozen=True)
class Case:
    """One realistic case: its facts in the name, the finding of issue 12 it covers (if any)."""

    name: str
    children: tuple[Child, ...]
    expect: Expect
    finding: int | tuple[int, ...] | None = None  # the finding(s) of issue 12 it covers

    @property
    def findings(self) -> set[int]:
        if self.finding is None:
            return set()
        return {self.finding} if isinstance(self.finding, int) else set(self.finding)

    def __str__(self) -> str:
        return self.name


# -- running -------------------------------------------------------------------------------------


@dataclass
class Outcome:
    youth: list[Youth]
    refusals: list[str]
    store: Store
    clock: FixedClock
    casework: Casework

    def obligations(self, youth: Youth) -> list[Obligation]:
        return self.store.records(Obligation, youth_id=youth.id)

    def latest_screening(self, youth: Youth) -> Screening | None:
        submitted = [
            s
            for s in self.store.records(Screening, youth_id=youth.id)
            if s.status is not ScreeningStatus.DRAFT and s.determination is not None
        ]
        return max(submitted, key=lambda s: s.submitted_at or s.created_at, default=None)

    def identifications(self, youth: Youth) -> list[Identification]:
        return IdentificationService(self.store, actor=SUPERVISOR).all_for(youth.id)

    def report(self, period: tuple[date, date]) -> dict[tuple[str, str], Any]:
        service = ReportService(self.store, self.casework.policy, self.clock, county="Fresno")
        return {(m, k): v for m, k, v in figure_rows(service.county_report(*period))}

    def worklist(self, period: tuple[date, date]) -> int:
        from csec_desktop.exports.worklist import worklist_entries

        return len(worklist_entries(self.store, self.casework.policy, *period))


class _Runner:
    def __init__(self, store: Store, data_dir: Path) -> None:
        self.store = store
        self.clock = FixedClock(datetime(2025, 1, 1, tzinfo=UTC))
        self.registry = InstrumentRegistry(shipped_instruments_dir(), data_dir / "instruments")
        self.refusals: list[str] = []
        self._build()

    def _build(self) -> None:
        youth = YouthService(self.store, actor=CASEWORKER, clock=self.clock)
        self.casework = Casework.for_store(youth, self.store, registry=self.registry)

    def at(self, text: str) -> None:
        self.clock.set(local(text))

    def run(self, child: Child) -> Youth:
        self.at("2025-01-02 08:00")
        service = self.casework.youth
        created = service.create(
            service.draft(
                {
                    "given_name": "Casebook DEMO",
                    "family_name": "Child DEMO",
                    "date_of_birth": child.born.isoformat(),
                    "county": "Fresno",
                    "placement_type": child.placement.value,
                    "jurisdiction": child.jurisdiction.value if child.jurisdiction else None,
                    "entered_care_on": (
                        child.entered_care.isoformat() if child.entered_care else None
                    ),
                }
            )
        ).youth
        for step in child.steps:
            self.at(step.at)
            try:
                self.step(created, step)
            except ServiceError as exc:
                self.refusals.append(str(exc))
        return created

    # -- one step ----------------------------------------------------------------------------

    def _open(self, youth: Youth) -> Screening | None:
        editable = [s for s in self.store.records(Screening, youth_id=youth.id) if s.editable]
        return max(editable, key=lambda s: s.created_at, default=None)

    def _latest_approved(self, youth: Youth) -> Screening:
        approved = [
            s
            for s in self.store.records(Screening, youth_id=youth.id)
            if s.status is ScreeningStatus.APPROVED
        ]
        return max(approved, key=lambda s: s.created_at)

    def _answered(self, screening: Screening, facts: frozenset[Fact]) -> Screening:
        service = self.casework.screenings
        instrument = service.instrument_for(screening)
        items = {item.id: item.type.value for item in instrument.items()}
        answers = answers_for(screening.instrument_id, facts, items)
        cleared = {k: None for k in screening.answers if k not in answers}
        return service.answer(screening, {**cleared, **answers})  # the wizard's autosave

    def _confirm_and_submit(
        self,
        screening: Screening,
        *,
        received: str | None,
        new_incident: bool | None = None,
        choose: CsecCategory | LaborFinding | None = None,
        reason: str | None = None,
        submit: bool = True,
    ) -> None:
        service = self.casework.screenings
        confirmed = service.confirm(
            screening,
            category=choose if isinstance(choose, CsecCategory) else None,
            labor_finding=choose if isinstance(choose, LaborFinding) else None,
            override_reason=reason,
            new_incident=new_incident,
            received_at=local(received) if received else None,
        )
        if submit:
            service.submit(confirmed)

    def step(self, youth: Youth, step: Step) -> None:
        casework = self.casework
        screenings = casework.screenings
        if isinstance(step, Screen):
            episode = None
            if step.on_return_from_missing:
                episode = casework.missing.for_youth(youth.id)[0].id
            draft = screenings.start(
                youth.id, step.instrument, context=step.context, missing_episode_id=episode
            )
            self._confirm_and_submit(
                self._answered(draft, step.facts),
                received=step.received,
                new_incident=step.new_incident,
                choose=step.choose,
                reason=step.reason,
                submit=step.submit,
            )
        elif isinstance(step, Edit):
            current = self._open(youth)
            assert current is not None, "no screening in progress to edit"
            self._confirm_and_submit(self._answered(current, step.facts), received=step.received)
        elif isinstance(step, Review):
            latest = max(
                (
                    s
                    for s in self.store.records(Screening, youth_id=youth.id)
                    if s.status in (ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED)
                ),
                key=lambda s: s.created_at,
            )
            screenings.apply_review(
                latest,
                ReviewDecision.APPROVED if step.approve else ReviewDecision.RETURNED,
                reviewer=SUPERVISOR,
                comment=step.comment,
            )
        elif isinstance(step, Amend):
            addendum = screenings.amend(self._latest_approved(youth))
            self._confirm_and_submit(self._answered(addendum, step.facts), received=None)
        elif isinstance(step, MarkDone):
            (owed,) = [o for o in casework.obligations.open(youth.id) if o.kind is step.kind]
            casework.obligations.mark_done(
                owed,
                agency=step.agency,
                reference=step.reference,
                done_at=local(step.done_at) if step.done_at else None,
            )
        elif isinstance(step, GoesMissing):
            casework.missing.start(youth.id, local(step.since))
        elif isinstance(step, ReportsMissing):
            episode = casework.missing.for_youth(youth.id)[0]
            casework.missing.record_report(
                episode,
                agency="Fresno Police Department",
                report_number="FPD-M-1",
                ncmec_report_number=step.ncmec_number,
                ncmec_reported_by_law_enforcement=step.ncmec_by_police,
            )
        elif isinstance(step, ReportsToNcmec):
            episode = casework.missing.for_youth(youth.id)[0]
            casework.missing.record_ncmec_report(
                episode, report_number=step.number, by_law_enforcement=step.by_police
            )
        elif isinstance(step, Returns):
            episode = casework.missing.for_youth(youth.id)[0]
            casework.missing.end(episode, local(step.back_at))
        elif isinstance(step, Debriefs):
            episode = casework.missing.for_youth(youth.id)[0]
            casework.missing.record_debrief(
                episode,
                left_because=[LeftBecause.TO_BE_WITH_FRIENDS_OR_PARTNER],
                stayed=[StayedWhere.HOTEL_OR_MOTEL],
                exploited_while_away=step.exploited_while_away,
            )
        elif isinstance(step, CountySets):
            config = {
                "county": "Fresno",
                "mdt_referral_days": step.settings.get("mdt_referral_days", 5),
                "offline_lease_days": 14,
                "config_version": 2,
                **step.settings,
            }
            self.store.set_meta(META_COUNTY_CONFIG, json.dumps(config))
            self._build()  # the next screen the caseworker opens uses the new policy
        elif isinstance(step, VoidsIdentification):
            identifications = IdentificationService(self.store, actor=SUPERVISOR, clock=self.clock)
            latest = [i for i in identifications.all_for(youth.id) if i.counted][-1]
            identifications.void(latest, reason=step.reason)
        elif isinstance(step, LogsTraining):
            education = EducationService(self.store, actor=CASEWORKER, clock=self.clock)
            education.log_training(
                education.draft_training(
                    {
                        "training_date": step.on.isoformat(),
                        "training_type": TrainingType.CSEC_101.value,
                        "audience_type": TrainingAudience.FOSTER_PARENTS.value,
                        "attendee_count": 12,
                        "minutes": 90,
                    }
                )
            )
        else:  # pragma: no cover - every step kind is handled above
            raise AssertionError(f"unknown step {step!r}")


@contextmanager
def run_case(case: Case, store: Store, data_dir: Path) -> Iterator[Outcome]:
    runner = _Runner(store, data_dir)
    youth = [runner.run(child) for child in case.children]
    runner.at(case.expect.now)
    yield Outcome(youth, runner.refusals, store, runner.clock, runner.casework)


def state(obligation: Obligation, now: datetime) -> str:
    if obligation.voided:
        return "voided"
    if obligation.done_at is not None:
        return "on time" if obligation.met_on_time() else "late"
    return "overdue" if obligation.overdue(now) else "open"


def obligation_table(
    obligations: Sequence[Obligation], now: datetime
) -> list[tuple[ObligationKind, str, str]]:
    return sorted((o.kind, shown(o.due_at), state(o, now)) for o in obligations)


__all__ = [
    "Amend",
    "Case",
    "Child",
    "CountySets",
    "Debriefs",
    "Edit",
    "Expect",
    "GoesMissing",
    "LogsTraining",
    "MarkDone",
    "Outcome",
    "ReportsMissing",
    "ReportsToNcmec",
    "Returns",
    "Review",
    "Screen",
    "Step",
    "VoidsIdentification",
    "local",
    "obligation_table",
    "run_case",
    "shown",
    "state",
]
