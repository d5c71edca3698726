"""The cost of the page check the app runs after every unlock and before every sync
(``Store.check_pages``: SQLCipher's ``cipher_integrity_check`` reads and authenticates every page).

Figures: the check on vaults of 2,000 and 20,000 youth (each with as many screenings), median of
repeated runs, with the database size. The app runs it after unlock on a connection of its own
(``VaultSession.check_pages``), so neither the GUI thread nor the database lane waits for it.
Run: ``make bench`` or ``.venv/bin/python bench/bench_integrity.py``.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from common import median_ms, report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import Screening, Youth
from csec_desktop.store import Store

REPEATS = 5


def _fill(store: Store, count: int) -> None:
    batch: list[Youth | Screening] = []
    for n in range(count):
        youth = Youth(
            given_name=f"Bench{n}",
            family_name="Integrity",
            date_of_birth=date(2009, 1, 1 + n % 28),
            county="Fresno",
        )
        screening = Screening(
            youth_id=youth.id,
            instrument_id="csec-default",
            instrument_version="1.0",
            screening_date=date(2026, 1, 1 + n % 28),
            screener="bench",
            answers={f"item{i}": "yes" if (n + i) % 3 else "no" for i in range(30)},
            notes="bench notes " * 20,
        )
        batch += [youth, screening]
        if len(batch) >= 1000:
            store.save_many(batch, actor="bench")
            batch = []
    if batch:
        store.save_many(batch, actor="bench")


def main() -> None:
    for count in (2_000, 20_000):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "vault.db"
            store = Store(path, os.urandom(32), create=True)
            try:
                _fill(store, count)
                store.call(
                    lambda s=store: s._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
                )
                size_mb = path.stat().st_size / 1_000_000
                timings = time_each(store.check_pages, REPEATS)
                assert store.damage is None
            finally:
                store.close()
        report(
            f"page check, {count:,} youth + screenings ({size_mb:.0f} MB)", median_ms(timings), "ms"
        )


if __name__ == "__main__":
    main()
