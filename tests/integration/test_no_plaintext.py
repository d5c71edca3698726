"""Nothing readable on disk: seed marked data, then search every file for the marker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder
from csec_desktop.services.vault_session import VaultSession
from tests.integration.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
MARKER = "QZXJV-PLAINTEXT-CANARY"


def _files_containing(folder: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(needle in data for needle in needles):
                hits.append(path.name)
    return hits


def _needles(marker: str) -> list[bytes]:
    return [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.lower().encode("utf-8")]


def test_open_vault_with_wal_holds_no_plaintext(vault: VaultSession, data_dir: Path) -> None:
    instrument = InstrumentRegistry.for_data_dir(data_dir).latest(DEMO_INSTRUMENT)
    DemoSeeder(vault.store, instrument, marker=MARKER, seed=1).seed(
        youth=200, screenings=100, sessions=20
    )
    assert vault.store.search_youth(MARKER[:5])  # the marker really is in the data
    names = {p.name for p in data_dir.iterdir()}
    assert "vault.db-wal" in names  # the write-ahead log is there, and checked too
    assert _files_containing(data_dir, _needles(MARKER)) == []
    assert _files_containing(data_dir, [PASSPHRASE.encode()]) == []


def test_seed_demo_command_leaves_no_plaintext_anywhere(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    env = {
        **os.environ,
        "CSEC_PASSPHRASE": PASSPHRASE,
        "TMPDIR": str(temp_dir),
        "SQLITE_TMPDIR": str(temp_dir),
    }
    admin = [sys.executable, "-m", "csec_desktop.cli.admin", "--data-dir", str(data_dir)]
    subprocess.run(
        [*admin, "vault", "init", "--kdf-iterations", "3"], env=env, check=True, cwd=ROOT
    )
    subprocess.run(
        [*admin, "seed-demo", "--youth", "300", "--screenings", "150", "--sessions", "30",
         "--marker", MARKER],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )  # fmt: skip
    assert _files_containing(data_dir, _needles(MARKER)) == []
    assert _files_containing(temp_dir, _needles(MARKER)) == []
    assert sorted(p.name for p in data_dir.iterdir()) == ["vault.db", "vault.key"]
