"""Where services get the time: an injectable clock, so tests (and replays) control "now".

A clock is any callable returning a timezone-aware datetime; services read it through
:func:`now_utc`, which refuses a naive time rather than guessing its zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from csec_desktop.domain.base import utcnow

Clock = Callable[[], datetime]

system_clock: Clock = utcnow


def now_utc(clock: Clock) -> datetime:
    """``clock()`` in UTC; ``ValueError`` if the clock returned a naive datetime."""
    moment = clock()
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the clock returned a time without a time zone")
    return moment.astimezone(UTC)


class FixedClock:
    """A clock that stands still until moved: ``clock.advance(hours=2)``, ``clock.set(t)``."""

    def __init__(self, start: datetime) -> None:
        self.set(start)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a clock time needs a time zone")
        self._now = moment.astimezone(UTC)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**parts)
        return self._now

    def __call__(self) -> datetime:
        return self._now


__all__ = ["Clock", "FixedClock", "now_utc", "system_clock"]
