"""Sync end to end over loopback: a real county server process and an encrypted vault.

Figures, for an embedded SQLite server and a PostgreSQL one:
- 10,000 youth records pushed from one vault (records/s, target >= 3,000), from the first claim
  to the last "sent" committed in the vault;
- a sync with nothing to send (push check + pull + bookkeeping; median, target <= 100 ms).
PostgreSQL comes from CSEC_TEST_POSTGRES_URL (default: the one ``.ci/services.sh`` starts); when
it is not reachable that half is reported as skipped.
Run: ``make bench`` or ``.venv/bin/python bench/bench_sync.py``.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import Youth
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    make_youth,
    open_device,
    postgres_database,
    sqlite_database,
)

RECORDS = 10_000
EMPTY_SYNCS = 30


def measure(label: str, database_url: str, work: Path) -> tuple[float, float]:
    """(records/s pushing ``RECORDS`` from one vault, median ms of a sync with nothing to send)."""
    county = County.create(database_url)
    server = ServerProcess(database_url).start()
    device = open_device(work / f"{label}.db", batch_size=500)
    try:
        county.user("bench-cw")
        device.service.enroll(server.url, county.code("bench-cw"))
        records = [make_youth(n) for n in range(RECORDS)]
        device.store.save_many(records, actor="bench")
        start = time.perf_counter()
        result = device.service.sync()
        elapsed = time.perf_counter() - start
        assert result.complete and result.sent == RECORDS, result
        assert len(county.record_versions()) == RECORDS
        timings = time_each(device.service.sync, EMPTY_SYNCS)
        assert device.store.count(Youth) == RECORDS
        return RECORDS / elapsed, statistics.median(timings) * 1000
    finally:
        device.close()
        server.stop()
        county.dispose()


def _run(label: str, database_url: str, work: Path) -> None:
    rate, empty_ms = measure(label, database_url, work)
    report(f"{label}: push {RECORDS:,} records end to end", rate, "rec/s", ">= 3000")
    report(f"{label}: sync with nothing to send (median)", empty_ms, "ms", "<= 100")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="csec-bench-sync-") as root:
        work = Path(root)
        _run("sqlite server", sqlite_database(work), work)
        try:
            context = postgres_database()
            url = context.__enter__()
        except AssertionError as exc:
            print(f"postgresql server: skipped ({exc})")
            return 0
        with contextlib.ExitStack() as stack:
            stack.push(context.__exit__)
            _run("postgresql server", url, work)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
