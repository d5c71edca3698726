"""The review queue as a table: one row per screening awaiting a decision."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.labels import category_label, risk_label
from csec_desktop.services.review import QueueItem

Index = QModelIndex | QPersistentModelIndex


def waiting_text(span: timedelta | None) -> str:
    from PySide6.QtCore import QCoreApplication

    if span is None:
        return ""
    days = span.days
    if days >= 1:
        return QCoreApplication.translate("ReviewQueue", "%n day(s)", "", days)
    hours = max(int(span.total_seconds() // 3600), 0)
    return QCoreApplication.translate("ReviewQueue", "%n hour(s)", "", hours)


class ReviewQueueModel(QAbstractTableModel):
    COLUMNS = 6

    def __init__(self) -> None:
        super().__init__()
        self.items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("Waiting"),
            self.tr("Caseworker"),
            self.tr("Screening date"),
            self.tr("Category"),
            self.tr("Risk"),
            self.tr("State"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return str(item.screening_id)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == 0:
            return waiting_text(item.waiting)
        if column == 1:
            return item.author
        if column == 2:
            return date_text(item.screening_date) if item.screening_date else ""
        if column == 3:
            return category_label(item.category) if item.category else ""
        if column == 4:
            return risk_label(item.risk_level) if item.risk_level else ""
        if column == 5:
            return self.state_text(item)
        return None

    def state_text(self, item: QueueItem) -> str:
        if item.pending is not None:
            return (
                self.tr("Approved — waiting to sync")
                if item.pending.value == "approved"
                else self.tr("Returned — waiting to sync")
            )
        if item.resubmitted:
            return self.tr("Resubmitted after return")
        if not item.cached:
            return self.tr("Not on this device yet")
        return self.tr("New")
