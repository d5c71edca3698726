"""Edge inputs are 4xx answers, never 500s, on SQLite and PostgreSQL (issue 14, findings 7, 12):
NaN and Infinity, lone surrogates, NUL characters, integers past what a column holds, dates at
the ends of the calendar, a strange protocol header, and personal data is never cached."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from uuid import uuid4

import pytest

from csec_desktop.sync.protocol import Role
from tests.server.conftest import PROTOCOL, Device, Harness, op, screening, youth

PUSH = "/api/v1/sync/push"


@pytest.fixture
def device(server: Harness) -> Device:
    server.county()
    return server.user("cw1")


def _raw_push(server: Harness, device: Device, text: str) -> Any:
    return server.client.post(
        PUSH,
        content=text.encode("utf-8", "surrogatepass"),
        headers={**device.headers, "Content-Type": "application/json"},
    )


def _stored(server: Harness) -> int:
    from sqlalchemy import func, select

    from csec_desktop.server.schema import records

    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(records)).scalar_one())


def test_nan_infinity_and_lone_surrogates_are_refused_at_the_edge(
    server: Harness, device: Device
) -> None:
    youth_id = server.youth_of(device)
    before = _stored(server)
    nan = json.dumps({"operations": [op(screening(youth_id, answers={"q1": float("nan")}))]})
    bodies = [
        nan,
        nan.replace("NaN", "Infinity"),
        nan.replace("NaN", "-Infinity"),
        json.dumps({"operations": [op(youth(given_name="Ana"))]}).replace("Ana", "Ana\\ud800"),
        json.dumps({"operations": [op(youth(given_name="Ana"))]}).replace("Ana", "\\udc00Ana"),
    ]
    for body in bodies:
        answer = _raw_push(server, device, body)
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["code"] == "bad_request"
    assert _stored(server) == before
    # A surrogate pair is a character like any other, and a backslash-u written as text is text.
    paired = json.dumps({"operations": [op(youth(given_name="Ana"))]})
    paired = paired.replace("Ana", "Ana \\ud83d\\ude00 \\\\ud800")
    [result] = _raw_push(server, device, paired).json()["results"]
    assert result["status"] == "applied"


def test_integers_past_the_columns_are_a_400(server: Harness, device: Device) -> None:
    record = youth()
    for changes in (
        {"version": 2**31, "payload": record.evolve(version=1).model_dump(mode="json")},
        {"base_version": 2**63},
        {"version": 2**64},
        {"version": True},
    ):
        answer = server.client.post(
            PUSH, json={"operations": [op(record) | changes]}, headers=device.headers
        )
        assert answer.status_code == 400, (changes, answer.text)
    anchor = server.client.post(
        "/api/v1/sync/audit-anchor", json={"seq": 2**63, "hash": "0" * 64}, headers=device.headers
    )
    assert anchor.status_code == 400
    for cursor in ("9" * 19, "²", "1e5", "-1"):
        pulled = server.client.get(
            "/api/v1/sync/pull", params={"cursor": cursor}, headers=device.headers
        )
        assert pulled.status_code == 400, cursor


def test_report_dates_at_the_ends_of_the_calendar_are_a_400(server: Harness) -> None:
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    for start, end in [
        ("0001-01-01", "2026-01-01"),
        ("2026-01-01", "9999-12-31"),
        ("9999-12-31", "9999-12-31"),
        ("0001-01-01", "0001-01-01"),
    ]:
        answer = server.client.get(
            "/api/v1/reports/county", params={"start": start, "end": end}, headers=admin.headers
        )
        assert answer.status_code == 400, (start, end, answer.text)


def test_records_dated_at_the_ends_of_the_calendar_do_not_break_reports(
    server: Harness, device: Device
) -> None:
    from datetime import date

    youth_id = server.youth_of(device)
    for day in (date(1, 1, 1), date(9999, 12, 31)):
        pushed = server.push(device, op(screening(youth_id, screening_date=day)))
        assert pushed[0]["status"] in ("applied", "rejected")
    admin = server.user("admin", Role.COUNTY_ADMIN)
    answer = server.client.get(
        "/api/v1/reports/county",
        params={"start": "2000-01-01", "end": "2100-01-01"},
        headers=admin.headers,
    )
    assert answer.status_code == 200, answer.text


def _asgi_get(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """A GET with raw header bytes, straight into the ASGI app (HTTP clients refuse to send
    non-ASCII header values, so this is how such a request reaches the server)."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("t", 80),
    }  # fmt: skip
    asyncio.run(app(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_a_strange_protocol_header_is_a_400(server: Harness, device: Device) -> None:
    token = device.headers["Authorization"].encode("ascii")
    for value in ("²", "١", "１", "1" * 5000, " 1", "1\x00"):
        headers = [(b"authorization", token), (b"x-csec-protocol", value.encode("utf-8"))]
        status, body = _asgi_get(server.client.app, "/api/v1/me", headers)
        assert status == 400, value
        assert json.loads(body)["error"]["code"] == "unsupported_protocol"
    status, _ = _asgi_get(
        server.client.app, "/api/v1/me", [(b"authorization", token), (b"x-csec-protocol", b"1")]
    )
    assert status == 200


def test_nul_in_paths_queries_and_text_fields_is_a_400(server: Harness, device: Device) -> None:
    supervisor = server.user("sup1", Role.SUPERVISOR)
    analyst = server.user("analyst", Role.STATE_ANALYST)
    asked = [
        server.client.get(f"/api/v1/records/you%00th/{uuid4()}", headers=device.headers),
        server.client.get(
            "/api/v1/reports/county",
            params={"start": "2026-01-01", "end": "2026-02-01", "county": "Fres\x00no"},
            headers=analyst.headers,
        ),
        server.client.post(
            "/api/v1/enroll", json={"code": "AB\x00CD", "device_name": "x"}, headers=PROTOCOL
        ),
        server.client.post(
            "/api/v1/enroll", json={"code": "ABCD", "device_name": "lap\x00top"}, headers=PROTOCOL
        ),
        server.client.post(
            f"/api/v1/reviews/screenings/{uuid4()}/decision",
            json={"screening_version": 1, "decision": "returned", "comment": "why\x00"},
            headers=supervisor.headers,
        ),
    ]
    assert [answer.status_code for answer in asked] == [400] * len(asked)
    # In a pushed record it is that record's refusal, not the batch's.
    nul = youth(given_name="Ana\x00")
    results = server.push(device, op(nul), op(youth()))
    assert [r["status"] for r in results] == ["rejected", "applied"]


def test_personal_data_is_never_cached_and_there_is_no_swagger_page(
    server: Harness, device: Device
) -> None:
    record = youth()
    server.push(device, op(record))
    for answer in (
        server.client.get(f"/api/v1/records/youth/{record.id}", headers=device.headers),
        server.client.get("/api/v1/me", headers=device.headers),
        server.client.get("/api/v1/health"),
        server.client.get("/api/v1/nowhere"),
    ):
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert server.client.get("/api/v1/docs").status_code == 404
    assert server.client.get("/api/v1/openapi.json").status_code == 200
