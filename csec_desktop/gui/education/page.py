"""The Education section: log youth risk-education sessions and caregiver/staff trainings,
list them (newest first), open one to correct it.

Reading runs on the database lane; a save anywhere (``records_did_change``) or a finished sync
(``sync_did_finish``) reloads the list.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import EducationSession, Training
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.reason_dialog import ReasonDialog
from csec_desktop.gui.common.tables import (
    TableProxy,
    select_source_row,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.education.model import SUBJECT, EducationTableModel, Entry
from csec_desktop.gui.education.session_editor import SessionEditor
from csec_desktop.gui.education.training_editor import TrainingEditor
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.education import EducationService
from csec_desktop.services.youth import YouthService

Submit = Callable[..., Future[Any]]
KINDS = frozenset({EducationSession.record_type, Training.record_type})


def _load(service: EducationService) -> tuple[list[EducationSession], list[Training]]:
    return service.sessions(), service.trainings()


class EducationPage(QWidget):
    def __init__(
        self,
        service: EducationService,
        youth: YouthService,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Education"))
        self._service = service
        self._youth = youth
        self._submit = submit
        self._runner = runner
        self._broadcast = broadcast
        self.editor: SessionEditor | TrainingEditor | None = None

        heading = QLabel(self.tr("Education"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Youth risk-education sessions and caregiver or staff trainings you delivered. "
                "Open one to correct it."
            )
        )
        intro.setWordWrap(True)
        self.session_button = QPushButton(self.tr("Log &session…"))
        self.session_button.setAccessibleName(self.tr("Log a youth education session"))
        self.training_button = QPushButton(self.tr("Log t&raining…"))
        self.training_button.setAccessibleName(self.tr("Log a caregiver or staff training"))
        self.open_button = QPushButton(self.tr("&Open…"))
        self.open_button.setAccessibleName(self.tr("Open the selected entry"))
        self.void_button = QPushButton(self.tr("&Void session…"))
        self.void_button.setAccessibleName(self.tr("Void a session logged by mistake"))
        self.void_dialog: ReasonDialog | None = None
        self.model = EducationTableModel(self)
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("educationTable")
        self.table.setAccessibleName(self.tr("Sessions and trainings"))
        setup_table(self.table, self.proxy)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headings"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.status_label = QLabel()
        self.status_label.setObjectName("educationStatus")
        self.status_label.setAccessibleName(self.tr("Education status"))
        self.status_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.session_button)
        buttons.addWidget(self.training_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        self.setTabOrder(self.session_button, self.training_button)
        self.setTabOrder(self.training_button, self.open_button)
        self.setTabOrder(self.open_button, self.void_button)
        self.setTabOrder(self.void_button, self.table)

        self.session_button.clicked.connect(self.log_session)
        self.training_button.clicked.connect(self.log_training)
        self.open_button.clicked.connect(self.open_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        broadcast.records_did_change.connect(self._records_changed)
        broadcast.sync_did_finish.connect(self.reload)
        self._read_only = False
        self._update_buttons()
        self.reload()

    # -- the list ------------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self._runner.run_on_lane(
            self._submit,
            _load,
            self._service,
            on_success=self._on_loaded,
            on_failure=self._on_error,
            owner=self,
        )

    def _on_loaded(self, loaded: tuple[list[EducationSession], list[Training]]) -> None:
        selected = self.selected()
        sessions, trainings = loaded
        self.model.set_entries(sessions, trainings)
        if selected is not None and (row := self.model.row_of(selected.id)) >= 0:
            select_source_row(self.table, row)
        if self.model.rowCount():
            text = self.tr("%n youth session(s)", "", len(sessions)) + " · "
            text += self.tr("%n training(s)", "", len(trainings))
        else:
            text = self.tr(
                "Nothing logged yet. Log a youth session or a caregiver or staff training."
            )
        self._say(text)
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)

    def _on_error(self, error: BaseException) -> None:
        self._say(error_message(error))

    def selected(self) -> Entry | None:
        return self.model.entry(selected_source_row(self.table))

    @Slot()
    def _update_buttons(self) -> None:
        entry = self.selected()
        self.open_button.setEnabled(entry is not None)
        self.void_button.setEnabled(
            isinstance(entry, EducationSession) and not entry.voided and not self._read_only
        )
        self.session_button.setEnabled(not self._read_only)
        self.training_button.setEnabled(not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_buttons()

    @Slot(frozenset)
    def _records_changed(self, kinds: frozenset[str]) -> None:
        if kinds & KINDS:
            self.reload()

    # -- voiding a session logged by mistake ---------------------------------------------------

    @Slot()
    def void_selected(self) -> None:
        entry = self.selected()
        if not isinstance(entry, EducationSession) or entry.voided:
            return
        dialog = ReasonDialog(
            title=self.tr("Void session"),
            intro=self.tr(
                "Void this session only if it was logged by mistake (twice, or for the wrong "
                "youth). It stays listed, marked voided, with your reason, and counts in no "
                "report."
            ),
            reason_name=self.tr("Why the session is voided"),
            action=self.tr("&Void session"),
            missing=self.tr("Write why this session is voided."),
            parent=self,
        )
        dialog.confirmed.connect(self._void_confirmed)
        self._voiding = entry
        self.void_dialog = dialog
        dialog.open()

    @Slot()
    def _void_confirmed(self) -> None:
        dialog = self.void_dialog
        if dialog is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._submit, self._broadcast),
            self._service.void_session,
            self._voiding,
            reason=dialog.reason,
            changes={"education_session"},
        ).success(self._voided).failure(self._void_failed).run_in_background()

    def _voided(self, _session: EducationSession) -> None:
        dialog, self.void_dialog = self.void_dialog, None
        if dialog is not None:
            dialog.saved()
        self._say(self.tr("Session voided."))

    def _void_failed(self, error: BaseException) -> None:
        if self.void_dialog is not None:
            self.void_dialog.show_error(error_message(error))

    # -- editors -------------------------------------------------------------------------------

    @Slot()
    def log_session(self) -> None:
        self._open(None, session=True)

    @Slot()
    def log_training(self) -> None:
        self._open(None, session=False)

    @Slot()
    def _activated(self) -> None:
        self.open_selected()

    @Slot()
    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open(entry, session=isinstance(entry, EducationSession))

    def _open(self, entry: Entry | None, *, session: bool) -> None:
        if self.editor is not None:
            return
        editor: SessionEditor | TrainingEditor
        if session:
            editor = SessionEditor(
                self._service,
                self._youth,
                self._submit,
                self._runner,
                self._broadcast,
                session=entry if isinstance(entry, EducationSession) else None,
                parent=self,
            )
        else:
            editor = TrainingEditor(
                self._service,
                self._submit,
                self._runner,
                self._broadcast,
                training=entry if isinstance(entry, Training) else None,
                parent=self,
            )
        if self._read_only:  # the store refuses saves anyway; say so before anyone types
            editor.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        editor.finished.connect(self._editor_finished)
        self.editor = editor
        editor.open()

    @Slot(int)
    def _editor_finished(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        saved = editor.saved
        editor.deleteLater()
        if saved is not None:
            self.reload()
