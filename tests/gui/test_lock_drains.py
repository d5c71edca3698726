"""Locking while work is still running: what the lock refuses is expected, not a failure in the
log, and a real failure is still logged."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services import vault_session
from csec_desktop.store import Store

FAILED = "background task failed"


def failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_locking_while_the_page_check_runs_is_quiet(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, monkeypatch, caplog
) -> None:
    """The page check after unlock takes about a second on a large vault; a caseworker who
    locks at once must not leave "failed" lines in the log for IT to chase."""
    checking, release = threading.Event(), threading.Event()
    real_check = vault_session.check_pages

    def slow_check(conn):  # type: ignore[no-untyped-def]
        checking.set()
        release.wait(30)
        return real_check(conn)

    monkeypatch.setattr(vault_session, "check_pages", slow_check)
    caplog.set_level(logging.DEBUG, logger="csec_desktop")
    controller = make_controller()
    controller.open_session(session)
    qtbot.waitUntil(checking.is_set, timeout=10_000)
    controller.lock()
    qtbot.waitUntil(lambda: session.locked and controller.unlock_window is not None)
    release.set()
    assert controller.runner.wait_for_done(10_000)
    qtbot.wait(50)  # the check's outcome is delivered on the GUI thread
    assert failures(caplog) == []
    assert "the page check ended with the vault locked" in caplog.text


def test_a_closed_windows_read_refused_as_locked_is_not_logged_as_failed(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(tmp_path / "v.db", bytes(32), create=True)
    store.close()  # the vault locked while the window's read was queued
    window = QObject()
    runner.run_on_lane(store.submit, len, "x", on_success=print, owner=window)
    runner.forget_owner(window)  # the window was closed by locking
    with caplog.at_level(logging.DEBUG, logger="csec_desktop"):
        qtbot.waitUntil(lambda: runner.outstanding == 0)
    assert not [line for line in failures(caplog) if FAILED in line]


def test_a_closed_windows_real_failure_is_still_logged(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    window = QObject()
    release = threading.Event()
    runner.run(lambda: (release.wait(10), disk_full()), owner=window)
    runner.forget_owner(window)
    release.set()
    with caplog.at_level(logging.DEBUG, logger="csec_desktop"):
        qtbot.waitUntil(lambda: runner.outstanding == 0)
    assert failures(caplog) == [f"{FAILED}: OSError"]
