"""A supervisor's review decisions in the outbox: queued when taken (offline), sent by the sync.

A decision is an outbox item of kind ``review_decision`` (the screening's id and the version the
supervisor read; the decision and comment as its payload), under the id the laptop gave the
decision when it was taken. That id travels as ``ReviewDecisionRequest.decision_id`` and becomes
the review's id, so a decision whose answer was lost (the connection broke after the server
stored it) is sent again, by the client's retry or at the next sync, and gets the stored answer:
it settles as accepted, once. A *different* decision on a version already decided (another
supervisor's) gets 409 and settles as "already decided"; it is not an error to retry.

Settled outcomes are kept (the newest 50) for the review page to show; nothing here is logged,
and no message carries screening content.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from csec_desktop.domain import ReviewDecision
from csec_desktop.domain.audit import AuditAction
from csec_desktop.services.clock import Clock, now_utc
from csec_desktop.store import OutboxItem, OutboxKind, Store
from csec_desktop.sync.client import DeviceRevoked, ServerRefused, SyncClient
from csec_desktop.sync.protocol import ErrorCode, ReviewDecisionRequest, ReviewDecisionValue

META_SETTLED = "review.settled"  # the latest outcomes of sent decisions (for the GUI)
META_RETURNED_PREFIX = "review.returned."  # + screening id: the version this device returned
_SETTLED_KEPT = 50


class _Kept(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PendingDecision(_Kept):
    decision_id: UUID = Field(default_factory=uuid4)
    screening_id: UUID
    screening_version: int
    decision: ReviewDecision
    comment: str = ""
    decided_at: AwareDatetime


class SettledDecision(_Kept):
    screening_id: UUID
    screening_version: int
    decision: ReviewDecision
    outcome: str  # "accepted", "already_decided", "refused"
    reason: str = ""  # the server's plain-language reason (never content)
    settled_at: AwareDatetime


def _pending_of(item: OutboxItem) -> PendingDecision:
    return PendingDecision(
        decision_id=item.op_id,
        screening_id=item.record_id,
        screening_version=item.base_version,
        decision=ReviewDecision(str(item.payload["decision"])),
        comment=str(item.payload.get("comment", "")),
        decided_at=item.payload.get("decided_at") or item.created_at,
    )


def pending(store: Store) -> list[PendingDecision]:
    """Decisions taken here that the server has not answered yet, oldest first."""
    return [
        _pending_of(item)
        for item in store.repositories.outbox.pending_of_kind(OutboxKind.REVIEW_DECISION)
    ]


def queue(store: Store, decision: PendingDecision) -> PendingDecision:
    """Queue ``decision`` (inside the caller's transaction, or its own). A decision on the same
    screening queued earlier and never attempted takes this one's content under its own id."""
    earlier = next((p for p in pending(store) if p.screening_id == decision.screening_id), None)
    used = store.repositories.outbox.enqueue_action(
        OutboxKind.REVIEW_DECISION,
        op_id=decision.decision_id,
        record_type="screening",
        record_id=decision.screening_id,
        base_version=decision.screening_version,
        version=decision.screening_version,
        payload={
            "decision": decision.decision.value,
            "comment": decision.comment,
            "decided_at": decision.decided_at.isoformat(),
        },
        replaces=earlier.decision_id if earlier else None,
    )
    return decision.model_copy(update={"decision_id": used})


def settled(store: Store) -> list[SettledDecision]:
    raw = store.get_meta(META_SETTLED)
    return [SettledDecision.model_validate(d) for d in json.loads(raw)] if raw else []


@dataclass(frozen=True)
class DecisionOutcome:
    outcome: str  # "accepted", "already_decided", "refused"
    reason: str = ""

    @property
    def quarantined(self) -> bool:
        return self.outcome == "refused"


def send(client: SyncClient, item: OutboxItem) -> DecisionOutcome:
    """Send one queued decision. Raises ``ServerUnreachable`` (it stays queued), ``DeviceRevoked``
    and a 401; any other refusal is its outcome."""
    decision = _pending_of(item)
    request = ReviewDecisionRequest(
        screening_version=decision.screening_version,
        decision=ReviewDecisionValue(decision.decision.value),
        comment=decision.comment,
        decision_id=decision.decision_id,  # a retry after a lost answer is recognised
    )
    try:
        client.decide(decision.screening_id, request)
    except ServerRefused as exc:
        if isinstance(exc, DeviceRevoked) or exc.status == 401:
            raise
        if exc.code in (ErrorCode.CONFLICT, ErrorCode.NOT_FOUND):
            return DecisionOutcome("already_decided", str(exc)[:300])
        return DecisionOutcome("refused", str(exc)[:300])
    return DecisionOutcome("accepted")


DecisionSettler = Callable[[OutboxItem, DecisionOutcome], None]


def settler(store: Store, *, actor: str, clock: Clock) -> DecisionSettler:
    """Record what a sent decision came to, in one transaction: the outbox item leaves the
    queue (quarantined, kept, when the server refused it as invalid), the outcome joins the
    settled list, and an approval drops the copy of the version this device had returned."""

    def settle(item: OutboxItem, outcome: DecisionOutcome) -> None:
        decision = _pending_of(item)
        record = SettledDecision(
            screening_id=decision.screening_id,
            screening_version=decision.screening_version,
            decision=decision.decision,
            outcome=outcome.outcome,
            reason=outcome.reason,
            settled_at=now_utc(clock),
        )

        def _record() -> None:
            if outcome.quarantined:
                store.quarantine(item.op_id, outcome.reason or "refused by the server")
            else:
                store.mark_sent([item.op_id])
            kept = [record, *settled(store)][:_SETTLED_KEPT]
            store.set_meta(META_SETTLED, json.dumps([s.model_dump(mode="json") for s in kept]))
            if outcome.outcome == "accepted" and decision.decision is ReviewDecision.APPROVED:
                store.delete_meta(META_RETURNED_PREFIX + str(decision.screening_id))
            store.record_event(
                AuditAction.SYNC_SENT,
                actor=actor,
                detail=f"review {decision.decision.value} {outcome.outcome}",
            )

        store.atomically(_record)

    return settle
