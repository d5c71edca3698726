"""The one helper for off-thread work: run a callable elsewhere, get its outcome on the GUI thread.

The GUI thread never waits on disk, crypto or network. A screen hands the runner a callable and
two callbacks::

    self.runner.run(self.service.search, text, on_success=self.show_results,
                    on_failure=self.show_error, owner=self)

* ``run`` executes the callable on a ``QThreadPool`` worker (crypto, network, file checks);
* ``run_on_lane`` hands it to the database lane (``Store.submit``) so database work stays in
  order on the lane's single thread.

How the outcome gets back, and why this way: the worker thread emits a signal of a ``_Relay``
QObject that lives on the GUI thread, connected (queued) to one of the relay's own slots. Qt
then runs that slot on the GUI thread, and only there are the callbacks called. Callbacks are
never connected to a signal directly: in PySide6 a lambda or plain function connected to a
signal emitted from a worker thread can run *on the worker thread*, because it has no thread
affinity (see PYSIDE-3124 and similar reports). A callback whose ``owner`` QObject has been
deleted meanwhile (its window closed) is skipped, so a late result never touches a dead widget.

``TaskRunner(synchronous=True)`` runs everything at once on the calling thread, for tests that
want no event loop (as Picard's thread pool does in its tests).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Pending:
    on_success: Callback | None
    on_failure: Callback | None
    owner: QObject | None
    # Called on success even when the owner is gone or forgotten: a change that reached the
    # vault is announced whatever happened to the window that asked for it (``ops.py``).
    after_success: Callback | None = None
    forgotten: bool = False  # its window went away (``forget_owner``): nobody waits for it


class _Relay(QObject):
    """Lives on the GUI thread; its slot is where every outcome arrives."""

    outcome_ready = Signal(int, bool, object)  # ticket, succeeded, result or exception

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self._runner = runner
        # Queued even when emitted on the GUI thread (a future that was already done), so a
        # callback never runs before ``run`` has returned.
        self.outcome_ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, succeeded: bool, value: object) -> None:
        self._runner._deliver(ticket, succeeded, value)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, ticket: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._relay = relay
        self._ticket = ticket
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to on_failure, never lost on the worker
            self._relay.outcome_ready.emit(self._ticket, False, exc)
        else:
            self._relay.outcome_ready.emit(self._ticket, True, result)
        finally:
            self._work = _finished  # drop references (records, passphrases) promptly


def _finished() -> None:
    return None


def _refused_as_locked(error: object) -> bool:
    from csec_desktop.store.errors import StoreClosed  # not at start-up: see test_startup_imports

    return isinstance(error, StoreClosed)


class TaskRunner(QObject):
    """Runs callables off the GUI thread and delivers their outcome on it. Create it on the GUI
    thread; pass it to the windows that need it (no global instance)."""

    busy_changed = Signal(bool)  # True while any task is outstanding (for a status-bar hint)

    def __init__(
        self,
        *,
        synchronous: bool = False,
        max_threads: int = 4,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._tickets = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._jobs: dict[int, _Job] = {}

    # -- starting work -------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
        owner: QObject | None = None,
        after_success: Callback | None = None,
        **kwargs: Any,
    ) -> int:
        """Run ``fn(*args, **kwargs)`` on a worker thread. Returns a ticket number.
        ``after_success`` as in :meth:`run_on_lane`."""
        ticket = self._register(on_success, on_failure, owner, after_success)

        def work() -> Any:
            return fn(*args, **kwargs)

        if self.synchronous:
            self._run_now(ticket, work)
            return ticket
        job = _Job(self._relay, ticket, work)
        job.setAutoDelete(False)  # we hold it until its outcome is delivered
        self._jobs[ticket] = job
        self._pool.start(job)
        return ticket

    def run_on_lane(
        self,
        submit: Callable[..., Future[Any]],
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callback | None = None,
        on_failure: Callback | None = None,
        owner: QObject | None = None,
        after_success: Callback | None = None,
        **kwargs: Any,
    ) -> int:
        """Queue ``fn`` on the database lane through ``submit`` (``store.submit``).

        ``after_success`` runs on the GUI thread after a success, before ``on_success``, even
        if ``owner`` was deleted or forgotten meanwhile."""
        ticket = self._register(on_success, on_failure, owner, after_success)
        if self.synchronous:
            self._run_now(ticket, lambda: submit(fn, *args, **kwargs).result())
            return ticket
        try:
            future = submit(fn, *args, **kwargs)
        except BaseException as exc:  # e.g. StoreClosed: the vault was locked meanwhile
            self._relay.outcome_ready.emit(ticket, False, exc)
            return ticket
        future.add_done_callback(lambda done: self._future_done(ticket, done))
        return ticket

    def _future_done(self, ticket: int, future: Future[Any]) -> None:
        # Runs on the lane thread: only emit, never call a callback here.
        exc = future.exception()
        if exc is not None:
            self._relay.outcome_ready.emit(ticket, False, exc)
        else:
            self._relay.outcome_ready.emit(ticket, True, future.result())

    def _register(
        self,
        on_success: Callback | None,
        on_failure: Callback | None,
        owner: QObject | None,
        after_success: Callback | None = None,
    ) -> int:
        ticket = next(self._tickets)
        self._pending[ticket] = _Pending(on_success, on_failure, owner, after_success)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        return ticket

    def _run_now(self, ticket: int, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except Exception as exc:
            self._deliver(ticket, False, exc)
        else:
            self._deliver(ticket, True, result)

    # -- delivering ----------------------------------------------------------------------------

    def _deliver(self, ticket: int, succeeded: bool, value: object) -> None:
        self._jobs.pop(ticket, None)
        pending = self._pending.pop(ticket, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if pending is None:
            return
        if succeeded and pending.after_success is not None:
            pending.after_success(value)
        if pending.owner is not None and not shiboken6.isValid(pending.owner):
            return  # the window that asked is gone
        callback = pending.on_success if succeeded else pending.on_failure
        if callback is not None:
            callback(value)
        elif not succeeded:
            # Type only: an exception's text may quote record content.
            if pending.forgotten and _refused_as_locked(value):
                # A read for a window already closed by locking, refused because the vault is
                # now closed: what locking is for, not a failure.
                log.debug("a closed window's task found the vault locked")
            else:
                log.error("background task failed: %s", type(value).__name__)

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def outstanding(self) -> int:
        return len(self._pending)

    def forget_owner(self, owner: QObject) -> None:
        """Drop the callbacks of ``owner``'s outstanding tasks (the work itself still finishes)."""
        for pending in self._pending.values():
            if pending.owner is owner:
                pending.on_success = pending.on_failure = None
                pending.forgotten = True

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until worker threads are idle (at exit and in tests only)."""
        return self._pool.waitForDone(msecs)
