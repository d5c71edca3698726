"""The Obligations section: what is due and overdue across the caseload, 24-hour clocks first.

The list is read on the database lane whenever a record changes (``records_did_change``) and
when the section is shown; a timer moves the countdowns every ``TICK_MS`` without reading the
vault again. It can be narrowed to one youth or one kind of obligation, and sorted by any column.
A row opens its youth (Enter, a double click, or Open youth); Mark done… records the time, agency
and reference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from PySide6.QtCore import QItemSelection, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import MissingEpisode, Obligation, ObligationKind
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.keyboard import tab_chain
from csec_desktop.gui.common.labels import obligation_label
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.reason_dialog import ReasonDialog
from csec_desktop.gui.common.tables import (
    KIND_ROLE,
    YOUTH_ROLE,
    TableProxy,
    fit_columns,
    select_source_row,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.missing.report_dialogs import NcmecReportDialog
from csec_desktop.gui.obligations.mark_done import MarkDoneDialog
from csec_desktop.gui.obligations.model import TASK, YOUTH, ObligationRow, ObligationTableModel
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput
from csec_desktop.services.missing import MissingEpisodeService
from csec_desktop.services.today import youth_label

TICK_MS = 30_000
REFRESH_KINDS = frozenset({"obligation", "screening", "missing_episode", "youth"})


def record_ncmec_for_episode(
    missing: MissingEpisodeService, episode_id: UUID, **report: Any
) -> tuple[MissingEpisode, list[Obligation]]:
    """On the database lane: the episode as stored now, then its NCMEC report."""
    return missing.record_ncmec_report(missing.get(episode_id), **report)


def load_caseload(casework: Casework, include_done: bool) -> list[ObligationRow]:
    """Open (and, if asked, done) obligations of every youth, with the youth's name. Runs on the
    database lane."""
    obligations = casework.obligations.open()
    if include_done:
        obligations += casework.obligations.done()
    names: dict[UUID, str] = {}
    for youth_id in {o.youth_id for o in obligations}:
        names[youth_id] = youth_label(casework.youth.get(youth_id))
    return [ObligationRow(o, names.get(o.youth_id, "")) for o in obligations]


class ObligationsView(QWidget):
    open_youth_requested = Signal(object)  # the youth's id (UUID)

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
        self.youth_filter = QComboBox()
        self.youth_filter.setAccessibleName(self.tr("Show the obligations of"))
        self.youth_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.youth_filter.addItem(self.tr("Every youth"), None)
        youth_label_widget = QLabel(self.tr("&Youth:"))
        youth_label_widget.setBuddy(self.youth_filter)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Show obligations of this kind"))
        self.kind_filter.addItem(self.tr("Every kind"), None)
        for kind in ObligationKind:
            self.kind_filter.addItem(obligation_label(kind), kind.value)
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind_filter)
        self.model = ObligationTableModel(casework.policy.zone, self)
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("obligationTable")
        self.table.setAccessibleName(self.tr("Obligations due and overdue"))
        setup_table(self.table, self.proxy)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headings"))
        fit_columns(self.table, self.model.column_samples(), stretch=TASK)
        self.open_button = QPushButton(self.tr("&Open youth"))
        self.open_button.setAccessibleName(self.tr("Open the youth of this obligation"))
        self.open_button.setEnabled(False)
        self.mark_button = QPushButton(self.tr("&Mark done…"))
        self.mark_button.setAccessibleName(self.tr("Mark done"))
        self.mark_button.setEnabled(False)
        # Corrections of a done one (Show done): never a silent change, each audited and synced.
        self.correct_button = QPushButton(self.tr("&Correct details…"))
        self.correct_button.setAccessibleName(self.tr("Correct the details of a done obligation"))
        self.correct_button.setEnabled(False)
        self.reopen_button = QPushButton(self.tr("&Reopen…"))
        self.reopen_button.setAccessibleName(self.tr("Reopen an obligation marked done by mistake"))
        self.reopen_button.setEnabled(False)
        self.reopen_dialog: ReasonDialog | None = None
        self.message = QLabel()
        self.message.setObjectName("obligationMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Obligations message"))

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        filters = QHBoxLayout()
        for widget in (youth_label_widget, self.youth_filter, kind_label, self.kind_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.show_done)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.mark_button)
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.reopen_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        tab_chain(
            [
                self.youth_filter,
                self.kind_filter,
                self.show_done,
                self.table,
                self.open_button,
                self.mark_button,
                self.correct_button,
                self.reopen_button,
            ]
        )
        self.setFocusProxy(self.table)

        # Runs only while the view is shown (showEvent/hideEvent): a hidden table has nothing to
        # move, and re-measuring its columns would take the GUI thread from the screen in use.
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.show_done.toggled.connect(self.refresh)
        self.mark_button.clicked.connect(self.mark_selected_done)
        self.correct_button.clicked.connect(self.correct_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.open_button.clicked.connect(self.open_selected_youth)
        self.table.activated.connect(self._activated)
        self.youth_filter.currentIndexChanged.connect(self._filters_changed)
        self.kind_filter.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        broadcast.records_did_change.connect(self._records_changed)
        # Read when first shown: the app opens on Today, and unlocking should not wait behind
        # a list nobody is looking at yet.
        self._stale = True

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
        self._fill_youth_filter(rows)
        if selected is not None:
            select_source_row(self.table, self.model.row_of(selected.id))
        self._show_summary()
        self._selection_changed()
        self.loaded_count += 1

    def _fill_youth_filter(self, rows: list[ObligationRow]) -> None:
        chosen = self.youth_filter.currentData()
        youth = sorted({(r.youth_name, str(r.obligation.youth_id)) for r in rows})
        self.youth_filter.blockSignals(True)
        self.youth_filter.clear()
        self.youth_filter.addItem(self.tr("Every youth"), None)
        for name, youth_id in youth:
            self.youth_filter.addItem(name, youth_id)
        index = self.youth_filter.findData(chosen) if chosen else 0
        self.youth_filter.setCurrentIndex(max(index, 0))
        self.youth_filter.blockSignals(False)
        if chosen and index < 0:  # that youth has nothing left here: show everyone's again
            self._filters_changed()

    def show_youth(self, youth_id: UUID | None) -> None:
        """Narrow the list to one youth's obligations (None: everyone's)."""
        index = self.youth_filter.findData(str(youth_id)) if youth_id else 0
        self.youth_filter.setCurrentIndex(max(index, 0))

    @Slot()
    def _filters_changed(self) -> None:
        self.proxy.filter_by(YOUTH_ROLE, self.youth_filter.currentData())
        self.proxy.filter_by(KIND_ROLE, self.kind_filter.currentData())
        self._show_summary()
        self._selection_changed()

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
                text += " · " + self.tr("%n overdue", "", overdue)
            text += " · " + self.tr("24-hour law-enforcement reports are listed first.")
            shown = self.proxy.rowCount()
            if shown != self.model.rowCount():
                text += " " + self.tr("%n shown with the filters chosen.", "", shown)
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)

    # -- marking done --------------------------------------------------------------------------

    def selected(self) -> Obligation | None:
        found = self.model.row_at(selected_source_row(self.table))
        return found.obligation if found else None

    @Slot()
    def _selection_changed(self, *_args: QItemSelection) -> None:
        obligation = self.selected()
        self.mark_button.setEnabled(obligation is not None and obligation.is_open)
        self.open_button.setEnabled(obligation is not None)
        done = obligation is not None and obligation.done
        self.correct_button.setEnabled(done)
        self.reopen_button.setEnabled(done)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        youth = index.siblingAtColumn(YOUTH).data(YOUTH_ROLE)
        if youth:
            self.open_youth_requested.emit(UUID(str(youth)))

    @Slot()
    def open_selected_youth(self) -> None:
        obligation = self.selected()
        if obligation is not None:
            self.open_youth_requested.emit(obligation.youth_id)

    @Slot()
    def mark_selected_done(self) -> None:
        obligation = self.selected()
        if obligation is None or obligation.done:
            return
        if (
            obligation.kind is ObligationKind.REPORT_MISSING_TO_NCMEC
            and obligation.missing_episode_id is not None
        ):
            self._record_ncmec(obligation)
            return
        dialog = MarkDoneDialog(obligation, self._casework.policy.zone, self)
        dialog.accepted.connect(self._mark_done_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def correct_selected(self) -> None:
        obligation = self.selected()
        if obligation is None or not obligation.done:
            return
        dialog = MarkDoneDialog(obligation, self._casework.policy.zone, self, correcting=True)
        dialog.accepted.connect(self._correction_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _correction_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            self._casework.obligations.correct_done,
            dialog.obligation,
            agency=dialog.agency or None,
            reference=dialog.reference or None,
            notes=dialog.notes,
            changes={"obligation"},
        ).success(self._corrected).failure(self._mark_failed).run_in_background()

    def _corrected(self, _obligation: Obligation) -> None:
        self.dialog = None
        self.message.setText(self.tr("Details corrected."))

    @Slot()
    def reopen_selected(self) -> None:
        obligation = self.selected()
        if obligation is None or not obligation.done:
            return
        dialog = ReasonDialog(
            title=self.tr("Reopen"),
            intro=self.tr(
                "Reopen “%1” only if it was marked done by mistake. It is owed again, due when "
                "it was due; your reason is kept with it."
            ).replace("%1", obligation_label(obligation.kind)),
            reason_name=self.tr("Why it is reopened"),
            action=self.tr("&Reopen"),
            missing=self.tr("Write why it is reopened."),
            parent=self,
        )
        dialog.confirmed.connect(self._reopen_confirmed)
        self._reopening = obligation
        self.reopen_dialog = dialog
        dialog.open()

    @Slot()
    def _reopen_confirmed(self) -> None:
        dialog = self.reopen_dialog
        if dialog is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            self._casework.obligations.reopen,
            self._reopening,
            reason=dialog.reason,
            changes={"obligation"},
        ).success(self._reopened).failure(self._reopen_failed).run_in_background()

    def _reopened(self, _obligation: Obligation) -> None:
        dialog, self.reopen_dialog = self.reopen_dialog, None
        if dialog is not None:
            dialog.saved()
        self.message.setText(self.tr("Reopened: it is owed again."))

    def _reopen_failed(self, error: BaseException) -> None:
        if self.reopen_dialog is not None:
            self.reopen_dialog.show_error(error_message(error))

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

    def _record_ncmec(self, obligation: Obligation) -> None:
        """The NCMEC report is recorded on its episode (case number, by whom), which closes
        the obligation: the same dialog as on the youth's page."""
        ncmec = NcmecReportDialog(self._casework.policy.zone, self)
        ncmec.confirmed.connect(self._ncmec_confirmed)
        ncmec.finished.connect(ncmec.deleteLater)
        self._ncmec_obligation = obligation
        self.ncmec_dialog: NcmecReportDialog | None = ncmec
        ncmec.open()

    @Slot()
    def _ncmec_confirmed(self) -> None:
        ncmec, obligation = self.ncmec_dialog, self._ncmec_obligation
        if ncmec is None or obligation.missing_episode_id is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            record_ncmec_for_episode,
            self._casework.missing,
            obligation.missing_episode_id,
            report_number=ncmec.report_number,
            reported_at=ncmec.reported_at,
            by_law_enforcement=ncmec.by_law_enforcement.isChecked(),
            changes={"missing_episode", "obligation"},
        ).success(self._ncmec_saved).failure(self._ncmec_failed).run_in_background()

    def _ncmec_saved(self, _outcome: object) -> None:
        ncmec, self.ncmec_dialog = self.ncmec_dialog, None
        if ncmec is not None:
            ncmec.accept()
        self.message.setText(self.tr("NCMEC report recorded."))

    def _ncmec_failed(self, error: BaseException) -> None:
        text = error_message(error)
        if isinstance(error, InvalidInput) and error.details:
            text = problem_text(error.details[0])
        if self.ncmec_dialog is not None:
            self.ncmec_dialog.show_error(text)

    def _marked(self, obligation: Obligation) -> None:
        self.dialog = None
        self.message.setText(self.tr("Marked done."))

    def _mark_failed(self, error: BaseException) -> None:
        self.dialog = None
        self.message.setText(self.tr("Not marked done: %1").replace("%1", error_message(error)))
