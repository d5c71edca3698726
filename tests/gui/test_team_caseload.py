"""The supervisor's team caseload window, offline: who holds how many youth with their open and
overdue obligations (sortable, qtmodeltester), and reassign and cover actions queued in the
outbox and listed as waiting for the next sync (issue 13's ``CaseloadService``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.caseload.team_page import TeamCaseloadPage
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.caseload import (
    META_TEAM_CASELOAD,
    META_TEAM_CASELOAD_AT,
    CaseloadService,
)
from csec_desktop.store import Store
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.protocol import (
    AssignmentAction,
    AssignmentKind,
    CaseloadEntry,
    TeamCaseload,
)

LA = ZoneInfo("America/Los_Angeles")
_HOSTS: list[QMainWindow] = []


@pytest.fixture
def supervisor_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "sup.db", os.urandom(32), create=True)
    store.set_meta(ss.META_SERVER_URL, "https://county.example")
    store.set_meta(ss.META_DEVICE_TOKEN, "token")
    store.set_meta(ss.META_ROLE, "supervisor")
    now = datetime.now(UTC)

    def entry(caseworker: str, open_: int, overdue: int, due: timedelta) -> CaseloadEntry:
        return CaseloadEntry(
            youth_id=uuid4(),
            caseworker=caseworker,
            kind=AssignmentKind.PRIMARY,
            open_obligations=open_,
            overdue_obligations=overdue,
            next_due_at=now + due,
        )

    team = TeamCaseload(
        entries=[
            entry("cw1", 2, 1, -timedelta(hours=3)),
            entry("cw1", 1, 0, timedelta(days=2)),
            entry("cw2", 1, 0, timedelta(hours=20)),
        ],
        caseworkers=["cw1", "cw2", "cw3"],
    )
    store.set_meta(META_TEAM_CASELOAD, team.model_dump_json())
    store.set_meta(META_TEAM_CASELOAD_AT, now.isoformat())
    yield store
    store.close()


def _page(qtbot: QtBot, store: Store) -> TeamCaseloadPage:
    runner = TaskRunner()
    runner.synchronous = True
    host = QMainWindow()  # a section of the main window, as the app shows it
    page = TeamCaseloadPage(
        CaseloadService(store, actor="sup1"), store.submit, runner, Broadcast(), LA
    )
    host.setCentralWidget(page)
    qtbot.addWidget(host)
    _HOSTS[:] = [host]  # kept for this test (the page lives inside it), let go by the next
    host.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    return page


def _select(page: TeamCaseloadPage, caseworker: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == caseworker:
            page.table.selectRow(row)
            return
    raise AssertionError(caseworker)


def test_the_team_is_listed_by_caseworker_and_sorts_by_what_is_overdue(
    qtbot: QtBot, qtmodeltester, supervisor_store: Store
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, supervisor_store)
    qtmodeltester.check(page.model)
    rows = {
        page.proxy.index(r, 0).data(): [page.proxy.index(r, c).data() for c in range(6)]
        for r in range(3)
    }
    assert rows["cw1"][1:4] == ["2", "3", "1"]  # youth held, open, overdue
    assert "Overdue by" in rows["cw1"][4]  # the next clock, in words
    assert rows["cw3"][1] == "0"  # a caseworker without youth is listed too
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most overdue first
    assert page.proxy.index(0, 0).data() == "cw1"
    assert page.status.text().startswith("As of ")


def test_reassign_and_cover_are_queued_offline_and_listed_as_waiting(
    qtbot: QtBot, supervisor_store: Store
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, supervisor_store)
    assert not page.reassign_button.isEnabled()  # nobody chosen
    _select(page, "cw1")
    page.reassign_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findData("cw2"))
    dialog.reason_edit.setText("leave")
    dialog.accept()
    service = CaseloadService(supervisor_store, actor="sup1")
    qtbot.waitUntil(lambda: len(service.queued_actions()) == 1, timeout=10_000)
    [queued] = service.queued_actions()
    assert queued.request.action is AssignmentAction.REASSIGN
    assert (queued.request.from_user, queued.request.to_user) == ("cw1", "cw2")
    qtbot.waitUntil(lambda: "waiting for the next sync" in page.queued.item(0).text())

    _select(page, "cw2")
    page.cover_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    until = date.today() + timedelta(days=10)
    dialog.until_edit.setDate(QDate(until.year, until.month, until.day))
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findData("cw3"))
    dialog.accept()
    qtbot.waitUntil(lambda: len(service.queued_actions()) == 2, timeout=10_000)
    cover = service.queued_actions()[1].request
    assert (cover.action, cover.to_user, cover.until) == (AssignmentAction.COVER, "cw3", until)
    assert page.queued.count() == 2


def _entries(page: TeamCaseloadPage, caseworker: str) -> list[UUID]:
    assert page.view is not None
    [load] = [c for c in page.view.caseworkers if c.caseworker == caseworker]
    return [entry.youth_id for entry in load.entries]


def test_a_chosen_youth_is_reassigned_with_the_keyboard_alone(
    qtbot: QtBot, supervisor_store: Store
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, supervisor_store)
    _select(page, "cw1")
    page.reassign_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert "cw1" in dialog.youth_list.accessibleName()
    assert not dialog.youth_list.isEnabled()  # the whole caseload, until the person says not
    dialog.whole_check.setFocus()
    qtbot.keyClick(dialog.whole_check, Qt.Key.Key_Space)
    assert dialog.youth_list.isEnabled()
    dialog.youth_list.setFocus()
    qtbot.keyClick(dialog.youth_list, Qt.Key.Key_Home)
    qtbot.keyClick(dialog.youth_list, Qt.Key.Key_Space)  # checks the first youth
    first = UUID(dialog.youth_list.item(0).data(Qt.ItemDataRole.UserRole))
    assert dialog.youth_list.item(0).text().startswith("Youth " + str(first)[:8])
    dialog.to_combo.setCurrentIndex(dialog.to_combo.findData("cw3"))
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # the default button
    service = CaseloadService(supervisor_store, actor="sup1")
    qtbot.waitUntil(lambda: len(service.queued_actions()) == 1, timeout=10_000)
    request = service.queued_actions()[0].request
    assert (request.action, request.from_user, request.to_user) == (
        AssignmentAction.REASSIGN,
        "cw1",
        "cw3",
    )
    assert request.youth_ids == [first] and first in _entries(page, "cw1")
    qtbot.waitUntil(lambda: "cw1: 1 youth to cw3, for good" in page.queued.item(0).text())


def test_closing_cases_needs_a_chosen_youth_and_is_queued_offline(
    qtbot: QtBot, supervisor_store: Store
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, supervisor_store)
    _select(page, "cw3")
    assert not page.close_button.isEnabled()  # no youth: nothing to close
    _select(page, "cw1")
    assert page.close_button.isEnabled()
    page.close_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.to_combo.isHidden() and dialog.whole_check.isHidden()
    dialog.accept()  # nothing checked
    assert dialog.isVisible() and "Check at least one youth" in dialog.error_label.text()
    service = CaseloadService(supervisor_store, actor="sup1")
    assert service.queued_actions() == []
    second = dialog.youth_list.item(1)
    second.setCheckState(Qt.CheckState.Checked)
    chosen = UUID(second.data(Qt.ItemDataRole.UserRole))
    dialog.reason_edit.setText("case closed by the court")
    dialog.accept()
    qtbot.waitUntil(lambda: len(service.queued_actions()) == 1, timeout=10_000)
    request = service.queued_actions()[0].request
    assert (request.action, request.youth_ids, request.to_user) == (
        AssignmentAction.CLOSE,
        [chosen],
        None,
    )
    qtbot.waitUntil(lambda: "cw1: 1 case" in page.queued.item(0).text())
    assert "waiting for the next sync" in page.queued.item(0).text()
