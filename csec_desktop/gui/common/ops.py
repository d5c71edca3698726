"""Operations: the one way a screen changes the vault (Anki's ``CollectionOp``).

A screen describes a change and the record kinds it touches; the operation runs it on the
database lane and, once it succeeded, announces those kinds itself on ``records_did_change``,
whatever became of the window that asked. No screen emits change kinds by hand, so a new
screen cannot forget to, and every other screen decides for itself whether to refresh::

    CollectionOp(self, self._ops, service.mark_done, obligation, changes={"obligation"},
                 done_at=when).success(self._marked).failure(self._failed).run_in_background()

``QueryOp`` is the same for a read: no announcement. Both call back on the GUI thread, and only
while their parent widget is alive (``TaskRunner``'s owner rule).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from PySide6.QtCore import QObject

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.tasks import TaskRunner

T = TypeVar("T")
Submit = Callable[..., Future[Any]]
RECORD_KINDS = frozenset(
    {
        "youth",
        "screening",
        "obligation",
        "missing_episode",
        "education_session",
        "training",
        "review",
        "identification",
    }
)


@dataclass(frozen=True)
class Ops:
    """What an operation needs: the task runner, the database lane and the broadcast hub."""

    runner: TaskRunner
    submit: Submit
    broadcast: Broadcast


class _Op(Generic[T]):
    def __init__(
        self, parent: QObject, ops: Ops, fn: Callable[..., T], *args: Any, **kwargs: Any
    ) -> None:
        self._parent = parent
        self._ops = ops
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self.on_lane = True

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        self._on_failure = callback
        return self

    def off_lane(self) -> Self:
        """Run on a worker thread instead of the lane (a service that reaches the network, or
        calls the store itself from any thread)."""
        self.on_lane = False
        return self

    def _announce(self, _result: object) -> None:
        return None

    def run_in_background(self) -> int:
        ops = self._ops
        common: dict[str, Any] = {
            "on_success": self._on_success,
            "on_failure": self._on_failure,
            "owner": self._parent,
            "after_success": self._announce,
        }
        if self.on_lane:
            return ops.runner.run_on_lane(
                ops.submit, self._fn, *self._args, **common, **self._kwargs
            )
        return ops.runner.run(self._fn, *self._args, **common, **self._kwargs)


class CollectionOp(_Op[T]):
    """A change: ``changes`` names the record kinds it saves (see ``RECORD_KINDS``)."""

    def __init__(
        self,
        parent: QObject,
        ops: Ops,
        fn: Callable[..., T],
        *args: Any,
        changes: Iterable[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(parent, ops, fn, *args, **kwargs)
        self.changes = frozenset(changes)
        unknown = self.changes - RECORD_KINDS
        if not self.changes or unknown:
            raise ValueError(f"an operation names the record kinds it changes: {sorted(unknown)}")

    def _announce(self, _result: object) -> None:
        self._ops.broadcast.records_did_change.emit(self.changes)


class QueryOp(_Op[T]):
    """A read: runs like a change, announces nothing."""
