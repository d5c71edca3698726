"""Who holds which youth: reassign, cover, close, by whom, audited; the team caseload listing; and
``csec-county-server reassign`` / ``close-case`` for county IT."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select

from csec_desktop.domain import Obligation, ObligationKind, utcnow
from csec_desktop.server import assignments as assigning
from csec_desktop.server.cli import main as server_cli
from csec_desktop.server.schema import assignments, audit_events, push_ops
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth


def _ask(server: Harness, device: Device, **body: Any) -> Any:
    body = {"action_id": str(uuid4()), **body}
    answer = server.client.post("/api/v1/team/assignments", json=body, headers=device.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _holders(server: Harness, youth_id: UUID) -> list[tuple[str, str]]:
    """(username, kind) of whoever holds ``youth_id`` now."""
    from csec_desktop.server.schema import users

    with server.engine.connect() as conn:
        rows = conn.execute(
            select(users.c.username, assignments.c.kind)
            .join(users, users.c.id == assignments.c.user_id)
            .where(assignments.c.youth_id == youth_id, assignments.c.end_seq.is_(None))
            .order_by(users.c.username)
        ).all()
    return [(row.username, row.kind) for row in rows]


@pytest.fixture
def team(server: Harness) -> dict[str, Device]:
    server.county()
    server.county("Kern")
    return {
        "a": server.user("cw-a", team="A"),
        "b": server.user("cw-b", team="A"),
        "c": server.user("cw-c", team="B"),
        "kern": server.user("cw-k", county="Kern"),
        "sup": server.user("sup-a", Role.SUPERVISOR, team="A"),
        "admin": server.user("admin", Role.COUNTY_ADMIN),
    }


def test_the_creator_holds_a_new_youth_and_a_supervisor_moves_it_within_the_team(
    server: Harness, team: dict[str, Device]
) -> None:
    child = youth()
    server.push(team["a"], op(child))
    assert _holders(server, child.id) == [("cw-a", "primary")]
    moved = _ask(server, team["sup"], action="reassign", from_user="cw-a", to_user="cw-b",
                 reason="caseload balance")  # fmt: skip
    assert moved == {**moved, "applied": True, "youth_ids": [str(child.id)]}
    assert _holders(server, child.id) == [("cw-b", "primary")]
    for body, refusal in [
        ({"from_user": "cw-b", "to_user": "cw-c"}, "'cw-c' is not in your team"),
        ({"from_user": "cw-b", "to_user": "cw-k"}, "no user named 'cw-k' in this county"),
        ({"from_user": "cw-a", "to_user": "cw-b"}, "cw-a holds no youth"),
        ({"from_user": "cw-b", "to_user": "cw-b"}, "is the one holding them"),
        ({"from_user": "cw-b", "to_user": "cw-a", "youth_ids": [str(uuid4())]}, "is not in cw-b"),
    ]:
        answer = _ask(server, team["sup"], action="reassign", **body)
        assert not answer["applied"] and refusal in answer["reason"]
    assert _holders(server, child.id) == [("cw-b", "primary")]
    # The county administrator may move it across teams.
    assert _ask(server, team["admin"], action="reassign", from_user="cw-b", to_user="cw-c")[
        "applied"
    ]
    assert _holders(server, child.id) == [("cw-c", "primary")]
    with server.engine.connect() as conn:
        audited = conn.execute(
            select(audit_events.c.actor, audit_events.c.detail)
            .where(audit_events.c.action == "youth_reassign")
            .order_by(audit_events.c.at)
        ).all()
    assert [tuple(row) for row in audited] == [
        ("sup-a", "cw-a -> cw-b: caseload balance"),
        ("admin", "cw-b -> cw-c"),
    ]


def test_an_action_sent_twice_is_applied_once(server: Harness, team: dict[str, Device]) -> None:
    server.push(team["a"], op(youth()), op(youth()))
    body = {"action_id": str(uuid4()), "action": "reassign", "from_user": "cw-a",
            "to_user": "cw-b"}  # fmt: skip
    first = server.client.post("/api/v1/team/assignments", json=body, headers=team["sup"].headers)
    again = server.client.post("/api/v1/team/assignments", json=body, headers=team["sup"].headers)
    assert first.json()["applied"] and again.json()["applied"]
    assert again.json()["replayed"] and not first.json()["replayed"]
    with server.engine.connect() as conn:
        rows = conn.execute(select(assignments.c.user_id, assignments.c.end_seq)).all()
        logged = conn.execute(select(push_ops.c.op_id)).scalars().all()
    assert len(rows) == 4  # two created, two moved: not four moved
    assert UUID(body["action_id"]) in logged
    other = {**body, "to_user": "cw-a"}
    reused = server.client.post("/api/v1/team/assignments", json=other, headers=team["sup"].headers)
    assert reused.json() == {**reused.json(), "applied": False,
                             "reason": "this action id was already used"}  # fmt: skip


def test_a_coverage_ends_on_its_day_and_the_primary_keeps_the_youth(
    server: Harness, team: dict[str, Device]
) -> None:
    child = youth()
    server.push(team["a"], op(child))
    yesterday = (utcnow() - timedelta(days=1)).date().isoformat()
    refused = _ask(server, team["sup"], action="cover", from_user="cw-a", to_user="cw-b",
                   until=yesterday)  # fmt: skip
    assert refused["reason"] == "a coverage must end after today"
    until = (utcnow() + timedelta(days=10)).date()
    assert _ask(server, team["sup"], action="cover", from_user="cw-a", to_user="cw-b",
                until=until.isoformat())["applied"]  # fmt: skip
    assert _holders(server, child.id) == [("cw-a", "primary"), ("cw-b", "coverage")]
    with server.engine.connect() as conn:
        ends_at = conn.execute(
            select(assignments.c.ends_at).where(assignments.c.kind == "coverage")
        ).scalar_one()
    assert ends_at == assigning.coverage_end(until)  # midnight Pacific
    assert ends_at.astimezone(assigning.COUNTY_ZONE).hour == 0
    with server.engine.begin() as conn:
        ended = assigning.caseload.end_due(conn, 1, ends_at + timedelta(seconds=1))
    assert ended == 1
    assert _holders(server, child.id) == [("cw-a", "primary")]


def test_a_closed_case_leaves_after_the_countys_retention(
    server: Harness, team: dict[str, Device]
) -> None:
    child, other = youth(), youth()
    server.push(team["a"], op(child), op(other))
    assert _ask(server, team["sup"], action="close", from_user="cw-a",
                youth_ids=[str(child.id)])["applied"]  # fmt: skip
    with server.engine.connect() as conn:
        row = conn.execute(
            select(assignments.c.ends_at, assignments.c.end_reason).where(
                assignments.c.youth_id == child.id
            )
        ).one()
    assert row.end_reason == "case_closed"
    assert timedelta(days=89) < row.ends_at - utcnow() <= timedelta(days=90)  # the default
    # A county that keeps closed cases no days: they leave at once.
    answer = server.client.put(
        "/api/v1/county/config",
        json={"mdt_referral_days": 30, "offline_lease_days": 14, "closed_case_retention_days": 0},
        headers=team["admin"].headers,
    )
    assert answer.json()["closed_case_retention_days"] == 0
    assert _ask(server, team["sup"], action="close", from_user="cw-a",
                youth_ids=[str(other.id)])["applied"]  # fmt: skip
    assert _holders(server, other.id) == []
    # A second laptop of cw-a restores what cw-a still holds: the closed case within its
    # retention, not the one closed with none.
    changes, _ = server.pull_all(server.enroll_again("cw-a"))
    assert [c for c in changes if c["kind"] == "youth_removed"] == []
    assert {c["payload"]["youth_id"] for c in changes if c["kind"] == "youth_assigned"} == {
        str(child.id)
    }
    records = {c["payload"]["record_id"] for c in changes if c["kind"] == "record"}
    assert records == {str(child.id)}


def test_the_team_caseload_lists_holders_and_open_clocks_by_caseworker(
    server: Harness, team: dict[str, Device]
) -> None:
    child, calm = youth(), youth()
    case = screening(child.id, by="cw-a")
    now = datetime.now(UTC)
    late = Obligation(youth_id=child.id, screening_id=case.id,
                      kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
                      due_at=now - timedelta(hours=2))  # fmt: skip
    soon = Obligation(youth_id=child.id, screening_id=case.id,
                      kind=ObligationKind.REFER_TO_MDT, due_at=now + timedelta(days=3))  # fmt: skip
    server.push(team["a"], op(child), op(case), op(late), op(soon))
    server.push(team["b"], op(calm))
    server.push(team["c"], op(youth()))  # team B: not listed for team A's supervisor
    listed = server.client.get("/api/v1/team/caseload", headers=team["sup"].headers).json()
    assert listed["caseworkers"] == ["cw-a", "cw-b", "sup-a"]
    rows = {(e["caseworker"], e["youth_id"]): e for e in listed["entries"]}
    assert set(rows) == {("cw-a", str(child.id)), ("cw-b", str(calm.id))}
    entry = rows[("cw-a", str(child.id))]
    assert (entry["open_obligations"], entry["overdue_obligations"]) == (2, 1)
    assert entry["next_due_at"].startswith(late.due_at.isoformat()[:16])
    assert "Test" not in str(listed)  # ids only, never names
    county = server.client.get("/api/v1/team/caseload", headers=team["admin"].headers).json()
    assert len(county["entries"]) == 3


def test_county_it_reassigns_and_closes_from_the_command_line(
    server: Harness, team: dict[str, Device], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("DATABASE_URL", server.url)
    first, second = youth(), youth()
    server.push(team["a"], op(first), op(second))

    def run(*args: str) -> tuple[int, str, str]:
        code = server_cli(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    code, out, _ = run("reassign", "--from", "cw-a", "--to", "cw-b", "--youth", str(first.id),
                       "--reason", "new team")  # fmt: skip
    assert (code, out.strip()) == (0, "1 youth moved from cw-a to cw-b")
    assert _holders(server, first.id) == [("cw-b", "primary")]
    for args, message in [
        (["--from", "nobody", "--to", "cw-b"], "no user named 'nobody'"),
        (["--from", "cw-a", "--to", "cw-b", "--youth", "not-an-id"], "not a youth id"),
        (["--from", "cw-a", "--to", "cw-b", "--until", "2001-01-01"], "must end after today"),
        (["--from", "cw-a", "--to", "cw-b", "--youth", str(first.id)], "is not in cw-a"),
    ]:
        code, _, err = run("reassign", *args)
        assert code != 0 and message in err and len(err.strip().splitlines()) == 1
    code, out, _ = run("reassign", "--from", "cw-a", "--to", "cw-c")  # a caseworker leaves
    assert code == 0 and "1 youth moved from cw-a to cw-c" in out
    code, out, _ = run("close-case", "--from", "cw-c", "--youth", str(second.id))
    assert code == 0 and "1 cases closed" in out
    with server.engine.connect() as conn:
        actors = set(
            conn.execute(
                select(audit_events.c.actor).where(audit_events.c.action.like("youth_%"))
            ).scalars()
        )
    assert actors == {"admin"}
