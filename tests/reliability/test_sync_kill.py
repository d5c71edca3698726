"""The syncing client SIGKILLed at random points, again and again: after a restart and a final
sync, the server and the device agree exactly (every record at the same version, every operation
the device queued held once by the server, nothing pending).

The normal suite kills the client 12 times; ``make reliability`` (CSEC_RELIABILITY_KILLS=2000)
125 times.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

from csec_desktop.domain import Youth
from tests.reliability.sync_support import (
    ROOT,
    County,
    ServerProcess,
    open_device,
    sqlite_database,
)

KILLS = max(5, int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) // 16)


def _run_and_kill(db: Path, key: bytes, rng: random.Random) -> int:
    """Start the worker, let it work for a random while, SIGKILL it; return the lines it printed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.sync_worker", str(db), str(rng.randrange(2**31)),
         str(rng.choice([5, 20, 100]))],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(key.hex() + "\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "ready"
    target = rng.randint(0, 5)
    delay = rng.uniform(0, 0.05)
    timer: threading.Timer | None = None
    lines = 0
    if target == 0:
        timer = threading.Timer(delay, child.send_signal, (signal.SIGKILL,))
        timer.start()
    for _line in child.stdout:
        lines += 1
        if lines >= target and timer is None:
            timer = threading.Timer(delay, child.send_signal, (signal.SIGKILL,))
            timer.start()
    child.wait()
    if timer is not None:
        timer.cancel()
    assert child.returncode == -signal.SIGKILL, child.returncode
    return lines


def test_client_killed_during_sync_agrees_with_the_server_after_restart(tmp_path: Path) -> None:
    url = sqlite_database(tmp_path)
    county = County.create(url)
    server = ServerProcess(url).start()
    db = tmp_path / "vault.db"
    key = os.urandom(32)
    seed = int.from_bytes(os.urandom(4), "big")
    print(f"seed {seed}")
    rng = random.Random(seed)
    try:
        county.user("cw-kill")
        device = open_device(db, key)
        device.service.enroll(server.url, county.code("cw-kill"))
        device.close()
        progress = 0
        for _ in range(KILLS):
            progress += _run_and_kill(db, key, rng)
            check = open_device(db, key)
            try:
                assert check.store.integrity_problems() == []
                assert check.store.verify_audit().ok
            finally:
                check.close()
        assert progress > KILLS  # the kills landed during the work, not only before it

        device = open_device(db, key)
        try:
            report = device.service.sync()
            assert report.complete
            counts = device.store.outbox_counts()
            assert counts.pending == 0 and counts.quarantined == 0 and counts.sent > 0
            local = {y.id: y.version for y in device.store.records(Youth, limit=10_000_000)}
            assert county.record_versions() == local
            queued = {item.op_id for item in device.store.outbox_items(limit=10_000_000)}
            server_ops = county.op_ids()
            assert set(server_ops) == queued and max(server_ops.values()) == 1
            assert county.conflict_count() == 0
            assert device.store.open_conflict_count() == 0
        finally:
            device.close()
    finally:
        server.stop()
        county.dispose()
