"""Keyboard only, start to finish: a caseworker finds a youth, screens them and submits; a
supervisor reads a screening in the queue and approves it. Every step is a key press on the
widget that has the focus (no clicks, no calls into the windows), so a missing shortcut, a
focus that goes nowhere or a Tab order that skips a control fails the walk."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csec_desktop.domain import ScreeningStatus
from csec_desktop.gui.screening.items import ItemEditor
from csec_desktop.instruments import ResponseType
from tests.gui.casework_support import FAMILY, add_youth, casework_for
from tests.gui.sync_fixtures import county_server, quick_settings
from tests.gui.test_review_flow import _caseworker_team, _titles

__all__ = ["county_server"]
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
_teams = itertools.count()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard focus went nowhere"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def editor_of(widget: QWidget) -> ItemEditor | None:
    while widget is not None and not isinstance(widget, ItemEditor):
        widget = widget.parentWidget()
    return widget


def answer_with_keys(qtbot: QtBot, editor: ItemEditor) -> None:
    """The least concerning answer, typed or chosen with the arrow keys and Space."""
    kind = editor.item.type
    if kind in (ResponseType.NUMBER, ResponseType.DATE, ResponseType.TEXT):
        text = {"number": str(int(editor.item.minimum or 0)), "date": "01/02/2024"}.get(
            kind.value, "Seen at the group home DEMO"
        )
        qtbot.keyClicks(focused(), text)
        return
    if kind is ResponseType.YES_NO_UNKNOWN:
        press(qtbot, Qt.Key.Key_Right)  # from "Yes" to "No"
    press(qtbot, Qt.Key.Key_Space)  # the first option for the others ("No concern", ...)


def test_a_whole_screening_with_the_keyboard_only(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    main = unlocked.main_window
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    page = main.youth_page

    press(qtbot, Qt.Key.Key_2, CTRL)  # Go > Youth
    assert main.pages.currentWidget() is page and focused() is page.search_edit
    qtbot.keyClicks(focused(), FAMILY.split()[0])
    press(qtbot, Qt.Key.Key_Return)  # search now and go to the results
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert focused() is page.table
    press(qtbot, Qt.Key.Key_Down)  # the first (only) youth
    qtbot.waitUntil(lambda: page.detail.edit_button.isEnabled(), timeout=10_000)
    press(qtbot, Qt.Key.Key_Return)  # into the youth's page
    assert focused() is page.detail.edit_button

    panel = page.casework.screenings
    press(qtbot, Qt.Key.Key_S, ALT)  # Start screening…
    qtbot.waitUntil(lambda: panel.start_dialog is not None and panel.start_dialog.isVisible())
    press(qtbot, Qt.Key.Key_Return)  # Start (the default instrument, routine)
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    wizard = panel.wizard
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    # Opened, the keyboard is on the first question (not on the list of sections).
    qtbot.waitUntil(lambda: editor_of(focused()) is not None)

    for _ in range(len(wizard.section_pages) + 1):
        if wizard.on_summary:
            break
        page_editors = [e for e in wizard.section_pages[wizard.current_index].editors]
        visible = [e for e in page_editors if not e.isHidden()]
        for index, editor in enumerate(visible):
            if editor.item.required and editor.value() is None:
                assert editor_of(focused()) is editor, editor.item.id  # Tab brought us here
                answer_with_keys(qtbot, editor)
            if index + 1 < len(visible):
                nxt = visible[index + 1]
                for _step in range(12):  # leave this question's controls for the next one
                    press(qtbot, Qt.Key.Key_Tab)
                    if editor_of(focused()) is nxt:
                        break
                assert editor_of(focused()) is nxt, f"Tab did not reach {nxt.item.id}"
        press(qtbot, Qt.Key.Key_N, ALT)  # Next
        qtbot.waitUntil(lambda: not wizard.next_button.isDown())
    assert wizard.on_summary and wizard.missing_required() == []
    qtbot.waitUntil(lambda: wizard.summary_page.summary is not None, timeout=10_000)
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return, CTRL)  # Submit
    press(qtbot, Qt.Key.Key_Escape)  # Close
    qtbot.waitUntil(lambda: panel.wizard is None, timeout=10_000)
    [saved] = casework_for(session).screenings.for_youth(youth.id)
    assert saved.status is ScreeningStatus.SUBMITTED


def _accept_with_keys(qtbot: QtBot, asked: list[str]) -> None:
    """Answer the modal question that is open now, with the keyboard: Tab from Cancel (the
    default, so Enter alone never approves) to Approve, then Space."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox) or not box.isVisible():
        QTimer.singleShot(50, lambda: _accept_with_keys(qtbot, asked))
        return
    asked.append(box.text())
    approve = next(
        b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
    )
    assert box.focusWidget() is not approve  # Cancel has the focus: Enter would not approve
    for _ in range(len(box.buttons())):
        if box.focusWidget() is approve:
            break
        qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Tab)
    if box.focusWidget() is approve:
        qtbot.keyClick(approve, Qt.Key.Key_Space)
    if box.isVisible():  # the keys did not answer it: fail the walk, never hang it
        asked.append("not answered by the keyboard")
        box.done(0)


def test_a_whole_review_with_the_keyboard_only(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server, tmp_path: Path
) -> None:
    server, county = county_server
    team = _caseworker_team(tmp_path, server, county, session)
    try:
        submitted = team.submit_screening()
        team.caseworker.service.sync()
        controller = make_controller(sync_settings=quick_settings())
        controller.open_session(session)
        main = controller.main_window
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        review = main.supervisor_pages[0]
        number = _titles(main).index("Review") + 1
        press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)  # Go > Review
        assert main.pages.currentWidget() is review
        qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=20_000)
        assert focused() is review.table
        press(qtbot, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: review.case is not None, timeout=10_000)
        press(qtbot, Qt.Key.Key_Return)  # into the screening being read
        assert focused() is review.case_view
        press(qtbot, Qt.Key.Key_PageDown)  # reading it
        press(qtbot, Qt.Key.Key_Tab)  # Tab goes to the decision, never along the queue
        assert focused() is review.approve_button
        assert review.table.selectionModel().selectedRows()[0].row() == 0
        version = review.case.version
        assert review.approve_button.text() == f"A&pprove version {version}…"
        asked: list[str] = []
        QTimer.singleShot(0, lambda: _accept_with_keys(qtbot, asked))
        press(qtbot, Qt.Key.Key_Space)  # Approve version N… asks once
        assert len(asked) == 1 and f"Version {version} of the screening" in asked[0], asked
        qtbot.waitUntil(
            lambda: review.model.rowCount() == 0 and not team.review.pending(), timeout=20_000
        )
        team.caseworker.service.sync()
        assert team.screenings.get(submitted.id).status is ScreeningStatus.APPROVED
    finally:
        team.caseworker.close()


def test_tab_on_the_youth_page_follows_the_screen(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    """Top to bottom: the search row, the list, Edit details (under the identity it edits),
    then the screenings and the missing-episode controls."""
    add_youth(session)
    main = unlocked.main_window
    page = main.youth_page
    main.sections.setCurrentRow(main.pages.indexOf(page))
    page.search_edit.setText("Okafor")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.edit_button.isEnabled(), timeout=10_000)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    page.search_edit.setFocus()
    seen: list[QWidget] = []
    for _ in range(14):
        seen.append(focused())
        press(qtbot, Qt.Key.Key_Tab)
    panel, missing = page.casework.screenings, page.casework.missing
    order = [
        page.search_edit,
        page.new_button,
        page.table,
        page.detail.edit_button,
        panel.list,
        panel.start_button,
        missing.start_button,
    ]
    positions = [seen.index(w) for w in order]
    assert positions == sorted(positions), [type(w).__name__ for w in seen]
    # ...and each comes lower on the screen (or further right on the same row) than the last.
    tops = [w.mapToGlobal(w.rect().topLeft()) for w in order]
    assert all(
        (b.y() > a.y()) or (b.y() == a.y() and b.x() > a.x()) or w is page.detail.edit_button
        for a, b, w in zip(tops, tops[1:], order[1:], strict=False)
    )
    assert isinstance(seen[0], QLineEdit) and isinstance(page.new_button, QAbstractButton)
