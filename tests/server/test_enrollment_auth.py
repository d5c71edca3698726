"""Enrollment codes, device tokens, protocol version checks and error bodies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from csec_desktop.domain import utcnow
from csec_desktop.server import accounts
from csec_desktop.server.schema import devices, enrollment_codes
from csec_desktop.sync.protocol import PROTOCOL_HEADER, Role
from tests.server.conftest import PROTOCOL, Harness, op, youth


def _code(server: Harness, username: str, **kwargs: object) -> str:
    with server.engine.begin() as conn:
        return accounts.issue_enrollment_code(conn, username, **kwargs)  # type: ignore[arg-type]


def test_enrollment_binds_a_device_and_stores_only_hashes(server: Harness) -> None:
    server.county()
    device = server.user("cw1", team="A")
    me = server.client.get("/api/v1/me", headers=device.headers)
    assert me.status_code == 200
    assert me.json() == {
        "device_id": str(device.device_id),
        "username": "cw1",
        "role": "caseworker",
        "team": "A",
        "county": "Fresno",
    }
    with server.engine.connect() as conn:
        token_hash = conn.execute(select(devices.c.token_hash)).scalar_one()
        code_hashes = conn.execute(select(enrollment_codes.c.code_hash)).scalars().all()
    assert token_hash == accounts.hash_secret(device.token)
    assert device.token not in token_hash
    assert all(len(h) == 64 for h in code_hashes)


def test_enrollment_code_is_single_use(server: Harness) -> None:
    server.county()
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
    code = _code(server, "cw1")
    first = server.client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL)
    second = server.client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL)
    assert first.status_code == 200
    assert second.status_code == 401
    assert second.json()["error"]["code"] == "invalid_enrollment_code"
    assert "device_token" not in second.text


def test_enrollment_code_ignores_case_and_dashes(server: Harness) -> None:
    server.county()
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
    code = _code(server, "cw1").replace("-", " ").lower()
    answer = server.client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL)
    assert answer.status_code == 200


def test_expired_enrollment_code_is_refused(server: Harness) -> None:
    server.county()
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
    code = _code(server, "cw1", now=utcnow() - timedelta(hours=24, minutes=1))
    answer = server.client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL)
    assert answer.status_code == 401


def test_unknown_enrollment_code_is_refused(server: Harness) -> None:
    server.county()
    answer = server.client.post("/api/v1/enroll", json={"code": "NOPE-NOPE"}, headers=PROTOCOL)
    assert answer.status_code == 401


@pytest.mark.parametrize(
    ("authorization", "status"),
    [(None, 401), ("Bearer ", 401), ("Bearer not-a-token", 401), ("Basic abc", 401)],
)
def test_missing_or_unknown_token_gets_401(
    server: Harness, authorization: str | None, status: int
) -> None:
    server.county()
    server.user("cw1")
    headers = dict(PROTOCOL)
    if authorization is not None:
        headers["Authorization"] = authorization
    for method, path in [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/sync/pull"),
        ("POST", "/api/v1/sync/push"),
        ("GET", "/api/v1/reviews/screenings"),
        ("GET", "/api/v1/reports/county?start=2024-01-01&end=2024-12-31"),
    ]:
        answer = server.client.request(method, path, headers=headers, json={"operations": []})
        assert answer.status_code == status, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "not_authenticated"


def test_revoked_device_is_refused_with_403(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    other = server.user("cw2")
    with server.engine.begin() as conn:
        accounts.revoke_device(conn, device.device_id)
    for path in ("/api/v1/me", "/api/v1/sync/pull"):
        answer = server.client.get(path, headers=device.headers)
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "device_revoked"
    pushed = server.client.post(
        "/api/v1/sync/push", json={"operations": [op(youth())]}, headers=device.headers
    )
    assert pushed.status_code == 403
    assert server.client.get("/api/v1/me", headers=other.headers).status_code == 200


@pytest.mark.parametrize("version", [None, "0", "3", "one"])
def test_unsupported_protocol_version_is_a_clear_400(server: Harness, version: str | None) -> None:
    server.county()
    device = server.user("cw1")
    headers = {"Authorization": device.headers["Authorization"]}
    if version is not None:
        headers[PROTOCOL_HEADER] = version
    answer = server.client.get("/api/v1/sync/pull", headers=headers)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "unsupported_protocol"
    assert "version" in error["message"]


def test_health_and_openapi_need_no_token(server: Harness) -> None:
    health = server.client.get("/api/v1/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    spec = server.client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    assert "/api/v1/sync/push" in spec.json()["paths"]


def test_malformed_body_gets_400_without_echoing_input(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    answer = server.client.post(
        "/api/v1/sync/push",
        json={"operations": [{"op_id": "Maria Lopez", "record_type": "youth"}]},
        headers=device.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_request"
    assert "Maria" not in answer.text
    not_json = server.client.post("/api/v1/sync/push", content=b"{not json", headers=device.headers)
    assert not_json.status_code == 400


def test_unknown_path_is_a_404_error_body(server: Harness) -> None:
    answer = server.client.get("/api/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"
