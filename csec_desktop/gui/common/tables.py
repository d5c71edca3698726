"""What every table of the app shares: sorting and filtering through ``QSortFilterProxyModel``,
the same keys, and columns measured on a few rows.

A model gives ``SORT_ROLE`` a value that sorts right (a date as a date, a count as a number, not
their words); ``YOUTH_ROLE`` the youth a row is about (to open their page, or filter by them);
``KIND_ROLE`` what kind of row it is (to filter by kind). The view sorts by the proxy; a column
header click sorts, a second click reverses. Until then rows keep the model's order (which is
chosen to put what matters first).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# Columns sized to their contents measure this many rows, not Qt's default of 1,000: each row
# measured is a call into a Python model, so a long caseload cost the GUI thread ~25 ms on every
# reload or countdown tick. The first rows (sorted by what matters) set the widths well enough.
MEASURED_ROWS = 50
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
YOUTH_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


def measure_few_rows(header: QHeaderView) -> None:
    header.setResizeContentsPrecision(MEASURED_ROWS)


class TableProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` (the display text when a model gives none); keeps the rows whose
    first column has each of the ``role == value`` filters set with :meth:`filter_by`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self._wanted: dict[int, Any] = {}

    def filter_by(self, role: int, value: Any) -> None:
        """Keep only rows whose ``role`` is ``value``; ``None`` lifts that filter."""
        changing = hasattr(self, "beginFilterChange")  # Qt 6.9+; earlier: invalidateRowsFilter
        if changing:
            self.beginFilterChange()
        if value is None:
            self._wanted.pop(role, None)
        else:
            self._wanted[role] = value
        if changing:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        first = model.index(source_row, 0, source_parent)
        if any(model.data(first, role) != value for role, value in self._wanted.items()):
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:  # rows without a value (no screening yet) sort last
            if a is None and b is None:
                return str(left.data()) < str(right.data())
            return b is None and a is not None
        if isinstance(a, str) and isinstance(b, str):
            return a.casefold() < b.casefold()
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def setup_table(table: QTableView, proxy: TableProxy) -> None:
    """The app's table manners: whole rows, one at a time, read only, sortable by a header
    click, Tab leaves the table (arrow keys move within it), a few rows measured."""
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setAccessibleName(
        QCoreApplication.translate("Tables", "Column headings: choose one to sort by it")
    )
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's order until a click
    header.setSortIndicatorShown(True)
    table.setSortingEnabled(True)
    measure_few_rows(header)


def fit_columns(table: QTableView, samples: dict[int, list[str]], *, stretch: int = -1) -> None:
    """Give each column the width of its widest sample text (and its heading), once.

    Instead of Qt's resize-to-contents, which measures rows through the Python model at every
    reload and every countdown tick (thousands of ``data()`` calls, tens of milliseconds on the
    GUI thread). The person can still drag a column wider; ``stretch`` takes the rest."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    bold = QFont(table.font())
    bold.setBold(True)
    heading = QFontMetrics(bold)
    model = table.model()
    for column, texts in samples.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal)) if model else ""
        width = max(
            [metrics.horizontalAdvance(text) for text in texts]
            + [heading.horizontalAdvance(title) + metrics.height()]  # the sort arrow
        )
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width + 2 * metrics.averageCharWidth() + 8)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def selected_source_row(table: QTableView) -> int:
    """The model row of the selected row (through the proxy), or -1."""
    selection = table.selectionModel()
    rows = selection.selectedRows() if selection is not None else []
    if not rows:
        return -1
    index = rows[0]
    model = table.model()
    if isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
    return index.row()


def select_source_row(table: QTableView, row: int) -> bool:
    """Select the row showing model row ``row``; False if it is filtered out."""
    model = table.model()
    if isinstance(model, QSortFilterProxyModel):
        source = model.sourceModel()
        if source is None or row < 0:
            return False
        shown = model.mapFromSource(source.index(row, 0))
        if not shown.isValid():
            return False
        table.selectRow(shown.row())
        return True
    table.selectRow(row)
    return row >= 0
