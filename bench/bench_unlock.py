"""Unlock time: Argon2id at the parameters ``vault init`` calibrates on this machine, then opening
the SQLCipher store with the unwrapped data key (target: <= 1 s at >= 64 MiB).

Run: ``make bench`` or ``.venv/bin/python bench/bench_unlock.py``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from common import report  # type: ignore[import-not-found]

from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import calibrate_kdf

PASSPHRASE = "benchmark passphrase"
REPEATS = 7


def main() -> None:
    params = calibrate_kdf()
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        VaultSession.create(data_dir, PASSPHRASE, kdf_params=params).lock()
        timings = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            session = VaultSession.open(data_dir, PASSPHRASE)
            timings.append(time.perf_counter() - start)
            session.lock()
    print(
        f"calibrated Argon2id: {params.memory_cost // 1024} MiB, {params.iterations} iterations, "
        f"{params.lanes} lanes"
    )
    report("unlock (Argon2id + open store), median", statistics.median(timings), "s", "<= 1 s")
    report("unlock, fastest", min(timings), "s")
    report("unlock, slowest", max(timings), "s")


if __name__ == "__main__":
    main()
