"""Autosave survives a kill: the app is SIGKILLed mid-screening once its indicator says saved,
and the reopened vault holds the draft with every answer the wizard showed as saved."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from csec_desktop.domain import Screening, ScreeningStatus
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS
from tests.gui.casework_support import add_youth
from tests.gui.conftest import ACTOR, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 120.0


def read_saved_line(child: subprocess.Popen[str]) -> str:
    """The child's ``saved ...`` line, waiting at most DEADLINE_S (it never exits by itself)."""
    assert child.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            continue
        line = child.stdout.readline()
        if not line:
            break  # the child ended
        if line.startswith(("saved ", "error ")):
            return line.rstrip("\n")
    return "no answer from the child"


def test_autosaved_answers_survive_a_kill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    session = VaultSession.create(data_dir, PASSPHRASE, actor=ACTOR, kdf_params=FLOOR_KDF_PARAMS)
    youth = add_youth(session)
    session.lock()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.autosave_child", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdin is not None
        child.stdin.write(PASSPHRASE + "\n")  # stdin, never argv
        child.stdin.flush()
        line = read_saved_line(child)
        assert line.startswith("saved "), line
        shown: dict[str, object] = json.loads(line.removeprefix("saved "))
        assert shown, "the child answered nothing"
        assert child.poll() is None, "the app must still be running when it is killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    reopened = VaultSession.open(data_dir, PASSPHRASE, actor=ACTOR)
    try:
        drafts = reopened.store.records(Screening, youth_id=youth.id)
    finally:
        reopened.lock()
    assert len(drafts) == 1
    assert drafts[0].status is ScreeningStatus.DRAFT
    assert drafts[0].answers == shown
