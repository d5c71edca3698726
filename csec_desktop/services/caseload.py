"""Caseloads on a laptop: the youth this user holds (and those that left with something kept), and
for a supervisor the team's caseload with reassign, cover and close actions that work offline.

What the team-caseload window calls (a supervisor's enrolled device; everything but the sync
works offline, from the vault):

- :meth:`CaseloadService.team` — the team's caseload as of the last sync, by caseworker: each
  youth (id only), how it is held, its open obligations (how many, overdue, next due); with the
  actions queued here and not yet sent shown as pending;
- :meth:`CaseloadService.reassign`, :meth:`CaseloadService.cover`,
  :meth:`CaseloadService.close_cases` — queue an action in the outbox (sent at the next sync,
  like a review decision; retried safely under its action id);
- :meth:`CaseloadService.queued_actions` — actions waiting to be sent, and those the server
  refused (with its reason; kept, never dropped).

For every user: :meth:`CaseloadService.mine` (the youth the server says this laptop holds) and
:meth:`CaseloadService.departures` (youth that left while this laptop kept something of theirs
the server does not hold: unsent changes, conflicts, drafts, shown as blocked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from pydantic import ValidationError

from csec_desktop.domain.screening import Screening, ScreeningStatus
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput, ServiceError
from csec_desktop.store import OutboxItem, OutboxKind, OutboxState, RecordNotFound, Store
from csec_desktop.store import sync_state as ss
from csec_desktop.store.caseload import Departure, Holding
from csec_desktop.sync.client import ServerRefused, SyncClient
from csec_desktop.sync.protocol import (
    MAX_ASSIGNED_YOUTH,
    AssignmentAction,
    AssignmentRequest,
    AssignmentResult,
    CaseloadEntry,
    TeamCaseload,
)

META_TEAM_CASELOAD = "caseload.team"  # TeamCaseload as JSON, from the last sync
META_TEAM_CASELOAD_AT = "caseload.team_at"
_ASSIGNING_ROLES = frozenset({"supervisor", "county_admin"})


class NotAllowedToAssign(ServiceError):
    def __init__(self) -> None:
        super().__init__("only a supervisor or a county administrator can move caseloads")


# --- what the window shows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueuedAction:
    """An assignment change made on this laptop: waiting to be sent, or refused by the server."""

    action_id: UUID
    request: AssignmentRequest
    state: OutboxState  # PENDING (waits for the next sync) or QUARANTINED (refused)
    reason: str | None  # the server's reason, when refused
    queued_at: datetime


@dataclass(frozen=True, slots=True)
class CaseworkerLoad:
    caseworker: str
    entries: list[CaseloadEntry]  # by youth id
    open_obligations: int
    overdue_obligations: int
    next_due_at: datetime | None
    pending_actions: int  # queued here, naming this caseworker (from or to)


@dataclass(frozen=True, slots=True)
class TeamCaseloadView:
    caseworkers: list[CaseworkerLoad]  # every caseworker of the team, with or without youth
    as_of: datetime | None  # when the server said so (None: never synced)
    pending: list[QueuedAction]


def send_assignment(client: SyncClient, item: OutboxItem) -> AssignmentResult:
    """Send one queued assignment change (raises like any request; answered once per id)."""
    return client.assign(AssignmentRequest.model_validate(item.payload))


def refresh_team(store: Store, client: SyncClient, clock: Clock = system_clock) -> bool:
    """Keep the team's caseload for offline use (a supervisor's or administrator's sync).
    False when the server has no such list (an older server)."""
    try:
        team = client.team_caseload()
    except ServerRefused as exc:
        if exc.status in (403, 404):
            return False
        raise

    def _keep() -> None:
        store.set_meta(META_TEAM_CASELOAD, team.model_dump_json())
        store.set_meta(META_TEAM_CASELOAD_AT, now_utc(clock).isoformat())

    store.atomically(_keep)
    return True


class CaseloadService:
    def __init__(self, store: Store, *, actor: str, clock: Clock = system_clock) -> None:
        self.store = store
        self.actor = actor
        self.clock = clock

    # -- this laptop's caseload -----------------------------------------------------------------

    def mine(self) -> dict[UUID, Holding]:
        return self.store.repositories.caseload.held()

    def departures(self) -> list[Departure]:
        """Youth that left the caseload with records still here (shown blocked)."""
        return self.store.repositories.caseload.departures()

    def blocked_drafts(self) -> list[Screening]:
        """Draft screenings of youth that left this laptop's caseload: kept here (drafts never
        travel), and not to be submitted from here: hand them to the youth's new caseworker."""
        found = []
        for departure in self.departures():
            for record_type, record_id in departure.kept:
                if record_type != Screening.record_type:
                    continue
                try:
                    screening = self.store.get(Screening, record_id)
                except (RecordNotFound, ValidationError):
                    continue
                if screening.status is ScreeningStatus.DRAFT:
                    found.append(screening)
        return found

    def is_blocked(self, youth_id: UUID) -> bool:
        """Whether ``youth_id`` left this laptop's caseload (its records here are read-only)."""
        return any(d.youth_id == youth_id for d in self.departures())

    # -- the team's caseload (a supervisor's window) ---------------------------------------------

    def may_assign(self) -> bool:
        return self.store.get_meta(ss.META_ROLE) in _ASSIGNING_ROLES and bool(
            self.store.get_meta(ss.META_DEVICE_TOKEN)
        )

    def team(self) -> TeamCaseloadView:
        """The team's caseload as of the last sync, by caseworker, with actions queued here."""
        raw = self.store.get_meta(META_TEAM_CASELOAD)
        at = self.store.get_meta(META_TEAM_CASELOAD_AT)
        team = (
            TeamCaseload.model_validate_json(raw)
            if raw
            else TeamCaseload(entries=[], caseworkers=[])
        )
        pending = self.queued_actions()
        names = sorted(set(team.caseworkers) | {e.caseworker for e in team.entries})
        loads = []
        for name in names:
            entries = [e for e in team.entries if e.caseworker == name]
            due = [e.next_due_at for e in entries if e.next_due_at is not None]
            loads.append(
                CaseworkerLoad(
                    caseworker=name,
                    entries=entries,
                    open_obligations=sum(e.open_obligations for e in entries),
                    overdue_obligations=sum(e.overdue_obligations for e in entries),
                    next_due_at=min(due) if due else None,
                    pending_actions=sum(
                        1
                        for a in pending
                        if a.state is OutboxState.PENDING
                        and name in (a.request.from_user, a.request.to_user)
                    ),
                )
            )
        return TeamCaseloadView(loads, datetime.fromisoformat(at) if at else None, pending)

    def queued_actions(self) -> list[QueuedAction]:
        """Actions made here: waiting to be sent, and refused ones (kept, with the reason)."""
        found = []
        for state in (OutboxState.PENDING, OutboxState.QUARANTINED):
            for item in self.store.outbox_items(state, limit=10_000):
                if item.kind is not OutboxKind.ASSIGNMENT:
                    continue
                found.append(
                    QueuedAction(
                        action_id=item.op_id,
                        request=AssignmentRequest.model_validate(item.payload),
                        state=item.state,
                        reason=item.last_error if state is OutboxState.QUARANTINED else None,
                        queued_at=item.created_at,
                    )
                )
        return sorted(found, key=lambda a: a.queued_at)

    def reassign(
        self, from_user: str, to_user: str, youth_ids: list[UUID] | None = None, reason: str = ""
    ) -> QueuedAction:
        """Move youth (all of ``from_user``'s when none are named) to ``to_user`` for good."""
        return self._queue(AssignmentAction.REASSIGN, from_user, to_user, youth_ids, None, reason)

    def cover(
        self,
        from_user: str,
        to_user: str,
        until: date,
        youth_ids: list[UUID] | None = None,
        reason: str = "",
    ) -> QueuedAction:
        """``to_user`` covers the youth until ``until`` (the day it ends, county time);
        ``from_user`` keeps them."""
        if until <= now_utc(self.clock).date():
            raise ServiceError("a coverage must end after today")
        return self._queue(AssignmentAction.COVER, from_user, to_user, youth_ids, until, reason)

    def close_cases(self, from_user: str, youth_ids: list[UUID], reason: str = "") -> QueuedAction:
        """Close these youth's cases: they leave the laptops after the county's retention."""
        if not youth_ids:
            raise InvalidInput.on("youth_ids", "missing", "name the youth whose cases close")
        return self._queue(AssignmentAction.CLOSE, from_user, None, youth_ids, None, reason)

    def _queue(
        self,
        action: AssignmentAction,
        from_user: str,
        to_user: str | None,
        youth_ids: list[UUID] | None,
        until: date | None,
        reason: str,
    ) -> QueuedAction:
        if not self.may_assign():
            raise NotAllowedToAssign()
        reason = reason.strip()
        if len(reason) > 200:
            raise InvalidInput.on(
                "reason", "string_too_long", "at most 200 characters", max_length=200
            )
        if to_user is not None and to_user.strip() == from_user.strip():
            raise ServiceError("choose another caseworker to take the youth over")
        if len(youth_ids or []) > MAX_ASSIGNED_YOUTH:
            raise InvalidInput.on(
                "youth_ids",
                "too_long",
                f"at most {MAX_ASSIGNED_YOUTH} youth in one change",
                max_length=MAX_ASSIGNED_YOUTH,
            )
        try:
            request = AssignmentRequest(
                action_id=uuid4(),
                action=action,
                from_user=from_user.strip(),
                to_user=to_user.strip() if to_user else None,
                youth_ids=list(youth_ids or []),
                until=until,
                reason=reason,
            )
        except ValidationError as exc:
            raise ServiceError("this caseload change is not valid") from exc
        self.store.repositories.outbox.enqueue_action(
            OutboxKind.ASSIGNMENT,
            op_id=request.action_id,
            record_type="assignment",
            record_id=request.action_id,
            payload=request.model_dump(mode="json"),
        )
        return QueuedAction(
            request.action_id, request, OutboxState.PENDING, None, now_utc(self.clock)
        )
