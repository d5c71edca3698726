"""Receiving the caseload feed (protocol 2): records of the youth this user holds, the youth that
join and leave the caseload, and the county's settings.

Each page is applied in one transaction together with its cursor, so a crash re-applies nothing
twice and skips nothing: after a kill the next sync asks for the same page again and applying it
again changes nothing (a version already held is skipped). A restore (the first pull after
enrollment) is the same walk; its progress is kept in the vault (``META_RESTORE``) so IT and the
status line can tell how far it got, and the app stays usable between pages.

A pull never deletes local work. A youth leaves only by an explicit removal from the server, and
then only what the server holds goes (``store.caseload.remove_youth``); a page that would lower
the number of records by more than its removals explain aborts, applying nothing. That replaces
the old "no page removes more than 2% of the vault" rule, which would have refused every
reassignment of a whole caseload, while still catching a page that would lose records some
other way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from csec_desktop.domain import RECORD_TYPES, Review, ReviewDecision, Screening, ScreeningStatus
from csec_desktop.domain.base import STORED
from csec_desktop.services.clock import Clock, now_utc
from csec_desktop.services.errors import ServiceError
from csec_desktop.store import RecordNotFound, Store
from csec_desktop.store import caseload as local_caseload
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.client import (
    CancelToken,
    DeviceRevoked,
    Progress,
    ProgressCallback,
    SyncClient,
    SyncPhase,
)
from csec_desktop.sync.protocol import (
    ChangeKind,
    CountyConfig,
    DeviceStatus,
    PullResponse,
    RecordChange,
    YouthAssigned,
    YouthRemoved,
)

META_RESTORE = "sync.restore"  # RestoreState as JSON
PAGE_SIZE = 500
_REVIEWABLE = frozenset({ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED})


class SyncAborted(ServiceError):
    """A pulled page would have removed local records without saying so; none of it applied."""


class RestoreState(BaseModel):
    """How far this vault's first fill from the server got (for ``status --json`` and IT)."""

    state: Literal["not_started", "in_progress", "complete"] = "not_started"
    received: int = 0
    total: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass
class PullTally:
    changes_applied: int = 0
    changes_skipped: int = 0  # entries this version cannot read (kept on the server)
    records_received: int = 0  # stored as the current version
    kept_local: int = 0  # not stored: this vault holds an unsent change (the push settles it)
    youth_removed: int = 0
    records_removed: int = 0
    records_kept: int = 0  # of removed youth: unsent, conflicted or drafts (shown blocked)
    conflicts_closed: int = 0  # resolved on another laptop of this user


def restore_state(store: Store) -> RestoreState:
    raw = store.get_meta(META_RESTORE)
    return RestoreState.model_validate_json(raw) if raw else RestoreState()


class Puller:
    def __init__(
        self,
        store: Store,
        *,
        actor: str,
        clock: Clock,
        contact_made: Callable[[], None],
        keep_config: Callable[[CountyConfig], None],
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.store = store
        self.actor = actor
        self.clock = clock
        self._contact_made = contact_made
        self._keep_config = keep_config
        self.page_size = page_size

    def pull(
        self, client: SyncClient, tally: PullTally, notify: ProgressCallback, cancel: CancelToken
    ) -> None:
        restore = restore_state(self.store)
        restoring = restore.state != "complete" and not self.store.get_meta(ss.META_CURSOR)
        restoring = restoring or restore.state == "in_progress"
        notify(Progress(SyncPhase.PULLING, 0, 0, restoring))
        while True:
            cancel.raise_if_cancelled()
            page = client.pull(self.store.get_meta(ss.META_CURSOR) or None, self.page_size)
            if page.device_status is DeviceStatus.REVOKED:
                raise DeviceRevoked(403, None, "this device was revoked")
            self._contact_made()

            def _apply(conn: Any, p: PullResponse = page) -> None:
                self._apply_page(conn, p, tally, restoring)

            unchanged = not page.changes and page.next_cursor == self.store.get_meta(ss.META_CURSOR)
            if unchanged and not restoring:
                self._keep_config(page.config)  # nothing else to write (no commit, no fsync)
            else:
                self.store.db.write(_apply)
            progress = page.progress
            done, total = (progress.done, progress.total) if progress else (0, 0)
            notify(Progress(SyncPhase.PULLING, done, total, restoring))
            if not page.has_more:
                return

    # -- one page ------------------------------------------------------------------------------

    def _apply_page(self, conn: Any, page: PullResponse, tally: PullTally, restoring: bool) -> None:
        """One page and its cursor, in the caller's transaction."""
        before = _record_total(conn)
        removed = 0
        batch: list[local_caseload.Pulled] = []
        username = self.store.get_meta(ss.META_USERNAME)
        for change in page.changes:
            if change.kind is ChangeKind.RECORD:
                pulled = _pulled(change.payload)
                if pulled is None:
                    tally.changes_skipped += 1
                    continue
                batch.append(pulled)
            elif change.kind is ChangeKind.YOUTH_ASSIGNED:
                self._flush(conn, batch, tally, username)
                assigned = YouthAssigned.model_validate(change.payload)
                local_caseload.hold(conn, assigned.youth_id, assigned.kind.value, assigned.until)
            elif change.kind is ChangeKind.YOUTH_REMOVED:
                self._flush(conn, batch, tally, username)
                gone = YouthRemoved.model_validate(change.payload)
                outcome = local_caseload.remove_youth(
                    conn, gone.youth_id, gone.reason.value, actor=self.actor
                )
                removed += outcome.removed
                tally.youth_removed += 1
                tally.records_removed += outcome.removed
                tally.records_kept += len(outcome.kept)
            elif change.kind is ChangeKind.COUNTY_CONFIG:
                try:
                    self._keep_config(CountyConfig.model_validate(change.payload))
                except ValidationError:
                    tally.changes_skipped += 1
                    continue
            else:  # a protocol-1 entry, or one newer than this app
                tally.changes_skipped += 1
                continue
            tally.changes_applied += 1
        self._flush(conn, batch, tally, username)
        self._keep_config(page.config)
        after = _record_total(conn)
        if after < before - removed:
            raise SyncAborted(
                f"the server's changes would remove {before - removed - after} local records "
                "without saying which youth left; nothing was applied (contact county IT)"
            )
        self.store.set_meta(ss.META_CURSOR, page.next_cursor)
        if restoring:
            self._note_restore(page)

    def _flush(
        self,
        conn: Any,
        batch: list[local_caseload.Pulled],
        tally: PullTally,
        username: str | None,
    ) -> None:
        if not batch:
            return
        outcome = local_caseload.put_pulled(
            self.store.db, conn, batch, actor=self.actor, username=username
        )
        batch.clear()
        tally.records_received += len(outcome.written)
        tally.kept_local += outcome.kept_local
        tally.conflicts_closed += outcome.conflicts_closed
        for record in outcome.written:
            if isinstance(record, Review):
                self._apply_decision(record)

    def _note_restore(self, page: PullResponse) -> None:
        state = restore_state(self.store)
        now = now_utc(self.clock)
        progress = page.progress
        updated = state.model_copy(
            update={
                "state": "in_progress" if page.has_more else "complete",
                "received": progress.done if progress else state.received,
                "total": progress.total if progress else state.total,
                "started_at": state.started_at or now,
                "finished_at": None if page.has_more else now,
            }
        )
        self.store.set_meta(META_RESTORE, updated.model_dump_json())

    # -- a supervisor's decision ------------------------------------------------------------------

    def _apply_decision(self, review: Review) -> None:
        """Approved → the screening is final; returned → editable again (the comment is in the
        stored ``Review``, which ``ScreeningService.reviews`` lists).

        Every laptop holding the screening makes the same change from the same decision (the same
        content, dated at the decision), so the second one to push it is a duplicate, not a
        conflict. A decision on a version this laptop has moved past is history (it was applied
        elsewhere, or the screening was returned and resubmitted since); one on a version this
        laptop has not reached, or on a version no longer awaiting review, is kept as a conflict
        for a person.
        """
        try:
            screening = self.store.get(Screening, review.screening_id)
        except RecordNotFound:
            return  # not held here: the laptop that holds it applies it
        if screening.version > review.screening_version:
            return
        target = (
            ScreeningStatus.APPROVED
            if review.decision is ReviewDecision.APPROVED
            else ScreeningStatus.RETURNED
        )
        if screening.version == review.screening_version and screening.status in _REVIEWABLE:
            at = max(review.reviewed_at, screening.updated_at)
            self.store.save(screening.with_status(target), actor=self.actor, updated_at=at)
            return
        self.store.add_sync_conflict(
            kind=ss.ConflictKind.REVIEW,
            record_type=Screening.record_type,
            record_id=screening.id,
            local_version=screening.version,
            server_version=review.screening_version,
            local_body=screening.model_dump_json(),
            server_body=review.model_dump_json(),
            reason=(
                f"a supervisor {review.decision.value} version {review.screening_version}, "
                f"this device holds version {screening.version} ({screening.status.value})"
            ),
        )

    # -- youth that left with something kept ------------------------------------------------------

    def finish_departures(self, tally: PullTally) -> None:
        """Try again to take out the records of youth that left while something of theirs was
        unsent (after the second push of a sync it may be sent now)."""
        for youth_id in self.store.db.read(local_caseload.departed_ids):

            def _retry(conn: Any, y: Any = youth_id) -> local_caseload.RemovalOutcome:
                reason = conn.execute(
                    "SELECT reason FROM departed WHERE youth_id = ?", (str(y),)
                ).fetchone()
                return local_caseload.remove_youth(
                    conn, y, reason[0] if reason else "left", actor=self.actor
                )

            outcome = self.store.db.write(_retry)
            tally.records_removed += outcome.removed


def _pulled(payload: dict[str, Any]) -> local_caseload.Pulled | None:
    """The record a change carries, or None when this app cannot read it."""
    try:
        change = RecordChange.model_validate(payload)
    except ValidationError:
        return None
    model = RECORD_TYPES.get(change.record_type)
    if model is None:
        return None
    try:
        record = model.model_validate(change.payload, context=STORED)
    except ValidationError:
        return None
    if record.id != change.record_id or record.version != change.version:
        return None
    return local_caseload.Pulled(record, change.updated_by)


def _record_total(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
