"""Approve / return / resubmit / re-review between a caseworker's vault and a supervisor's vault
through a real county server process; the supervisor reviews offline from the vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_desktop.domain import CsecCategory, ObligationKind, ReviewDecision, ScreeningStatus
from csec_desktop.services import InvalidInput
from csec_desktop.services.review import QueueFilter, ReviewService
from csec_desktop.store import Store
from csec_desktop.sync.client import ServerUnreachable
from tests.integration.review_support import (
    SECRET,
    Team,
    fast_review_client,
    make_team,
    review_server,
)
from tests.reliability.sync_support import County, ServerProcess

__all__ = ["review_server"]


@pytest.fixture
def team(tmp_path: Path, review_server: tuple[ServerProcess, County]) -> Iterator[Team]:
    made = make_team(tmp_path, *review_server)
    yield made
    made.close()


def _vault_text(store: Store) -> bytes:
    return store.path.read_bytes()


def test_return_resubmit_rereview_and_approve(team: Team) -> None:
    submitted = team.submit_screening()
    team.caseworker.service.sync()

    report = team.review.sync()
    assert (report.fetched, report.awaiting) == (1, 1)
    [item] = team.review.queue()
    assert (item.screening_id, item.status, item.cached) == (submitted.id, "submitted", True)
    assert item.category is CsecCategory.VICTIM_BEFORE_CARE and not item.resubmitted
    assert team.review.queue(QueueFilter(author="nobody")) == []
    assert team.review.queue(QueueFilter(category=CsecCategory.AT_RISK)) == []
    assert team.review.queue(QueueFilter(min_days_waiting=1)) == []

    # Offline from here: the server is not needed to read and decide.
    case = team.review.case(submitted.id)
    assert case.screening.answers["observations"] == SECRET  # the supervisor sees it
    assert {o.kind for o in case.obligations} >= {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
    }
    assert case.changes == [] and case.returned_version is None
    with pytest.raises(InvalidInput):
        team.review.decide(submitted.id, ReviewDecision.RETURNED, "   ")
    team.review.decide(submitted.id, ReviewDecision.RETURNED, "Add who reported it.")
    assert team.review.queue()[0].pending is ReviewDecision.RETURNED
    assert SECRET.encode() not in _vault_text(team.supervisor.store)  # encrypted at rest

    sent = team.review.sync()
    assert sent.sent == 1 and sent.awaiting == 0
    assert team.review.pending() == [] and team.review.queue() == []

    team.caseworker.service.sync()
    returned = team.screenings.get(submitted.id)
    assert returned.status is ScreeningStatus.RETURNED
    [comment] = team.screenings.reviews(submitted.id)
    assert comment.comment == "Add who reported it."

    resubmitted = team.resubmit(submitted.id, {"observations": SECRET + " reported by school"})
    assert resubmitted.status is ScreeningStatus.RESUBMITTED
    team.caseworker.service.sync()

    assert team.review.sync().fetched == 1
    [again] = team.review.queue()
    assert again.resubmitted and again.status == "resubmitted"
    case = team.review.case(submitted.id)
    assert case.returned_comment == "Add who reported it."
    assert [(c.what, c.key) for c in case.changes] == [("answer", "observations")]
    assert case.changes[0].after == SECRET + " reported by school"

    team.review.decide(submitted.id, ReviewDecision.APPROVED)
    assert team.review.sync().sent == 1
    team.caseworker.service.sync()
    assert team.screenings.get(submitted.id).status is ScreeningStatus.APPROVED
    assert [s.outcome for s in team.review.settled()] == ["accepted", "accepted"]
    # The team dashboard's figures came with the sync, from the server's team report.
    figures = team.review.team_figures()
    assert figures is not None and len(figures.months) == 12
    assert figures.months[-1].by_category["victim_before_care"] == 1
    assert sum(m.by_category.get("victim_before_care", 0) for m in figures.months) == 1
    first = figures.obligations[0]
    assert first.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT
    assert (first.open_overdue, first.open_not_yet_due) == (0, 1)
    # Reads and decisions are in the supervisor's audit chain, without content.
    events = team.supervisor.store.audit_events()
    assert any(e.detail == "review" for e in events)
    assert all(SECRET not in e.detail for e in events)
    assert team.supervisor.store.verify_audit().ok


def test_decisions_wait_offline_and_a_lost_answer_settles_once(
    team: Team, review_server: tuple[ServerProcess, County]
) -> None:
    submitted = team.submit_screening()
    team.caseworker.service.sync()
    team.review.sync()
    decision = team.review.decide(submitted.id, ReviewDecision.APPROVED)

    offline = ReviewService(
        team.supervisor.store,
        actor="sup",
        client_factory=lambda _url, token: fast_review_client("http://127.0.0.1:9", token),
    )
    with pytest.raises(ServerUnreachable):
        offline.sync()
    assert offline.pending() == [decision]  # still queued, durable in the vault

    assert team.review.sync().sent == 1
    # The answer was lost: the same decision is still queued and goes out again.
    team.supervisor.store.db.write(
        lambda conn: conn.execute(
            "UPDATE outbox SET state = 'pending' WHERE op_id = ?", (str(decision.decision_id),)
        )
    )
    again = team.review.sync()
    # The server knows the decision by its id: the retry gets the first answer, so it settles
    # as accepted (it used to read "already decided", as if someone else had decided).
    assert (again.sent, again.already_decided, again.refused) == (1, 0, 0)
    assert [s.outcome for s in again.settled] == ["accepted"]
    assert team.review.pending() == []
    team.caseworker.service.sync()
    assert team.screenings.get(submitted.id).status is ScreeningStatus.APPROVED


def test_a_caseworker_device_is_not_a_supervisor(team: Team) -> None:
    caseworker_review = ReviewService(team.caseworker.store, actor="cw")
    assert not caseworker_review.is_supervisor()
    assert team.review.is_supervisor()
