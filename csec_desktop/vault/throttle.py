"""A growing wait after repeated wrong passphrases, remembered across restarts.

The first three wrong passphrases cost nothing extra (people mistype); from the fourth on, each
further attempt waits 1 s, then 2 s, 4 s, ... up to 60 s, counted from the last failure. A correct
passphrase resets it. The state lives in a tiny JSON file beside the key file holding only a count
and a time, so quitting and restarting the app does not reset the wait.

Attempts take turns: ``turn()`` holds an exclusive lock (on the key file; on Windows on a file
beside the state file) from the wait until the outcome is recorded, so parallel attempts (several
app windows, scripts running ``csec-admin`` at once) queue up and each pays the delay its
predecessors earned, instead of all passing the same wait together.

This slows guessing *through the app*; it cannot stop someone who copies the key file and guesses
offline (the Argon2id cost is the defence there), nor someone who can delete the state file. So a
state file that cannot be read counts as no failures rather than locking the user out.

The clock and the sleep function are injectable, so tests check the delays without waiting.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from pydantic import Field, StrictFloat, StrictInt, ValidationError

from csec_desktop.vault._codec import FileModel
from csec_desktop.vault.atomic import write_private_file

THROTTLE_FILE_NAME = "unlock-throttle.json"
LOCK_SUFFIX = ".lock"
FREE_FAILURES = 3
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0


class ThrottleState(FileModel):
    """The state file's contents: how many failures in a row, and when the last one was."""

    format: Literal["csec-desktop-unlock-throttle"] = "csec-desktop-unlock-throttle"
    version: Literal[1] = 1
    failures: StrictInt = Field(default=0, ge=0)
    last_failure_at: StrictFloat | StrictInt | None = None  # seconds since the epoch


def delay_after(failures: int) -> float:
    """The wait (seconds) owed after ``failures`` wrong passphrases in a row."""
    if failures <= FREE_FAILURES:
        return 0.0
    doublings = min(failures - FREE_FAILURES - 1, 16)  # capped so the power stays small
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2.0**doublings)


class UnlockThrottle:
    """Counts wrong passphrases in a state file and makes the next attempt wait accordingly."""

    def __init__(
        self,
        state_path: Path,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # Wall-clock time, not monotonic: the state must mean the same after a restart.
        self.state_path = state_path
        self._clock = clock
        self._sleep = sleep
        # What attempts lock to take turns (``turn``): the key file itself where locks are
        # advisory (POSIX), so no extra file appears in the data folder; a file of its own on
        # Windows, whose locks would also stop the key file from being read.
        self.lock_path = state_path.with_name(state_path.name + LOCK_SUFFIX)

    @classmethod
    def beside(
        cls,
        key_file: Path,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> UnlockThrottle:
        """The throttle whose state file sits in the key file's folder."""
        throttle = cls(key_file.with_name(THROTTLE_FILE_NAME), clock=clock, sleep=sleep)
        if sys.platform != "win32":
            throttle.lock_path = key_file
        return throttle

    def _read(self) -> ThrottleState:
        try:
            return ThrottleState.model_validate(json.loads(self.state_path.read_bytes()))
        except FileNotFoundError:
            return ThrottleState()
        except (OSError, ValueError, ValidationError):
            return ThrottleState()  # see the module docstring: unreadable means no failures

    @property
    def failures(self) -> int:
        """Wrong passphrases in a row so far."""
        return self._read().failures

    def seconds_to_wait(self) -> float:
        """How long the next attempt must still wait (0 if it may go ahead), for display too."""
        state = self._read()
        delay = delay_after(state.failures)
        if delay == 0 or state.last_failure_at is None:
            return 0.0
        # A clock set backwards must not shorten the wait, nor stretch it beyond one delay.
        elapsed = max(0.0, self._clock() - state.last_failure_at)
        return max(0.0, delay - elapsed)

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """Hold this vault's unlock turn (blocks while another attempt holds it)."""
        try:
            if self.lock_path.exists():
                fd = os.open(self.lock_path, os.O_RDONLY)
            else:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield  # a folder we cannot write to: no queue, the wait still applies
            return
        try:
            _lock(fd)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def wait(self) -> None:
        """Sleep out the remaining delay. Blocks: call it off the GUI thread."""
        remaining = self.seconds_to_wait()
        if remaining > 0:
            self._sleep(remaining)

    def record_failure(self) -> None:
        state = self._read()
        updated = state.model_copy(
            update={"failures": state.failures + 1, "last_failure_at": float(self._clock())}
        )
        with contextlib.suppress(OSError):  # failing to count must not turn into a crash
            write_private_file(self.state_path, updated.model_dump_json().encode("ascii"))

    def record_success(self) -> None:
        with contextlib.suppress(OSError):
            self.state_path.unlink(missing_ok=True)


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for about 10 s, then raises
                return
            except OSError:
                continue
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
