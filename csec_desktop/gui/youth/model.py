"""The youth list's table model: the caseload (or a search's result), one row per youth, with
the latest risk level and screening date and the open work beside each name.

Rows are what the service returned (the caseload and a search are both capped, so the model never
holds a whole county); ``youth_id(row)`` gives the id the page opens. Sorting is the proxy's
(``SORT_ROLE``); the risk level is written in words as well as coloured.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from csec_desktop.domain import RiskLevel, Youth
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.labels import risk_label
from csec_desktop.gui.common.tables import ID_ROLE, SORT_ROLE, YOUTH_ROLE
from csec_desktop.services.today import CaseloadRow, YouthFacts, youth_label

NAME, BIRTH_DATE, RISK, LAST_SCREENING, OPEN_WORK, CLIENT_ID = range(6)
COLUMNS = 6
ModelIndex = QModelIndex | QPersistentModelIndex
_RISK_RANK = {None: 0, RiskLevel.NO_CONCERN: 1, RiskLevel.POSSIBLE_CONCERN: 2}
_RISK_RANK[RiskLevel.CLEAR_CONCERN] = 3
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        ID_ROLE,
        YOUTH_ROLE,
    }
)


class YouthTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header_texts: list[str] | None = None
        self._rows: list[CaseloadRow] = []
        # Each cell's words, worked out once per list: a view asks for them many times over
        # (every paint, and once per role when its columns measure themselves).
        self._texts: list[list[str]] = []

    def _headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Date of birth"),
            self.tr("Risk"),
            self.tr("Last screening"),
            self.tr("Open work"),
            self.tr("Client ID"),
        ]

    # -- Qt model API ------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell at every paint: the ones this model does not
        # answer return at once (this is the hot path of a search keystroke).
        if role not in _ANSWERED or not index.isValid():
            return None
        number, column = index.row(), index.column()
        if not 0 <= number < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts[number][column] if column < COLUMNS else None
        row = self._rows[number]
        youth = row.youth
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == RISK and row.risk_level:
            return QBrush(QColor(theme.current().risk_colour(row.risk_level)))
        needs_action = row.facts.overdue_obligations or row.facts.missing_now
        if role == Qt.ItemDataRole.ForegroundRole and column == OPEN_WORK and needs_action:
            return QBrush(theme.current().qcolor("urgent"))
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and youth.preferred_name:
            return self.tr("Legal given name: %1").replace("%1", youth.given_name)
        if role in (ID_ROLE, YOUTH_ROLE):
            return str(youth.id)
        return None

    def _text(self, row: CaseloadRow, column: int) -> str:
        youth, facts = row.youth, row.facts
        if column == NAME:
            return youth_label(youth)
        if column == BIRTH_DATE:
            return date_text(youth.date_of_birth)
        if column == RISK:
            return risk_label(row.risk_level) if row.risk_level else ""
        if column == LAST_SCREENING:
            return date_text(facts.last_screening) if facts.last_screening else ""
        if column == OPEN_WORK:
            return self.open_work_text(facts)
        if column == CLIENT_ID:
            return youth.county_client_id or ""
        return ""

    def open_work_text(self, facts: YouthFacts) -> str:
        parts = []
        if facts.missing_now:
            parts.append(self.tr("Missing now"))
        if facts.open_obligations:
            text = self.tr("%n open", "", facts.open_obligations)
            if facts.overdue_obligations:
                text += " " + self.tr("(%n overdue)", "", facts.overdue_obligations)
            parts.append(text)
        return " · ".join(parts)

    @staticmethod
    def _sort_key(row: CaseloadRow, column: int) -> Any:
        youth, facts = row.youth, row.facts
        if column == NAME:
            return f"{youth.family_name}\x1f{youth.preferred_name or youth.given_name}"
        if column == BIRTH_DATE:
            return youth.date_of_birth.toordinal()
        if column == RISK:
            return _RISK_RANK[row.risk_level]
        if column == LAST_SCREENING:
            return facts.last_screening.toordinal() if facts.last_screening else None
        if column == OPEN_WORK:
            return (int(facts.missing_now), facts.overdue_obligations, facts.open_obligations)
        return youth.county_client_id

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

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        texts = [[self._text(row, column) for column in range(COLUMNS)] for row in rows]
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = texts
        self.endResetModel()

    def set_youth(self, youth: list[Youth]) -> None:
        """Rows of youth without their caseload columns (e.g. one just saved)."""
        self.set_rows([CaseloadRow(y, YouthFacts()) for y in youth])

    def clear(self) -> None:
        self.set_rows([])

    def youth_at(self, row: int) -> Youth | None:
        return self._rows[row].youth if 0 <= row < len(self._rows) else None

    def youth_id(self, row: int) -> UUID | None:
        youth = self.youth_at(row)
        return youth.id if youth else None

    def row_of(self, youth_id: UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.youth.id == youth_id), -1)
