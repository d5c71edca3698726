"""The Obligations section: what is due and overdue across the caseload, 24-hour clocks first.

The list is read on the database lane whenever a record changes (``records_did_change``) and
when the section is shown; a timer moves the countdowns every ``TICK_MS`` without reading the
vault again. Mark done… records the time, agency and reference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from uuid import UUID

from PySide6.QtCore import QItemSelection, QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import Obligation
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.tables import measure_few_rows
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.obligations.mark_done import MarkDoneDialog
from csec_desktop.gui.obligations.model import ObligationRow, ObligationTableModel
from csec_desktop.gui.tasks import TaskRunner

TICK_MS = 30_000
REFRESH_KINDS = frozenset({"obligation", "screening", "missing_episode", "youth"})


def load_caseload(casework: Casework, include_done: bool) -> list[ObligationRow]:
    """Open (and, if asked, done) obligations of every youth, with the youth's name. Runs on the
    database lane."""
    obligations = casework.obligations.open()
    if include_done:
        obligations += casework.obligations.done()
    names: dict[UUID, str] = {}
    for youth_id in {o.youth_id for o in obligations}:
        youth = casework.youth.get(youth_id)
        names[youth_id] = f"{youth.family_name}, {youth.preferred_name or youth.given_name}"
    return [ObligationRow(o, names.get(o.youth_id, "")) for o in obligations]


class ObligationsView(QWidget):
    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("obligationsView")
        self.setAccessibleName(self.tr("Obligations"))
        self._casework = casework
        self._runner = runner
        self._broadcast = broadcast
        self._generation = 0
        self.dialog: MarkDoneDialog | None = None
        self.loaded_count = 0
        self._stale = False  # records changed while the view was hidden: reload when shown

        heading = QLabel(self.tr("Obligations"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("obligationSummary")
        self.summary.setAccessibleName(self.tr("Obligations summary"))
        self.summary.setWordWrap(True)
        self.show_done = QCheckBox(self.tr("Show &done"))
        self.show_done.setAccessibleName(self.tr("Show done obligations"))
        self.model = ObligationTableModel(casework.policy.zone, self)
        self.table = QTableView()
        self.table.setObjectName("obligationTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Obligations due and overdue"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headings"))
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        measure_few_rows(header)
        self.mark_button = QPushButton(self.tr("&Mark done…"))
        self.mark_button.setAccessibleName(self.tr("Mark done"))
        self.mark_button.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("obligationMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Obligations message"))

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.show_done)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.mark_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.show_done, self.table)
        self.setTabOrder(self.table, self.mark_button)

        # Runs only while the view is shown (showEvent/hideEvent): a hidden table has nothing to
        # move, and re-measuring its columns would take the GUI thread from the screen in use.
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.show_done.toggled.connect(self.refresh)
        self.mark_button.clicked.connect(self.mark_selected_done)
        self.table.activated.connect(self.mark_selected_done)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        broadcast.records_did_change.connect(self._records_changed)
        self.refresh()

    # -- loading -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self._runner.run_on_lane(
            self._casework.submit,
            load_caseload,
            self._casework,
            self.show_done.isChecked(),
            on_success=partial(self._loaded, generation),
            on_failure=self._failed,
            owner=self,
        )

    def _loaded(self, generation: int, rows: list[ObligationRow]) -> None:
        if generation != self._generation:
            return
        selected = self.selected()
        self.model.set_now(datetime.now(UTC))
        self.model.set_rows(rows)
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row >= 0:
                self.table.selectRow(row)
        self._show_summary()
        self._selection_changed()
        self.loaded_count += 1

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_message(error))

    @Slot(frozenset)
    def _records_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & REFRESH_KINDS:
            return
        if self.isVisible():
            self.refresh()
        else:  # e.g. an autosave in the screening wizard: reload when the view is next shown
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        self.tick()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    @Slot()
    def tick(self) -> None:
        """Move the countdowns to now (every ``TICK_MS``)."""
        self.model.set_now(datetime.now(UTC))
        self._show_summary()

    def _show_summary(self) -> None:
        overdue = self.model.overdue_count()
        open_count = self.model.open_count()
        if open_count == 0:
            text = self.tr(
                "Nothing is due. Obligations appear here when a screening is submitted "
                "or a youth goes missing."
            )
        else:
            text = self.tr("%n open obligation(s)", "", open_count)
            if overdue:
                text += " · " + self.tr("%n OVERDUE", "", overdue)
            text += " · " + self.tr("24-hour law-enforcement reports are listed first.")
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)

    # -- marking done --------------------------------------------------------------------------

    def selected(self) -> Obligation | None:
        rows = self.table.selectionModel().selectedRows()
        found = self.model.row_at(rows[0].row()) if rows else None
        return found.obligation if found else None

    @Slot()
    def _selection_changed(self, *_args: QItemSelection) -> None:
        obligation = self.selected()
        self.mark_button.setEnabled(obligation is not None and not obligation.done)

    @Slot()
    def mark_selected_done(self) -> None:
        obligation = self.selected()
        if obligation is None or obligation.done:
            return
        dialog = MarkDoneDialog(obligation, self._casework.policy.zone, self)
        dialog.accepted.connect(self._mark_done_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _mark_done_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            self._casework.obligations.mark_done,
            dialog.obligation,
            changes={"obligation"},
            done_at=dialog.done_at,
            agency=dialog.agency or None,
            reference=dialog.reference or None,
            notes=dialog.notes or None,
        ).success(self._marked).failure(self._mark_failed).run_in_background()

    def _marked(self, obligation: Obligation) -> None:
        self.dialog = None
        self.message.setText(self.tr("Marked done."))

    def _mark_failed(self, error: BaseException) -> None:
        self.dialog = None
        self.message.setText(self.tr("Not marked done: %1").replace("%1", error_message(error)))
