"""The database lane: one worker thread that does all database work, in order.

SQLite connections belong to the thread that opened them, and one writer at a time keeps
transactions simple. Callers on other threads either wait for a result (``call``, for the CLI and
services running off the GUI thread) or get a ``Future`` (``submit``, for the GUI's task runner).
Work submitted from inside the lane runs at once, so a service may call the store freely.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


class DatabaseLane:
    def __init__(self, name: str = "csec-db") -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread_id = self._executor.submit(threading.get_ident).result()

    def in_lane(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        if self.in_lane():
            future: Future[T] = Future()
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)
            return future
        return self._executor.submit(fn, *args, **kwargs)

    def call(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.in_lane():
            return fn(*args, **kwargs)
        return self._executor.submit(fn, *args, **kwargs).result()

    def shutdown(self) -> None:
        """Finish queued work, then stop the thread. Safe to call twice."""
        if self.in_lane():
            self._executor.shutdown(wait=False)
        else:
            self._executor.shutdown(wait=True)
