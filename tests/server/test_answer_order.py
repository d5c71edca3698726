"""Which answer a request that is wrong in several ways gets: the order of the server's checks.

Every combination a client can send wrong (the body, the protocol header, the token, the role, a
path or query parameter) is sent to the endpoints the state scenario calls most, and the answer
must be the first failed check in this order:

1. a body over the size limit: 413 (before anything is read);
2. a body that is not JSON (bad syntax, NaN, invalid UTF-8): 400;
3. the protocol header missing or unsupported: 400 ``unsupported_protocol``;
4. the token missing, not valid or expired: 401; the device revoked: 403 ``device_revoked``;
5. the body against its schema, a path or query parameter: 400 ``bad_request``;
6. the caller's role: 403 ``forbidden``.

So a caller without a valid token never learns from a 400 what the server expects of a body or
parameter (4 before 5). Where the token lookup and the body's validation run is an implementation
choice; this order is not.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from csec_desktop.domain import utcnow
from csec_desktop.server import accounts
from csec_desktop.server.app import create_app
from csec_desktop.server.schema import devices
from csec_desktop.sync.protocol import PROTOCOL_HEADER, Role
from tests.server.conftest import Device, Harness, op, youth

LIMIT = 16 * 1024
NOT_JSON = {"bad_json": b'{"operations": [', "nan": b'{"seq": NaN}', "bad_utf8": b"{\xff\xfe}"}
BODIES = ["ok", "too_large", *NOT_JSON, "schema"]
PROTOCOLS = {"ok": "2", "missing": None, "unsupported": "9"}
TOKENS = ["ok", "missing", "invalid", "expired", "revoked", "wrong_role"]


def expected(
    body: str, protocol: str, token: str, param: str, roles_checked: bool
) -> tuple[int, str | None]:
    """The answer the first failed check gives (see the module docstring); (200, None): none."""
    if body == "too_large":
        return 413, "too_large"
    if body in NOT_JSON:
        return 400, "bad_request"
    if protocol != "ok":
        return 400, "unsupported_protocol"
    if token in ("missing", "invalid", "expired"):
        return 401, "not_authenticated"
    if token == "revoked":
        return 403, "device_revoked"
    if body == "schema" or param != "ok":
        return 400, "bad_request"
    if token == "wrong_role" and roles_checked:
        return 403, "forbidden"
    return 200, None


@pytest.fixture
def harness(database_url: str) -> Iterator[Harness]:
    app = create_app(database_url, max_body_bytes=LIMIT)
    with TestClient(app) as client:
        yield Harness(database_url, client, app.state.engine)
    app.state.engine.dispose()


def _devices(server: Harness, right: Role, wrong: Role) -> dict[str, Device]:
    """One device per kind of token (the right role's, a wrong role's, an expired, a revoked)."""
    server.county()
    found = {
        "ok": server.user("right", right),
        "wrong_role": server.user("wrong", wrong),
        "expired": server.user("idle", right),
        "revoked": server.user("gone", right),
    }
    idle = utcnow() - accounts.TOKEN_IDLE_LIMIT - timedelta(days=1)
    with server.engine.begin() as conn:
        conn.execute(
            update(devices)
            .where(devices.c.id == found["expired"].device_id)
            .values(last_seen_at=idle)
        )
        accounts.revoke_device(conn, found["revoked"].device_id)
    return found


def _headers(found: dict[str, Device], token: str, protocol: str) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    version = PROTOCOLS[protocol]
    if version is not None:
        headers[PROTOCOL_HEADER] = version
    if token == "invalid":
        headers["Authorization"] = "Bearer " + "x" * 43
    elif token != "missing":
        headers["Authorization"] = f"Bearer {found[token].token}"
    return headers


def _content(body: str, good: dict[str, Any], bad: dict[str, Any]) -> bytes:
    if body == "too_large":
        return json.dumps({**good, "padding": "x" * LIMIT}).encode()
    if body in NOT_JSON:
        return NOT_JSON[body]
    return json.dumps(bad if body == "schema" else good).encode()


def _check(
    answer: Any, body: str, protocol: str, token: str, param: str, roles_checked: bool
) -> None:
    status, code = expected(body, protocol, token, param, roles_checked)
    case = (body, protocol, token, param, answer.status_code, answer.text[:200])
    if code is None:  # every check passed: the endpoint's own answer, whatever it is
        assert answer.status_code < 400 or answer.json()["error"]["code"] == "conflict", case
        return
    assert answer.status_code == status, case
    assert answer.json()["error"]["code"] == code, case


def _send(
    server: Harness,
    method: str,
    path: str,
    good: dict[str, Any] | None,
    bad: dict[str, Any] | None,
    found: dict[str, Device],
    params: dict[str, dict[str, Any]] | None = None,
    roles_checked: bool = True,
) -> None:
    bodies = BODIES if good is not None else ["ok"]
    for body, protocol, token, param in itertools.product(
        bodies, PROTOCOLS, TOKENS, params or {"ok": {}}
    ):
        target = path.format(**(params or {"ok": {}})[param]) if "{" in path else path
        query = (params or {}).get(param, {}).get("query")
        content = _content(body, good, bad or {}) if good is not None else None
        answer = server.client.request(
            method, target, content=content, params=query, headers=_headers(found, token, protocol)
        )
        _check(answer, body, protocol, token, param, roles_checked)


def test_push_answers_in_order(harness: Harness) -> None:
    found = _devices(harness, Role.CASEWORKER, Role.COUNTY_ADMIN)
    good = {"operations": [op(youth())]}
    bad = {"operations": [op(youth()) | {"version": 0}]}
    _send(harness, "POST", "/api/v1/sync/push", good, bad, found)


def test_audit_anchor_answers_in_order(harness: Harness) -> None:
    found = _devices(harness, Role.CASEWORKER, Role.SUPERVISOR)
    good = {"seq": 1, "hash": "a" * 64}
    bad = {"seq": "one", "hash": "a" * 64}
    _send(harness, "POST", "/api/v1/sync/audit-anchor", good, bad, found, roles_checked=False)


def test_review_decision_answers_in_order(harness: Harness) -> None:
    found = _devices(harness, Role.SUPERVISOR, Role.CASEWORKER)
    record = harness.screening_by(harness.user("author"))
    good = {"screening_version": 1, "decision": "approved"}
    bad = {"screening_version": 1, "decision": "maybe"}
    params = {"ok": {"id": str(record.id)}, "bad_id": {"id": "not-a-uuid"}}
    path = "/api/v1/reviews/screenings/{id}/decision"
    _send(harness, "POST", path, good, bad, found, params)


def test_review_read_and_pull_answer_in_order(harness: Harness) -> None:
    found = _devices(harness, Role.SUPERVISOR, Role.CASEWORKER)
    record = harness.screening_by(harness.user("author"))
    ids = {"ok": {"id": str(record.id)}, "bad_id": {"id": str(uuid4())[:-1] + "-"}}
    _send(harness, "GET", "/api/v1/reviews/screenings/{id}", None, None, found, ids)
    queries = {
        "ok": {"query": {}},
        "bad_limit": {"query": {"limit": 0}},
        "bad_cursor": {"query": {"cursor": "not a cursor"}},
    }
    _send(harness, "GET", "/api/v1/sync/pull", None, None, found, queries, roles_checked=False)
