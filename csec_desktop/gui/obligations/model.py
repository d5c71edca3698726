"""The Obligations table: one row per obligation (24-hour clocks first, then by due time), with
a countdown column the view refreshes on a timer.

Time left is written in calm words ("5 h 12 min left", "Overdue by 3 days") and the status column
says Overdue / Urgent / Due soon / Due / Done, so colour is never the only cue. A 24-hour report
is urgent from its first minute, not only in its last hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from csec_desktop.domain import Obligation
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_text, time_left_text
from csec_desktop.gui.common.labels import obligation_label
from csec_desktop.gui.common.tables import KIND_ROLE, SORT_ROLE, YOUTH_ROLE
from csec_desktop.services.ordering import TWENTY_FOUR_HOUR_KINDS

DUE, TIME_LEFT, STATUS, TASK, YOUTH = range(5)
COLUMNS = 5
SOON = timedelta(hours=24)
_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.UserRole,
        SORT_ROLE,
        YOUTH_ROLE,
        KIND_ROLE,
    }
)
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ObligationRow:
    obligation: Obligation
    youth_name: str


class ObligationTableModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header_texts: list[str] | None = None
        self._zone = zone
        self._rows: list[ObligationRow] = []
        self._fixed: list[dict[int, str]] = []
        self._now = datetime.now(UTC)

    def _headers(self) -> list[str]:
        return [
            self.tr("Due"),
            self.tr("Time left"),
            self.tr("Status"),
            self.tr("What to do"),
            self.tr("Youth"),
        ]

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:  # a paint asks a dozen roles per cell: most return here
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        obligation = row.obligation
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == TIME_LEFT:
                return self.time_left(obligation)
            if column == STATUS:
                return self.status(obligation)
            if column == YOUTH:
                return row.youth_name
            return self._fixed[index.row()][column]  # the due time and the task: worded once
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == YOUTH_ROLE:
            return str(obligation.youth_id)
        if role == KIND_ROLE:
            return obligation.kind.value
        if role == Qt.ItemDataRole.ForegroundRole and column in (TIME_LEFT, STATUS):
            colour = self._colour(obligation)
            return QBrush(colour) if colour is not None else None
        urgent = self.urgent(obligation)
        if role == Qt.ItemDataRole.FontRole and column in (TIME_LEFT, STATUS) and urgent:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == TIME_LEFT and not obligation.done:
            return self.tr("Due %1").replace("%1", self._fixed[index.row()][DUE])
        if role == Qt.ItemDataRole.ToolTipRole and column == TIME_LEFT and obligation.done:
            assert obligation.done_at is not None
            parts = [self.tr("Done %1").replace("%1", moment_text(obligation.done_at, self._zone))]
            if obligation.agency:
                parts.append(obligation.agency)
            if obligation.reference:
                parts.append(obligation.reference)
            return " · ".join(parts)
        if role == Qt.ItemDataRole.UserRole:
            return str(obligation.id)
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

    # -- words for time ------------------------------------------------------------------------

    def time_left(self, obligation: Obligation) -> str:
        if obligation.done_at is not None:
            return self.tr("Done %1").replace("%1", moment_text(obligation.done_at, self._zone))
        return time_left_text(obligation.due_at, self._now)

    def urgent(self, obligation: Obligation) -> bool:
        """Overdue, or a 24-hour report still open (urgent from its first minute)."""
        if obligation.done:
            return False
        return obligation.overdue(self._now) or obligation.kind in TWENTY_FOUR_HOUR_KINDS

    def status(self, obligation: Obligation) -> str:
        if obligation.done:
            return self.tr("Done") if obligation.met_on_time() else self.tr("Done late")
        if obligation.overdue(self._now):
            return self.tr("Overdue")
        if obligation.kind in TWENTY_FOUR_HOUR_KINDS:
            return self.tr("Urgent")
        if obligation.due_at - self._now <= SOON:
            return self.tr("Due soon")
        return self.tr("Due")

    def _colour(self, obligation: Obligation) -> QColor | None:
        colours = theme.current()
        if obligation.done:
            return colours.qcolor("done")
        if self.urgent(obligation):
            return colours.qcolor("urgent")
        if obligation.due_at - self._now <= SOON:
            return colours.qcolor("soon")
        return None

    def _sort_key(self, row: ObligationRow, column: int) -> object:
        obligation = row.obligation
        if column in (DUE, TIME_LEFT):
            return obligation.due_at.timestamp()
        if column == STATUS:  # what needs acting on first
            rank = 0 if obligation.overdue(self._now) else 1 if self.urgent(obligation) else 2
            return (3 if obligation.done else rank, obligation.due_at.timestamp())
        if column == TASK:
            return obligation_label(obligation.kind)
        return row.youth_name

    # -- ours ----------------------------------------------------------------------------------

    def column_samples(self) -> dict[int, list[str]]:
        """The widest texts each column shows, to size it once (``tables.fit_columns``)."""
        moment = datetime(2026, 9, 30, 22, 59, tzinfo=self._zone)
        return {
            DUE: [moment_text(moment, self._zone)],
            TIME_LEFT: [
                time_left_text(moment, moment + timedelta(days=1, hours=23)),
                time_left_text(moment + timedelta(hours=23, minutes=59), moment),
            ],
            STATUS: [
                self.tr(word) for word in ("Overdue", "Urgent", "Due soon", "Done late", "Due")
            ],
            YOUTH: ["Mmmmmmmmm, Mmmmmmm"],
        }

    @property
    def now(self) -> datetime:
        return self._now

    def set_now(self, now: datetime) -> None:
        """Move the clock the countdowns count from (the view's timer; tests set it)."""
        self._now = now
        if self._rows:
            self.dataChanged.emit(
                self.index(0, TIME_LEFT),
                self.index(len(self._rows) - 1, STATUS),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
            )

    def _fixed_texts(self, obligation: Obligation) -> dict[int, str]:
        label = obligation_label(obligation.kind)
        if obligation.kind in TWENTY_FOUR_HOUR_KINDS:
            label = self.tr("%1 (24-hour clock)").replace("%1", label)
        return {DUE: moment_text(obligation.due_at, self._zone), TASK: label}

    def set_rows(self, rows: list[ObligationRow]) -> None:
        fixed = [self._fixed_texts(row.obligation) for row in rows]
        self.beginResetModel()
        self._rows = list(rows)
        self._fixed = fixed
        self.endResetModel()

    def row_at(self, row: int) -> ObligationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, obligation_id: UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.obligation.id == obligation_id), -1)

    def overdue_count(self) -> int:
        return sum(1 for r in self._rows if r.obligation.overdue(self._now))

    def open_count(self) -> int:
        return sum(1 for r in self._rows if not r.obligation.done)
