"""A bar chart on screen, next to the same figures as a table (tabs: Chart / Table)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QTabWidget, QWidget

from csec_desktop.gui.common import theme
from csec_desktop.gui.common.tables import SORT_ROLE, TableProxy, setup_table
from csec_desktop.gui.printing.charts import BarChart, paint_bar_chart

Index = QModelIndex | QPersistentModelIndex


class ChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = BarChart("", [], [])
        self.setMinimumHeight(240)

    def set_chart(self, chart: BarChart) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_bar_chart(
            painter,
            QRectF(self.rect().adjusted(8, 8, -8, -8)),
            self.chart,
            text=self.palette().windowText().color(),
            colours=theme.current().series,  # 3:1 against this theme's window
        )
        painter.end()


class FiguresModel(QAbstractTableModel):
    """Rows of a chart: the label, then one column per series (and a total when stacked)."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[Any]] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if index.column() >= len(row):
            return None
        if role == SORT_ROLE:
            # The label column keeps the chart's order (months in time, not alphabetically);
            # a count sorts as a number, a hidden one ("—") below every number.
            if index.column() == 0:
                return index.row()
            value = row[index.column()]
            return value if isinstance(value, int) else -1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(row[index.column()])
        return None


class ChartAndTable(QTabWidget):
    """One figure block: the chart, and the same figures as a table."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.chart = ChartWidget()
        self.model = FiguresModel()
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        setup_table(self.table, self.proxy)  # a header click sorts (by the numbers)
        self.table.setAccessibleName(self.tr("%1 as a table").replace("%1", name))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.addTab(self.chart, self.tr("Chart"))
        self.addTab(self.table, self.tr("Table"))
        self.setMinimumHeight(280)

    def show_chart(self, chart: BarChart, *, total: bool = True) -> None:
        self.chart.set_chart(chart)
        headers = ["", *[s.name for s in chart.series]]
        stacked = total and len(chart.series) > 1
        if stacked:
            headers.append(self.tr("Total"))
        rows = []
        for index, label in enumerate(chart.labels):
            values = [s.values[index] for s in chart.series]
            row: list[Any] = [label, *["—" if v is None else v for v in values]]
            if stacked:
                row.append(sum(v or 0 for v in values))
            rows.append(row)
        self.model.set_rows(headers, rows)
