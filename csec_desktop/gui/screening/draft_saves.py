"""The wizard's autosave, fire-and-forget: answers go to the database lane at once, never gated
on the GUI thread hearing back from an earlier save.

Why: with one save in flight at a time, answers typed while a save ran waited on the GUI thread
for that save's callback; if the wizard was gone by then (the vault locked, the window closed)
the callback never came and those answers were not sent. Here ``add`` only merges the changes
into what is waiting and, when no save is queued yet, says a lane job must be queued. The job
(``save_waiting``, on the lane) takes everything waiting *when it runs*: a newer change
supersedes an older one that was queued but not yet written, a burst of changes is one write,
and the last change always lands. Each save continues from the version the previous one
returned (kept here, read and written only on the lane), so the store's stale-version check
still catches a screening changed elsewhere.

A save that fails puts its changes back under anything newer (the newer value wins), so a
retry sends them again. Plain Python and a lock: no Qt, safe on both threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from pydantic import JsonValue

from csec_desktop.domain import Screening

Save = Callable[[Screening, Mapping[str, JsonValue]], Screening]


class DraftSaves:
    def __init__(self, save: Save, screening: Screening) -> None:
        self._save = save
        self._lock = threading.Lock()
        self._waiting: dict[str, JsonValue] = {}
        self._queued = False  # a lane job is queued that will take what is waiting
        self._writing = False
        self._saved = screening  # the newest version saved (the lane's to change)

    @property
    def saved(self) -> Screening:
        """The newest version that reached the vault."""
        with self._lock:
            return self._saved

    @property
    def busy(self) -> bool:
        """Changes waiting, a save queued, or one being written."""
        with self._lock:
            return bool(self._waiting) or self._queued or self._writing

    def add(self, changes: Mapping[str, JsonValue]) -> bool:
        """Merge ``changes`` (newest wins) into what is waiting. True when the caller must queue
        ``save_waiting`` on the lane (none is queued yet); False when a queued one will take
        them."""
        with self._lock:
            self._waiting.update(changes)
            if self._queued or not self._waiting:
                return False
            self._queued = True
            return True

    def save_waiting(self) -> Screening:
        """On the lane: save everything waiting now, from the newest saved version."""
        with self._lock:
            changes, self._waiting = self._waiting, {}
            self._queued = False
            base = self._saved
            self._writing = bool(changes)
        if not changes:
            return base
        try:
            saved = self._save(base, changes)
        except BaseException:
            with self._lock:
                self._waiting = {**changes, **self._waiting}  # what came since is newer
                self._writing = False
            raise
        with self._lock:
            self._saved = saved
            self._writing = False
        return saved

    def restart_from(self, screening: Screening) -> None:
        """Continue from ``screening`` (a version saved by something else: submitting)."""
        with self._lock:
            self._saved = screening
