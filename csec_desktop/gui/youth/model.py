"""The youth list's table model: one row per youth record of the current search result.

Rows are the records the service returned (a search is capped at the service's limit, so the
model never holds a whole caseload); ``youth_id(row)`` gives the id the page opens.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from csec_desktop.domain import Youth
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.labels import placement_label

NAME, BIRTH_DATE, CLIENT_ID, PLACEMENT = range(4)
ModelIndex = QModelIndex | QPersistentModelIndex


class YouthTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Youth] = []

    def _headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Date of birth"),
            self.tr("Client ID"),
            self.tr("Placement"),
        ]

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        youth = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == NAME:
                return f"{youth.family_name}, {youth.preferred_name or youth.given_name}"
            if column == BIRTH_DATE:
                return date_text(youth.date_of_birth)
            if column == CLIENT_ID:
                return youth.county_client_id or ""
            if column == PLACEMENT:
                return placement_label(youth.placement_type)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and youth.preferred_name:
            return self.tr("Legal given name: %1").replace("%1", youth.given_name)
        if role == Qt.ItemDataRole.UserRole:
            return str(youth.id)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 4
        ):
            return self._headers()[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- ours ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[Youth]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def youth_at(self, row: int) -> Youth | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def youth_id(self, row: int) -> UUID | None:
        youth = self.youth_at(row)
        return youth.id if youth else None

    def row_of(self, youth_id: UUID) -> int:
        return next((i for i, y in enumerate(self._rows) if y.id == youth_id), -1)
