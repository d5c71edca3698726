"""A discarded draft (issue 15's corrections) against a laptop that lies: a draft may be
discarded (or arrive discarded, if it was given up before it ever synced); nothing else may be,
and a discarded screening never changes again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from csec_desktop.domain import ScreeningStatus
from csec_desktop.server.schema import records
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Harness, op, screening


def _status(server: Harness, record_id: object) -> str:
    with server.engine.connect() as conn:
        return str(
            conn.execute(select(records.c.status).where(records.c.record_id == record_id)).scalar()
        )


def _one(server: Harness, device: Any, operation: dict[str, Any]) -> dict[str, Any]:
    [result] = server.push(device, operation)
    return result


def test_a_synced_draft_is_discarded_and_then_never_changes(server: Harness) -> None:
    server.county()
    author = server.user("cw1", team="A")
    draft = screening(
        server.youth_of(author), status=ScreeningStatus.DRAFT, determination=None, submitted_at=None
    )
    assert _one(server, author, op(draft))["status"] == "applied"
    discarded = draft.evolve(version=2, status=ScreeningStatus.DISCARDED)
    assert _one(server, author, op(discarded, base_version=1))["status"] == "applied"
    assert _status(server, draft.id) == "discarded"
    revived = discarded.evolve(version=3, status=ScreeningStatus.DRAFT)
    result = _one(server, author, op(revived, base_version=2))
    assert result["status"] == "rejected"
    assert "discarded" in result["reason"]
    assert _status(server, draft.id) == "discarded"


def test_a_draft_discarded_before_it_ever_synced_arrives_discarded(server: Harness) -> None:
    server.county()
    author = server.user("cw1", team="A")
    given_up = screening(
        server.youth_of(author),
        status=ScreeningStatus.DISCARDED,
        determination=None,
        submitted_at=None,
    )
    assert _one(server, author, op(given_up))["status"] == "applied"


def test_a_submitted_screening_cannot_be_discarded_by_its_author(server: Harness) -> None:
    """A lying laptop cannot make a screening waiting for review disappear from the queue."""
    server.county()
    author = server.user("cw1", team="A")
    server.user("sup1", Role.SUPERVISOR, team="A")
    submitted = server.screening_by(author)
    result = _one(
        server, author, op(submitted.evolve(version=2, status="discarded"), base_version=1)
    )
    assert result["status"] == "rejected"
    assert _status(server, submitted.id) == "submitted"
