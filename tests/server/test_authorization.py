"""The authorization matrix: every endpoint x every role x own team / other team / other county,
expecting exactly the allowed answer, and no record content in any refusal.

One setup serves the whole matrix (a test per cell would cost seconds each on two databases).
A route added to the API without a row here fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening

# Who asks, relative to the screening's author "author" (caseworker, Fresno, team A).
ACTORS = {
    "author": ("Fresno", Role.CASEWORKER, "A"),
    "caseworker_same_team": ("Fresno", Role.CASEWORKER, "A"),
    "supervisor_own_team": ("Fresno", Role.SUPERVISOR, "A"),
    "supervisor_other_team": ("Fresno", Role.SUPERVISOR, "B"),
    "admin": ("Fresno", Role.COUNTY_ADMIN, "A"),
    "analyst": ("Fresno", Role.STATE_ANALYST, "A"),
    "caseworker_other_county": ("Kern", Role.CASEWORKER, "A"),
    "supervisor_other_county": ("Kern", Role.SUPERVISOR, "A"),
    "admin_other_county": ("Kern", Role.COUNTY_ADMIN, "A"),
    "analyst_other_county": ("Kern", Role.STATE_ANALYST, "A"),
}
EVERYONE = dict.fromkeys(ACTORS, 200)


def _only(allowed: dict[str, int], otherwise: int = 403) -> dict[str, int]:
    return {actor: allowed.get(actor, otherwise) for actor in ACTORS}


@dataclass
class Cell:
    method: str
    path: str  # a route path, with {screening_id} filled in by the test
    request: Callable[[Harness, Device, Any], httpx.Response]
    expected: dict[str, int]
    writes: bool = False  # a successful call changes state: it runs after every refusal


PERIOD = "period=2020"  # a closed year: every role that sees figures may ask for it


def _get(path: str) -> Callable[[Harness, Device, Any], httpx.Response]:
    def call(server: Harness, device: Device, screening_id: Any) -> httpx.Response:
        return server.client.get(path.format(screening_id=screening_id), headers=device.headers)

    return call


def _push(server: Harness, device: Device, _screening_id: Any) -> httpx.Response:
    body = {"operations": [op(screening())]}
    return server.client.post("/api/v1/sync/push", json=body, headers=device.headers)


def _decide(server: Harness, device: Device, screening_id: Any) -> httpx.Response:
    return server.client.post(
        f"/api/v1/reviews/screenings/{screening_id}/decision",
        json={"screening_version": 1, "decision": "approved"},
        headers=device.headers,
    )


def _config(server: Harness, device: Device, _screening_id: Any) -> httpx.Response:
    body = {"mdt_referral_days": 20, "offline_lease_days": 7}
    return server.client.put("/api/v1/county/config", json=body, headers=device.headers)


def _record(server: Harness, device: Device, screening_id: Any) -> httpx.Response:
    path = f"/api/v1/records/screening/{screening_id}"
    return server.client.get(path, headers=device.headers)


def _anchor(server: Harness, device: Device, _screening_id: Any) -> httpx.Response:
    body = {"seq": 3, "hash": "ab" * 32}
    return server.client.post("/api/v1/sync/audit-anchor", json=body, headers=device.headers)


REVIEWERS = {
    "supervisor_own_team": 200,
    "supervisor_other_team": 404,
    "supervisor_other_county": 404,
}
MATRIX = [
    Cell("GET", "/api/v1/me", _get("/api/v1/me"), EVERYONE),
    Cell("GET", "/api/v1/sync/pull", _get("/api/v1/sync/pull"), EVERYONE),
    Cell(
        "POST",
        "/api/v1/sync/push",
        _push,
        _only(
            dict.fromkeys(
                [a for a, (_, r, _) in ACTORS.items() if r in ("caseworker", "supervisor")], 200
            )
        ),
        writes=True,
    ),
    Cell("POST", "/api/v1/sync/audit-anchor", _anchor, EVERYONE, writes=True),
    Cell(  # the server's copy of a record: its owner and the owner's team supervisor only
        "GET",
        "/api/v1/records/{record_type}/{record_id}",
        _record,
        _only(
            {
                "author": 200,
                "caseworker_same_team": 404,
                "supervisor_own_team": 200,
                "supervisor_other_team": 404,
                "caseworker_other_county": 404,
                "supervisor_other_county": 404,
            }
        ),
    ),
    Cell(
        "GET",
        "/api/v1/reviews/screenings",
        _get("/api/v1/reviews/screenings"),
        _only(
            {
                "supervisor_own_team": 200,
                "supervisor_other_team": 200,
                "supervisor_other_county": 200,
            }
        ),
    ),
    Cell(
        "GET",
        "/api/v1/reviews/screenings/{screening_id}",
        _get("/api/v1/reviews/screenings/{screening_id}"),
        _only(REVIEWERS),
    ),
    Cell(
        "POST",
        "/api/v1/reviews/screenings/{screening_id}/decision",
        _decide,
        _only(REVIEWERS),
        writes=True,
    ),
    Cell(
        "GET",
        "/api/v1/reports/county",
        _get(f"/api/v1/reports/county?{PERIOD}"),
        _only(
            {
                a: 200
                for a, (_, role, _) in ACTORS.items()
                if role in ("supervisor", "county_admin", "state_analyst")
            }
        ),
    ),
    Cell(  # another county's figures: the state analyst only
        "GET",
        "/api/v1/reports/county",
        _get(f"/api/v1/reports/county?{PERIOD}&county=Fresno"),
        _only(
            {
                "supervisor_own_team": 200,
                "supervisor_other_team": 200,
                "admin": 200,
                "analyst": 200,
                "analyst_other_county": 200,
            }
        ),
    ),
    Cell(  # each supervisor's own team's open obligations
        "GET",
        "/api/v1/team/obligations",
        _get("/api/v1/team/obligations"),
        _only(
            {
                "supervisor_own_team": 200,
                "supervisor_other_team": 200,
                "supervisor_other_county": 200,
            }
        ),
    ),
    Cell(  # the county's sync conflicts (metadata only): county IT
        "GET",
        "/api/v1/county/conflicts",
        _get("/api/v1/county/conflicts"),
        _only({"admin": 200, "admin_other_county": 200}),
    ),
    Cell(
        "PUT",
        "/api/v1/county/config",
        _config,
        _only({"admin": 200, "admin_other_county": 200}),
        writes=True,
    ),
]
# Served without a device token (each has its own tests).
PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/enroll")}


def test_every_route_is_in_the_matrix(server: Harness) -> None:
    spec = server.client.get("/api/v1/openapi.json").json()
    routes = {
        (method.upper(), path) for path, methods in spec["paths"].items() for method in methods
    }
    covered = {(cell.method, cell.path) for cell in MATRIX} | PUBLIC
    assert routes == covered


def test_authorization_matrix(server: Harness) -> None:
    server.county("Fresno")
    server.county("Kern")
    devices = {
        actor: server.user(actor, role, county=county, team=team)
        for actor, (county, role, team) in ACTORS.items()
    }
    submitted = server.screening_by(devices["author"])

    answers: dict[tuple[str, str, str], int] = {}
    leaks = []
    # Refusals first, then the calls that may change state, so each cell sees the same data.
    for cell in sorted(MATRIX, key=lambda c: c.writes):
        order = sorted(ACTORS, key=lambda actor: cell.expected[actor] == 200)
        for actor in order:
            answer = cell.request(server, devices[actor], submitted.id)
            answers[(cell.method, cell.path, actor)] = answer.status_code
            if answer.status_code != 200:
                assert answer.json()["error"]["code"] in {"forbidden", "not_found"}
                if str(submitted.youth_id) in answer.text:
                    leaks.append((cell.method, cell.path, actor))
    expected = {
        (cell.method, cell.path, actor): status
        for cell in MATRIX
        for actor, status in cell.expected.items()
    }
    wrong = {key: (answers[key], want) for key, want in expected.items() if answers[key] != want}
    assert wrong == {}, "answers (got, expected) that differ from the matrix"
    assert leaks == []


def test_queues_show_only_the_own_team(server: Harness) -> None:
    server.county("Fresno")
    server.county("Kern")
    author = server.user("author", Role.CASEWORKER, team="A")
    own = server.user("sup-a", Role.SUPERVISOR, team="A")
    other_team = server.user("sup-b", Role.SUPERVISOR, team="B")
    other_county = server.user("sup-k", Role.SUPERVISOR, county="Kern", team="A")
    submitted = server.screening_by(author)
    queues = {
        name: server.client.get("/api/v1/reviews/screenings", headers=d.headers).json()
        for name, d in [("own", own), ("team", other_team), ("county", other_county)]
    }
    assert [s["screening_id"] for s in queues["own"]["screenings"]] == [str(submitted.id)]
    assert queues["team"]["screenings"] == []
    assert queues["county"]["screenings"] == []
