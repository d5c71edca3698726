"""County report aggregation over a year with 20,000 screenings.

Seeds an encrypted store with ``DemoSeeder`` (20,000 screenings of 4,000 youth, with their
obligations and missing episodes, and 600 education sessions plus their trainings), then times
``ReportService.county_report`` for the year, the same through full domain models (to show what
the slim read views save), and ``suppress_small_counts``. Medians of repeated runs.
Run: ``make bench`` or ``.venv/bin/python bench/bench_reports.py``.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import median_ms, report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import (
    EducationSession,
    Identification,
    Obligation,
    Screening,
    Training,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder
from csec_desktop.services.reports import (
    COUNTED_STATUSES,
    IdentificationFacts,
    ObligationFacts,
    ReportService,
    ScreeningFacts,
    YouthFacts,
    aggregate,
    suppress_small_counts,
)
from csec_desktop.store import Store

YOUTH = 4_000
SCREENINGS = 20_000
SESSIONS = 600
REPEATS = 5


def full_models_report(store: Store, policy: CountyPolicy, start: date, end: date) -> object:
    """The same report through full domain models: what the slim views are compared with."""
    screenings = [
        ScreeningFacts.model_validate(s.model_dump())
        for status in COUNTED_STATUSES
        for s in store.records(Screening, status=status.value, limit=10_000_000)
    ]
    obligations = [
        ObligationFacts.model_validate(o.model_dump())
        for o in store.records(Obligation, limit=10_000_000)
    ]
    return aggregate(
        start=start,
        end=end,
        as_of=ReportService(store, policy).clock(),
        policy=policy,
        screenings=screenings,
        identifications=[
            IdentificationFacts.model_validate(i.model_dump())
            for i in store.records(Identification, limit=10_000_000)
        ],
        youth=[YouthFacts.model_validate(y.model_dump()) for y in store.records(Youth)],
        obligations=obligations,
        sessions=store.records(EducationSession, limit=10_000_000),
        trainings=store.records(Training, limit=10_000_000),
    )


def main() -> None:
    registry = InstrumentRegistry(shipped_instruments_dir(), None)
    instrument = registry.latest(DEMO_INSTRUMENT)
    policy = CountyPolicy()
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as tmp:
        store = Store(Path(tmp) / "vault.db", os.urandom(32), create=True)
        started = time.perf_counter()
        counts = DemoSeeder(store, instrument, seed=11, policy=policy).seed(
            youth=YOUTH, screenings=SCREENINGS, sessions=SESSIONS
        )
        seeded = time.perf_counter() - started
        print(
            f"seeded {counts.youth} youth, {counts.screenings} screenings, "
            f"{counts.obligations} obligations, {counts.missing_episodes} missing episodes, "
            f"{counts.sessions} sessions, {counts.trainings} trainings in {seeded:.1f} s",
            flush=True,
        )
        end = date.today() + timedelta(days=1)
        start = end - timedelta(days=366)
        service = ReportService(store, policy)
        figures = service.county_report(start, end)
        print(
            f"report: {figures.screenings} screenings of {figures.children_screened} children "
            f"({figures.children} children counted, {figures.children_identified} identified), "
            f"{figures.sessions} sessions, {figures.trainings} trainings",
            flush=True,
        )
        report(
            "county report for a year, 20,000 screenings (ms)",
            median_ms(time_each(lambda: service.county_report(start, end), REPEATS)),
            "ms",
            "<= 2000 ms",
        )
        report(
            "same through full domain models (ms)",
            median_ms(time_each(lambda: full_models_report(store, policy, start, end), REPEATS)),
            "ms",
        )
        report(
            "suppress small counts (ms)",
            median_ms(time_each(lambda: suppress_small_counts(figures), 200)),
            "ms",
        )
        store.close()


if __name__ == "__main__":
    main()
