"""Protocol 2's caseload feed, page by page: whatever the page size, whatever changes while a
restore runs, a device applying the pages ends up with exactly its caseload (every record once,
at its current version; nothing of a youth it no longer holds; no draft of another laptop).

Every test runs with both of PostgreSQL's ways of finding a step's records (walking the county's
writes in the step when there are few, or walking the caseload's records from the holdings):
both must give the same feed. On SQLite the two runs are the same plan."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from csec_desktop.domain import ScreeningStatus, utcnow
from csec_desktop.server import caseload_feed
from csec_desktop.server.schema import assignments
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth


@pytest.fixture(autouse=True, params=["few writes walked", "planned from holdings"])
def pull_plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "planned from holdings":
        monkeypatch.setattr(caseload_feed, "FEW_WRITES", 0)
    return str(request.param)


class Replica:
    """What a laptop would hold after applying the pages it pulled (records by id)."""

    def __init__(self) -> None:
        self.records: dict[str, tuple[int, set[str]]] = {}  # id -> (version, youth)
        self.cursor: str | None = None
        self.seen_in_step: list[str] = []

    def apply(self, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            body = change["payload"]
            if change["kind"] == "youth_removed":
                gone = body["youth_id"]
                self.records = {
                    rid: (v, y) for rid, (v, y) in self.records.items() if not y or y - {gone}
                }
            elif change["kind"] == "record":
                payload = body["payload"]
                belongs = {payload["youth_id"]} if payload.get("youth_id") else set()
                if body["record_type"] == "youth":
                    belongs = {payload["id"]}
                self.seen_in_step.append(body["record_id"])
                held = self.records.get(body["record_id"], (0, set()))[0]
                if body["version"] > held:
                    self.records[body["record_id"]] = (body["version"], belongs)

    def pull(self, server: Harness, device: Device, limit: int, pages: int | None = None) -> bool:
        """Pull ``pages`` pages (all, when None); True when the step is finished."""
        count = 0
        while pages is None or count < pages:
            page = server.pull(device, self.cursor, limit=limit)
            self.apply(page["changes"])
            self.cursor = page["next_cursor"]
            count += 1
            if not page["has_more"]:
                return True
        return False

    def versions(self) -> dict[str, int]:
        return {rid: v for rid, (v, _) in self.records.items()}


def _caseload(server: Harness, device: Device, youth_count: int) -> dict[str, int]:
    """Youth each with a screening, pushed by ``device``; returns id -> version."""
    made: dict[str, int] = {}
    for _ in range(youth_count):
        child = youth()
        case = screening(child.id)
        assert {r["status"] for r in server.push(device, op(child), op(case))} == {"applied"}
        made[str(child.id)] = made[str(case.id)] = 1
    return made


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 50])
def test_a_restore_brings_every_record_once_whatever_the_page_size(
    server: Harness, limit: int
) -> None:
    server.county()
    first = server.user("cw1")
    expected = _caseload(server, first, 4)
    draft = screening(uuid4(), status=ScreeningStatus.DRAFT)
    server.push(first, op(draft))
    second = server.enroll_again("cw1")
    replica = Replica()
    pages = []
    while True:
        page = server.pull(second, replica.cursor, limit=limit)
        replica.apply(page["changes"])
        replica.cursor = page["next_cursor"]
        pages.append(page)
        if not page["has_more"]:
            break
    assert replica.versions() == expected  # the draft stayed with the laptop that wrote it
    assert sorted(replica.seen_in_step) == sorted(expected)  # each record once
    assert all(len(p["changes"]) <= limit for p in pages)
    progress = [p["progress"] for p in pages]
    assert progress[-1] == {"done": len(expected), "total": len(expected)}
    assert [p["done"] for p in progress] == sorted(p["done"] for p in progress)
    again = server.pull(second, replica.cursor)
    assert (again["changes"], again["next_cursor"]) == ([], replica.cursor)


def test_changes_made_while_a_restore_runs_are_all_there_at_the_end(server: Harness) -> None:
    """A laptop restores in pages of 3 while the user's other laptop edits records already sent
    and not yet sent, adds a youth, and a supervisor moves one youth away and one youth in. When
    the laptop has pulled to the end (this step and the next), it holds exactly the caseload."""
    server.county()
    first = server.user("cw1", team="A")
    other = server.user("cw2", team="A")
    sup = server.user("sup", Role.SUPERVISOR, team="A")
    mine = _caseload(server, first, 6)
    theirs = youth()
    server.push(other, op(theirs), op(screening(theirs.id, by="cw2")))
    laptop = server.enroll_again("cw1")
    replica = Replica()
    assert not replica.pull(server, laptop, limit=3, pages=4)  # 6 events, then 6 records

    # A youth the restore already brought, and one it has not (a submitted screening cannot be
    # edited: the server's workflow refuses it).
    youth_ids = {rid for rid in mine if _youth_or_screening(server, rid).record_type == "youth"}
    sent = next(rid for rid in replica.records if rid in youth_ids)
    not_yet = next(rid for rid in sorted(youth_ids) if rid not in replica.records)
    edited = [_youth_or_screening(server, rid) for rid in (sent, not_yet)]
    for record in edited:
        assert server.push(first, op(record.evolve(version=2), base_version=1))[0]["status"] == (
            "applied"
        )
    fresh = youth()
    server.push(first, op(fresh))
    untouched = {str(getattr(r, "youth_id", r.id)) for r in edited}
    moved_away = next(
        rid for rid, (_, y) in replica.records.items() if y == {rid} and rid not in untouched
    )
    for body in (
        {"action": "reassign", "from_user": "cw1", "to_user": "cw2", "youth_ids": [moved_away]},
        {"action": "reassign", "from_user": "cw2", "to_user": "cw1", "youth_ids": [str(theirs.id)]},
    ):
        answer = server.client.post(
            "/api/v1/team/assignments",
            json={"action_id": str(uuid4()), **body},
            headers=sup.headers,
        )
        assert answer.json()["applied"], answer.text

    assert replica.pull(server, laptop, limit=3)  # the rest of this step
    assert replica.pull(server, laptop, limit=3)  # and the next: what changed meanwhile
    expected = _caseload_on_server(server, "cw1")
    assert str(fresh.id) in expected and str(theirs.id) in expected
    assert moved_away not in expected
    assert expected[sent] == expected[not_yet] == 2
    assert replica.versions() == expected


def _youth_or_screening(server: Harness, record_id: str) -> Any:
    from csec_desktop.domain import Screening, Youth
    from csec_desktop.server.schema import records

    with server.engine.connect() as conn:
        row = conn.execute(
            select(records.c.record_type, records.c.payload).where(
                records.c.record_id == UUID(record_id)
            )
        ).one()
    model = Youth if row.record_type == "youth" else Screening
    return model.model_validate(row.payload)


def _caseload_on_server(server: Harness, username: str) -> dict[str, int]:
    """What the server says ``username`` holds: every record (but drafts) of the youth they
    hold now, and their records of no youth anybody holds; id -> version."""
    from csec_desktop.server.schema import record_youth, records, users

    with server.engine.connect() as conn:
        user_id = conn.execute(select(users.c.id).where(users.c.username == username)).scalar()
        held = set(
            conn.execute(
                select(assignments.c.youth_id).where(
                    assignments.c.user_id == user_id, assignments.c.end_seq.is_(None)
                )
            ).scalars()
        )
        links: dict[UUID, set[UUID]] = {}
        for record_id, youth_id in conn.execute(
            select(record_youth.c.record_id, record_youth.c.youth_id)
        ):
            links.setdefault(record_id, set()).add(youth_id)
        ever_held = set(conn.execute(select(assignments.c.youth_id)).scalars())
        found = {}
        for row in conn.execute(select(records)):
            if row.status == "draft":
                continue
            linked = links.get(row.record_id, set())
            mine = linked & held or (row.owner_user_id == user_id and not linked & ever_held)
            if mine:
                found[str(row.record_id)] = row.version
    return found


def test_a_youth_moved_away_and_back_while_a_laptop_was_off_brings_what_changed(
    server: Harness,
) -> None:
    server.county()
    one = server.user("cw1", team="A")
    two = server.user("cw2", team="A")
    sup = server.user("sup", Role.SUPERVISOR, team="A")
    child = youth()
    server.push(one, op(child))
    replica = Replica()
    replica.records[str(child.id)] = (1, {str(child.id)})  # the laptop that wrote it holds it
    replica.pull(server, one, limit=10)

    def move(source: str, target: str) -> None:
        body = {"action_id": str(uuid4()), "action": "reassign", "from_user": source,
                "to_user": target, "youth_ids": [str(child.id)]}  # fmt: skip
        answer = server.client.post("/api/v1/team/assignments", json=body, headers=sup.headers)
        assert answer.json()["applied"]

    move("cw1", "cw2")
    later = screening(child.id, by="cw2")
    assert server.push(two, op(later))[0]["status"] == "applied"
    move("cw2", "cw1")
    changes, replica.cursor = server.pull_all(one, replica.cursor)
    replica.apply(changes)
    # Held at both ends of the step: no removal; the new holding is announced again.
    assert [c["kind"] for c in changes if c["kind"] != "record"] == ["youth_assigned"]
    assert replica.versions() == {str(child.id): 1, str(later.id): 1}


def test_an_ended_coverage_is_an_event_once_and_a_planned_end_holds_nothing(
    server: Harness,
) -> None:
    server.county()
    one = server.user("cw1")
    two = server.user("cw2")
    admin = server.user("admin", Role.COUNTY_ADMIN)
    child = youth()
    server.push(one, op(child))
    until = (utcnow() + timedelta(days=3)).date().isoformat()
    body = {"action_id": str(uuid4()), "action": "cover", "from_user": "cw1", "to_user": "cw2",
            "until": until}  # fmt: skip
    assert server.client.post("/api/v1/team/assignments", json=body, headers=admin.headers).json()[
        "applied"
    ]
    replica = Replica()
    replica.pull(server, two, limit=5)
    assert str(child.id) in replica.records
    with server.engine.begin() as conn:  # the day has come, and nobody pulled yet
        from sqlalchemy import update

        conn.execute(
            update(assignments)
            .where(assignments.c.kind == "coverage")
            .values(ends_at=utcnow() - timedelta(seconds=1))
        )
    # Before any pull notices, the covering caseworker can no longer write the youth's records.
    [late] = server.push(two, op(screening(child.id)))
    assert late["status"] == "rejected"
    changes, cursor = server.pull_all(two, replica.cursor)
    assert [c["kind"] for c in changes] == ["youth_removed"]
    assert server.pull_all(two, cursor)[0] == []
    with server.engine.connect() as conn:
        ended = (
            conn.execute(select(assignments.c.end_reason).where(assignments.c.end_seq.is_not(None)))
            .scalars()
            .all()
        )
    assert ended == ["coverage_ended"]


def test_a_protocol_1_laptop_keeps_its_old_feed(server: Harness) -> None:
    """A laptop not yet updated gets decisions and settings as before, and a county config
    without the fields it does not know (it refuses unknown fields)."""
    server.county()
    first = server.user("cw1")
    _caseload(server, first, 2)
    page = server.pull(server.enroll_again("cw1"), protocol=1)
    assert [c["kind"] for c in page["changes"]] == ["county_config"]
    assert set(page["config"]) == {"county", "mdt_referral_days", "offline_lease_days",
                                   "config_version"}  # fmt: skip
    assert "progress" not in page
    assert page["next_cursor"].isdigit()


def test_a_record_pushed_before_its_youth_waits_for_it_then_follows_the_youth(
    server: Harness,
) -> None:
    """A session naming a youth not on the server yet (its laptop held the youth back behind a
    conflict, say) is answered "not now": nothing is stored or remembered, so the very same
    operation is applied once the youth has arrived. The session then follows the youth: when
    the youth moves to another caseworker, the author's laptops no longer get it and the new
    caseworker's do."""
    from datetime import date

    from csec_desktop.domain import EducationSession, SessionAudience, SessionSetting
    from csec_desktop.sync.protocol import RETRY_LATER

    server.county()
    author = server.user("cw1", team="A")
    server.user("cw2", team="A")
    sup = server.user("sup", Role.SUPERVISOR, team="A")
    child = youth()
    session = EducationSession(
        session_date=date(2026, 3, 1), minutes=45, curriculum="My Life My Choice",
        audience=SessionAudience.FOSTER_YOUTH, setting=SessionSetting.SCHOOL,
        facilitators=["cw1"], attendee_youth_ids=[child.id],
    )  # fmt: skip
    waiting = op(session)
    [early] = server.push(author, waiting)
    assert early["status"] == "rejected" and early["reason"].endswith(RETRY_LATER)
    restored = server.pull_all(server.enroll_again("cw1"))[0]
    assert [c for c in restored if c["kind"] == "record"] == []  # nothing was stored
    assert server.push(author, op(child))[0]["status"] == "applied"
    [again] = server.push(author, waiting)  # the same operation id, sent again
    assert (again["status"], again.get("replayed", False)) == ("applied", False)
    body = {"action_id": str(uuid4()), "action": "reassign", "from_user": "cw1", "to_user": "cw2"}
    moved = server.client.post("/api/v1/team/assignments", json=body, headers=sup.headers)
    assert moved.json()["applied"]
    mine = server.pull_all(server.enroll_again("cw1"))[0]
    assert [c for c in mine if c["kind"] == "record"] == []
    theirs = server.pull_all(server.enroll_again("cw2"))[0]
    got = {c["payload"]["record_id"] for c in theirs if c["kind"] == "record"}
    assert got == {str(session.id), str(child.id)}
