"""Enrollment codes can be cancelled, users deactivated, idle tokens expire, and failed
enrollments and token checks are rate-limited in the database (issue 14, finding 13)."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from fastapi.testclient import TestClient
from sqlalchemy import update

from csec_desktop.domain import utcnow
from csec_desktop.server import accounts, ratelimit
from csec_desktop.server.app import create_app
from csec_desktop.server.schema import devices
from csec_desktop.sync.protocol import Role
from tests.server.conftest import PROTOCOL, Harness


def _code(server: Harness, username: str) -> str:
    with server.engine.begin() as conn:
        return accounts.issue_enrollment_code(conn, username)


def _enroll(client: TestClient, code: str) -> int:
    return client.post("/api/v1/enroll", json={"code": code}, headers=PROTOCOL).status_code


def test_a_cancelled_code_no_longer_enrolls(server: Harness) -> None:
    server.county()
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
    first, second = _code(server, "cw1"), _code(server, "cw1")
    with server.engine.begin() as conn:
        assert accounts.cancel_enrollment_codes(conn, "cw1") == 2
    assert _enroll(server.client, first) == 401
    assert _enroll(server.client, second) == 401
    assert _enroll(server.client, _code(server, "cw1")) == 200  # a new one works


def test_a_deactivated_user_is_refused_on_every_device_until_activated(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    pending = _code(server, "cw1")
    with server.engine.begin() as conn:
        accounts.set_user_active(conn, "cw1", False)
    answer = server.client.get("/api/v1/me", headers=device.headers)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "device_revoked"
    assert _enroll(server.client, pending) == 401  # their codes were cancelled too
    with server.engine.begin() as conn:
        accounts.set_user_active(conn, "cw1", True)
    assert server.client.get("/api/v1/me", headers=device.headers).status_code == 200


def test_a_token_unused_for_longer_than_the_limit_expires(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    idle = utcnow() - accounts.TOKEN_IDLE_LIMIT - timedelta(days=1)
    with server.engine.begin() as conn:
        conn.execute(
            update(devices).where(devices.c.id == device.device_id).values(last_seen_at=idle)
        )
    answer = server.client.get("/api/v1/me", headers=device.headers)
    assert answer.status_code == 401
    assert "expired" in answer.json()["error"]["message"]


def test_wrong_codes_are_limited_across_server_processes_and_a_good_code_waits(
    server: Harness,
) -> None:
    """Two app instances on one database (as two workers or two servers would be): the failures
    of one count for the other, because they are counted in the database."""
    server.county()
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
    good = _code(server, "cw1")
    other = create_app(server.url)
    with TestClient(other) as second:
        for attempt in range(ratelimit.ENROLLMENT.attempts):
            client = server.client if attempt % 2 else second
            assert _enroll(client, f"WRONG-{attempt:05d}") == 401
        for client in (server.client, second):
            refused = client.post("/api/v1/enroll", json={"code": good}, headers=PROTOCOL)
            assert refused.status_code == 429
            assert refused.json()["error"]["code"] == "rate_limited"
            assert 0 < int(refused.headers["Retry-After"]) <= 600
    other.state.engine.dispose()
    # The window passes: the good code was never tried, so it still works.
    with server.engine.begin() as conn:
        later = utcnow() + ratelimit.ENROLLMENT.window + timedelta(seconds=1)
        ratelimit.refuse_if_limited(conn, ratelimit.ENROLLMENT, "testclient", now=later)
    with server.engine.begin() as conn:
        conn.execute(ratelimit.auth_failures.delete())  # as the window passing would
    assert _enroll(server.client, good) == 200


def test_bad_tokens_are_limited_but_a_good_token_is_never_slowed(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    bad = {**PROTOCOL, "Authorization": "Bearer not-a-token"}
    for _ in range(ratelimit.TOKEN.attempts):
        assert server.client.get("/api/v1/me", headers=bad).status_code == 401
    limited = server.client.get("/api/v1/me", headers=bad)
    assert limited.status_code == 429 and "Retry-After" in limited.headers
    assert server.client.get("/api/v1/me", headers=device.headers).status_code == 200
    assert UUID(server.client.get("/api/v1/me", headers=device.headers).json()["device_id"])
