"""Encrypted store vs the same code on a plain SQLite file, measured in one run.

Figures: insert 10,000 youth; read by id; name search among 50,000 youth; one autosave commit of a
screening draft. Each as a median of repeated runs, and the encrypted/plain ratio (target <= 1.5).
Run: ``make bench`` or ``.venv/bin/python bench/bench_store.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import Screening, Youth
from csec_desktop.store import Store
from csec_desktop.store import sqlcipher as sc

GIVEN = [
    "Alex",
    "Jordan",
    "Maria",
    "Jose",
    "Aaliyah",
    "Destiny",
    "Luis",
    "Kayla",
    "Jasmine",
    "Angel",
    "Brianna",
    "Carlos",
    "Diana",
    "Elena",
    "Fatima",
    "Gabriel",
    "Hannah",
    "Isabel",
]
FAMILY = [
    "Garcia",
    "Lopez",
    "Smith",
    "Nguyen",
    "Johnson",
    "Martinez",
    "Brown",
    "Hernandez",
    "Williams",
    "Davis",
    "Rodriguez",
    "Lee",
    "Wilson",
    "Gonzalez",
    "Perez",
    "Kim",
]


def plain_connect(path: Path, key: bytes, *, create: bool = False) -> Any:
    """The same connection setup without SQLCipher keying: a plain SQLite file, for comparison."""
    if not path.exists():
        sc.create_private_file(path)
    conn = sc.dbapi2.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for pragma in sc._PRAGMAS:
        if "cipher" not in pragma:
            conn.execute(pragma)
    return conn


def youth(rng: random.Random, n: int) -> Youth:
    return Youth(
        given_name=f"{rng.choice(GIVEN)}{n} DEMO",
        family_name=f"{rng.choice(FAMILY)} DEMO",
        date_of_birth=date(2005, 1, 1) + timedelta(days=rng.randrange(5000)),
        county="Fresno",
        county_client_id=f"{n:07d}",
    )


ROUNDS = 5  # plain and encrypted alternate, so machine noise falls on both alike


class Subject:
    """One store under test (plain or encrypted), with the records the timings use."""

    def __init__(self, kind: str, connector: Any, workdir: Path) -> None:
        self.kind = kind
        self.connector = connector
        self.workdir = workdir
        self.rng = random.Random(7)
        self.key = os.urandom(32)
        self.rounds = 0
        self.search = Store(
            workdir / f"{kind}-search.db", self.key, create=True, connector=connector
        )
        for b in range(100):
            batch = [youth(self.rng, b * 500 + i) for i in range(500)]
            self.search.save_many(batch, actor="bench")
        self.ids = [y.id for y in self.search.records(Youth, limit=50_000)]
        self.draft = self.search.save(
            Screening(
                youth_id=self.ids[0],
                instrument_id="ca-csec-eligibility-risk",
                instrument_version="1.0.0",
                screening_date=date(2026, 1, 1),
                screener="bench",
            ),
            actor="bench",
        )
        self.timings: dict[str, list[float]] = {}

    def _add(self, name: str, timings: list[float]) -> None:
        self.timings.setdefault(name, []).extend(timings)

    def one_round(self) -> None:
        rng = self.rng
        self.rounds += 1
        # Insert 10,000 youth through the normal save path, 500 per transaction, in a new file.
        store = Store(
            self.workdir / f"{self.kind}-insert-{self.rounds}.db",
            self.key,
            create=True,
            connector=self.connector,
        )
        batches = [[youth(rng, b * 500 + i) for i in range(500)] for b in range(20)]
        self._add(
            "insert 10,000 youth (s)",
            [sum(time_each(lambda: store.save_many(batches.pop(), actor="bench"), 20))],
        )
        store.close()
        search = self.search
        self._add(
            "read one youth by id (ms)",
            time_each(lambda: search.get(Youth, rng.choice(self.ids)), 500),
        )
        prefixes = [g[:3] + " " + f[:2] for g in GIVEN for f in FAMILY]
        self._add(
            "name search among 50,000 youth (ms)",
            time_each(lambda: search.search_youth(rng.choice(prefixes), limit=50), 100),
        )

        def autosave() -> None:
            answers = {f"item_{i}": rng.choice(["yes", "no", "unknown"]) for i in range(80)}
            notes = "Autosaved notes DEMO " * 20
            self.draft = search.save(self.draft.evolve(answers=answers, notes=notes), actor="b")

        self._add("autosave commit of a screening draft (ms)", time_each(autosave, 100))

    def medians(self) -> dict[str, float]:
        result = {}
        for name, timings in self.timings.items():
            factor = 1.0 if name.endswith("(s)") else 1000.0
            result[name] = statistics.median(timings) * factor
        return result

    def close(self) -> None:
        self.search.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as tmp:
        workdir = Path(tmp)
        plain_subject = Subject("plain", plain_connect, workdir)
        encrypted_subject = Subject("encrypted", sc.connect, workdir)
        for _ in range(ROUNDS):
            plain_subject.one_round()
            encrypted_subject.one_round()
        plain = plain_subject.medians()
        encrypted = encrypted_subject.medians()
        plain_subject.close()
        encrypted_subject.close()
    targets = {
        "name search among 50,000 youth (ms)": "<= 20 ms",
        "autosave commit of a screening draft (ms)": "<= 5 ms",
    }
    print(f"medians over {ROUNDS} alternating rounds")
    for name, value in encrypted.items():
        unit = name.rsplit("(", 1)[1].rstrip(")")
        label = name.rsplit(" (", 1)[0]
        report(f"encrypted: {label}", value, unit, targets.get(name, ""))
        report(f"plain:     {label}", plain[name], unit)
        report(f"ratio encrypted/plain: {label}", value / plain[name], "x", "<= 1.5")


if __name__ == "__main__":
    main()
