"""Schemathesis against the real app, on SQLite and PostgreSQL: every operation of the OpenAPI
schema is called with generated requests by a device of the role that may use it, and every
answer must be no server error, of a documented status, and match its documented schema
(issue 14). The seed is fixed (hypothesis ``derandomize``) and the number of examples bounded:
the run takes well under three minutes in all on this machine (docs/benchmarks.md).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from csec_desktop.server import accounts
from csec_desktop.server.app import create_app
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Role
from tests.server.conftest import PROTOCOL, _emptied

EXAMPLES_PER_OPERATION = 40
ACCOUNTS = {
    "cw1": (Role.CASEWORKER, "A"),
    "sup1": (Role.SUPERVISOR, "A"),
    "admin": (Role.COUNTY_ADMIN, None),
    "analyst": (Role.STATE_ANALYST, None),
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Who calls each operation: a device that may, so the requests reach the endpoint's own checks.
CALLER = {
    "/api/v1/reviews": "sup1",
    "/api/v1/team": "sup1",
    "/api/v1/reports": "analyst",
    "/api/v1/county": "admin",
}


def _api(url: str) -> tuple[Any, dict[str, str], Any]:
    app = create_app(url)
    tokens = {}
    with TestClient(app) as client:
        with app.state.engine.begin() as conn:
            accounts.create_county(conn, "Fresno")
            for username, (role, team) in ACCOUNTS.items():
                accounts.create_user(conn, "Fresno", username, role, team)
        for username in ACCOUNTS:
            with app.state.engine.begin() as conn:
                code = accounts.issue_enrollment_code(conn, username)
            answer = client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL)
            tokens[username] = answer.json()["device_token"]
    return app, tokens, schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schemathesis") / "server.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = _emptied(request.getfixturevalue("postgres_session_url"))
    app, tokens, schema = _api(url)
    app.state.tokens = tokens
    yield schema
    app.state.engine.dispose()


def _caller(path: str) -> str:
    return next((who for prefix, who in CALLER.items() if path.startswith(prefix)), "cw1")


def _fuzz(
    operation: Any, mode: GenerationMode, headers: dict[str, str], failures: list[str]
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,  # the fixed seed
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def call(case: Any) -> None:
        case.headers = {**(case.headers or {}), **headers}
        try:
            case.call_and_validate(checks=CHECKS)
        except Exception as exc:  # every failure, listed at the end
            failures.append(f"{operation.label} ({mode.value}): {str(exc)[:400]}")

    try:
        call()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # e.g. /health takes nothing that can be wrong


def test_every_operation_answers_as_documented(api: Any) -> None:
    """Positive (valid by the schema) and negative (invalid) requests to every operation.
    schemathesis's pytest plugin does not run under this pytest, so the operations' strategies
    are driven by hypothesis here; the checks are schemathesis's own."""
    tokens: dict[str, str] = api.app.state.tokens
    failures: list[str] = []
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 14  # every route of the API (test_authorization lists them)
    for operation in operations:
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Authorization": f"Bearer {tokens[_caller(operation.path)]}",
        }
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, headers, failures)
    assert failures == []
