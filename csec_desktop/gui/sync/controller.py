"""Runs syncs for the open vault and tells the GUI what happened, as a ``SyncView``.

``SyncController`` lives on the GUI thread. Every sync attempt goes through the ``TaskRunner`` (the
service waits on the network; the GUI never does). Attempts happen:

* when the user asks (Sync now, Ctrl+Shift+S, or the status-bar indicator);
* automatically: every few minutes, and a few seconds after a save (``records_did_change``),
  only while the vault is enrolled; an attempt while the server does not answer just ends
  "offline" and the next one tries again.

Progress arrives from the worker thread through ``_ProgressRelay``, a QObject on the GUI thread:
its signal is connected to a decorated slot of this object, so Qt queues the call onto the GUI
thread (a lambda would run on the worker; see ``gui/tasks.py``).

Outcomes: every finished attempt emits ``broadcast.sync_did_finish`` so other screens refresh.
``DeviceWasRevoked`` (the service has already destroyed the keys) emits ``device_revoked``; the
app then leaves the main window. When the offline lease ran out the store is read-only and
``SyncView.read_only`` says so until a sync reaches the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.sync import (
    DeviceWasRevoked,
    NotEnrolled,
    Resolution,
    SyncReport,
    SyncService,
    SyncStatus,
)
from csec_desktop.store import OutboxItem, OutboxState
from csec_desktop.store.sync_state import SyncConflict
from csec_desktop.sync.client import (
    CancelToken,
    Progress,
    ServerUnreachable,
    SyncCancelled,
    SyncPhase,
)

log = logging.getLogger(__name__)

AUTO_SYNC_MS = 5 * 60_000  # a background attempt every five minutes
AFTER_SAVE_MS = 5_000  # and shortly after a save, once typing and saving have settled
# The counts are read again this long after the last of a burst of saves, not after each: every
# read is four queries over the whole vault, and one per autosave landed on the screener's next
# click (a page of the wizard painting while the read held the lane and the interpreter).
RECOUNT_MS = 1_000
QUARANTINE_LIMIT = 500


class SyncState(Enum):
    STANDALONE = "standalone"  # not enrolled: nothing to sync with
    IDLE = "idle"  # the last attempt (if any) went through
    SYNCING = "syncing"
    OFFLINE = "offline"  # the last attempt could not reach the server
    FAILED = "failed"  # the server answered with a refusal, or something else went wrong
    REVOKED = "revoked"


@dataclass(frozen=True)
class SyncView:
    """Everything the indicator and the Sync section show."""

    state: SyncState
    status: SyncStatus | None = None
    done: int = 0  # while syncing: items sent, or records received
    total: int = 0
    error: BaseException | None = None
    read_only: bool = False
    phase: SyncPhase | None = None  # while syncing: sending (PUSHING) or receiving (PULLING)
    restoring: bool = False  # receiving this vault's first fill from the server

    @property
    def pending(self) -> int:
        return self.status.pending if self.status else 0

    @property
    def needs_attention(self) -> int:
        return (self.status.quarantined + self.status.conflicts) if self.status else 0


@dataclass(frozen=True)
class AttentionItems:
    conflicts: list[SyncConflict]
    quarantined: list[OutboxItem]


@dataclass(frozen=True)
class _Snapshot:
    status: SyncStatus
    read_only: bool


class _ProgressRelay(QObject):
    """Created on the GUI thread; the worker calls ``progressed.emit``."""

    progressed = Signal(object)  # Progress


class SyncController(QObject):
    changed = Signal(object)  # SyncView
    device_revoked = Signal()

    def __init__(
        self,
        service: SyncService,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        auto_sync_ms: int = AUTO_SYNC_MS,
        after_save_ms: int = AFTER_SAVE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._runner = runner
        self._broadcast = broadcast
        self._cancel: CancelToken | None = None
        self._stopped = False
        self.view = SyncView(SyncState.IDLE)
        # Counts are read on pool threads, so two reads can finish out of order: each read is
        # numbered and an older one never replaces the counts of a newer one on screen.
        self._reads_started = 0
        self._read_shown = 0
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._timer = QTimer(self)
        self._timer.setInterval(auto_sync_ms)
        self._timer.timeout.connect(self._automatic_sync)
        self._after_save = QTimer(self)
        self._after_save.setSingleShot(True)
        self._after_save.setInterval(after_save_ms)
        self._after_save.timeout.connect(self._automatic_sync)
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_MS)
        self._recount.timeout.connect(self.refresh)
        broadcast.records_did_change.connect(self._records_changed)

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self, *, sync_at_once: bool = True) -> None:
        """Check the offline lease, show the status, then (if enrolled) sync in the background."""
        self._sync_after_start = sync_at_once
        self._runner.run(
            self._start_work, on_success=self._on_started, on_failure=self._on_error, owner=self
        )

    def _start_work(self) -> _Snapshot:
        self.service.enforce_lease()
        return self._snapshot()

    def _on_started(self, snapshot: _Snapshot) -> None:
        self._on_snapshot(snapshot)
        if snapshot.status.enrolled:
            self._timer.start()
            if self._sync_after_start:
                self.sync_now()

    def stop(self) -> None:
        """The vault is being locked: cancel a running sync, stop the timers, drop callbacks."""
        self._stopped = True
        self._timer.stop()
        self._after_save.stop()
        self._recount.stop()
        if self._cancel is not None:
            self._cancel.cancel()
        self._runner.forget_owner(self)

    @property
    def syncing(self) -> bool:
        return self.view.state is SyncState.SYNCING

    # -- status --------------------------------------------------------------------------------

    def _snapshot(self) -> _Snapshot:
        status = self.service.status()
        return _Snapshot(status, self.service.store.read_only_reason is not None)

    def _numbered_read(self) -> Callable[[], tuple[int, _Snapshot]]:
        self._reads_started += 1
        number = self._reads_started
        return lambda: (number, self._snapshot())

    def _newest(self, numbered: tuple[int, _Snapshot]) -> _Snapshot | None:
        """The snapshot, unless a newer one is already on screen."""
        number, snapshot = numbered
        if number < self._read_shown:
            return None
        self._read_shown = number
        return snapshot

    @Slot()
    def refresh(self) -> None:
        """Re-read the counts (pending, needs attention) without syncing."""
        if self._stopped:
            return
        self._runner.run(
            self._numbered_read(),
            on_success=self._on_numbered_snapshot,
            on_failure=self._on_error,
            owner=self,
        )

    def _on_numbered_snapshot(self, numbered: tuple[int, _Snapshot]) -> None:
        snapshot = self._newest(numbered)
        if snapshot is not None:
            self._on_snapshot(snapshot)

    def _on_snapshot(self, snapshot: _Snapshot) -> None:
        state = self.view.state
        if not snapshot.status.enrolled:
            state = SyncState.STANDALONE
        elif state is SyncState.STANDALONE:
            state = SyncState.IDLE
        self._show(
            replace(self.view, state=state, status=snapshot.status, read_only=snapshot.read_only)
        )

    def _on_error(self, error: BaseException) -> None:
        # Reading the status failed (e.g. the vault was locked meanwhile): type only in the log.
        log.warning("reading the sync status failed: %s", type(error).__name__)

    def _show(self, view: SyncView) -> None:
        self.view = view
        self.changed.emit(view)

    def attention_items(self) -> AttentionItems:
        """Conflicts and quarantined items, for the Sync section (blocks: run it off-thread)."""
        quarantined = self.service.store.outbox_items(OutboxState.QUARANTINED, QUARANTINE_LIMIT)
        return AttentionItems(self.service.conflicts(), quarantined)

    # -- syncing -------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> bool:
        """Start a sync unless one is running or the vault is not enrolled. True if started."""
        if self._stopped or self.syncing or self.view.state is SyncState.REVOKED:
            return False
        if self.view.status is not None and not self.view.status.enrolled:
            return False
        self._after_save.stop()
        self._cancel = CancelToken()
        self._show(
            replace(
                self.view,
                state=SyncState.SYNCING,
                done=0,
                total=0,
                error=None,
                phase=None,
                restoring=False,
            )
        )
        self._runner.run(
            self.service.sync,
            self._relay.progressed.emit,
            self._cancel,
            on_success=self._on_synced,
            on_failure=self._on_sync_failed,
            owner=self,
        )
        return True

    @Slot()
    def _automatic_sync(self) -> None:
        self.sync_now()

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if self.syncing and progress.total:
            self._show(
                replace(
                    self.view,
                    done=progress.done,
                    total=progress.total,
                    phase=progress.phase,
                    restoring=progress.restoring,
                )
            )

    def _on_synced(self, _report: SyncReport) -> None:
        self._finish(SyncState.IDLE, None)

    def _on_sync_failed(self, error: BaseException) -> None:
        if isinstance(error, DeviceWasRevoked):
            self._cancel = None
            self._timer.stop()
            self._after_save.stop()
            self._show(replace(self.view, state=SyncState.REVOKED, error=error))
            self.device_revoked.emit()
            return
        if isinstance(error, SyncCancelled):
            state = SyncState.IDLE
        elif isinstance(error, NotEnrolled):
            state = SyncState.STANDALONE
        elif isinstance(error, ServerUnreachable):
            state = SyncState.OFFLINE
        else:
            log.warning("sync failed: %s", type(error).__name__)
            state = SyncState.FAILED
        self._finish(state, error)

    def _finish(self, state: SyncState, error: BaseException | None) -> None:
        """Read the counts the attempt left, then show the outcome with them (never a stale
        "last synced" beside an old pending count) and tell the other screens."""

        def show(numbered: tuple[int, _Snapshot] | None) -> None:
            self._cancel = None
            view = replace(self.view, state=state, error=error)
            snapshot = self._newest(numbered) if numbered is not None else None
            if snapshot is not None:
                view = replace(view, status=snapshot.status, read_only=snapshot.read_only)
            self._show(view)
            self._broadcast.sync_did_finish.emit()

        def unreadable(read_error: BaseException) -> None:
            self._on_error(read_error)
            show(None)

        self._runner.run(self._numbered_read(), on_success=show, on_failure=unreadable, owner=self)

    @Slot(frozenset)
    def _records_changed(self, _kinds: frozenset[str]) -> None:
        self._recount.start()  # a burst of saves is counted once
        if self.view.state not in (SyncState.STANDALONE, SyncState.REVOKED):
            self._after_save.start()

    # -- needs attention -----------------------------------------------------------------------

    def resolve_conflict(
        self, conflict: SyncConflict, choice: Resolution | Mapping[str, str] | None = None
    ) -> bool:
        """Settle a conflict: keep this laptop's version, the server's, a field-by-field merge
        (``{field: "mine" | "server"}``), or with ``None`` only mark it handled (blocks: may
        reach the server; run it off-thread)."""
        return self.service.resolve_conflict(conflict.id, choice)
