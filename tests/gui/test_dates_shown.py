"""Dates and times a person reads are in one format: the month as a word in the reader's
language, the clock in the county's time. Every page of the main window and the youth page of a
youth with a screening, a missing episode and its obligations are read as a user sees them
(labels, list entries, every table cell): no ISO date, no seconds, no UTC offset anywhere."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.gui.casework_support import add_youth, casework_for
from tests.gui.test_today import _second_youth, _victim

_RAW = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}:\d{2}|\bUTC\b|[+-]\d{2}:\d{2}\b|\d{2}/\d{2}\b")
_SHOWN_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b")


def _cells(model: QAbstractItemModel) -> list[str]:
    found = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                found.append(str(value))
    for column in range(model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        if header is not None:
            found.append(str(header))
    return found


def _texts_shown(window: QWidget) -> list[str]:
    """What a person can read in ``window`` now: visible labels, list entries, table cells."""
    found: list[str] = []
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.text():
            found.append(label.text())
    for view in window.findChildren(QAbstractItemView):
        if not view.isVisibleTo(window) or view.model() is None:
            continue
        if isinstance(view, QListWidget):
            found.extend(view.item(r).text() for r in range(view.count()))
        else:
            found.extend(_cells(view.model()))
    return found


def test_every_date_a_caseworker_reads_is_in_the_one_format(
    qtbot: QtBot, make_controller, session
) -> None:  # type: ignore[no-untyped-def]
    runaway = add_youth(session)
    casework_for(session).missing.start(runaway.id, datetime.now(UTC) - timedelta(hours=2))
    victim = _second_youth(session)  # born 2008-06-01
    _victim(session, victim)
    controller = make_controller()
    controller.open_session(session)
    main = controller.main_window
    qtbot.waitUntil(lambda: main.today_page.loaded_count > 0, timeout=10_000)
    shown: list[str] = []
    for index in range(main.pages.count()):
        main.sections.setCurrentRow(index)
        qtbot.wait(300)  # each page reads its rows when first shown
        shown.extend(_texts_shown(main))
    page = main.youth_page
    main.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    for row in range(page.model.rowCount()):  # each youth's page: screenings, episodes, work
        page.table.selectRow(row)
        qtbot.wait(500)
        shown.extend(_texts_shown(main))

    raw = sorted({text for text in shown if _RAW.search(text)})
    assert raw == [], raw
    dated = [text for text in shown if _SHOWN_DATE.search(text)]
    # The walk read dated content: the birth date in the youth list, as words.
    assert any("Jun 1, 2008" in text for text in dated), dated[:20]
    assert len(dated) >= 4, dated
