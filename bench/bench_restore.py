"""Caseload sync end to end over loopback: a real county server process and encrypted vaults.

Figures, for a PostgreSQL server (and an embedded SQLite one):
- the restore of a caseload of 200 youth with three years of history (about 6,000 records:
  screenings, their obligations, missing episodes, group sessions, trainings) on a new laptop,
  from the first request to the last page committed (seconds and records/s; target <= 10 s on
  PostgreSQL);
- an incremental sync with nothing new (median; target <= 100 ms);
- the sync of one changed record: changed on this laptop (pushed), and changed on the user's
  other laptop (pulled) (medians; target <= 150 ms).
PostgreSQL comes from CSEC_TEST_POSTGRES_URL (default: the one ``.ci/services.sh`` starts); when
it is not reachable that half is reported as skipped.
Run: ``.venv/bin/python bench/bench_restore.py`` (``make bench`` runs it with the others).
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from common import report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    EducationSession,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Record,
    RiskLevel,
    Screening,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    make_youth,
    open_device,
    postgres_database,
    sqlite_database,
)

YOUTH = 200
SCREENINGS = 9  # per youth, over three years
EPISODES = 4  # per youth
SESSIONS = 420  # group sessions, 2-5 attendees each
TRAININGS = 30
REPEATS = 30
USER = "bench-cw"  # the server checks that the screener and confirmer are the enrolled user


def caseload(rng: random.Random) -> list[Record]:
    """About 6,000 records of 200 youth over three years (marked fake)."""
    start = datetime(2023, 6, 1, 9, tzinfo=UTC)
    found: list[Record] = []
    youth = [make_youth(n, given_name=f"Bench{n}") for n in range(YOUTH)]
    found += youth
    for child in youth:
        for k in range(SCREENINGS):
            when = start + timedelta(days=rng.randrange(1_000))
            screening = Screening(
                youth_id=child.id,
                instrument_id="csec-default",
                instrument_version="1.0",
                screening_date=when.date(),
                screener=USER,
                status=ScreeningStatus.SUBMITTED,
                determination=Determination(
                    category=CsecCategory.AT_RISK,
                    risk_level=RiskLevel.POSSIBLE_CONCERN,
                    confirmed_by=USER,
                    confirmed_at=when,
                ),
                submitted_at=when,
                notes=f"bench history {k}",
            )
            found.append(screening)
            for kind in (ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM, ObligationKind.REFER_TO_MDT):
                found.append(
                    Obligation(
                        youth_id=child.id,
                        screening_id=screening.id,
                        kind=kind,
                        due_at=when + timedelta(days=10),
                        done_at=when + timedelta(days=rng.randrange(1, 9)),
                    )
                )
        for _ in range(EPISODES):
            went = start + timedelta(days=rng.randrange(1_000))
            found.append(
                MissingEpisode(
                    youth_id=child.id, started_at=went, ended_at=went + timedelta(days=2)
                )
            )
    for _ in range(SESSIONS):
        found.append(
            EducationSession(
                session_date=date(2024, 1, 1) + timedelta(days=rng.randrange(600)),
                minutes=60,
                curriculum="My Life My Choice",
                audience=SessionAudience.FOSTER_YOUTH,
                setting=SessionSetting.GROUP_HOME,
                facilitators=["bench"],
                attendee_youth_ids=[y.id for y in rng.sample(youth, rng.randint(2, 5))],
            )
        )
    for _ in range(TRAININGS):
        found.append(
            Training(
                training_date=date(2024, 1, 1) + timedelta(days=rng.randrange(600)),
                training_type=TrainingType.CSEC_101,
                audience_type=TrainingAudience.FOSTER_PARENTS,
                attendee_count=12,
                minutes=90,
            )
        )
    return found


def _run(label: str, database_url: str, work: Path) -> None:
    county = County.create(database_url)
    server = ServerProcess(database_url).start()
    rng = random.Random(2026)
    devices: list[Any] = []
    try:
        county.user(USER)
        old = open_device(work / f"{label}-old.db", batch_size=500)
        devices.append(old)
        old.service.enroll(server.url, county.code(USER))
        records = caseload(rng)
        old.store.save_many(records, actor="bench")
        pushed_all = old.service.sync()
        assert pushed_all.complete, pushed_all
        new = open_device(work / f"{label}-new.db")
        devices.append(new)
        new.service.enroll(server.url, county.code(USER))
        start = time.perf_counter()
        restored = new.service.sync()
        elapsed = time.perf_counter() - start
        assert restored.records_received == len(records), restored
        report(f"{label}: restore {len(records):,} records (seconds)", elapsed, "s", "<= 10")
        report(f"{label}: restore rate", len(records) / elapsed, "rec/s")

        empty = time_each(new.service.sync, REPEATS)
        report(
            f"{label}: sync with nothing new (median)",
            statistics.median(empty) * 1000,
            "ms",
            "<= 100",
        )
        youth = [r for r in records if isinstance(r, Youth)]

        def change_here() -> None:
            child = new.store.get(Youth, rng.choice(youth).id)
            new.store.save(child.evolve(preferred_name=f"p{child.version}"), actor="bench")
            assert new.service.sync().sent == 1

        pushed = time_each(change_here, REPEATS)
        report(
            f"{label}: one record changed here (median)",
            statistics.median(pushed) * 1000,
            "ms",
            "<= 150",
        )
        old.service.sync()  # the other laptop catches up first (not timed)
        pulled = []
        for _ in range(REPEATS):
            child = old.store.get(Youth, rng.choice(youth).id)
            old.store.save(child.evolve(preferred_name=f"o{child.version}"), actor="bench")
            old.service.sync()
            begin = time.perf_counter()
            got = new.service.sync()
            pulled.append(time.perf_counter() - begin)
            assert got.records_received == 1, got
        report(
            f"{label}: one record changed on the other laptop (median)",
            statistics.median(pulled) * 1000,
            "ms",
            "<= 150",
        )
    finally:
        for device in devices:
            device.close()
        server.stop()
        county.dispose()


def main() -> int:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load}")
    with tempfile.TemporaryDirectory(prefix="csec-bench-restore-") as root:
        work = Path(root)
        try:
            context = postgres_database()
            url = context.__enter__()
        except AssertionError as exc:
            print(f"postgresql server: skipped ({exc})")
        else:
            with contextlib.ExitStack() as stack:
                stack.push(context.__exit__)
                _run("postgresql server", url, work)
        _run("sqlite server", sqlite_database(work), work)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
