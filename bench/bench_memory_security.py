"""What SQLCipher's memory security would cost (``PRAGMA cipher_memory_security``), measured
before choosing it (issue 14, finding 9).

With it ON, SQLCipher locks its allocations in RAM and wipes every block it frees, so fewer copies
of decrypted pages linger in freed memory. Each setting runs in its own process (the setting is
process-wide), on the same work: insert 5,000 youth (500 per transaction), read 500 by id, 100
name searches, 100 autosaves of a screening draft. Medians; ratio ON/OFF.
Run: ``.venv/bin/python bench/bench_memory_security.py``.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_store import FAMILY, GIVEN, youth  # type: ignore[import-not-found]
from common import median_ms, report, time_each  # type: ignore[import-not-found]

from csec_desktop.domain import Screening, Youth
from csec_desktop.store import Store
from csec_desktop.store import sqlcipher as sc


def _connector(memory_security: bool) -> Any:
    def connect(path: Path, key: bytes, *, create: bool = False) -> Any:
        conn = sc.connect(path, key, create=create)
        conn.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_security else 'OFF'}")
        return conn

    return connect


def _run(memory_security: bool) -> dict[str, float]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as tmp:
        store = Store(
            Path(tmp) / "vault.db",
            os.urandom(32),
            create=True,
            connector=_connector(memory_security),
        )
        try:
            batches = [[youth(rng, b * 500 + i) for i in range(500)] for b in range(10)]
            insert = time_each(lambda: store.save_many(batches.pop(), actor="bench"), 10)
            ids = [y.id for y in store.records(Youth, limit=10_000)]
            read = time_each(lambda: store.get(Youth, rng.choice(ids)), 500)
            prefixes = [g[:3] + " " + f[:2] for g in GIVEN for f in FAMILY]
            search = time_each(lambda: store.search_youth(rng.choice(prefixes), limit=50), 100)
            draft = store.save(
                Screening(
                    youth_id=ids[0], instrument_id="ca-csec-eligibility-risk",
                    instrument_version="1.0.0", screening_date=youth(rng, 0).date_of_birth,
                    screener="bench",
                ),
                actor="bench",
            )  # fmt: skip
            drafts = [draft]

            def autosave() -> None:
                answers = {f"item_{i}": rng.choice(["yes", "no"]) for i in range(80)}
                drafts.append(store.save(drafts[-1].evolve(answers=answers), actor="bench"))

            saves = time_each(autosave, 100)
        finally:
            store.close()
    return {
        "insert 500 youth (one transaction)": median_ms(insert),
        "read one youth by id": median_ms(read),
        "name search among 5,000 youth": median_ms(search),
        "autosave commit of a screening draft": median_ms(saves),
    }


def main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] in ("on", "off"):
        print(json.dumps(_run(sys.argv[1] == "on")))
        return
    here = Path(__file__).resolve().parent
    results = {}
    for setting in ("off", "on"):
        done = subprocess.run(
            [sys.executable, str(here / "bench_memory_security.py"), setting],
            capture_output=True, text=True, check=True, cwd=here.parent,
        )  # fmt: skip
        results[setting] = json.loads(done.stdout.strip().splitlines()[-1])
    for name, off in results["off"].items():
        on = results["on"][name]
        report(f"memory security OFF: {name}", off, "ms")
        report(f"memory security ON:  {name}", on, "ms")
        report(f"ratio ON/OFF: {name}", on / off, "x")


if __name__ == "__main__":
    main()
