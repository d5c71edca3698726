"""Storing pulled pages in the encrypted vault: sqlite-utils' ``upsert_all`` against plain SQL.

The issue asks for sqlite-utils where it serves (bulk upserts of pulled pages) and a raw path only
where sqlite-utils loses by more than 1.5x. This times ``store.caseload.put_pulled`` on the same
6,850 records (the restore of bench_restore.py), in pages of 500, into a fresh SQLCipher vault,
once with each writer (``write_sqlite_utils``, ``write_raw``); medians of 5 runs each. And what
the report facts cost (vault migration 6's triggers write a small row per screening, obligation,
identification and youth in the same transaction): ``write_sqlite_utils`` once more into a vault
whose facts triggers are dropped, in the same runs.
Run: ``.venv/bin/python bench/bench_pull.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_restore import caseload  # type: ignore[import-not-found]
from common import report  # type: ignore[import-not-found]

from csec_desktop.store import Store
from csec_desktop.store import caseload as local_caseload

PAGE = 500
RUNS = 5


NO_FACTS = "write_sqlite_utils, no report facts"


def _apply(
    records: list, writer: local_caseload.Writer, work: Path, run: int, facts: bool = True
) -> float:
    name = writer.__name__ if facts else "no-facts"
    store = Store(work / f"{name}-{run}.db", os.urandom(32), create=True)
    if not facts:
        for event in ("insert", "update", "delete"):
            store.call(
                lambda e=event: store.db.connection().execute(f"DROP TRIGGER report_facts_on_{e}")
            )
    local_caseload.WRITE_PULLED = writer
    pulled = [local_caseload.Pulled(r, "bench") for r in records]
    try:
        start = time.perf_counter()
        for first in range(0, len(pulled), PAGE):
            page = pulled[first : first + PAGE]
            store.db.write(
                lambda conn, p=page: local_caseload.put_pulled(
                    store.db, conn, p, actor="bench", username="bench"
                )
            )
        elapsed = time.perf_counter() - start
        assert store.record_total() == len(records)
        return elapsed
    finally:
        store.close()


def main() -> int:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load}")
    records = caseload(random.Random(2026))
    writers = (local_caseload.write_sqlite_utils, local_caseload.write_raw)
    timings: dict[str, list[float]] = {w.__name__: [] for w in writers}
    timings[NO_FACTS] = []
    with tempfile.TemporaryDirectory(prefix="csec-bench-pull-") as root:
        for run in range(RUNS):
            for writer in writers if run % 2 == 0 else writers[::-1]:  # alternate the order
                timings[writer.__name__].append(_apply(records, writer, Path(root), run))
            no_facts = _apply(records, writers[0], Path(root), run, facts=False)
            timings[NO_FACTS].append(no_facts)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, seconds in medians.items():
        report(f"{len(records):,} pulled records, {name} (median)", len(records) / seconds, "rec/s")
    ratio = medians["write_sqlite_utils"] / medians["write_raw"]
    report("sqlite-utils time / plain SQL time", ratio, "x", "<= 1.5 to keep sqlite-utils")
    facts_cost = medians["write_sqlite_utils"] / medians[NO_FACTS]
    report("with the report facts / without (sqlite-utils)", facts_cost, "x")
    local_caseload.WRITE_PULLED = local_caseload.write_sqlite_utils
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
