"""The dashboard's charts from hand-made figures: 24-hour clocks first, waiting ages bucketed,
per-month stacks; each chart's table holds the same numbers (and passes qtmodeltester)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from csec_desktop.domain import CsecCategory, ObligationKind
from csec_desktop.gui.common.tables import TableProxy, setup_table
from csec_desktop.gui.dashboard.charts import ChartAndTable
from csec_desktop.gui.dashboard.page import dashboard_charts
from csec_desktop.gui.dashboard.team_obligations import TeamObligationsModel
from csec_desktop.gui.printing.charts import BarChart, Series
from csec_desktop.services.review import (
    OBLIGATION_ORDER,
    MonthFigures,
    ObligationClock,
    OpenObligation,
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


def test_the_team_obligations_and_figure_tables_sort_by_a_header_click(
    qtbot: QtBot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    """Sorted by what the cells mean: due time as a time (not its words), counts as numbers,
    months in time order (not alphabetically)."""
    now = datetime.now(UTC)
    model = TeamObligationsModel(ZoneInfo("America/Los_Angeles"))
    model.set_obligations(
        [
            OpenObligation(kind=ObligationKind.REFER_TO_MDT, due_at=now + timedelta(days=9),
                           caseworker="cw2"),
            OpenObligation(kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
                           due_at=now - timedelta(hours=3), caseworker="cw1"),
            OpenObligation(kind=ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
                           due_at=now + timedelta(hours=20), caseworker="cw3"),
        ],
        now,
    )  # fmt: skip
    qtmodeltester.check(model)
    proxy = TableProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    setup_table(table, proxy)
    assert [proxy.index(r, 3).data() for r in range(3)] == ["cw1", "cw3", "cw2"]  # earliest first
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # time left, most first
    assert [proxy.index(r, 3).data() for r in range(3)] == ["cw2", "cw3", "cw1"]
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 3).data() for r in range(3)] == ["cw1", "cw2", "cw3"]

    block = ChartAndTable("Children")
    qtbot.addWidget(block)
    block.show_chart(
        BarChart("Children", ["Jan", "Feb", "Mar"], [Series("n", [5, 12, None])]), total=False
    )
    qtmodeltester.check(block.model)
    block.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    rows = [block.proxy.index(r, 0).data() for r in range(3)]
    assert rows == ["Feb", "Jan", "Mar"]  # 12, 5, then the hidden one ("—")
    block.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [block.proxy.index(r, 0).data() for r in range(3)] == ["Jan", "Feb", "Mar"]
