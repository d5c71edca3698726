"""What the database's busy backends are doing during a scenario, sampled from ``pg_stat_activity``.

Issue 16's burst was found waiting on one county row by sampling this view; the sampler makes
that a figure every run prints: the share of active-backend samples waiting on a lock (and on
which kind), against those on CPU or I/O.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text

_ACTIVE = text(
    "SELECT COALESCE(wait_event_type, 'CPU') AS kind, COALESCE(wait_event, '') AS event"
    " FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
    " AND pid <> pg_backend_pid()"
)


@dataclass
class Waits:
    samples: int = 0  # active backends seen, summed over the samples
    by_kind: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        if not self.samples:
            return "no active backends sampled"
        top = ", ".join(f"{kind} {n / self.samples:.0%}" for kind, n in self.by_kind.most_common(5))
        return f"{self.samples} active-backend samples: {top}"


@contextmanager
def sampled(database_url: str, every_s: float = 0.02) -> Iterator[Waits]:
    """Sample the database's active backends every ``every_s`` while the block runs."""
    waits = Waits()
    stop = threading.Event()
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")

    def sample() -> None:
        with engine.connect() as conn:
            while not stop.wait(every_s):
                for kind, event in conn.execute(_ACTIVE):
                    waits.samples += 1
                    waits.by_kind[f"{kind}:{event}" if kind == "Lock" else kind] += 1

    worker = threading.Thread(target=sample, name="pg-wait-sampler", daemon=True)
    worker.start()
    try:
        yield waits
    finally:
        stop.set()
        worker.join()
        engine.dispose()
