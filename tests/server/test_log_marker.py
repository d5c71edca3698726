"""No request content in any log line: a marker planted in every request field a client controls
never appears in what the real server process prints, on SQLite and on PostgreSQL.

The requests include the ones that used to reach the log: a NaN in answers (PostgreSQL refused it
inside the transaction and its error, quoting the payload, was printed with a traceback), lone
surrogates, NUL characters, and paths and query strings, which uvicorn's access log printed as
sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from csec_desktop.domain import EducationSession, SessionAudience, SessionSetting
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Role
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    make_youth,
    postgres_database,
    sqlite_database,
)
from tests.server.conftest import op, screening

MARKER = "Zq7MarkerXw"
PROTOCOL = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_database(tmp_path)
        return
    with postgres_database() as url:
        yield url


def _device(client: httpx.Client, county: County, username: str, role: Role) -> dict[str, str]:
    county.user(username, role)
    answer = client.post("/api/v1/enroll", json={"code": county.code(username)}, headers=PROTOCOL)
    assert answer.status_code == 200, answer.text
    return {**PROTOCOL, "Authorization": f"Bearer {answer.json()['device_token']}"}


def _raw(client: httpx.Client, method: str, path: str, body: str, headers: dict[str, str]) -> int:
    answer = client.request(
        method, path, content=body.encode("utf-8", "surrogatepass"), headers=headers
    )
    return answer.status_code


def _marked_requests(
    client: httpx.Client, worker: dict[str, str], boss: dict[str, str]
) -> list[int]:
    """Every request field a client controls, carrying the marker; returns the statuses."""
    m = MARKER
    json_headers = {**worker, "Content-Type": "application/json"}
    statuses = [
        client.get(f"/api/v1/health?{m}={m}").status_code,
        client.get(f"/api/v1/{m}", headers=worker).status_code,
        client.post(
            "/api/v1/enroll", json={"code": m, "device_name": m}, headers=PROTOCOL
        ).status_code,
        client.get("/api/v1/me", headers={PROTOCOL_HEADER: m, "User-Agent": m}).status_code,
        client.get("/api/v1/me", headers={**PROTOCOL, "Authorization": f"Bearer {m}"}).status_code,
        client.get(
            "/api/v1/me", headers={**worker, "Cookie": f"{m}={m}", "Referer": m}
        ).status_code,
        client.get(f"/api/v1/records/{m}/{uuid4()}", headers=worker).status_code,
        client.get(f"/api/v1/records/youth/{m}", headers=worker).status_code,
        client.get(f"/api/v1/sync/pull?cursor={m}&limit={m}", headers=worker).status_code,
        client.get(
            f"/api/v1/reports/county?start={m}&end=2026-01-01&county={m}&format={m}", headers=boss
        ).status_code,
        client.get(f"/api/v1/reviews/screenings/{m}", headers=boss).status_code,
        client.put(
            "/api/v1/county/config",
            json={"mdt_referral_days": m, "offline_lease_days": m},
            headers=boss,
        ).status_code,
        client.post(
            "/api/v1/sync/audit-anchor", json={"seq": 1, "hash": m}, headers=worker
        ).status_code,
    ]
    # Push: valid records whose content is the marker, and every kind of bad one.
    youth = make_youth(given_name=m, family_name=m)
    marked_screening = screening(youth.id, by="cw", notes=m, answers={m: m})
    session = EducationSession(
        session_date=youth.created_at.date(), minutes=30, curriculum=m,
        audience=SessionAudience.FOSTER_YOUTH, setting=SessionSetting.SCHOOL,
        facilitators=[m], anonymous_attendee_count=3, notes=m,
    )  # fmt: skip
    nul = op(make_youth(), payload={**make_youth().model_dump(mode="json"), "notes": f"{m}\x00"})
    bad = [
        op(youth), op(marked_screening), op(session), nul,
        op(make_youth(), record_type=m),
        op(make_youth(), payload={"id": m, "given_name": m}),
    ]  # fmt: skip
    statuses.append(
        client.post("/api/v1/sync/push", json={"operations": bad}, headers=worker).status_code
    )
    nan_body = json.dumps(
        {"operations": [op(screening(youth.id, by="cw", answers={m: float("nan")}))]}
    )
    inf_body = nan_body.replace("NaN", "Infinity")
    surrogate = json.dumps({"operations": [op(make_youth(given_name=m))]}).replace(m, m + "\\ud800")
    statuses += [
        _raw(client, "POST", "/api/v1/sync/push", nan_body, json_headers),
        _raw(client, "POST", "/api/v1/sync/push", inf_body, json_headers),
        _raw(client, "POST", "/api/v1/sync/push", surrogate, json_headers),
        _raw(client, "POST", "/api/v1/sync/push", f'{{"operations": [{m}', json_headers),
        _raw(client, "POST", "/api/v1/sync/push", f'"{m}"', {**worker, "Content-Type": m}),
        _raw(
            client,
            "POST",
            "/api/v1/enroll",
            f'{{"code": "{m}\\u0000"}}',
            {**PROTOCOL, "Content-Type": "application/json"},
        ),
    ]
    big = {"operations": [op(youth, version=2**40, base_version=2**63)]}
    statuses.append(client.post("/api/v1/sync/push", json=big, headers=worker).status_code)
    decision = {"screening_version": 1, "decision": "returned", "comment": f"{m}\x00"}
    statuses.append(
        client.post(
            f"/api/v1/reviews/screenings/{marked_screening.id}/decision",
            json=decision,
            headers=boss,
        ).status_code
    )
    decision["comment"] = m
    statuses.append(
        client.post(
            f"/api/v1/reviews/screenings/{marked_screening.id}/decision",
            json=decision,
            headers=boss,
        ).status_code
    )
    return statuses


def _variants(text: str) -> list[str]:
    return [text, text.lower(), text.upper()]


def test_no_log_line_carries_request_content(database: str) -> None:
    county = County.create(database)
    server = ServerProcess(database).start()
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            worker = _device(client, county, "cw", Role.CASEWORKER)
            boss = _device(client, county, "sup", Role.SUPERVISOR)
            statuses = _marked_requests(client, worker, boss)
    finally:
        server.stop()
        county.dispose()
    output = server.output()
    assert 500 not in statuses, statuses
    # The log is alive (so its silence about the marker means something) ...
    assert "POST /api/v1/sync/push 200" in output
    assert "GET /api/v1/records/{record_type}/{record_id} 400" in output
    # ... and holds no trace of what the requests carried.
    found = [line for line in output.splitlines() if any(v in line for v in _variants(MARKER))]
    assert found == []
    assert "Traceback" not in output
