"""Laptops with real encrypted vaults and a real county server process (on SQLite and on
PostgreSQL), for the caseload tests: each laptop does its casework through the services, the
way a caseworker's actions do, and syncs over loopback."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from csec_desktop.domain import (
    RECORD_TYPES,
    EducationSession,
    Record,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import ScreeningService
from csec_desktop.services.caseload import CaseloadService
from csec_desktop.services.education import EducationService
from csec_desktop.services.missing import MissingEpisodeService
from csec_desktop.services.youth import YouthService
from csec_desktop.sync.protocol import Role
from tests.reliability.sync_support import (
    County,
    Device,
    ServerProcess,
    open_device,
    postgres_database,
    sqlite_database,
)
from tests.unit.test_services_screenings import victim_answers

CSEC_ID = "ca-csec-eligibility-risk"
_names = itertools.count()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def county_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServerProcess, County]]:
    """A ``csec-county-server serve`` process on each database, for the module."""
    if request.param == "sqlite":
        url = sqlite_database(tmp_path_factory.mktemp("caseload-server"))
        yield from _serve(url)
        return
    with postgres_database() as url:
        yield from _serve(url)


def _serve(url: str) -> Iterator[tuple[ServerProcess, County]]:
    county = County.create(url)
    server = ServerProcess(url).start()
    try:
        yield server, county
    finally:
        server.stop()
        county.dispose()


@dataclass
class Laptop:
    """One enrolled laptop and the services a person uses on it."""

    username: str
    device: Device
    youth: YouthService
    screenings: ScreeningService
    missing: MissingEpisodeService
    education: EducationService
    caseload: CaseloadService

    @property
    def store(self) -> Any:
        return self.device.store

    def sync(self) -> Any:
        return self.device.service.sync()

    def new_youth(self, given: str = "Dana") -> Youth:
        draft = self.youth.draft(
            {
                "given_name": f"{given} DEMO",
                "family_name": "Caseload DEMO",
                "date_of_birth": date(2010, 3, 4),
                "county": "Fresno",
            }
        )
        return self.youth.create(draft).youth

    def submitted_screening(self, youth_id: UUID) -> Any:
        draft = self.screenings.start(youth_id, CSEC_ID)
        answered = self.screenings.answer(
            draft, victim_answers(self.screenings.instrument_for(draft))
        )
        submitted, _ = self.screenings.submit(self.screenings.confirm(answered))
        return submitted

    def session(self, *attendees: UUID) -> EducationSession:
        draft = self.education.draft_session(
            {
                "session_date": date.today() - timedelta(days=3),
                "minutes": 60,
                "curriculum": "My Life My Choice",
                "audience": SessionAudience.FOSTER_YOUTH,
                "setting": SessionSetting.GROUP_HOME,
                "facilitators": [self.username],
                "attendee_youth_ids": list(attendees),
            }
        )
        return self.education.log_session(draft)

    def training(self) -> Training:
        draft = self.education.draft_training(
            {
                "training_date": date.today() - timedelta(days=2),
                "training_type": TrainingType.CSEC_101,
                "audience_type": TrainingAudience.FOSTER_PARENTS,
                "attendee_count": 14,
                "minutes": 90,
            }
        )
        return self.education.log_training(draft)

    def records(self) -> dict[tuple[str, UUID], int]:
        """Every record this vault holds: (type, id) -> version."""
        found: dict[tuple[str, UUID], int] = {}
        for model in RECORD_TYPES.values():
            for record in self.store.records(model):
                found[(record.record_type, record.id)] = record.version
        return found

    def holds(self, record: Record) -> bool:
        return self.store.exists(type(record), record.id)

    def close(self) -> None:
        self.device.close()


def laptop(
    tmp_path: Path,
    server: ServerProcess,
    county: County,
    username: str | None = None,
    *,
    role: Role = Role.CASEWORKER,
    team: str = "A",
    new_user: bool = True,
    **settings: Any,
) -> Laptop:
    """A new vault enrolled for ``username`` (created on the server unless ``new_user`` is
    False: another laptop of an existing user)."""
    name = username or f"cw{next(_names)}"
    if new_user:
        county.user(name, role, team=team)
    device = open_device(tmp_path / f"{name}-{next(_names)}.db", **settings)
    device.service.actor = name
    device.service.enroll(server.url, county.code(name))
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / f"instruments-{name}")
    store = device.store
    policy = CountyPolicy()
    return Laptop(
        username=name,
        device=device,
        youth=YouthService(store, actor=name),
        screenings=ScreeningService(store, registry, policy, actor=name),
        missing=MissingEpisodeService(store, policy, actor=name),
        education=EducationService(store, actor=name),
        caseload=CaseloadService(store, actor=name),
    )
