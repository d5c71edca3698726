"""A supervisor's review of the team's submitted screenings, usable offline.

The county server holds the team's screenings; a supervisor's enrolled device pulls the review
queue and each screening in it into its own encrypted vault (meta rows under ``review.``: the
vault encrypts them like everything else), so the supervisor can read and decide in a car with no
network. A decision waits in the vault's outbox, like a caseworker's edits, and goes with the next
sync, whichever starts it (``review_outbox``: its id makes a retry after a lost answer safe).
The review endpoints are the one sync client's (``sync.client.SyncClient``).

When a supervisor returns a screening, the vault keeps the version returned, so that when the
caseworker resubmits, :meth:`ReviewService.case` shows what changed since (``changes``).
Copies of screenings that left the queue (decided by anyone) are deleted at the next refresh.

Nothing here is logged; exceptions carry no screening content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue, ValidationError

from csec_desktop.domain import (
    CsecCategory,
    Obligation,
    ObligationKind,
    ReviewDecision,
    RiskLevel,
    Screening,
)
from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.base import STORED
from csec_desktop.domain.deadlines import obligations_for_determination
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services import review_outbox
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.errors import InvalidInput, ServiceError
from csec_desktop.services.review_outbox import (
    META_RETURNED_PREFIX,
    PendingDecision,
    SettledDecision,
)
from csec_desktop.services.sync import SyncService
from csec_desktop.store import Store
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.client import CancelToken, ServerRefused, SyncClient
from csec_desktop.sync.protocol import (
    CountyReport,
    ReviewQueue,
    ScreeningSummary,
)

SUPERVISOR_ROLE = "supervisor"
META_QUEUE = "review.queue"  # ReviewQueue as JSON: the team's screenings awaiting a decision
META_REFRESHED = "review.refreshed_at"
META_CASE_PREFIX = "review.case."  # + screening id: the screening as the server gave it
META_DASHBOARD = "review.dashboard"  # TeamFigures as JSON: the team's monthly figures
DASHBOARD_MONTHS = 12
# The 24-hour clocks first: they are the ones a supervisor must never see missed.
OBLIGATION_ORDER = (
    ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
    ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
    ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
    ObligationKind.REFER_TO_MDT,
    ObligationKind.SCREEN_RETURNING_YOUTH,
)
META_CA_BUNDLE = "sync.ca_bundle"  # (services.sync keeps it; read here for the same TLS trust)


class NotASupervisor(ServiceError):
    def __init__(self) -> None:
        super().__init__("this device is not enrolled for a supervisor")


class CaseNotCached(ServiceError):
    def __init__(self) -> None:
        super().__init__("this screening is not on this device; sync to fetch the review queue")


class ScreeningChanged(ServiceError):
    """The screening on this device is no longer the version the supervisor was shown."""

    def __init__(self, shown: int, now: int) -> None:
        super().__init__(
            f"this screening changed since it was shown (version {shown} was read, version "
            f"{now} is here now): read it again, then decide"
        )
        self.shown = shown
        self.now = now


# The review endpoints moved into the one sync client; the name stays for callers that build one.
ReviewClient = SyncClient

ReviewClientFactory = Callable[[str, str], ReviewClient]


# -- what is kept in the vault ---------------------------------------------------------------


class _Kept(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CachedCase(_Kept):
    screening_id: UUID
    version: int
    author: str
    screening: dict[str, JsonValue]
    fetched_at: AwareDatetime


class ReturnedCopy(_Kept):
    version: int
    comment: str
    screening: dict[str, JsonValue]


class MonthFigures(_Kept):
    month: date  # the first day of the month
    by_category: dict[str, int]
    by_risk_level: dict[str, int]
    sessions: int
    youth_reached: int


class ObligationClock(_Kept):
    kind: ObligationKind
    open_overdue: int
    open_not_yet_due: int


class OpenObligation(_Kept):
    """One of the team's open obligations, as the dashboard lists it."""

    kind: ObligationKind
    due_at: AwareDatetime
    caseworker: str


class TeamFigures(_Kept):
    """The team dashboard's figures from the server's team report, kept for offline use."""

    months: list[MonthFigures]
    obligations: list[ObligationClock]  # open ones due from a year ago to a month ahead
    fetched_at: AwareDatetime
    # The same open obligations one by one, earliest due first (empty from a server without
    # the list, or in a copy kept before it existed).
    open_obligations: list[OpenObligation] = Field(default_factory=list)


def _month_starts(today: date, count: int) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _values(report: CountyReport, measure: str) -> dict[str, int]:
    return {c.key: c.value or 0 for c in report.counts if c.measure == measure}


# -- what the GUI sees -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueItem:
    screening_id: UUID
    version: int
    author: str
    status: str
    screening_date: date | None
    submitted_at: datetime | None
    category: CsecCategory | None
    risk_level: RiskLevel | None
    waiting: timedelta | None  # since submission
    cached: bool  # readable offline
    resubmitted: bool  # this device returned an earlier version
    pending: ReviewDecision | None  # decided here, not yet sent


@dataclass(frozen=True, slots=True)
class QueueFilter:
    author: str | None = None
    category: CsecCategory | None = None
    min_days_waiting: int | None = None  # at least this many whole days since submission


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the returned version and the resubmitted one."""

    what: str  # "answer", "determination", "eligibility", "notes"
    key: str  # the item id, the determination field, the element id; "" for notes
    before: JsonValue
    after: JsonValue


@dataclass(frozen=True, slots=True)
class ReviewCase:
    screening: Screening
    version: int
    author: str
    obligations: list[Obligation]  # what the determination creates (the county's rules)
    returned_version: int | None
    returned_comment: str | None
    changes: list[Change]
    pending: PendingDecision | None


@dataclass(slots=True)
class ReviewSyncReport:
    sent: int = 0
    already_decided: int = 0
    refused: int = 0
    fetched: int = 0
    awaiting: int = 0
    settled: list[SettledDecision] = field(default_factory=list)


def changes_between(before: Screening, after: Screening) -> list[Change]:
    """What changed from ``before`` (the returned version) to ``after`` (the resubmitted one)."""
    found: list[Change] = []
    for key in sorted(set(before.answers) | set(after.answers)):
        old, new = before.answers.get(key), after.answers.get(key)
        if old != new:
            found.append(Change("answer", key, old, new))
    old_det = before.determination.model_dump(mode="json") if before.determination else {}
    new_det = after.determination.model_dump(mode="json") if after.determination else {}
    for key in ("category", "risk_level", "override_reason", "timing"):
        if old_det.get(key) != new_det.get(key):
            found.append(Change("determination", key, old_det.get(key), new_det.get(key)))
    old_el = {e.element_id: e.model_dump(mode="json") for e in before.eligibility}
    new_el = {e.element_id: e.model_dump(mode="json") for e in after.eligibility}
    for key in sorted(set(old_el) | set(new_el)):
        if old_el.get(key) != new_el.get(key):
            found.append(Change("eligibility", key, old_el.get(key), new_el.get(key)))
    if before.notes != after.notes:
        found.append(Change("notes", "", before.notes, after.notes))
    return found


# -- the service -------------------------------------------------------------------------------


class ReviewService:
    """Review of the team's screenings on a supervisor's enrolled device.

    ``queue``, ``case`` and ``decide`` work offline from the vault; ``sync`` talks to the server
    (call it off the GUI thread).
    """

    def __init__(
        self,
        store: Store,
        *,
        actor: str,
        policy: CountyPolicy | None = None,
        clock: Clock = system_clock,
        client_factory: ReviewClientFactory | None = None,
    ) -> None:
        self.store = store
        self.actor = actor
        self.policy = policy or county_policy(store)
        self.clock = clock
        self._client_factory = client_factory or self._default_client

    def _default_client(self, url: str, token: str) -> ReviewClient:
        bundle = self.store.get_meta(META_CA_BUNDLE)
        return ReviewClient(
            url, token=token, ca_bundle=Path(bundle) if bundle else None, cancel=CancelToken()
        )

    # -- who ---------------------------------------------------------------------------------

    def is_supervisor(self) -> bool:
        return (
            self.store.get_meta(ss.META_ROLE) == SUPERVISOR_ROLE
            and self.store.get_meta(ss.META_DEVICE_TOKEN) is not None
        )

    # -- reading (offline) ---------------------------------------------------------------------

    def _queue(self) -> list[ScreeningSummary]:
        raw = self.store.get_meta(META_QUEUE)
        return ReviewQueue.model_validate_json(raw).screenings if raw else []

    def pending(self) -> list[PendingDecision]:
        """Decisions taken here and not yet answered by the server (in the outbox)."""
        return review_outbox.pending(self.store)

    def settled(self) -> list[SettledDecision]:
        return review_outbox.settled(self.store)

    def refreshed_at(self) -> datetime | None:
        raw = self.store.get_meta(META_REFRESHED)
        return datetime.fromisoformat(raw) if raw else None

    def _cached(self, screening_id: UUID) -> CachedCase | None:
        raw = self.store.get_meta(META_CASE_PREFIX + str(screening_id))
        return CachedCase.model_validate_json(raw) if raw else None

    def _returned(self, screening_id: UUID) -> ReturnedCopy | None:
        raw = self.store.get_meta(META_RETURNED_PREFIX + str(screening_id))
        return ReturnedCopy.model_validate_json(raw) if raw else None

    def queue(self, wanted: QueueFilter | None = None) -> list[QueueItem]:
        """The team's screenings awaiting a decision, oldest submission first."""
        wanted = wanted or QueueFilter()
        now = now_utc(self.clock)
        pending = {(p.screening_id, p.screening_version): p.decision for p in self.pending()}
        items = []
        for summary in self._queue():
            category = _enum(CsecCategory, summary.category)
            waiting = now - summary.submitted_at if summary.submitted_at else None
            if wanted.author and summary.author != wanted.author:
                continue
            if wanted.category and category is not wanted.category:
                continue
            if wanted.min_days_waiting is not None and (
                waiting is None or waiting < timedelta(days=wanted.min_days_waiting)
            ):
                continue
            items.append(
                QueueItem(
                    screening_id=summary.screening_id,
                    version=summary.version,
                    author=summary.author,
                    status=summary.status,
                    screening_date=summary.screening_date,
                    submitted_at=summary.submitted_at,
                    category=category,
                    risk_level=_enum(RiskLevel, summary.risk_level),
                    waiting=waiting,
                    cached=self._cached(summary.screening_id) is not None,
                    resubmitted=self._returned(summary.screening_id) is not None,
                    pending=pending.get((summary.screening_id, summary.version)),
                )
            )
        return sorted(items, key=lambda i: (i.submitted_at is None, i.submitted_at or now))

    def authors(self) -> list[str]:
        return sorted({s.author for s in self._queue()})

    def case(self, screening_id: UUID) -> ReviewCase:
        """One cached screening to read, with what changed since this device returned it.
        Every read is recorded in the vault's audit log."""
        cached = self._cached(screening_id)
        if cached is None:
            raise CaseNotCached()
        try:
            screening = Screening.model_validate(cached.screening, context=STORED)
        except ValidationError:
            raise CaseNotCached() from None
        returned = self._returned(screening_id)
        changes: list[Change] = []
        if returned is not None and returned.version < cached.version:
            before = Screening.model_validate(returned.screening, context=STORED)
            changes = changes_between(before, screening)
        obligations = (
            obligations_for_determination(
                screening.determination,
                youth_id=screening.youth_id,
                screening_id=screening.id,
                policy=self.policy,
            )
            if screening.determination is not None
            else []
        )
        pending = next(
            (
                p
                for p in self.pending()
                if p.screening_id == screening_id and p.screening_version == cached.version
            ),
            None,
        )
        self.store.record_event(
            AuditAction.VIEW, actor=self.actor, record=screening, detail="review"
        )
        return ReviewCase(
            screening=screening,
            version=cached.version,
            author=cached.author,
            obligations=obligations,
            returned_version=returned.version if returned else None,
            returned_comment=returned.comment if returned else None,
            changes=changes,
            pending=pending,
        )

    # -- deciding (offline) --------------------------------------------------------------------

    def decide(
        self,
        screening_id: UUID,
        decision: ReviewDecision,
        comment: str = "",
        *,
        shown_version: int | None = None,
    ) -> PendingDecision:
        """Queue a decision on the cached version; it is sent at the next :meth:`sync`.

        Returning needs a comment. Deciding again before the sync replaces the queued decision.
        ``shown_version`` is the version the supervisor read: a decision on a screening that
        changed since (a sync brought a newer version) is refused with ``ScreeningChanged``.
        """
        comment = comment.strip()
        if decision is ReviewDecision.RETURNED and not comment:
            raise InvalidInput.on(
                "comment", "return_needs_comment", "a returned screening needs a comment"
            )
        if len(comment) > 10_000:
            raise InvalidInput.on(
                "comment", "string_too_long", "at most 10,000 characters", max_length=10_000
            )
        cached = self._cached(screening_id)
        if cached is None:
            raise CaseNotCached()
        if shown_version is not None and shown_version != cached.version:
            raise ScreeningChanged(shown_version, cached.version)
        queued = PendingDecision(
            screening_id=screening_id,
            screening_version=cached.version,
            decision=decision,
            comment=comment,
            decided_at=now_utc(self.clock),
        )

        def _queue() -> PendingDecision:
            kept = review_outbox.queue(self.store, queued)
            if decision is ReviewDecision.RETURNED:
                copy = ReturnedCopy(
                    version=cached.version, comment=comment, screening=cached.screening
                )
                self.store.set_meta(
                    META_RETURNED_PREFIX + str(screening_id), copy.model_dump_json()
                )
            self.store.record_event(
                AuditAction.UPDATE, actor=self.actor, detail=f"review {decision.value} queued"
            )
            return kept

        return self.store.atomically(_queue)

    # -- talking to the server -----------------------------------------------------------------

    def sync(self) -> ReviewSyncReport:
        """Send what waits in the outbox (decisions, and any other unsent work: one queue), then
        refresh the queue and fetch the screenings not yet here, and the team's figures.

        Raises ``ServerUnreachable`` (queued decisions stay) or ``ServerRefused``.
        """
        url = self.store.get_meta(ss.META_SERVER_URL)
        token = self.store.get_meta(ss.META_DEVICE_TOKEN)
        if not url or not token:
            raise NotASupervisor()
        if self.store.get_meta(ss.META_ROLE) != SUPERVISOR_ROLE:
            raise NotASupervisor()
        report = ReviewSyncReport()
        started = now_utc(self.clock)
        sender = SyncService(
            self.store,
            actor=self.actor,
            clock=self.clock,
            client_factory=lambda u, t, _cancel: self._client_factory(u, t or ""),
        )
        sender.send_pending()
        report.settled = [s for s in self.settled() if s.settled_at >= started]
        report.sent = sum(1 for s in report.settled if s.outcome == "accepted")
        report.already_decided = sum(1 for s in report.settled if s.outcome == "already_decided")
        report.refused = sum(1 for s in report.settled if s.outcome == "refused")
        client = self._client_factory(url, token)
        try:
            self._refresh(client, report)
            self._refresh_dashboard(client)
        finally:
            client.close()
        return report

    def _refresh(self, client: ReviewClient, report: ReviewSyncReport) -> None:
        queue = client.review_queue()
        fetched: dict[UUID, CachedCase] = {}
        for summary in queue.screenings:
            cached = self._cached(summary.screening_id)
            if cached is not None and cached.version == summary.version:
                continue
            answer = client.screening_for_review(summary.screening_id)
            fetched[summary.screening_id] = CachedCase(
                screening_id=answer.screening_id,
                version=answer.version,
                author=answer.author,
                screening=answer.screening,
                fetched_at=now_utc(self.clock),
            )
        report.fetched = len(fetched)
        report.awaiting = len(queue.screenings)
        waiting = {s.screening_id for s in queue.screenings}
        previous = {s.screening_id for s in self._queue()}
        undecided = {p.screening_id for p in self.pending()}

        def _store() -> None:
            for screening_id, case in fetched.items():
                self.store.set_meta(META_CASE_PREFIX + str(screening_id), case.model_dump_json())
            # Out of the queue (decided by anyone): the copy goes, unless a decision made here
            # still waits to be sent.
            for gone in previous - waiting - undecided:
                self.store.delete_meta(META_CASE_PREFIX + str(gone))
            self.store.set_meta(META_QUEUE, queue.model_dump_json())
            self.store.set_meta(META_REFRESHED, now_utc(self.clock).isoformat())

        self.store.atomically(_store)

    def _refresh_dashboard(self, client: ReviewClient) -> None:
        today = now_utc(self.clock).astimezone(self.policy.zone).date()
        months = []
        for start in _month_starts(today, DASHBOARD_MONTHS):
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            figures = client.county_report(start, end)
            months.append(
                MonthFigures(
                    month=start,
                    # Children (this release's server), else screenings (an earlier one's).
                    by_category=_values(figures, "children_by_category")
                    or _values(figures, "screenings_by_category"),
                    by_risk_level=_values(figures, "children_by_risk_level")
                    or _values(figures, "screenings_by_risk_level"),
                    sessions=_values(figures, "education_sessions").get("total", 0),
                    youth_reached=_values(figures, "youth_reached").get("total", 0),
                )
            )
        window = client.county_report(months[0].month, today + timedelta(days=31))
        overdue = _values(window, "obligations_open_overdue")
        not_due = _values(window, "obligations_open_not_yet_due")
        clocks = [
            ObligationClock(
                kind=kind,
                open_overdue=overdue.get(kind.value, 0),
                open_not_yet_due=not_due.get(kind.value, 0),
            )
            for kind in OBLIGATION_ORDER
        ]
        kept = TeamFigures(
            months=months,
            obligations=clocks,
            fetched_at=now_utc(self.clock),
            open_obligations=self._team_obligations(client),
        )
        self.store.set_meta(META_DASHBOARD, kept.model_dump_json())

    @staticmethod
    def _team_obligations(client: ReviewClient) -> list[OpenObligation]:
        try:
            listed = client.team_obligations().obligations
        except ServerRefused as exc:
            if exc.status == 404:  # a county server from before the list: the counts still show
                return []
            raise
        return [
            OpenObligation(kind=ObligationKind(o.kind), due_at=o.due_at, caseworker=o.caseworker)
            for o in listed
            if o.kind in {kind.value for kind in ObligationKind}  # a kind newer than this app: skip
        ]

    def fetch_team_report(self, start: date, end: date) -> CountyReport:
        """The team's report from the server for ``start``..``end`` (inclusive); needs the
        network. Not kept in the vault: it is printed or exported at once."""
        url = self.store.get_meta(ss.META_SERVER_URL)
        token = self.store.get_meta(ss.META_DEVICE_TOKEN)
        if not url or not token:
            raise NotASupervisor()
        client = self._client_factory(url, token)
        try:
            return client.county_report(start, end)
        finally:
            client.close()

    def team_figures(self) -> TeamFigures | None:
        """The team's figures as of the last sync (None before the first one)."""
        raw = self.store.get_meta(META_DASHBOARD)
        return TeamFigures.model_validate_json(raw) if raw else None


def _enum(kind: Any, value: str | None) -> Any:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


__all__ = [
    "OBLIGATION_ORDER",
    "CachedCase",
    "CaseNotCached",
    "Change",
    "MonthFigures",
    "NotASupervisor",
    "ObligationClock",
    "PendingDecision",
    "QueueFilter",
    "QueueItem",
    "ReviewCase",
    "ReviewClient",
    "ReviewService",
    "ReviewSyncReport",
    "SettledDecision",
    "TeamFigures",
    "changes_between",
]
