"""The server enforces the screening workflow, authorship and links against a laptop that lies.

Each test pushes what a modified laptop could send, straight over HTTP, and checks both the
answer and what the server holds afterwards.
"""

from __future__ import annotations

import types
import typing
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select

from csec_desktop.domain import (
    RECORD_TYPES,
    CsecCategory,
    EducationSession,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Review,
    RiskLevel,
    Screening,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
)
from csec_desktop.server.schema import records
from csec_desktop.server.workflow import LINKS
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth


def _held(server: Harness, record_id: UUID) -> tuple[int, dict[str, Any]]:
    with server.engine.connect() as conn:
        row = conn.execute(
            select(records.c.version, records.c.payload).where(records.c.record_id == record_id)
        ).one()
    return row.version, row.payload


def _decide(
    server: Harness, supervisor: Device, screening_id: UUID, version: int, **body: Any
) -> Any:
    return server.client.post(
        f"/api/v1/reviews/screenings/{screening_id}/decision",
        json={"screening_version": version, "decision": "approved", **body},
        headers=supervisor.headers,
    )


def _team(server: Harness) -> tuple[Device, Device]:
    server.county()
    return server.user("cw1", team="A"), server.user("sup1", Role.SUPERVISOR, team="A")


def _approved(server: Harness, author: Device, supervisor: Device) -> Screening:
    """Submitted as version 1, approved by the supervisor, version 2 'approved' pushed by the
    author's laptop as the app does after pulling the decision."""
    submitted = server.screening_by(author)
    assert _decide(server, supervisor, submitted.id, 1).status_code == 200
    approved = submitted.evolve(version=2, status=ScreeningStatus.APPROVED)
    [result] = server.push(author, op(approved, base_version=1))
    assert result["status"] == "applied", result
    return approved


def _one(server: Harness, device: Device, operation: dict[str, Any]) -> dict[str, Any]:
    [result] = server.push(device, operation)
    return result


# -- finding 3: the state machine, and approved content is immutable ----------------------------


def test_after_approval_changed_notes_and_risk_and_back_to_draft_are_all_refused(
    server: Harness,
) -> None:
    """The security review's sequence: after approval, v3 'approved' with other notes and risk
    level, then v4 back to draft. The approved version stays exactly as it was."""
    author, supervisor = _team(server)
    approved = _approved(server, author, supervisor)
    assert _held(server, approved.id)[1] == approved.model_dump(mode="json")

    rewritten = approved.evolve(
        version=3,
        notes="rewritten after approval",
        determination=approved.determination.model_copy(  # type: ignore[union-attr]
            update={"risk_level": RiskLevel.NO_CONCERN}
        ),
    )
    refused = _one(server, author, op(rewritten, base_version=2))
    assert refused["status"] == "rejected"
    assert "approved" in refused["reason"] and "addendum" in refused["reason"]

    back_to_draft = approved.evolve(version=3, status=ScreeningStatus.DRAFT)
    assert _one(server, author, op(back_to_draft, base_version=2))["status"] == "rejected"
    also_stale = approved.evolve(version=3, status=ScreeningStatus.DRAFT, notes="x")
    # A stale base would otherwise be kept as a conflict to resolve: an approved one has none.
    assert _one(server, author, op(also_stale, base_version=1))["status"] == "rejected"
    assert _held(server, approved.id) == (2, approved.model_dump(mode="json"))


def test_the_decision_push_cannot_carry_other_changes(server: Harness) -> None:
    author, supervisor = _team(server)
    submitted = server.screening_by(author)
    assert _decide(server, supervisor, submitted.id, 1).status_code == 200
    smuggled = submitted.evolve(version=2, status=ScreeningStatus.APPROVED, notes="added later")
    result = _one(server, author, op(smuggled, base_version=1))
    assert result["status"] == "rejected"
    assert "only the status" in result["reason"]
    assert _held(server, submitted.id) == (1, submitted.model_dump(mode="json"))


def test_approved_or_returned_needs_a_review_of_exactly_that_version_and_decision(
    server: Harness,
) -> None:
    author, supervisor = _team(server)
    never_reviewed = server.screening_by(author)
    unreviewed = never_reviewed.evolve(version=2, status=ScreeningStatus.APPROVED)
    assert _one(server, author, op(unreviewed, base_version=1))["status"] == "rejected"

    sent_back = server.screening_by(author)
    returned = _decide(server, supervisor, sent_back.id, 1, decision="returned", comment="why?")
    assert returned.status_code == 200
    approved_instead = sent_back.evolve(version=2, status=ScreeningStatus.APPROVED)
    result = _one(server, author, op(approved_instead, base_version=1))
    assert result["status"] == "rejected" and "review" in result["reason"]
    as_decided = sent_back.evolve(version=2, status=ScreeningStatus.RETURNED)
    assert _one(server, author, op(as_decided, base_version=1))["status"] == "applied"


def test_a_new_screening_cannot_arrive_approved_returned_or_resubmitted(server: Harness) -> None:
    author, _supervisor = _team(server)
    youth_id = server.youth_of(author)
    for status in (ScreeningStatus.APPROVED, ScreeningStatus.RETURNED, ScreeningStatus.RESUBMITTED):
        result = _one(server, author, op(screening(youth_id, status=status)))
        assert result["status"] == "rejected", status
    assert _one(server, author, op(screening(youth_id)))["status"] == "applied"


def test_a_submitted_screening_is_frozen_until_a_supervisor_returns_it(server: Harness) -> None:
    author, supervisor = _team(server)
    submitted = server.screening_by(author)
    edited = submitted.evolve(version=2, notes="changed while under review")
    result = _one(server, author, op(edited, base_version=1))
    assert result["status"] == "rejected" and "waits for a supervisor" in result["reason"]
    withdrawn = submitted.evolve(version=2, status=ScreeningStatus.DRAFT)
    assert _one(server, author, op(withdrawn, base_version=1))["status"] == "rejected"

    # Returned: editable again, resubmitted, approved on the new version.
    assert (
        _decide(
            server, supervisor, submitted.id, 1, decision="returned", comment="more"
        ).status_code
        == 200
    )
    returned = submitted.evolve(version=2, status=ScreeningStatus.RETURNED)
    assert _one(server, author, op(returned, base_version=1))["status"] == "applied"
    fixed = returned.evolve(version=3, notes="placement history added")
    assert _one(server, author, op(fixed, base_version=2))["status"] == "applied"
    resubmitted = fixed.evolve(version=4, status=ScreeningStatus.RESUBMITTED)
    assert _one(server, author, op(resubmitted, base_version=3))["status"] == "applied"
    assert _decide(server, supervisor, submitted.id, 4).status_code == 200
    approved = resubmitted.evolve(version=5, status=ScreeningStatus.APPROVED)
    assert _one(server, author, op(approved, base_version=4))["status"] == "applied"


def test_an_amendment_is_a_new_screening_that_goes_back_to_review(server: Harness) -> None:
    author, supervisor = _team(server)
    approved = _approved(server, author, supervisor)
    addendum = screening(
        approved.youth_id, by="cw1", amends_id=approved.id, notes="corrected placement"
    )
    assert _one(server, author, op(addendum))["status"] == "applied"
    queue = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert [s["screening_id"] for s in queue["screenings"]] == [str(addendum.id)]
    assert _held(server, approved.id) == (2, approved.model_dump(mode="json"))

    draft = server.screening_by(author, status=ScreeningStatus.DRAFT)
    of_a_draft = screening(draft.youth_id, by="cw1", amends_id=draft.id)
    result = _one(server, author, op(of_a_draft))
    assert result["status"] == "rejected" and "approved" in result["reason"]
    other_youth = screening(server.youth_of(author), by="cw1", amends_id=approved.id)
    result = _one(server, author, op(other_youth))
    assert result["status"] == "rejected" and "another youth" in result["reason"]


# -- finding 4: nobody approves their own work ---------------------------------------------------


def test_a_supervisor_cannot_approve_her_own_screening(server: Harness) -> None:
    server.county()
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    colleague = server.user("sup2", Role.SUPERVISOR, team="A")
    own = server.screening_by(supervisor)
    queue = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert queue["screenings"] == []
    answer = _decide(server, supervisor, own.id, 1)
    assert answer.status_code == 403
    assert "own work" in answer.json()["error"]["message"]
    returned = _decide(server, supervisor, own.id, 1, decision="returned", comment="self")
    assert returned.status_code == 403
    # Another supervisor of the team reviews it.
    theirs = server.client.get("/api/v1/reviews/screenings", headers=colleague.headers).json()
    assert [s["screening_id"] for s in theirs["screenings"]] == [str(own.id)]
    assert _decide(server, colleague, own.id, 1).status_code == 200


# -- finding 5: authorship from the device token, links within the county ---------------------


def test_screener_and_confirming_user_are_the_signed_in_user(server: Harness) -> None:
    author, _supervisor = _team(server)
    youth_id = server.youth_of(author)
    impostor = screening(youth_id, by="sup1")
    result = _one(server, author, op(impostor))
    assert result["status"] == "rejected" and "screener" in result["reason"]
    half = screening(youth_id, by="cw1")
    half = half.evolve(
        determination=half.determination.model_copy(update={"confirmed_by": "sup1"})  # type: ignore[union-attr]
    )
    result = _one(server, author, op(half))
    assert result["status"] == "rejected" and "confirmed by" in result["reason"]

    draft = server.screening_by(author, status=ScreeningStatus.DRAFT)
    renamed = draft.evolve(version=2, screener="sup1")
    assert _one(server, author, op(renamed, base_version=1))["status"] == "rejected"
    kept = draft.evolve(version=2, notes="more notes")
    assert _one(server, author, op(kept, base_version=1))["status"] == "applied"


def test_a_screening_cannot_point_at_another_countys_youth(server: Harness) -> None:
    server.county("Fresno")
    server.county("Kern")
    fresno = server.user("cw1", team="A")
    kern = server.user("cw-kern", county="Kern", team="A")
    kern_youth = server.youth_of(kern, county="Kern")
    result = _one(server, fresno, op(screening(kern_youth, by="cw1")))
    assert result["status"] == "rejected" and "youth_id" in result["reason"]
    nowhere = _one(server, fresno, op(screening(uuid4(), by="cw1")))
    assert nowhere["status"] == "rejected"
    with server.engine.connect() as conn:
        assert (
            conn.execute(
                select(records.c.record_type).where(records.c.record_type == "screening")
            ).all()
            == []
        )


def test_every_link_must_be_a_record_of_the_county_and_of_the_same_youth(server: Harness) -> None:
    server.county("Fresno")
    server.county("Kern")
    fresno = server.user("cw1", team="A")
    kern = server.user("cw-kern", county="Kern", team="A")
    mine = server.screening_by(fresno, category=CsecCategory.VICTIM_IN_CARE)
    theirs = server.screening_by(kern, county="Kern")
    other_youth = server.youth_of(fresno)
    due = datetime.now(UTC) + timedelta(hours=24)
    kind = ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT

    cross_county = Obligation(youth_id=mine.youth_id, kind=kind, due_at=due, screening_id=theirs.id)
    cross_youth = Obligation(youth_id=other_youth, kind=kind, due_at=due, screening_id=mine.id)
    episode = MissingEpisode(youth_id=theirs.youth_id, started_at=datetime.now(UTC))
    session = EducationSession(
        session_date=datetime.now(UTC).date(),
        minutes=60,
        curriculum="My Life My Choice",
        audience=SessionAudience.FOSTER_YOUTH,
        setting=SessionSetting.GROUP_HOME,
        facilitators=["cw1"],
        attendee_youth_ids=[mine.youth_id, theirs.youth_id],
    )
    for record in (cross_county, cross_youth, episode, session):
        result = _one(server, fresno, op(record))
        assert result["status"] == "rejected", record.record_type

    fine = Obligation(youth_id=mine.youth_id, kind=kind, due_at=due, screening_id=mine.id)
    assert _one(server, fresno, op(fine))["status"] == "applied"


def test_links_to_records_earlier_in_the_same_batch_are_accepted(server: Harness) -> None:
    author, _supervisor = _team(server)
    new_youth = youth()
    submitted = screening(new_youth.id, by="cw1", category=CsecCategory.VICTIM_IN_CARE)
    obligation = Obligation(
        youth_id=new_youth.id,
        kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        due_at=datetime.now(UTC) + timedelta(hours=24),
        screening_id=submitted.id,
    )
    results = server.push(author, op(new_youth), op(submitted), op(obligation))
    assert [r["status"] for r in results] == ["applied"] * 3


def _uuid_fields(model: type[Any]) -> set[str]:
    found = set()
    for name, field in model.model_fields.items():
        if name == "id":
            continue
        annotation = field.annotation
        parts = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else ()
        inner = [annotation, *parts, *(typing.get_args(p) for p in parts)]
        flat = [x for item in inner for x in (item if isinstance(item, tuple) else (item,))]
        if UUID in flat or UUID in typing.get_args(annotation):
            found.add(name)
    return found


def test_every_id_field_of_every_pushed_record_type_is_a_checked_link() -> None:
    """A record type added later (with a link to a youth, say) must name its links, or a laptop
    could point it anywhere."""
    for record_type, model in RECORD_TYPES.items():
        if model is Review:
            continue  # made on the server, never pushed
        assert _uuid_fields(model) == set(LINKS.get(record_type, {})), record_type


# -- finding 11: size limits per record type --------------------------------------------------


def test_an_oversized_record_is_rejected_naming_the_limit_and_the_rest_applied(
    server: Harness,
) -> None:
    author, supervisor = _team(server)
    youth_id = server.youth_of(author)
    huge = screening(youth_id, by="cw1", answers={"free_text": "x" * (3 * 1024 * 1024)})
    fine = screening(youth_id, by="cw1")
    results = server.push(author, op(huge), op(fine))
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["reason"] == "a screening record may be at most 512 KiB; this one is 3.0 MiB"
    queue = server.client.get("/api/v1/reviews/screenings", headers=supervisor.headers).json()
    assert [s["screening_id"] for s in queue["screenings"]] == [str(fine.id)]
