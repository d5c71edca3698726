"""The team's open obligations one by one, as a sortable table (a model behind ``TableProxy``).

Whose clock is running out is what a supervisor chases: the rows come earliest due first, and a
header click sorts by due time (as a time, not its words), time left, kind or caseworker. An
overdue row is in the urgent colour and says "Overdue by …" in words: colour is never the only
cue. Never a youth's name: the caseworker's user name says whose it is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_text, time_left_text
from csec_desktop.gui.common.labels import obligation_label
from csec_desktop.gui.common.tables import SORT_ROLE
from csec_desktop.services.review import OpenObligation

Index = QModelIndex | QPersistentModelIndex
KIND, DUE, LEFT, CASEWORKER = range(4)


class TeamObligationsModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._rows: list[OpenObligation] = []
        self._texts: list[list[str]] = []
        self._now = datetime.now(UTC)

    def set_obligations(self, obligations: list[OpenObligation], now: datetime) -> None:
        self.beginResetModel()
        self._rows = sorted(obligations, key=lambda o: o.due_at)
        self._now = now
        self._texts = [
            [
                obligation_label(o.kind),
                moment_text(o.due_at, self._zone),
                time_left_text(o.due_at, now),
                o.caseworker,
            ]
            for o in self._rows
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Obligation"),
            self.tr("Due"),
            self.tr("Time left"),
            self.tr("Caseworker"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        if not 0 <= column < 4:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()][column]
        obligation = self._rows[index.row()]
        if role == SORT_ROLE:
            if column in (DUE, LEFT):
                return obligation.due_at.timestamp()
            return self._texts[index.row()][column].casefold()
        if role == Qt.ItemDataRole.ForegroundRole and self._now > obligation.due_at:
            return theme.current().qcolor("urgent")
        return None


__all__ = ["TeamObligationsModel"]
