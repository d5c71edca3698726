"""Supervisor review, the pull feed that carries decisions and config, county/team scoping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import func, select

from csec_desktop.domain import CsecCategory, Obligation, ObligationKind, ScreeningStatus, utcnow
from csec_desktop.server.schema import audit_events, records, reviews, users
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth


def _setup(server: Harness) -> tuple[Device, Device, Any]:
    server.county()
    author = server.user("cw1", team="A")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    submitted = server.screening_by(author)
    return author, supervisor, submitted


def _decide(server: Harness, supervisor: Device, screening_id: Any, **body: Any) -> Any:
    return server.client.post(
        f"/api/v1/reviews/screenings/{screening_id}/decision",
        json={"screening_version": 1, **body},
        headers=supervisor.headers,
    )


def test_first_pull_carries_the_county_config_and_cursor_advances(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    first = server.pull(device)
    assert [c["kind"] for c in first["changes"]] == ["county_config"]
    assert first["changes"][0]["payload"]["county"] == "Fresno"
    assert first["device_status"] == "active"
    assert first["config"]["offline_lease_days"] >= 1
    again = server.pull(device, first["next_cursor"])
    assert again["changes"] == []
    assert again["next_cursor"] == first["next_cursor"]


def test_bad_cursor_is_a_400(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    answer = server.client.get(
        "/api/v1/sync/pull", params={"cursor": "x'; drop"}, headers=device.headers
    )
    assert answer.status_code == 400


def test_county_admin_config_change_reaches_every_device(server: Harness) -> None:
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    device = server.user("cw1")
    cursor = server.pull(device)["next_cursor"]
    answer = server.client.put(
        "/api/v1/county/config",
        json={"mdt_referral_days": 10, "offline_lease_days": 5},
        headers=admin.headers,
    )
    assert answer.status_code == 200
    assert answer.json()["config_version"] == 2
    pulled = server.pull(device, cursor)
    assert [c["payload"]["offline_lease_days"] for c in pulled["changes"]] == [5]
    caseworker_try = server.client.put(
        "/api/v1/county/config",
        json={"mdt_referral_days": 1, "offline_lease_days": 1},
        headers=device.headers,
    )
    assert caseworker_try.status_code == 403


def test_supervisor_reviews_and_the_decision_reaches_only_the_author(server: Harness) -> None:
    """Protocol 1 (a laptop not updated yet): the decision comes as a feed entry."""
    author, supervisor, submitted = _setup(server)
    bystander = server.user("cw2", team="A")
    cursors = {d.username: server.pull(d, protocol=1)["next_cursor"] for d in (author, bystander)}

    queue = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert [s["screening_id"] for s in queue["screenings"]] == [str(submitted.id)]
    assert queue["screenings"][0]["author"] == "cw1"

    read = server.client.get(
        f"/api/v1/reviews/screenings/{submitted.id}", headers=supervisor.headers
    )
    assert read.status_code == 200
    assert read.json()["screening"]["youth_id"] == str(submitted.youth_id)
    with server.engine.connect() as conn:
        viewed = conn.execute(
            select(audit_events.c.actor).where(audit_events.c.action == "screening_view")
        ).all()
    assert [row.actor for row in viewed] == ["sup1"]

    decided = _decide(server, supervisor, submitted.id, decision="approved")
    assert decided.status_code == 200
    assert decided.json()["decision"] == "approved"

    pulled = server.pull(author, cursors["cw1"], protocol=1)
    [change] = pulled["changes"]
    assert change["kind"] == "review_decision"
    assert change["payload"]["screening_id"] == str(submitted.id)
    assert change["payload"]["decision"] == "approved"
    assert server.pull(bystander, cursors["cw2"], protocol=1)["changes"] == []
    empty = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert empty["screenings"] == []

    # The author's device applies the decision and pushes the approved screening.
    approved = submitted.evolve(version=2, status=ScreeningStatus.APPROVED)
    assert server.push(author, op(approved, base_version=1))[0]["status"] == "applied"


def test_the_decision_reaches_the_youths_caseworker_as_a_review_record(server: Harness) -> None:
    """Protocol 2: the decision is a ``review`` record of the screening's youth, pulled by every
    device of whoever holds the youth (the author's second laptop too), and by nobody else."""
    server.county()
    author = server.user("cw1", team="A")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    bystander = server.user("cw2", team="A")
    child = youth()
    submitted = screening(child.id)
    assert [r["status"] for r in server.push(author, op(child), op(submitted))] == ["applied"] * 2
    cursors = {d.username: server.pull_all(d)[1] for d in (author, bystander)}
    second_laptop = server.enroll_again("cw1")

    assert _decide(server, supervisor, submitted.id, decision="approved").status_code == 200
    [change] = server.pull_all(author, cursors["cw1"])[0]
    assert (change["kind"], change["payload"]["record_type"]) == ("record", "review")
    assert change["payload"]["payload"]["decision"] == "approved"
    assert change["payload"]["updated_by"] == "county server"
    assert server.pull_all(bystander, cursors["cw2"])[0] == []
    restored = server.pull_all(second_laptop)[0]
    kinds = sorted(
        c["payload"].get("record_type", c["kind"]) for c in restored if c["kind"] != "county_config"
    )
    assert kinds == ["review", "screening", "youth", "youth_assigned"]


def test_returning_needs_a_comment(server: Harness) -> None:
    _author, supervisor, submitted = _setup(server)
    bare = _decide(server, supervisor, submitted.id, decision="returned", comment="  ")
    assert bare.status_code == 400
    assert "comment" in bare.json()["error"]["message"]
    ok = _decide(server, supervisor, submitted.id, decision="returned", comment="add evidence")
    assert ok.status_code == 200


def test_decision_on_a_stale_or_decided_version_is_a_409(server: Harness) -> None:
    _author, supervisor, submitted = _setup(server)
    stale = server.client.post(
        f"/api/v1/reviews/screenings/{submitted.id}/decision",
        json={"screening_version": 7, "decision": "approved"},
        headers=supervisor.headers,
    )
    assert stale.status_code == 409
    assert _decide(server, supervisor, submitted.id, decision="approved").status_code == 200
    twice = _decide(server, supervisor, submitted.id, decision="returned", comment="no")
    assert twice.status_code == 409


def test_a_retried_decision_gets_the_stored_answer_once_applied(server: Harness) -> None:
    """The supervisor's laptop sends its decision id: if the answer was lost and it sends the
    same decision again, it gets the first answer (not "already decided"), and the decision is
    applied, fed to the author and audited once."""
    author, supervisor, submitted = _setup(server)
    cursor = server.pull(author)["next_cursor"]
    decision_id = str(uuid4())
    body = {"decision": "returned", "comment": "add the evidence", "decision_id": decision_id}
    first = _decide(server, supervisor, submitted.id, **body)
    again = _decide(server, supervisor, submitted.id, **body)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["review_id"] == decision_id
    assert len(server.pull(author, cursor)["changes"]) == 1
    with server.engine.connect() as conn:
        rows = conn.execute(select(reviews.c.id)).all()
        returned = conn.execute(
            select(audit_events.c.action).where(audit_events.c.action == "screening_returned")
        ).all()
    assert [str(row.id) for row in rows] == [decision_id]
    assert len(returned) == 1

    # The same id with another decision is refused, and nothing changes.
    other = _decide(server, supervisor, submitted.id, decision="approved", decision_id=decision_id)
    assert other.status_code == 409
    assert "another decision" in other.json()["error"]["message"]
    # Another supervisor cannot reuse it either.
    second = server.user("sup2", Role.SUPERVISOR, team="A")
    assert _decide(server, second, submitted.id, **body).status_code == 409


def test_draft_is_not_in_the_queue(server: Harness) -> None:
    server.county()
    author = server.user("cw1", team="A")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    server.screening_by(author, status=ScreeningStatus.DRAFT)
    queue = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert queue["screenings"] == []


def test_supervisors_of_another_team_or_county_see_nothing(server: Harness) -> None:
    _author, _supervisor, submitted = _setup(server)
    server.county("Kern")
    other_county = server.user("sup-kern", Role.SUPERVISOR, county="Kern", team="A")
    other_team = server.user("sup-b", Role.SUPERVISOR, team="B")
    for outsider in (other_county, other_team):
        queue = server.client.get("/api/v1/reviews/screenings", headers=outsider.headers)
        assert queue.json()["screenings"] == []
        read = server.client.get(
            f"/api/v1/reviews/screenings/{submitted.id}", headers=outsider.headers
        )
        assert read.status_code == 404
        assert "youth_id" not in read.text
        decided = _decide(server, outsider, submitted.id, decision="approved")
        assert decided.status_code == 404


def test_only_supervisors_use_review_endpoints(server: Harness) -> None:
    author, _supervisor, submitted = _setup(server)
    admin = server.user("admin", Role.COUNTY_ADMIN)
    analyst = server.user("analyst", Role.STATE_ANALYST)
    for device in (author, admin, analyst):
        assert (
            server.client.get("/api/v1/reviews/screenings", headers=device.headers).status_code
            == 403
        )
        read = server.client.get(
            f"/api/v1/reviews/screenings/{submitted.id}", headers=device.headers
        )
        assert read.status_code == 403
        assert _decide(server, device, submitted.id, decision="approved").status_code == 403


def test_pull_feed_of_another_county_is_separate(server: Harness) -> None:
    author, supervisor, submitted = _setup(server)
    server.county("Kern")
    kern = server.user("cw-kern", county="Kern")
    _decide(server, supervisor, submitted.id, decision="approved")
    changes = server.pull(kern)["changes"]
    assert [c["kind"] for c in changes] == ["county_config"]
    assert changes[0]["payload"]["county"] == "Kern"
    mine = server.pull_all(author)[0]
    assert "review" in [c["payload"].get("record_type") for c in mine]


def test_supervisor_lists_the_teams_open_obligations_earliest_first(server: Harness) -> None:
    """What a supervisor chases: the team's obligations not yet done, overdue 24-hour clocks
    first, with whose they are; ids only, never a youth's name."""
    server.county()
    author = server.user("cw1", team="A")
    other_team = server.user("cw9", team="B")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    now = datetime.now(UTC)
    found = server.screening_by(author, category=CsecCategory.VICTIM_IN_CARE)
    source = {"screening_id": found.id, "youth_id": found.youth_id}
    overdue = Obligation(
        kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT, due_at=now - timedelta(hours=3),
        **source,
    )  # fmt: skip
    soon = Obligation(kind=ObligationKind.REFER_TO_MDT, due_at=now + timedelta(days=2), **source)
    done = Obligation(
        kind=ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM, due_at=now - timedelta(days=1),
        done_at=now - timedelta(days=2), **source,
    )  # fmt: skip
    far = Obligation(kind=ObligationKind.REFER_TO_MDT, due_at=now + timedelta(days=90), **source)
    for record in (soon, overdue, done, far):
        assert server.push(author, op(record))[0]["status"] == "applied"
    theirs = server.screening_by(other_team, category=CsecCategory.VICTIM_IN_CARE)
    elsewhere = Obligation(
        kind=ObligationKind.REFER_TO_MDT, due_at=now, screening_id=theirs.id,
        youth_id=theirs.youth_id,
    )  # fmt: skip
    assert server.push(other_team, op(elsewhere))[0]["status"] == "applied"

    answer = server.client.get("/api/v1/team/obligations", headers=supervisor.headers)
    assert answer.status_code == 200
    listed = answer.json()["obligations"]
    assert [o["obligation_id"] for o in listed] == [str(overdue.id), str(soon.id)]
    assert listed[0]["kind"] == "report_victim_to_law_enforcement"
    assert listed[0]["caseworker"] == "cw1"
    assert listed[0]["youth_id"] == str(source["youth_id"])


def test_a_version_already_decided_is_a_409_and_nothing_is_written(server: Harness) -> None:
    """The review's unique keys are the last guard (a decision committed between the status
    check and the insert): the second is refused, with no feed entry and no audit entry."""
    author, supervisor, submitted = _setup(server)
    other = server.user("sup2", Role.SUPERVISOR, team="A")
    with server.engine.begin() as conn:
        ids = {row.username: row.id for row in conn.execute(select(users.c.username, users.c.id))}
        county_id = conn.execute(select(records.c.county_id).limit(1)).scalar_one()
        conn.execute(
            reviews.insert().values(
                id=uuid4(),
                screening_id=submitted.id,
                screening_version=1,
                county_id=county_id,
                author_user_id=ids[author.username],
                reviewer_user_id=ids[other.username],
                decision="approved",
                comment="",
                reviewed_at=utcnow(),
            )
        )
    cursor = server.pull(author)["next_cursor"]
    with server.engine.connect() as conn:
        audited = conn.execute(select(func.count()).select_from(audit_events)).scalar_one()

    answer = _decide(server, supervisor, submitted.id, decision="approved")

    assert answer.status_code == 409, answer.text
    assert "already decided" in answer.json()["error"]["message"]
    assert server.pull(author, cursor)["changes"] == []
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(audit_events)).scalar_one() == audited
        assert conn.execute(select(func.count()).select_from(reviews)).scalar_one() == 1
