"""Server test fixtures. Every test that takes ``server`` runs twice: on SQLite and on PostgreSQL.

PostgreSQL comes from ``CSEC_TEST_POSTGRES_URL`` (default: the cluster that
``.ci/services.d/postgres.sh`` starts). When it is not reachable the PostgreSQL tests FAIL rather
than skip: a skipped test would let a broken PostgreSQL path pass unnoticed. Each test session gets
its own database (so parallel runs do not collide), migrated once and emptied between tests; a
test that reads the planner's statistics gets one of its own (``postgres_harness_of_its_own``).
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    Record,
    RiskLevel,
    Screening,
    ScreeningStatus,
    Youth,
    utcnow,
)
from csec_desktop.server import accounts
from csec_desktop.server.app import create_app
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import upgrade
from csec_desktop.server.schema import metadata
from csec_desktop.sync.protocol import (
    CAPABILITIES_HEADER,
    CLIENT_CAPABILITIES,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Role,
)
from tests.reliability.sync_support import drop_database

POSTGRES_URL_ENV = "CSEC_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://csec:csec@127.0.0.1:55432/csec_test"
# What this release's laptop sends with every request.
PROTOCOL = {
    PROTOCOL_HEADER: str(PROTOCOL_VERSION),
    CAPABILITIES_HEADER: ",".join(sorted(CLIENT_CAPABILITIES)),
}


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("template") / "server.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@contextmanager
def _new_postgres_database() -> Iterator[str]:
    """A PostgreSQL database of its own, migrated; dropped afterwards."""
    admin_url = os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            name = f"csec_t_{os.getpid()}_{secrets.token_hex(3)}"
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        shown = make_url(admin_url).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL is not reachable at {shown}: run 'bash .ci/services.sh' "
            f"or set {POSTGRES_URL_ENV}",
            pytrace=False,
        )
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = create_db_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        drop_database(admin, name)
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_session_url() -> Iterator[str]:
    with _new_postgres_database() as url:
        yield url


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "server.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    return _emptied(request.getfixturevalue("postgres_session_url"))


def _emptied(url: str) -> str:
    engine = create_engine(url)
    with engine.begin() as conn:
        # Not the feed clock: its one row is the migrations' (0008), like the schema itself.
        emptied = [t for t in metadata.sorted_tables if t.name != "feed_clock"]
        names = ", ".join(f'"{table.name}"' for table in emptied)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@dataclass
class Device:
    device_id: UUID
    token: str
    username: str

    @property
    def headers(self) -> dict[str, str]:
        return {**PROTOCOL, "Authorization": f"Bearer {self.token}"}


@dataclass
class Harness:
    """A test server with helpers to set up counties, users and enrolled devices."""

    url: str
    client: TestClient
    engine: Engine
    devices: dict[str, Device] = field(default_factory=dict)

    def county(self, name: str = "Fresno") -> None:
        with self.engine.begin() as conn:
            accounts.create_county(conn, name)

    def user(
        self, username: str, role: Role = Role.CASEWORKER, county: str = "Fresno", team: str = "A"
    ) -> Device:
        """Create ``username`` and enroll one device for them."""
        with self.engine.begin() as conn:
            accounts.create_user(conn, county, username, role, team)
        device = self.enroll_again(username)
        self.devices[username] = device
        return device

    def enroll_again(self, username: str) -> Device:
        """Another device of an existing user (a second laptop, a replaced one)."""
        with self.engine.begin() as conn:
            code = accounts.issue_enrollment_code(conn, username)
        answer = self.client.post(
            "/api/v1/enroll", json={"code": code, "device_name": "laptop"}, headers=PROTOCOL
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        return Device(UUID(body["device_id"]), body["device_token"], username)

    def push(self, device: Device, *operations: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.client.post(
            "/api/v1/sync/push", json={"operations": list(operations)}, headers=device.headers
        )
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results

    def youth_of(self, device: Device, county: str = "Fresno") -> UUID:
        """A youth pushed by ``device`` (a screening's link must be a youth on the server)."""
        record = youth(county)
        [result] = self.push(device, op(record))
        assert result["status"] == "applied", result
        return record.id

    def screening_by(self, device: Device, county: str = "Fresno", **changes: Any) -> Screening:
        """A screening of a new youth, authored by ``device``'s user and pushed (applied)."""
        record = screening(self.youth_of(device, county), by=device.username, **changes)
        [result] = self.push(device, op(record))
        assert result["status"] == "applied", result
        return record

    def pull(
        self,
        device: Device,
        cursor: str | None = None,
        *,
        protocol: int = PROTOCOL_VERSION,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """One page of ``device``'s feed; ``protocol=1`` asks as a laptop not yet updated."""
        params: dict[str, Any] = {"cursor": cursor} if cursor else {}
        if limit is not None:
            params["limit"] = limit
        headers = {**device.headers, PROTOCOL_HEADER: str(protocol)}
        if protocol < 2:  # the previous release names no capabilities
            headers.pop(CAPABILITIES_HEADER)
        answer = self.client.get("/api/v1/sync/pull", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        return body

    def pull_all(self, device: Device, cursor: str | None = None, *, limit: int = 200) -> Any:
        """Every page of ``device``'s feed after ``cursor``: (changes, the last cursor)."""
        found: list[dict[str, Any]] = []
        while True:
            page = self.pull(device, cursor, limit=limit)
            found += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return found, cursor


@pytest.fixture
def server(database_url: str) -> Iterator[Harness]:
    yield from _harness(database_url)


@pytest.fixture
def postgres_harness(postgres_session_url: str) -> Iterator[Harness]:
    """A test server on PostgreSQL only, for what only PostgreSQL can do (interleaved writers).
    Fails, like every PostgreSQL test, when PostgreSQL is not reachable."""
    yield from _harness(_emptied(postgres_session_url))


@pytest.fixture
def postgres_harness_of_its_own() -> Iterator[Harness]:
    """A test server on a PostgreSQL database no other test has used: for what depends on the
    planner's statistics, which emptying the tables leaves as the earlier tests made them."""
    with _new_postgres_database() as url:
        yield from _harness(url)


def _harness(url: str) -> Iterator[Harness]:
    app = create_app(url)
    with TestClient(app) as client:
        yield Harness(url, client, app.state.engine)
    app.state.engine.dispose()


# --- record builders ----------------------------------------------------------------------------


def youth(county: str = "Fresno", **changes: Any) -> Youth:
    values: dict[str, Any] = {
        "given_name": "Test",
        "family_name": "Youth",
        "date_of_birth": date(2010, 5, 1),
        "county": county,
    }
    values.update(changes)
    return Youth(**values)


def screening(
    youth_id: UUID | None = None,
    *,
    status: ScreeningStatus = ScreeningStatus.SUBMITTED,
    category: CsecCategory = CsecCategory.AT_RISK,
    risk: RiskLevel = RiskLevel.POSSIBLE_CONCERN,
    screening_date: date | None = None,
    by: str = "cw1",
    **changes: Any,
) -> Screening:
    """A screening whose screener and confirming user are ``by``."""
    now = utcnow()
    values: dict[str, Any] = {
        "youth_id": youth_id or uuid4(),
        "instrument_id": "csec-default",
        "instrument_version": "1.0",
        "screening_date": screening_date or date.today(),
        "screener": by,
        "status": status,
        "determination": Determination(
            category=category, risk_level=risk, confirmed_by=by, confirmed_at=now
        ),
        "submitted_at": now,
    }
    values.update(changes)
    return Screening(**values)


def op(record: Record, base_version: int | None = None, **overrides: Any) -> dict[str, Any]:
    """A push operation for ``record`` as the client sends it."""
    operation: dict[str, Any] = {
        "op_id": str(uuid4()),
        "record_type": record.record_type,
        "record_id": str(record.id),
        "base_version": base_version,
        "version": record.version,
        "payload": record.model_dump(mode="json"),
    }
    operation.update(overrides)
    return operation
