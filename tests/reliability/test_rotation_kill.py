"""Data-key rotation SIGKILLed at random points never loses the vault or its records."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from csec_desktop.domain import Youth
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS, KeyFile
from tests.unit.conftest import make_youth

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "rotation passphrase"
KILLS = max(20, int(os.environ.get("CSEC_RELIABILITY_KILLS", "200")) // 10)


def test_rotation_survives_kills(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with VaultSession.create(data_dir, PASSPHRASE, kdf_params=FLOOR_KDF_PARAMS) as session:
        ids = [session.store.save(make_youth(), actor="t").id for _ in range(50)]
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    generations_seen = set()
    for round_number in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.rotation_worker", str(data_dir)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ready", f"round {round_number}"
        # Somewhere inside one of the next rotations (each takes a few hundred milliseconds).
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        with VaultSession.open(data_dir, PASSPHRASE) as reopened:
            assert all(reopened.store.get(Youth, i).id == i for i in ids), round_number
            assert reopened.verify().ok, round_number
            generations_seen.add(reopened.key_file.generations[-1])
        assert not KeyFile.load(data_dir / "vault.key").rotation_pending
    assert len(generations_seen) > 1  # rotations really happened between the kills
