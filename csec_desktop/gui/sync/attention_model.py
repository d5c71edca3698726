"""The Sync section's "Needs attention" table: conflicts to settle and items the server did not
accept, one row each, sortable like every table of the app (``common/tables.py``).

Rows start in the order the service gives (conflicts first, oldest first); a header click sorts
by what the column means (a version as a number, a time as a time, not as words).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from csec_desktop.gui.common.tables import KIND_ROLE, SORT_ROLE
from csec_desktop.gui.sync.indicator import local_time
from csec_desktop.store import OutboxItem
from csec_desktop.store.sync_state import SyncConflict

WHAT, RECORD, VERSION, SINCE = range(4)
COLUMNS = 4
ModelIndex = QModelIndex | QPersistentModelIndex
Entry = SyncConflict | OutboxItem
CONFLICT, NOT_ACCEPTED = "conflict", "not_accepted"


def record_type_label(record_type: str) -> str:
    labels = {
        "youth": QCoreApplication.translate("SyncLabels", "Youth"),
        "screening": QCoreApplication.translate("SyncLabels", "Screening"),
        "review": QCoreApplication.translate("SyncLabels", "Supervisor review"),
        "obligation": QCoreApplication.translate("SyncLabels", "Obligation"),
        "missing_episode": QCoreApplication.translate("SyncLabels", "Missing-from-care episode"),
        "education_session": QCoreApplication.translate("SyncLabels", "Education session"),
        "training": QCoreApplication.translate("SyncLabels", "Training"),
    }
    return labels.get(record_type, record_type)


class AttentionModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Entry] = []

    def set_entries(self, conflicts: list[SyncConflict], quarantined: list[OutboxItem]) -> None:
        self.beginResetModel()
        self._rows = [*conflicts, *quarantined]
        self.endResetModel()

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < COLUMNS:
            return None
        return [self.tr("What"), self.tr("Record"), self.tr("Version"), self.tr("Since")][section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == SORT_ROLE:
            return self._sort_key(entry, column)
        if role == KIND_ROLE:
            return CONFLICT if isinstance(entry, SyncConflict) else NOT_ACCEPTED
        if role == Qt.ItemDataRole.ToolTipRole and column == WHAT:
            return entry.reason if isinstance(entry, SyncConflict) else entry.last_error
        return None

    def _text(self, entry: Entry, column: int) -> str:
        if column == WHAT:
            if isinstance(entry, SyncConflict):
                return self.tr("Conflict: changed here and on the server")
            return self.tr("Not accepted by the server")
        if column == RECORD:
            return record_type_label(entry.record_type)
        if column == VERSION:
            return str(self._version(entry))
        return local_time(entry.created_at)

    def _sort_key(self, entry: Entry, column: int) -> str | int | datetime:
        if column == VERSION:
            return self._version(entry)
        if column == SINCE:
            return entry.created_at
        return self._text(entry, column)

    @staticmethod
    def _version(entry: Entry) -> int:
        return entry.local_version if isinstance(entry, SyncConflict) else entry.version

    def samples(self) -> dict[int, list[str]]:
        """A few texts per column, to size the columns (``fit_columns``)."""
        shown = self._rows[:20]
        return {column: [self._text(entry, column) for entry in shown] for column in range(COLUMNS)}
