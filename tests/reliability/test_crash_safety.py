"""A save that returned survives SIGKILL at any moment, and the vault stays intact.

The normal suite kills the writer 200 times; ``make reliability`` sets CSEC_RELIABILITY_KILLS=2000.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from uuid import UUID

from csec_desktop.domain import Youth
from csec_desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("CSEC_RELIABILITY_KILLS", "200"))


def _run_and_kill(db: Path, key: bytes, rng: random.Random) -> dict[UUID, int]:
    """Start the writer, let it save for a random while, SIGKILL it; return acknowledged saves."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(db)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(key.hex() + "\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "ready"
    acknowledged: dict[UUID, int] = {}
    # Kill after a random number of acknowledged saves (sometimes 0), at a random point of the
    # next save: a timer fires while the child is inside its write/commit/fsync.
    target = rng.randint(0, 25)
    delay = rng.uniform(0, 0.004)
    kill_timer: threading.Timer | None = None
    if target == 0:
        kill_timer = threading.Timer(delay, child.send_signal, (signal.SIGKILL,))
        kill_timer.start()
    for line in child.stdout:
        _, record_id, version = line.split()
        acknowledged[UUID(record_id)] = int(version)
        if len(acknowledged) >= target and kill_timer is None:
            kill_timer = threading.Timer(delay, child.send_signal, (signal.SIGKILL,))
            kill_timer.start()
    child.wait()
    if kill_timer is not None:
        kill_timer.cancel()
    assert child.returncode == -signal.SIGKILL, child.returncode
    return acknowledged


ROUNDS_PER_VAULT = 200  # integrity checks read the whole file: bound its growth in long soaks


def _check_all(db: Path, key: bytes, expected: dict[UUID, int]) -> None:
    store = Store(db, key)
    try:
        for record_id, version in expected.items():
            assert store.get(Youth, record_id).version >= version, "lost a saved version"
    finally:
        store.close()


def test_acknowledged_saves_survive_sigkill(tmp_path: Path) -> None:
    key = os.urandom(32)
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    acknowledged = 0
    for first_round in range(0, KILLS, ROUNDS_PER_VAULT):
        db = tmp_path / f"vault-{first_round}.db"
        expected: dict[UUID, int] = {}
        for round_number in range(first_round, min(KILLS, first_round + ROUNDS_PER_VAULT)):
            this_round = _run_and_kill(db, key, rng)
            expected.update(this_round)
            store = Store(db, key)
            try:
                # This round's saves and a sample of earlier ones; all of them after the run.
                earlier = rng.sample(sorted(expected), min(len(expected), 50))
                for record_id in [*this_round, *earlier]:
                    found = store.get(Youth, record_id)
                    assert found.version >= expected[record_id], f"round {round_number}: lost"
                assert store.integrity_problems() == [], f"round {round_number}"
                assert store.verify_audit().ok, f"round {round_number}"
                counts = store.outbox_counts()
                assert counts.pending >= 1 or not expected
            finally:
                store.close()
        _check_all(db, key, expected)
        acknowledged += len(expected)
    assert acknowledged > KILLS // 2  # the kills landed mid-work, not only before the first save
