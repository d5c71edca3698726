"""The supervisor's team caseload: who holds how many youth, each caseworker's open and overdue
obligations and the next clock to run out, and the reassign, cover and close-cases actions (for
a whole caseload or the youth chosen from it: ``assignment_dialog.py``), made offline and sent
at the next sync (``services.caseload``, issue 13).

Ids only come from the server: the table says how many youth a caseworker holds, never who they
are (names stay on the caseworker's laptop). An action made here is listed as waiting until the
sync sends it; one the server refused stays listed with its reason (never dropped).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.caseload.assignment_dialog import AssignmentDialog
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import date_text, moment_text, time_left_text
from csec_desktop.gui.common.tables import (
    SORT_ROLE,
    TableProxy,
    fit_columns,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.caseload import (
    CaseloadService,
    CaseworkerLoad,
    QueuedAction,
    TeamCaseloadView,
)
from csec_desktop.store import OutboxState
from csec_desktop.sync.protocol import AssignmentAction

Index = QModelIndex | QPersistentModelIndex
NAME, YOUTH, OPEN, OVERDUE, NEXT, PENDING = range(6)


class TeamLoadModel(QAbstractTableModel):
    def __init__(self, zone: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        self._rows: list[CaseworkerLoad] = []
        self._now = datetime.now(UTC)

    def set_loads(self, loads: list[CaseworkerLoad], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(loads)
        self._now = now
        self.endResetModel()

    def samples(self) -> dict[int, list[str]]:
        """Every cell's text per column (a team is a few dozen caseworkers at most)."""
        return {c: [self._text(load, c) for load in self._rows] for c in range(6)}

    def load_at(self, row: int) -> CaseworkerLoad | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Caseworker"),
            self.tr("Youth held"),
            self.tr("Open obligations"),
            self.tr("Overdue"),
            self.tr("Next due"),
            self.tr("Changes waiting"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def _text(self, load: CaseworkerLoad, column: int) -> str:
        if column == NAME:
            return load.caseworker
        if column == YOUTH:
            return str(len(load.entries))
        if column == OPEN:
            return str(load.open_obligations)
        if column == OVERDUE:
            return str(load.overdue_obligations)
        if column == NEXT:
            if load.next_due_at is None:
                return "—"
            return (
                moment_text(load.next_due_at, self._zone)
                + " ("
                + time_left_text(load.next_due_at, self._now)
                + ")"
            )
        return str(load.pending_actions) if load.pending_actions else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        load = self.load_at(index.row()) if index.isValid() else None
        if load is None or not 0 <= index.column() < 6:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(load, column)
        if role == SORT_ROLE:
            if column == NAME:
                return load.caseworker.casefold()
            if column == NEXT:
                return load.next_due_at.timestamp() if load.next_due_at else None
            return {
                YOUTH: len(load.entries),
                OPEN: load.open_obligations,
                OVERDUE: load.overdue_obligations,
                PENDING: load.pending_actions,
            }[column]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (OVERDUE, NEXT)
            and load.overdue_obligations
        ):
            return theme.current().qcolor("urgent")
        return None


def action_text(action: QueuedAction, zone: Any) -> str:
    request = action.request
    chosen = len(request.youth_ids)
    if request.action is AssignmentAction.REASSIGN and chosen:
        text = QCoreApplication.translate(
            "TeamCaseload", "%1: %n youth to %2, for good", "", chosen
        )
    elif request.action is AssignmentAction.REASSIGN:
        text = QCoreApplication.translate("TeamCaseload", "%1's youth to %2, for good")
    elif request.action is AssignmentAction.COVER and chosen:
        text = QCoreApplication.translate(
            "TeamCaseload", "%1: %n youth covered by %2 until %3", "", chosen
        )
    elif request.action is AssignmentAction.COVER:
        text = QCoreApplication.translate("TeamCaseload", "%1 covered by %2 until %3")
    else:
        text = QCoreApplication.translate("TeamCaseload", "%1: %n case(s) closed", "", chosen)
    text = text.replace("%1", request.from_user).replace("%2", request.to_user or "")
    text = text.replace("%3", date_text(request.until) if request.until else "")
    if action.state is OutboxState.QUARANTINED:
        return (
            text
            + " — "
            + QCoreApplication.translate("TeamCaseload", "refused: %1").replace(
                "%1", action.reason or ""
            )
        )
    return text + " — " + QCoreApplication.translate("TeamCaseload", "waiting for the next sync")


class TeamCaseloadPage(QWidget):
    def __init__(
        self,
        service: CaseloadService,
        submit: Any,
        runner: TaskRunner,
        broadcast: Broadcast,
        zone: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Team caseload"))
        self.service = service
        self._submit = submit
        self._runner = runner
        self._zone = zone
        self.view: TeamCaseloadView | None = None
        self.dialog: AssignmentDialog | None = None
        heading = QLabel(self.tr("Team caseload"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Team caseload status"))
        self.model = TeamLoadModel(zone, self)
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Caseworkers of the team"))
        setup_table(self.table, self.proxy)
        self.reassign_button = QPushButton(self.tr("&Reassign…"))
        self.cover_button = QPushButton(self.tr("&Cover…"))
        self.close_button = QPushButton(self.tr("Close c&ases…"))
        self.close_button.setToolTip(self.tr("Close the cases of youth you choose"))
        self.queued = QListWidget()
        self.queued.setAccessibleName(self.tr("Caseload changes made here"))
        self.queued.setMaximumHeight(120)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.status, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reassign_button)
        buttons.addWidget(self.cover_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Changes made here")))
        layout.addWidget(self.queued)
        self.reassign_button.clicked.connect(self.reassign)
        self.cover_button.clicked.connect(self.cover)
        self.close_button.clicked.connect(self.close_cases)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # A sync brings the team's caseload as the server has it: read again when shown after.
        broadcast.records_did_change.connect(self._records_changed)
        self._selection_changed()

    @Slot()
    def reload(self, *_args: object) -> None:
        self._runner.run_on_lane(
            self._submit,
            self.service.team,
            on_success=self._show,
            on_failure=self._failed,
            owner=self,
        )

    @Slot(frozenset)
    def _records_changed(self, _kinds: frozenset[str]) -> None:
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    def _show(self, view: TeamCaseloadView) -> None:
        self.view = view
        self.model.set_loads(view.caseworkers, datetime.now(UTC))
        # Sized once from what they show (and their headings), not cut: the person may widen.
        fit_columns(self.table, self.model.samples(), stretch=NEXT)
        if view.as_of is None:
            self.status.setText(self.tr("Sync to fetch your team's caseload."))
        else:
            self.status.setText(
                self.tr("As of %1").replace("%1", moment_text(view.as_of, self._zone))
            )
        self.queued.clear()
        for action in view.pending:
            self.queued.addItem(action_text(action, self._zone))
        if not view.pending:
            self.queued.addItem(self.tr("No change waiting to be sent."))
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))

    def selected(self) -> CaseworkerLoad | None:
        return self.model.load_at(selected_source_row(self.table))

    @Slot()
    def _selection_changed(self, *_args: object) -> None:
        load = self.selected()
        self.reassign_button.setEnabled(load is not None)
        self.cover_button.setEnabled(load is not None)
        self.close_button.setEnabled(load is not None and bool(load.entries))

    def _open(self, action: AssignmentAction) -> None:
        load = self.selected()
        if load is None or self.view is None:
            return
        others = [c.caseworker for c in self.view.caseworkers if c.caseworker != load.caseworker]
        today = datetime.now(UTC).astimezone(self._zone).date()
        dialog = AssignmentDialog(
            action, load.caseworker, others, today, load.entries, self._zone, self
        )
        dialog.accepted.connect(self._confirmed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def reassign(self) -> None:
        self._open(AssignmentAction.REASSIGN)

    @Slot()
    def cover(self) -> None:
        self._open(AssignmentAction.COVER)

    @Slot()
    def close_cases(self) -> None:
        self._open(AssignmentAction.CLOSE)

    @Slot()
    def _confirmed(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if dialog.action is AssignmentAction.CLOSE:
            self._runner.run_on_lane(
                self._submit,
                self.service.close_cases,
                dialog.from_user,
                dialog.youth_ids or [],
                reason=dialog.reason,
                on_success=self._queued,
                on_failure=self._failed,
                owner=self,
            )
        elif dialog.action is AssignmentAction.COVER:
            self._runner.run_on_lane(
                self._submit,
                self.service.cover,
                dialog.from_user,
                dialog.to_user,
                dialog.until,
                youth_ids=dialog.youth_ids,
                reason=dialog.reason,
                on_success=self._queued,
                on_failure=self._failed,
                owner=self,
            )
        else:
            self._runner.run_on_lane(
                self._submit,
                self.service.reassign,
                dialog.from_user,
                dialog.to_user,
                youth_ids=dialog.youth_ids,
                reason=dialog.reason,
                on_success=self._queued,
                on_failure=self._failed,
                owner=self,
            )

    def _queued(self, _action: QueuedAction) -> None:
        self.dialog = None
        self.reload()
