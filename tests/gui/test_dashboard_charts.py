"""The dashboard's charts from hand-made figures: 24-hour clocks first, waiting ages bucketed,
per-month stacks; each chart's table holds the same numbers (and passes qtmodeltester)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csec_desktop.domain import CsecCategory, ObligationKind
from csec_desktop.gui.dashboard.charts import ChartAndTable
from csec_desktop.gui.dashboard.page import dashboard_charts
from csec_desktop.services.review import (
    OBLIGATION_ORDER,
    MonthFigures,
    ObligationClock,
    QueueItem,
    TeamFigures,
)


def item(days: float) -> QueueItem:
    return QueueItem(
        screening_id=uuid4(), version=1, author="ana", status="submitted",
        screening_date=date(2024, 6, 1), submitted_at=None, category=CsecCategory.AT_RISK,
        risk_level=None, waiting=timedelta(days=days), cached=True, resubmitted=False,
        pending=None,
    )  # fmt: skip


def figures() -> TeamFigures:
    months = [
        MonthFigures(month=date(2024, m, 1), by_category={"at_risk": m, "victim_in_care": 1},
                     by_risk_level={"clear_concern": 2}, sessions=m % 2, youth_reached=3 * m)
        for m in range(1, 13)
    ]  # fmt: skip
    clocks = [
        ObligationClock(kind=kind, open_overdue=n, open_not_yet_due=10 - n)
        for n, kind in enumerate(OBLIGATION_ORDER)
    ]
    return TeamFigures(months=months, obligations=clocks, fetched_at=datetime.now(UTC))


def test_charts_and_their_tables(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    charts = dashboard_charts(figures(), [item(0.2), item(2), item(2.5), item(40)])
    assert OBLIGATION_ORDER[:2] == (
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
    )
    assert charts["obligations"].labels[0] == "Report victim (24 h)"
    assert list(charts["awaiting"].series[0].values) == [1, 2, 0, 1]
    categories = charts["categories"]
    assert categories.labels[0] == "01/24" and categories.totals()[11] == 13

    block = ChartAndTable("Categories")
    qtbot.addWidget(block)
    block.show_chart(categories)
    qtmodeltester.check(block.model)
    december = [
        block.model.data(block.model.index(11, c)) for c in range(block.model.columnCount())
    ]
    assert december[0] == "12/24" and december[-1] == "13"
    assert block.model.headerData(2, Qt.Orientation.Horizontal) == "Victim while in care"
    block.chart.resize(600, 300)
    block.chart.grab()  # paints without error


def test_before_the_first_sync_only_the_queue_is_charted() -> None:
    assert set(dashboard_charts(None, [])) == {"awaiting"}
