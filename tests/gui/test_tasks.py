"""The task runner: work off the GUI thread, outcomes on it, never to a dead owner."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.store import Store


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[str] = []

    def ok(self, value: object) -> None:
        self.threads.append(threading.current_thread().name)
        self.results.append(value)

    def failed(self, error: BaseException) -> None:
        self.threads.append(threading.current_thread().name)
        self.errors.append(error)


def work_thread() -> str:
    return threading.current_thread().name


def boom() -> None:
    raise ValueError("nope")


def test_runs_off_the_gui_thread_and_delivers_on_it(qtbot: QtBot, runner: TaskRunner) -> None:
    receiver = Receiver()
    runner.run(work_thread, on_success=receiver.ok, owner=receiver)
    qtbot.waitUntil(lambda: bool(receiver.results))
    main = threading.main_thread().name
    assert receiver.results[0] != main  # the work ran on a pool thread
    assert receiver.threads == [main]  # the callback ran on the GUI thread


def test_failure_is_delivered_not_lost(qtbot: QtBot, runner: TaskRunner) -> None:
    receiver = Receiver()
    runner.run(boom, on_success=receiver.ok, on_failure=receiver.failed, owner=receiver)
    qtbot.waitUntil(lambda: bool(receiver.errors))
    assert isinstance(receiver.errors[0], ValueError)
    assert receiver.threads == [threading.main_thread().name]


def test_busy_signal_brackets_the_work(qtbot: QtBot, runner: TaskRunner) -> None:
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.run(work_thread)
    assert runner.outstanding == 0


def test_deleted_owner_gets_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    receiver = Receiver()
    owner = QObject()
    calls: list[object] = []
    gate = threading.Event()
    runner.run(gate.wait, 5, on_success=calls.append, owner=owner)
    shiboken6.delete(owner)  # the window that asked was closed while the work ran
    gate.set()
    runner.run(work_thread, on_success=receiver.ok, owner=receiver)  # a later task as a marker
    qtbot.waitUntil(lambda: bool(receiver.results) and runner.outstanding == 0)
    assert calls == []


def test_lane_work_runs_on_the_store_lane(qtbot: QtBot, runner: TaskRunner, tmp_path: Path) -> None:
    store = Store(tmp_path / "v.db", bytes(32), create=True)
    try:
        receiver = Receiver()
        runner.run_on_lane(store.submit, work_thread, on_success=receiver.ok, owner=receiver)
        qtbot.waitUntil(lambda: bool(receiver.results))
        assert str(receiver.results[0]).startswith("csec-db")
        assert receiver.threads == [threading.main_thread().name]
    finally:
        store.close()


def test_lane_closed_is_a_failure_not_a_crash(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    store = Store(tmp_path / "v.db", bytes(32), create=True)
    store.close()
    receiver = Receiver()
    runner.run_on_lane(store.submit, work_thread, on_failure=receiver.failed, owner=receiver)
    qtbot.waitUntil(lambda: bool(receiver.errors))
    assert type(receiver.errors[0]).__name__ == "StoreClosed"


@pytest.mark.parametrize("fn", [work_thread, boom])
def test_synchronous_mode_runs_inline(qapp: QApplication, fn: object) -> None:
    runner = TaskRunner(synchronous=True)
    receiver = Receiver()
    runner.run(fn, on_success=receiver.ok, on_failure=receiver.failed)  # type: ignore[arg-type]
    assert len(receiver.results) + len(receiver.errors) == 1
    assert receiver.threads == [threading.main_thread().name]
