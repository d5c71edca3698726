"""The authorization matrix: every endpoint x every role x own team / other team / other county,
expecting exactly the allowed answer, and no record content in any refusal; and the caseload
feed: through assignments, reassignments, coverage that starts and ends, second laptops and
forged cursors, every record reaches exactly the devices of whoever holds its youth.

One setup serves the whole matrix (a test per cell would cost seconds each on two databases).
A route added to the API without a row here fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
from sqlalchemy import update

from csec_desktop.domain import ObligationKind, utcnow
from csec_desktop.domain.obligation import Obligation
from csec_desktop.server.schema import assignments
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth

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
SUP, ADMIN = Role.SUPERVISOR, Role.COUNTY_ADMIN


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


def _assign(server: Harness, device: Device, _screening_id: Any) -> httpx.Response:
    body = {
        "action_id": str(uuid4()),
        "action": "reassign",
        "from_user": "author",
        "to_user": "caseworker_same_team",
        "reason": "matrix",
    }
    return server.client.post("/api/v1/team/assignments", json=body, headers=device.headers)


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
    Cell(  # who may ask; what they may move is test_assignments.py's (answered applied or not)
        "POST",
        "/api/v1/team/assignments",
        _assign,
        _only({a: 200 for a, (_, role, _) in ACTORS.items() if role in (SUP, ADMIN)}),
        writes=True,
    ),
    Cell(
        "GET",
        "/api/v1/team/caseload",
        _get("/api/v1/team/caseload"),
        _only({a: 200 for a, (_, role, _) in ACTORS.items() if role in (SUP, ADMIN)}),
    ),
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
                if str(submitted.youth_id) in answer.text or "Test" in answer.text:
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


# --- the caseload feed ---------------------------------------------------------------------------


def _youth_of(change: dict[str, Any]) -> set[str]:
    """The youth a pulled record belongs to, read from the record itself."""
    payload = change["payload"]["payload"]
    if change["payload"]["record_type"] == "youth":
        return {payload["id"]}
    found = {payload["youth_id"]} if payload.get("youth_id") else set()
    found.update(payload.get("attendee_youth_ids") or [])
    return found


class Feeds:
    """Each device's cursor, and every record each has received, checked against who may."""

    def __init__(self, server: Harness) -> None:
        self.server = server
        self.cursors: dict[str, str | None] = {}
        self.leaks: list[tuple[str, str]] = []
        self.removed: dict[str, list[str]] = {}  # youth ids each device was told to remove

    def pull(self, name: str, device: Device, allowed: set[UUID]) -> set[str]:
        """Pull all of ``device``'s feed; returns the youth whose records came. A record of a
        youth outside ``allowed`` is a leak."""
        changes, self.cursors[name] = self.server.pull_all(device, self.cursors.get(name), limit=3)
        received: set[str] = set()
        for change in changes:
            if change["kind"] == "youth_removed":
                self.removed.setdefault(name, []).append(change["payload"]["youth_id"])
            if change["kind"] != "record":
                continue
            belongs = _youth_of(change)
            received |= belongs
            if belongs and not belongs & {str(y) for y in allowed}:
                self.leaks.append((name, change["payload"]["record_type"]))
        return received


def _case(server: Harness, device: Device) -> tuple[UUID, list[Any]]:
    child = youth()
    submitted = screening(child.id, by=device.username)
    records = [
        child,
        submitted,
        Obligation(
            youth_id=child.id,
            screening_id=submitted.id,
            kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
            due_at=utcnow() + timedelta(hours=20),
        ),
    ]
    assert {r["status"] for r in server.push(device, *(op(r) for r in records))} == {"applied"}
    return child.id, records


def _assign_as(server: Harness, device: Device, **body: Any) -> dict[str, Any]:
    body = {"action_id": str(uuid4()), "reason": "test", **body}
    answer = server.client.post("/api/v1/team/assignments", json=body, headers=device.headers)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_pull_sends_each_youths_records_only_to_whoever_holds_it(server: Harness) -> None:
    server.county("Fresno")
    server.county("Kern")
    a, b = server.user("cw-a", team="A"), server.user("cw-b", team="A")
    c = server.user("cw-c", team="B")
    kern = server.user("cw-k", county="Kern")
    sup = server.user("sup-a", Role.SUPERVISOR, team="A")
    admin = server.user("admin", Role.COUNTY_ADMIN)
    y1, _ = _case(server, a)
    y2, _ = _case(server, a)
    y3, y3_records = _case(server, b)
    y4, _ = _case(server, c)
    feeds = Feeds(server)

    assert feeds.pull("a", a, {y1, y2}) == set()  # its own writes do not come back
    a2 = server.enroll_again("cw-a")  # her second laptop: a restore of both youth
    assert feeds.pull("a2", a2, {y1, y2}) == {str(y1), str(y2)}
    assert feeds.pull("b", b, {y3}) == set()
    assert feeds.pull("c", c, {y4}) == set()
    assert feeds.pull("k", kern, set()) == set()
    assert feeds.pull("sup", sup, set()) == set()  # review goes through the review endpoints

    # Reassigned within the team by its supervisor: A's laptops lose Y1, B's gains its history.
    moved = _assign_as(server, sup, action="reassign", from_user="cw-a", to_user="cw-b",
                       youth_ids=[str(y1)])  # fmt: skip
    assert moved["applied"] and moved["youth_ids"] == [str(y1)]
    refused = _assign_as(server, sup, action="cover", from_user="cw-b", to_user="cw-c",
                         until=str(utcnow().date() + timedelta(days=3)))  # fmt: skip
    assert not refused["applied"] and "not in your team" in refused["reason"]
    assert feeds.pull("b", b, {y1, y3}) == {str(y1)}
    assert feeds.pull("a", a, {y2}) == set()
    assert feeds.pull("a2", a2, {y2}) == set()
    assert feeds.removed == {"a": [str(y1)], "a2": [str(y1)]}

    # Coverage across teams by the county administrator: C holds Y3 until the day after tomorrow.
    until = str(utcnow().date() + timedelta(days=2))
    covered = _assign_as(server, admin, action="cover", from_user="cw-b", to_user="cw-c",
                         youth_ids=[str(y3)], until=until)  # fmt: skip
    assert covered["applied"]
    assert feeds.pull("c", c, {y3, y4}) == {str(y3)}
    later = screening(y3, by="cw-b")
    server.push(b, op(later))
    server.push(b, op(screening(y1, by="cw-b")))
    assert feeds.pull("c", c, {y3, y4}) == {str(y3)}
    assert feeds.pull("a", a, {y2}) == set()

    # The coverage's day comes: C loses Y3 at its next pull, and gets nothing of it after.
    old_cursor = feeds.cursors["c"]
    with server.engine.begin() as conn:
        conn.execute(
            update(assignments)
            .where(assignments.c.youth_id == y3, assignments.c.kind == "coverage")
            .values(ends_at=utcnow() - timedelta(seconds=1))
        )
    ended, feeds.cursors["c"] = server.pull_all(c, feeds.cursors["c"])
    assert [(e["kind"], e["payload"]["reason"]) for e in ended] == [
        ("youth_removed", "coverage_ended")
    ]
    [after_end] = server.push(b, op(screening(y3, by="cw-b")))
    assert after_end["status"] == "applied"
    assert feeds.pull("c", c, {y4}) == set()
    # Neither a replayed old cursor nor one from the start reaches a youth no longer held.
    for forged in (old_cursor, None, "2.0.999999.1.0.0.0"):
        feeds.cursors["forged"] = forged
        assert str(y3) not in feeds.pull("forged", c, {y4})
    assert feeds.pull("k", kern, set()) == set()
    assert feeds.leaks == []
    # Caseworkers' pushes follow their caseloads too (a youth's details: a submitted screening
    # cannot be edited by anyone).
    renamed = y3_records[0].evolve(version=2, preferred_name="Jo")
    [late] = server.push(c, op(renamed, base_version=1))
    assert (late["status"], late["reason"]) == ("rejected", "this youth is not in your caseload")
    [own] = server.push(b, op(renamed, base_version=1))
    assert own["status"] == "applied"
