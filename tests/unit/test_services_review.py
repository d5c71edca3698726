"""ReviewService without a server process: the client code talks to an ``httpx.MockTransport``.
Filters, what changed since a returned version, refused and unauthorised decisions, and copies
of screenings that left the queue being deleted."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningStatus,
)
from csec_desktop.services import FixedClock, InvalidInput
from csec_desktop.services.review import (
    META_CASE_PREFIX,
    CaseNotCached,
    NotASupervisor,
    QueueFilter,
    ReviewClient,
    ReviewService,
    ScreeningChanged,
    changes_between,
)
from csec_desktop.store import Store
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.client import NotAuthenticated, RetryPolicy

NOW = datetime(2024, 6, 10, 17, tzinfo=UTC)


def screening(days_ago: int, category: CsecCategory, **changes: Any) -> Screening:
    at = NOW - timedelta(days=days_ago)
    return Screening(
        youth_id=UUID(int=days_ago + 1),
        instrument_id="ca-csec-eligibility-risk",
        instrument_version="1.0.0",
        screening_date=at.date(),
        screener="cw",
        answers={"observations": "first"},
        status=ScreeningStatus.SUBMITTED,
        determination=Determination(
            category=category, risk_level=RiskLevel.CLEAR_CONCERN, confirmed_by="cw",
            confirmed_at=at,
        ),
        submitted_at=at,
        **changes,
    )  # fmt: skip


class FakeServer:
    def __init__(self, screenings: list[Screening]) -> None:
        self.screenings = {s.id: (s, 1, ("ana", "ben")[n % 2]) for n, s in enumerate(screenings)}
        self.decision_status = 200
        self.decisions: list[dict[str, Any]] = []
        self.reads = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        if path == "/reviews/screenings":
            return httpx.Response(200, json={"screenings": [
                {"screening_id": str(s.id), "version": v, "author": a, "status": s.status.value,
                 "screening_date": s.screening_date.isoformat(),
                 "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                 "risk_level": "clear_concern", "category": s.determination.category.value}  # type: ignore[union-attr]
                for s, v, a in self.screenings.values()]})  # fmt: skip
        if path.endswith("/decision"):
            body = json.loads(request.content)
            if self.decision_status != 200:
                code = {400: "bad_request", 401: "unauthorized"}[self.decision_status]
                return httpx.Response(
                    self.decision_status, json={"error": {"code": code, "message": "nope"}}
                )
            self.decisions.append(body)
            screening_id = UUID(path.split("/")[-2])
            del self.screenings[screening_id]
            return httpx.Response(200, json={
                "review_id": str(UUID(int=99)), "screening_id": str(screening_id),
                "screening_version": body["screening_version"], "decision": body["decision"],
                "reviewer": "sup", "reviewed_at": NOW.isoformat()})  # fmt: skip
        if path.startswith("/reviews/screenings/"):
            self.reads += 1
            s, v, a = self.screenings[UUID(path.split("/")[-1])]
            return httpx.Response(
                200,
                json={
                    "screening_id": str(s.id),
                    "version": v,
                    "author": a,
                    "screening": s.model_dump(mode="json"),
                },
            )
        if path == "/reports/county":
            return httpx.Response(200, json={
                "county": "Fresno", "period_start": request.url.params["start"],
                "period_end": request.url.params["end"], "team": "A", "suppression": False,
                "counts": [{"measure": "screenings_by_category", "key": "at_risk", "value": 2,
                            "suppressed": False}]})  # fmt: skip
        return httpx.Response(404)


@pytest.fixture
def supervisor(store: Store) -> Store:
    store.set_meta(ss.META_SERVER_URL, "https://county.example")
    store.set_meta(ss.META_DEVICE_TOKEN, "token")
    store.set_meta(ss.META_ROLE, "supervisor")
    return store


def service_for(store: Store, server: FakeServer) -> ReviewService:
    def client(url: str, token: str) -> ReviewClient:
        return ReviewClient(url, token=token, retry=RetryPolicy(attempts=1),
                            transport=httpx.MockTransport(server.handle))  # fmt: skip

    return ReviewService(store, actor="sup", clock=FixedClock(NOW), client_factory=client)


def test_filters_by_caseworker_category_and_age(supervisor: Store) -> None:
    server = FakeServer([screening(5, CsecCategory.AT_RISK),
                         screening(1, CsecCategory.VICTIM_IN_CARE),
                         screening(0, CsecCategory.AT_RISK)])  # fmt: skip
    service = service_for(supervisor, server)
    report = service.sync()
    assert (report.fetched, report.awaiting, server.reads) == (3, 3, 3)
    assert service.sync().fetched == 0 and server.reads == 3  # cached: not fetched again
    assert [i.waiting.days for i in service.queue() if i.waiting is not None] == [
        5,
        1,
        0,
    ]  # oldest first
    assert len(service.queue(QueueFilter(author="ana"))) == 2
    assert len(service.queue(QueueFilter(category=CsecCategory.AT_RISK))) == 2
    assert len(service.queue(QueueFilter(min_days_waiting=1))) == 2
    assert service.authors() == ["ana", "ben"]
    figures = service.team_figures()
    assert figures is not None and figures.months[-1].month == date(2024, 6, 1)
    assert figures.months[-1].by_category == {"at_risk": 2}


def test_a_refused_decision_is_settled_and_an_unauthorised_one_waits(supervisor: Store) -> None:
    first = screening(3, CsecCategory.AT_RISK)
    server = FakeServer([first])
    service = service_for(supervisor, server)
    service.sync()
    with pytest.raises(InvalidInput):
        service.decide(first.id, ReviewDecision.RETURNED, "")
    service.decide(first.id, ReviewDecision.APPROVED)
    server.decision_status = 401
    with pytest.raises(NotAuthenticated):
        service.sync()
    assert len(service.pending()) == 1
    server.decision_status = 400
    report = service.sync()
    assert report.refused == 1 and service.pending() == []
    assert service.settled()[0].outcome == "refused"
    server.decision_status = 200
    service.decide(first.id, ReviewDecision.APPROVED)
    assert service.sync().sent == 1
    # Out of the queue: the copy of the screening is gone from the vault.
    assert supervisor.get_meta(META_CASE_PREFIX + str(first.id)) is None
    with pytest.raises(CaseNotCached):
        service.case(first.id)


def test_changes_between_versions() -> None:
    before = screening(2, CsecCategory.AT_RISK, notes="n1")
    after = before.evolve(
        answers={"observations": "second", "new_item": "yes"},
        notes="n2",
        determination=before.determination.model_copy(  # type: ignore[union-attr]
            update={"category": CsecCategory.VICTIM_IN_CARE, "override_reason": "seen"}
        ),
    )
    found = [(c.what, c.key, c.before, c.after) for c in changes_between(before, after)]
    assert found == [
        ("answer", "new_item", None, "yes"),
        ("answer", "observations", "first", "second"),
        ("determination", "category", "at_risk", "victim_in_care"),
        ("determination", "override_reason", None, "seen"),
        ("notes", "", "n1", "n2"),
    ]


def test_a_device_that_is_not_a_supervisors_cannot_sync_reviews(store: Store) -> None:
    service = ReviewService(store, actor="cw")
    assert not service.is_supervisor()
    with pytest.raises(NotASupervisor):
        service.sync()
    assert service.queue() == [] and service.team_figures() is None


def test_team_obligations_from_a_server_without_the_list_are_none_not_a_failed_sync() -> None:
    from datetime import UTC, datetime
    from uuid import uuid4

    from csec_desktop.domain import ObligationKind
    from csec_desktop.services.review import ReviewService
    from csec_desktop.sync.client import ServerRefused
    from csec_desktop.sync.protocol import TeamObligation, TeamObligations

    class OldServer:
        def team_obligations(self) -> TeamObligations:
            raise ServerRefused(404, None, "not found")

    class NewServer:
        def team_obligations(self) -> TeamObligations:
            listed = [
                TeamObligation(
                    obligation_id=uuid4(), kind=kind, due_at=datetime(2026, 1, 1, tzinfo=UTC),
                    caseworker="cw1", youth_id=uuid4(),
                )
                for kind in ("refer_to_mdt", "a_kind_from_a_newer_server")
            ]  # fmt: skip
            return TeamObligations(obligations=listed, limit=500)

    assert ReviewService._team_obligations(OldServer()) == []  # type: ignore[arg-type]
    [kept] = ReviewService._team_obligations(NewServer())  # type: ignore[arg-type]
    assert (kept.kind, kept.caseworker) == (ObligationKind.REFER_TO_MDT, "cw1")


def test_a_decision_on_a_screening_that_changed_since_it_was_shown_is_refused(
    supervisor: Store,
) -> None:
    """The supervisor read version 1; a sync brought version 2 (the caseworker resubmitted):
    deciding on what was read is refused in a plain sentence and nothing is queued."""
    first = screening(3, CsecCategory.AT_RISK)
    server = FakeServer([first])
    service = service_for(supervisor, server)
    service.sync()
    shown = service.case(first.id).version
    changed = first.evolve(answers={"observations": "second"})
    server.screenings[first.id] = (changed, shown + 1, "ana")
    service.sync()
    assert service.case(first.id).version == shown + 1
    with pytest.raises(ScreeningChanged, match="changed since it was shown") as refused:
        service.decide(first.id, ReviewDecision.APPROVED, shown_version=shown)
    assert (refused.value.shown, refused.value.now) == (shown, shown + 1)
    assert service.pending() == []
    decided = service.decide(first.id, ReviewDecision.APPROVED, shown_version=shown + 1)
    assert decided.screening_version == shown + 1
