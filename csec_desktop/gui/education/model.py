"""The Education list: youth sessions and caregiver/staff trainings in one table, newest first.

A county logs a few sessions a week, so the model holds the records themselves (a year is a few
hundred rows); ``entry(row)`` gives the record the page opens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from csec_desktop.domain import EducationSession, Training
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.tables import SORT_ROLE
from csec_desktop.gui.education.labels import (
    session_audience_label,
    training_audience_label,
    training_type_short,
)

DATE, KIND, SUBJECT, AUDIENCE, PEOPLE, MINUTES = range(6)
COLUMNS = 6
ModelIndex = QModelIndex | QPersistentModelIndex
Entry = EducationSession | Training


def entry_date(entry: Entry) -> Any:
    return entry.session_date if isinstance(entry, EducationSession) else entry.training_date


class EducationTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header_texts: list[str] | None = None
        self._rows: list[Entry] = []

    def _headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Kind"),
            self.tr("Curriculum or title"),
            self.tr("Audience"),
            self.tr("People"),
            self.tr("Minutes"),
        ]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def _text(self, entry: Entry, column: int) -> str:
        if column == DATE:
            return date_text(entry_date(entry))
        if column == MINUTES:
            return str(entry.minutes)
        if isinstance(entry, EducationSession):
            if column == KIND:  # a voided one stays listed, saying so in words
                if entry.voided:
                    return self.tr("Youth session (voided)")
                return self.tr("Youth session")
            if column == SUBJECT:
                return f"{entry.curriculum} — {entry.module}" if entry.module else entry.curriculum
            if column == AUDIENCE:
                return session_audience_label(entry.audience)
            return str(entry.youth_reached)
        if column == KIND:
            return training_type_short(entry.training_type)
        if column == SUBJECT:
            return entry.title or ""
        if column == AUDIENCE:
            return training_audience_label(entry.audience_type)
        return str(entry.attendee_count)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < COLUMNS:
            return None
        entry = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, index.column())
        if role == SORT_ROLE:  # a date as a date and a count as a number, not their words
            if index.column() == DATE:
                return entry_date(entry).toordinal()
            if index.column() == MINUTES:
                return entry.minutes
            text = self._text(entry, index.column())
            return int(text) if text.isdigit() else text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (PEOPLE, MINUTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(entry.id)
        if role == Qt.ItemDataRole.FontRole and getattr(entry, "voided", False):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMNS
        ):
            if self._header_texts is None:  # asked for often (each paint): worded once
                self._header_texts = self._headers()
            return self._header_texts[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- ours ----------------------------------------------------------------------------------

    def set_entries(self, sessions: list[EducationSession], trainings: list[Training]) -> None:
        rows: list[Entry] = [*sessions, *trainings]
        rows.sort(key=lambda e: (entry_date(e), e.created_at), reverse=True)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def entry(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: object) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == record_id), -1)
