"""Fake but realistic records for demos and benchmarks, always marked.

Every generated name, note and free-text answer contains the marker (default ``DEMO``), so demo
data can never pass for a real youth. Records go through the normal save path (versions, outbox,
audit), so a seeded vault behaves exactly like a used one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

from pydantic import JsonValue

from csec_desktop.domain import (
    EducationSession,
    Gender,
    Identification,
    Jurisdiction,
    MissingEpisode,
    Obligation,
    PlacementType,
    Record,
    Screening,
    ScreeningContext,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.domain.deadlines import (
    obligations_for_at_risk,
    obligations_for_identification,
    obligations_for_missing_episode,
)
from csec_desktop.domain.duties import new_duties
from csec_desktop.domain.identification import identification_id_for
from csec_desktop.domain.identifying import confirm_finding, propose_finding
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import CsecCategory
from csec_desktop.instruments import Instrument, ResponseType, compute, to_screening_result
from csec_desktop.instruments.model import DECLINED
from csec_desktop.store import Store

DEFAULT_MARKER = "DEMO"
DEFAULT_COUNTY = "Fresno"
# The screener of a standalone vault's demo work; an enrolled vault's is its caseworker.
DEFAULT_SCREENER = "demo-caseworker"
DEMO_INSTRUMENT = "ca-csec-eligibility-risk"
BATCH = 500

GIVEN_NAMES = (
    "Alex", "Jordan", "Maria", "Jose", "Aaliyah", "Destiny", "Luis", "Kayla", "Jasmine", "Angel",
    "Brianna", "Carlos", "Diana", "Elena", "Fatima", "Gabriel", "Hannah", "Isabel", "Jayden",
    "Karina", "Leilani", "Mateo", "Nevaeh", "Omar", "Paloma", "Quinn", "Rosa", "Sofia", "Tiana",
    "Valeria", "Ximena", "Yesenia", "Zoe",
)  # fmt: skip
FAMILY_NAMES = (
    "Garcia", "Lopez", "Smith", "Nguyen", "Johnson", "Martinez", "Brown", "Hernandez", "Williams",
    "Davis", "Rodriguez", "Lee", "Wilson", "Gonzalez", "Perez", "Kim", "Ramirez", "Torres",
    "Flores", "Rivera", "Tran", "Jackson", "Sanchez", "Vang", "Moore",
)  # fmt: skip
CURRICULA = (
    ("Healthy relationships", "Recognising grooming"),
    ("Online safety", "Social media and strangers"),
    ("CSEC awareness for youth", "What exploitation looks like"),
    ("Know your rights", "Getting help"),
)
TOPICS = ("grooming", "online safety", "healthy relationships", "recruitment", "getting help")


@dataclass(frozen=True)
class DemoCounts:
    youth: int = 0
    screenings: int = 0
    obligations: int = 0
    missing_episodes: int = 0
    sessions: int = 0
    trainings: int = 0


def demo_answers(instrument: Instrument, rng: random.Random, marker: str) -> dict[str, JsonValue]:
    """Plausible answers to every item of ``instrument``; mostly low concern, some high."""
    worried = rng.random() < 0.3
    answers: dict[str, JsonValue] = {}
    for section in instrument.sections:
        for item in section.items:
            if rng.random() < 0.1 and not item.required:
                continue  # left unanswered, as real screenings often are
            kind = item.type
            if item.accepts_declined(instrument.format) and rng.random() < 0.02:
                answers[item.id] = DECLINED  # the youth chose not to answer
            elif kind is ResponseType.YES_NO_UNKNOWN:
                weights = (0.5, 0.4, 0.1) if worried else (0.1, 0.8, 0.1)
                answers[item.id] = rng.choices(("yes", "no", "unknown"), weights)[0]
            elif kind is ResponseType.CONCERN:
                weights = (0.3, 0.4, 0.3) if worried else (0.85, 0.1, 0.05)
                levels = ("no_concern", "possible_concern", "clear_concern")
                answers[item.id] = rng.choices(levels, weights)[0]
            elif kind is ResponseType.SINGLE_CHOICE:
                answers[item.id] = rng.choice(item.options or []).value
            elif kind is ResponseType.MULTIPLE_CHOICE:
                options = [o.value for o in item.options or []]
                answers[item.id] = rng.sample(options, rng.randint(0, min(2, len(options))))
            elif kind is ResponseType.DATE:
                answers[item.id] = (date.today() - timedelta(days=rng.randint(1, 700))).isoformat()
            elif kind is ResponseType.NUMBER:
                low = int(item.minimum if item.minimum is not None else 0)
                high = int(item.maximum if item.maximum is not None else 10)
                answers[item.id] = rng.randint(low, min(high, low + 6))
            else:
                answers[item.id] = f"{marker} example answer {rng.randint(1, 999)}"[
                    : item.max_length
                ]
    return answers


class DemoSeeder:
    """Writes marked demo records into an open store, in batches through ``save_many``."""

    def __init__(
        self,
        store: Store,
        instrument: Instrument,
        *,
        marker: str = DEFAULT_MARKER,
        county: str = DEFAULT_COUNTY,
        screener: str = DEFAULT_SCREENER,
        seed: int | None = None,
        policy: CountyPolicy | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        if not marker.strip():
            raise ValueError("the demo marker must not be empty")
        self.store = store
        self.instrument = instrument
        self.marker = marker
        self.county = county
        self.screener = screener
        self.rng = random.Random(seed)
        self.policy = policy or CountyPolicy()
        self.progress = progress
        self._pending: list[Record] = []
        self._counts: dict[str, int] = {}
        # Per youth, what the seeder made so far: a later screening reads the history.
        self._identified: dict[UUID, list[Identification]] = {}
        self._obligations: dict[UUID, list[Obligation]] = {}

    def _add(self, record: Record, counter: str) -> None:
        self._pending.append(record)
        self._counts[counter] = self._counts.get(counter, 0) + 1
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self.store.save_many(self._pending, actor="seed-demo")
            self._pending = []

    def _tell(self, what: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(what, done, total)

    def _now(self) -> datetime:
        return datetime.now(UTC) - timedelta(minutes=self.rng.randint(5, 60 * 24 * 300))

    def seed(self, *, youth: int, screenings: int = 0, sessions: int = 0) -> DemoCounts:
        people = [self._youth() for _ in range(youth)]
        for number, person in enumerate(people, 1):
            self._add(person, "youth")
            if number % BATCH == 0:
                self._tell("youth", number, youth)
        for number in range(1, screenings + 1):
            if not people:
                break
            self._screening(self.rng.choice(people))
            if number % BATCH == 0:
                self._tell("screenings", number, screenings)
        for number in range(1, sessions + 1):
            self._session(people)
            if number % 3 == 0:
                self._training()
        self._flush()
        return DemoCounts(
            youth=self._counts.get("youth", 0),
            screenings=self._counts.get("screening", 0),
            obligations=self._counts.get("obligation", 0),
            missing_episodes=self._counts.get("missing_episode", 0),
            sessions=self._counts.get("session", 0),
            trainings=self._counts.get("training", 0),
        )

    def _youth(self) -> Youth:
        rng = self.rng
        return Youth(
            given_name=f"{rng.choice(GIVEN_NAMES)} {self.marker}",
            family_name=f"{rng.choice(FAMILY_NAMES)} {self.marker}",
            preferred_name=(
                f"{rng.choice(GIVEN_NAMES)} {self.marker}" if rng.random() < 0.2 else None
            ),
            date_of_birth=date.today() - timedelta(days=rng.randint(11 * 365, 18 * 365)),
            gender=rng.choice(list(Gender)),
            county_client_id=f"{rng.randint(0, 9999):04d}-{rng.randint(0, 9999999):07d}",
            placement_type=rng.choice(list(PlacementType)),
            jurisdiction=rng.choice([*Jurisdiction, None]),
            county=self.county,
        )

    def _screening(self, person: Youth) -> None:
        rng = self.rng
        instrument = self.instrument
        track = instrument.track
        answers = demo_answers(instrument, rng, self.marker)
        earlier = self._identified.setdefault(person.id, [])
        result = compute(instrument, answers, {"previously_identified": bool(earlier)})
        when = self._now()
        context = rng.choice(list(ScreeningContext))
        episode = None
        if context is ScreeningContext.RETURN_FROM_MISSING:
            episode = self._missing_episode(person, ended_before=when)
        screening_id = uuid4()
        finding = propose_finding(
            track=track,
            elements=result.eligibility_elements(),
            risk_level=result.risk_level,
            placement=person.placement_type,
            jurisdiction=person.jurisdiction,
            own_identification_id=identification_id_for(screening_id, track),
            earlier=earlier,
            timings=result.exploitation_timings,
            missing_episodes=[episode] if episode else [],
            missing_episode_id=episode.id if episode else None,
            context=context,
            exploitation_current=result.exploitation_current,
            new_incident=result.new_incident,
        )
        screening = Screening(
            id=screening_id,
            youth_id=person.id,
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            context=context,
            screening_date=when.date(),
            screener=self.screener,
            answers=answers,
            eligibility=result.eligibility_elements(),
            notes=f"{self.marker} screening notes for a demonstration only.",
            result=to_screening_result(
                result,
                instrument,
                proposed_category=finding.category,
                proposed_labor_finding=finding.labor_finding,
                computed_at=when,
            ),
            missing_episode_id=episode.id if episode else None,
            track=track,
            created_at=when,
            updated_at=when,
        )
        if result.complete and rng.random() < 0.7:
            determination = confirm_finding(
                finding,
                result.risk_level,
                confirmed_by=self.screener,
                confirmed_at=when,
                received_at=when,
            )
            screening = screening.evolve(
                determination=determination,
                status=ScreeningStatus.SUBMITTED,
                submitted_at=when,
                information_received_at=when,
            )
            candidates: list[Obligation] = []
            if determination.new_identification:
                identification = Identification(
                    id=finding.own_identification_id,
                    youth_id=person.id,
                    track=track,
                    category=determination.category,
                    timings=list(determination.timings),
                    information_received_at=when,
                    identified_by=self.screener,
                    screening_id=screening.id,
                    created_at=when,
                    updated_at=when,
                )
                earlier.append(identification)
                self._add(identification, "identification")
                candidates = obligations_for_identification(identification, policy=self.policy)
            elif determination.category is CsecCategory.AT_RISK:
                candidates = obligations_for_at_risk(
                    youth_id=person.id, screening_id=screening.id, start=when, policy=self.policy
                )
            made = self._obligations.setdefault(person.id, [])
            for obligation in new_duties(candidates, made):
                if rng.random() < 0.6:
                    obligation = obligation.evolve(
                        done_at=min(obligation.due_at, datetime.now(UTC)),
                        agency=f"{self.marker} Police Department",
                        reference=f"{self.marker}-{rng.randint(1000, 9999)}",
                    )
                made.append(obligation)
                self._add(obligation, "obligation")
        self._add(screening, "screening")

    def _missing_episode(self, person: Youth, *, ended_before: datetime) -> MissingEpisode:
        started = ended_before - timedelta(hours=self.rng.randint(6, 24 * 14))
        episode = MissingEpisode(
            youth_id=person.id,
            started_at=started,
            ended_at=ended_before - timedelta(hours=1),
            reported_to_law_enforcement_at=started + timedelta(hours=self.rng.randint(1, 30)),
            law_enforcement_agency=f"{self.marker} Police Department",
            law_enforcement_report_number=f"{self.marker}-{self.rng.randint(10000, 99999)}",
            ncmec_report_number=f"{self.marker}-NCMEC-{self.rng.randint(10000, 99999)}",
            ncmec_reported_at=started + timedelta(hours=self.rng.randint(1, 30)),
            notes=f"{self.marker} missing episode notes.",
        )
        self._add(episode, "missing_episode")
        for obligation in obligations_for_missing_episode(episode, policy=self.policy):
            self._add(obligation, "obligation")
        return episode

    def _session(self, people: list[Youth]) -> None:
        rng = self.rng
        curriculum, module = rng.choice(CURRICULA)
        attendees: list[UUID] = [
            p.id for p in rng.sample(people, min(len(people), rng.randint(0, 6)))
        ]
        session = EducationSession(
            session_date=date.today() - timedelta(days=rng.randint(0, 300)),
            minutes=rng.choice((45, 60, 90, 120)),
            curriculum=curriculum,
            module=module,
            audience=rng.choice(list(SessionAudience)),
            setting=rng.choice(list(SessionSetting)),
            facilitators=[f"{rng.choice(GIVEN_NAMES)} {self.marker} (facilitator)"],
            attendee_youth_ids=attendees,
            anonymous_attendee_count=rng.randint(0 if attendees else 1, 8),
            topics=rng.sample(TOPICS, 2),
            notes=f"{self.marker} session notes.",
        )
        self._add(session, "session")

    def _training(self) -> None:
        rng = self.rng
        kind = rng.choice(list(TrainingType))
        training = Training(
            training_date=date.today() - timedelta(days=rng.randint(0, 300)),
            training_type=kind,
            title=f"{self.marker} caregiver workshop" if kind is TrainingType.OTHER else None,
            audience_type=rng.choice(list(TrainingAudience)),
            attendee_count=rng.randint(3, 40),
            minutes=rng.choice((90, 180, 360)),
            facilitators=[f"{rng.choice(GIVEN_NAMES)} {self.marker} (trainer)"],
            notes=f"{self.marker} training notes.",
        )
        self._add(training, "training")
