"""Sending the outbox: record versions in batches, then review decisions, then assignment changes.

Records: an item is marked sent only when a 2xx answer names its operation id; a rejected item is
quarantined with the server's reason and the rest go on; a conflict keeps both versions (this
device's record and the server's version number) and flags the record "needs attention". An item
the server could not take this time (it answered 5xx for that item alone) stays pending.

Decisions and assignment changes go one request each (each carries its own id, so a retry after a
lost answer gets the first answer); what they settle to is recorded by their own modules
(``review_outbox``, ``caseload``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.errors import describe
from csec_desktop.domain.limits import PUSH_BATCH_BYTES, batches_within, size_problem
from csec_desktop.services import caseload, review_outbox
from csec_desktop.store import OutboxItem, OutboxKind, Store
from csec_desktop.store import caseload as local_caseload
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.client import (
    CancelToken,
    DeviceRevoked,
    Progress,
    ProgressCallback,
    ServerRefused,
    ServerUnreachable,
    SyncClient,
    SyncPhase,
)
from csec_desktop.sync.protocol import RETRY_LATER, PushOperation, PushResponse, PushStatus

YOUTH = "youth"
_MAX_PUSH_PASSES = 20  # one change per record per batch: a record changed N times needs N passes


@dataclass
class PushTally:
    """What one sync's pushes did (folded into ``SyncReport``)."""

    sent: int = 0
    quarantined: int = 0
    conflicts: int = 0
    left_pending: int = 0
    held_back: int = 0


class Pusher:
    def __init__(
        self,
        store: Store,
        *,
        actor: str,
        batch_size: int,
        contact_made: Callable[[], None],
        settle_decision: review_outbox.DecisionSettler,
    ) -> None:
        self.store = store
        self.actor = actor
        self.batch_size = batch_size
        self._contact_made = contact_made
        self._settle_decision = settle_decision

    def push(
        self, client: SyncClient, tally: PushTally, notify: ProgressCallback, cancel: CancelToken
    ) -> None:
        total = self.store.pending_count()
        done = 0
        notify(Progress(SyncPhase.PUSHING, 0, total))
        high_water = 0
        try:
            for _pass in range(_MAX_PUSH_PASSES):
                high_water = 0
                deferred = False
                tally.held_back = 0
                while True:
                    cancel.raise_if_cancelled()
                    items = self.store.claim_outbox_after(high_water, self.batch_size)
                    if not items:
                        break
                    high_water = items[-1].seq
                    deferred |= self._push_batch(client, items, tally)
                    done += len(items)
                    notify(Progress(SyncPhase.PUSHING, done, max(total, done)))
                if not deferred:
                    break  # nothing waits for a later pass (held-back items wait for a person)
        finally:
            tally.left_pending = self.store.pending_count(high_water) if high_water else 0

    def _push_batch(self, client: SyncClient, items: list[OutboxItem], tally: PushTally) -> bool:
        """Send one claimed batch. Returns True when an item was held back only because an
        earlier change of the same record was in the batch (a later pass sends it)."""
        records = [item for item in items if item.kind is OutboxKind.RECORD]
        deferred = self._push_records(client, records, tally) if records else False
        for item in items:
            if item.kind is OutboxKind.REVIEW_DECISION:
                self._send_decision(client, item, tally)
            elif item.kind is OutboxKind.ASSIGNMENT:
                self._send_assignment(client, item, tally)
        return deferred

    # -- record versions --------------------------------------------------------------------

    def _push_records(self, client: SyncClient, items: list[OutboxItem], tally: PushTally) -> bool:
        # The server compares version numbers, which two laptops can share. A change made on top
        # of a version the server refused (an open conflict) would otherwise be applied over the
        # other laptop's version, and so would a second change of a record sent in the same
        # batch as a first one that conflicts. So: one change per record per batch, and nothing
        # for a record with an open conflict until a person resolves it.
        open_conflicts = {(t, str(i)) for t, i in self.store.needs_attention()}
        in_batch: set[tuple[str, str]] = set()
        sendable: list[OutboxItem] = []
        deferred = False
        for item in items:
            key = (item.record_type, str(item.record_id))
            if key in open_conflicts:
                tally.held_back += 1
            elif key in in_batch:
                deferred = True
            else:
                in_batch.add(key)
                sendable.append(item)
        pairs: list[tuple[OutboxItem, PushOperation]] = []
        sizes: list[int] = []
        for item in sendable:
            try:
                operation = _operation(item)
            except ValidationError as exc:
                self.store.quarantine(item.op_id, f"this change cannot be sent: {describe(exc)}")
                tally.quarantined += 1
                continue
            size = len(json.dumps(item.payload, separators=(",", ":"), ensure_ascii=False).encode())
            too_large = size_problem(item.record_type, size)
            if too_large:  # saved before the limit existed: the server would refuse it too
                self.store.quarantine(item.op_id, f"this change cannot be sent: {too_large}")
                tally.quarantined += 1
                continue
            pairs.append((item, operation))
            sizes.append(size)
        for start, end in batches_within(sizes, PUSH_BATCH_BYTES):
            self._send(client, pairs[start:end], tally)
        return deferred

    def _send(
        self, client: SyncClient, pairs: list[tuple[OutboxItem, PushOperation]], tally: PushTally
    ) -> None:
        try:
            cursor = self.store.get_meta(ss.META_CURSOR) or None
            response = client.push([op for _, op in pairs], cursor)
        except (DeviceRevoked, ServerRefused) as exc:
            if isinstance(exc, DeviceRevoked) or exc.status in (401, 403):
                raise
            # The whole batch was refused (400/413/...): split it to find the item at fault;
            # one item refused alone is quarantined with the server's reason.
            if len(pairs) > 1:
                self._split(client, pairs, tally)
                return
            self.store.quarantine(pairs[0][0].op_id, str(exc))
            tally.quarantined += 1
            return
        except ServerUnreachable as exc:
            if exc.status is not None and exc.status >= 500 and len(pairs) > 1:
                # The server fails on this batch but answers: maybe one item breaks it.
                self._split(client, pairs, tally)
                return
            self.store.note_push_failure([item.op_id for item, _ in pairs], str(exc))
            if exc.status is not None and exc.status >= 500:
                return  # this one item stays pending; the rest of the queue goes on
            raise
        self._contact_made()
        self._settle(pairs, response, tally)

    def _split(
        self, client: SyncClient, pairs: list[tuple[OutboxItem, PushOperation]], tally: PushTally
    ) -> None:
        middle = len(pairs) // 2
        self._send(client, pairs[:middle], tally)
        self._send(client, pairs[middle:], tally)

    def _settle(
        self,
        pairs: list[tuple[OutboxItem, PushOperation]],
        response: PushResponse,
        tally: PushTally,
    ) -> None:
        """Record the server's answers for one batch, all in one transaction."""
        results = {result.op_id: result for result in response.results}

        def _record() -> None:
            sent: list[UUID] = []
            created: list[UUID] = []  # new youth: the server made this user their caseworker
            unanswered: list[UUID] = []
            retry_later: list[tuple[UUID, str]] = []
            for item, _op in pairs:
                result = results.get(item.op_id)
                if result is None:
                    unanswered.append(item.op_id)
                elif result.status in (PushStatus.APPLIED, PushStatus.DUPLICATE):
                    sent.append(item.op_id)
                    if item.record_type == YOUTH and not item.base_version:
                        created.append(item.record_id)
                elif result.status is PushStatus.CONFLICT:
                    sent.append(item.op_id)  # the server holds it, beside its own version
                    self.store.add_sync_conflict(
                        kind=ss.ConflictKind.PUSH,
                        record_type=item.record_type,
                        record_id=item.record_id,
                        op_id=item.op_id,
                        base_version=item.base_version or None,
                        local_version=item.version,
                        server_version=result.server_version,
                        local_body=json.dumps(item.payload, sort_keys=True),
                        reason=result.reason,
                    )
                    tally.conflicts += 1
                elif result.reason.endswith(RETRY_LATER):
                    # The server says "rejected" but means "not now" (a record it links to is
                    # not on the server yet, or two pushes raced).
                    retry_later.append((item.op_id, result.reason))
                else:
                    self.store.quarantine(item.op_id, result.reason or "refused by the server")
                    tally.quarantined += 1
            if unanswered:
                self.store.note_push_failure(unanswered, "the server's answer did not name it")
            for op_id, reason in retry_later:
                self.store.note_push_failure([op_id], reason)
            if created:
                self.store.db.write(lambda conn: _hold_created(conn, created))
            if sent:
                self.store.mark_sent(sent)
                self.store.record_event(
                    AuditAction.SYNC_SENT, actor=self.actor, detail=f"{len(sent)} changes"
                )
            tally.sent += len(sent)

        self.store.atomically(_record)

    # -- decisions and assignment changes -----------------------------------------------------

    def _send_decision(self, client: SyncClient, item: OutboxItem, tally: PushTally) -> None:
        try:
            outcome = review_outbox.send(client, item)
        except ServerUnreachable as exc:
            self.store.note_push_failure([item.op_id], str(exc))
            raise
        self._contact_made()
        self._settle_decision(item, outcome)
        if outcome.quarantined:
            tally.quarantined += 1
        else:
            tally.sent += 1

    def _send_assignment(self, client: SyncClient, item: OutboxItem, tally: PushTally) -> None:
        try:
            result = caseload.send_assignment(client, item)
        except ServerUnreachable as exc:
            self.store.note_push_failure([item.op_id], str(exc))
            raise
        except ServerRefused as exc:
            if isinstance(exc, DeviceRevoked) or exc.status == 401:
                raise
            self.store.quarantine(item.op_id, str(exc))
            tally.quarantined += 1
            return
        self._contact_made()
        if result.applied:
            self.store.mark_sent([item.op_id])
            tally.sent += 1
        else:
            self.store.quarantine(item.op_id, result.reason or "refused by the server")
            tally.quarantined += 1


def _hold_created(conn: Any, youth_ids: list[UUID]) -> None:
    local_caseload.hold_many(conn, youth_ids, "primary")


def _operation(item: OutboxItem) -> PushOperation:
    return PushOperation(
        op_id=item.op_id,
        record_type=item.record_type,
        record_id=item.record_id,
        base_version=item.base_version or None,
        version=item.version,
        payload=item.payload,
    )
