"""Two real vaults (a caseworker's and a supervisor's) and a real county server process, for the
review tests (service level here, GUI in tests/gui/test_review_*.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from pydantic import JsonValue

from csec_desktop.domain import Screening, Youth
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import ScreeningService
from csec_desktop.services.review import ReviewClient, ReviewService
from csec_desktop.sync.protocol import Role
from tests.reliability.sync_support import (
    FAST_RETRY,
    County,
    Device,
    ServerProcess,
    no_wait,
    open_device,
    sqlite_database,
)
from tests.unit.test_services_screenings import victim_answers

CSEC_ID = "ca-csec-eligibility-risk"
SECRET = "CONFIDENTIAL-OBSERVATION-7731"  # a confidential answer no print may show
_names = itertools.count()


@dataclass
class Team:
    server: ServerProcess
    county: County
    caseworker: Device
    supervisor: Device
    screenings: ScreeningService
    review: ReviewService

    def submit_screening(self) -> Screening:
        youth = self.caseworker.store.save(
            Youth(given_name="Dana DEMO", family_name="Review DEMO",
                  date_of_birth=date(2009, 4, 2), county="Fresno"),
            actor="cw",
        )  # fmt: skip
        draft = self.screenings.start(youth.id, CSEC_ID)
        answers = victim_answers(self.screenings.instrument_for(draft))
        answers["observations"] = SECRET
        answered = self.screenings.answer(draft, answers)
        submitted, _ = self.screenings.submit(self.screenings.confirm(answered))
        return submitted

    def resubmit(self, screening_id: UUID, changes: dict[str, JsonValue]) -> Screening:
        current = self.screenings.get(screening_id)
        answered = self.screenings.answer(current, changes)
        resubmitted, _ = self.screenings.submit(self.screenings.confirm(answered))
        return resubmitted

    def close(self) -> None:
        self.caseworker.close()
        self.supervisor.close()


@pytest.fixture(scope="module")
def review_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, County]]:
    url = sqlite_database(tmp_path_factory.mktemp("review-server"))
    county = County.create(url)
    server = ServerProcess(url).start()
    yield server, county
    server.stop()
    county.dispose()


def fast_review_client(url: str, token: str) -> ReviewClient:
    return ReviewClient(url, token=token, retry=FAST_RETRY, sleep=no_wait, timeout=10.0)


def make_team(tmp_path: Path, server: ServerProcess, county: County) -> Team:
    n = next(_names)
    team = f"team{n}"
    county.user(f"cw{n}", team=team)
    county.user(f"sup{n}", Role.SUPERVISOR, team=team)
    caseworker = open_device(tmp_path / f"cw{n}.db")
    caseworker.service.enroll(server.url, county.code(f"cw{n}"))
    supervisor = open_device(tmp_path / f"sup{n}.db")
    supervisor.service.actor = f"sup{n}"
    supervisor.service.enroll(server.url, county.code(f"sup{n}"))
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / f"instruments{n}")
    screenings = ScreeningService(caseworker.store, registry, CountyPolicy(), actor=f"cw{n}")
    review = ReviewService(supervisor.store, actor=f"sup{n}", client_factory=fast_review_client)
    return Team(server, county, caseworker, supervisor, screenings, review)
