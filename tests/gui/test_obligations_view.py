"""The Obligations section: due and overdue across the caseload, countdowns in words, mark done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from csec_desktop.domain import Obligation, ObligationKind
from csec_desktop.gui.common import theme
from csec_desktop.gui.obligations.model import (
    STATUS,
    TIME_LEFT,
    ObligationRow,
    ObligationTableModel,
)
from csec_desktop.gui.obligations.view import TICK_MS
from tests.gui.casework_support import add_youth, casework_for


def test_countdowns_overdue_and_mark_done(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    went_missing = datetime.now(UTC) - timedelta(hours=3)
    # Two 24-hour reports are owed: law enforcement and NCMEC (P.L. 113-183).
    _episode, [report, _ncmec] = casework.missing.start(youth.id, went_missing)
    main = unlocked.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.obligations_page))
    view = main.obligations_page
    assert main.pages.currentWidget() is view
    assert view.timer.isActive() and view.timer.interval() == TICK_MS == 30_000
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    model = view.model
    assert model.data(model.index(0, TIME_LEFT)).startswith("20 h ")  # 24 h from 3 h ago
    assert model.data(model.index(0, TIME_LEFT)).endswith(" left")
    # A 24-hour report is urgent from its first minute, in the urgent colour and in words.
    assert model.data(model.index(0, STATUS)) == "Urgent"
    urgent = model.data(model.index(0, STATUS), Qt.ItemDataRole.ForegroundRole)
    assert urgent.color() == theme.current().qcolor("urgent")
    assert "24-hour" in model.data(model.index(0, 3))
    assert model.data(model.index(0, 4)).startswith("Okafor DEMO")

    model.set_now(report.due_at + timedelta(hours=2, minutes=5))  # what the timer does
    assert model.data(model.index(0, TIME_LEFT)) == "Overdue by 2 h 5 min"  # calm words
    assert model.data(model.index(0, STATUS)) == "Overdue"
    brush = model.data(model.index(0, STATUS), Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == theme.current().qcolor("urgent")
    view.tick()  # back to the real clock
    assert "left" in model.data(model.index(0, TIME_LEFT))

    view.table.selectRow(0)
    assert view.mark_button.isEnabled()
    view.mark_button.click()
    dialog = view.dialog
    qtbot.waitUntil(dialog.isVisible)
    save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    save.click()  # no agency yet: refused by the dialog
    assert dialog.isVisible() and "agency" in dialog.ui.errorLabel.text()
    qtbot.keyClicks(dialog.ui.agencyEdit, "Fresno Police Department")
    qtbot.keyClicks(dialog.ui.referenceEdit, "FPD-24-001234")
    save.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)  # NCMEC still owed
    done = casework.obligations.get(report.id)
    assert done.done and done.agency == "Fresno Police Department"
    assert done.reference == "FPD-24-001234"
    view.show_done.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    statuses = {view.model.data(view.model.index(row, STATUS)) for row in range(2)}
    assert "Done" in statuses
    view.table.selectRow(
        next(r for r in range(2) if view.model.data(view.model.index(r, STATUS)) == "Done")
    )
    assert not view.mark_button.isEnabled()


def test_obligation_model_passes_the_model_tester(qtmodeltester, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    now = datetime(2025, 3, 8, 18, 0, tzinfo=UTC)
    model = ObligationTableModel(casework_for(session).policy.zone)
    rows = [
        ObligationRow(
            Obligation(
                youth_id=youth.id,
                missing_episode_id=youth.id,
                kind=kind,
                due_at=now + timedelta(hours=hours),
                done_at=now if hours == 5 else None,
                agency="Agency DEMO" if hours == 5 else None,
            ),
            "Okafor DEMO, Ada DEMO",
        )
        for kind, hours in (
            (ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT, -1),
            (ObligationKind.SCREEN_RETURNING_YOUTH, 3),
            (ObligationKind.REFER_TO_MDT, 5),
            (ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM, 80),
        )
    ]
    model.set_rows(rows)
    model.set_now(now)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert [model.data(model.index(r, STATUS)) for r in range(4)] == [
        "Overdue",
        "Due soon",  # within a day (the colour no longer waits for the last 6 hours)
        "Done late" if rows[2].obligation.met_on_time() is False else "Done",
        "Due",
    ]
    assert model.data(model.index(3, TIME_LEFT)) == "3 days left"  # coarse, calm words
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Time left"


def test_a_hidden_view_waits_to_be_shown_before_reloading(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    """While another screen is in use (a screening being autosaved, say) the obligations table
    neither reloads nor re-measures its columns on the GUI thread; it catches up when shown."""
    youth = add_youth(session)
    main = unlocked.main_window
    view = main.obligations_page
    assert main.pages.currentWidget() is not view
    assert not view.timer.isActive()
    loaded = view.loaded_count
    casework_for(session).missing.start(youth.id, datetime.now(UTC) - timedelta(hours=1))
    unlocked.broadcast.records_did_change.emit(frozenset({"missing_episode"}))
    qtbot.wait(200)
    assert view.loaded_count == loaded and view.model.rowCount() == 0
    main.sections.setCurrentRow(main.pages.indexOf(view))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert view.timer.isActive()
    main.sections.setCurrentRow(main.pages.indexOf(main.youth_page))
    assert not view.timer.isActive()
