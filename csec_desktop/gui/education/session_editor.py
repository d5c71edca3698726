"""Log or correct a youth risk-education session.

Attendees are youth of this vault (found with the same search as the Youth section, on the
database lane) and/or an anonymous count, for sessions where names are not taken. The dialog's
title never names a youth. A bad input marks its field and keeps the dialog open: nothing typed
is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from PySide6.QtCore import QDate, Qt, QTimer, Slot
from PySide6.QtWidgets import QDialogButtonBox, QListWidgetItem, QPushButton, QWidget

from csec_desktop.domain import EducationSession, Youth
from csec_desktop.domain.education import SessionAudience, SessionSetting
from csec_desktop.domain.errors import Problem
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.dates import date_edit_format, date_text
from csec_desktop.gui.common.field_errors import FieldErrors
from csec_desktop.gui.education.labels import (
    session_audience_label,
    session_setting_label,
    split_list,
)
from csec_desktop.gui.education.record_editor import RecordEditor, Submit
from csec_desktop.gui.forms.ui_education_session_editor import Ui_EducationSessionEditorForm
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.education import EducationService
from csec_desktop.services.errors import NotFound
from csec_desktop.services.youth import YouthService

SEARCH_DELAY_MS = 250
ID_ROLE = Qt.ItemDataRole.UserRole


def youth_line(youth: Youth) -> str:
    name = f"{youth.family_name}, {youth.preferred_name or youth.given_name}"
    return f"{name} ({date_text(youth.date_of_birth)})"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _attendee_names(youth: YouthService, ids: list[UUID]) -> list[tuple[UUID, str | None]]:
    names: list[tuple[UUID, str | None]] = []
    for youth_id in ids:
        try:
            names.append((youth_id, youth_line(youth.get(youth_id))))
        except NotFound:
            names.append((youth_id, None))
    return names


class SessionEditor(RecordEditor[EducationSession]):
    def __init__(
        self,
        service: EducationService,
        youth: YouthService,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        session: EducationSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, runner, broadcast, session, parent)
        self.ui = Ui_EducationSessionEditorForm()
        self.ui.setupUi(self)
        self.ui.dateEdit.setDisplayFormat(date_edit_format())
        self._service = service
        self._youth = youth
        self._search_generation = 0
        self.setWindowTitle(
            self.tr("Edit education session") if session else self.tr("Log education session")
        )
        ui = self.ui
        # The county's date, not this computer's: the service refuses a date after it.
        today = service.today()
        ui.dateEdit.setMaximumDate(to_qdate(today))
        ui.dateEdit.setDate(to_qdate(today))
        for audience in SessionAudience:
            ui.audienceCombo.addItem(session_audience_label(audience), audience)
        for setting in SessionSetting:
            ui.settingCombo.addItem(session_setting_label(setting), setting)
        # Chosen by the caseworker every time: a plausible default would be saved unread.
        ui.audienceCombo.setCurrentIndex(-1)
        ui.settingCombo.setCurrentIndex(-1)
        self.errors = FieldErrors(
            ui.errorLabel,
            {
                "session_date": ui.dateEdit,
                "minutes": ui.minutesSpin,
                "curriculum": ui.curriculumEdit,
                "module": ui.moduleEdit,
                "audience": ui.audienceCombo,
                "setting": ui.settingCombo,
                "facilitators": ui.facilitatorsEdit,
                "topics": ui.topicsEdit,
                "attendee_youth_ids": ui.attendeeList,
                "anonymous_attendee_count": ui.anonymousSpin,
                "notes": ui.notesEdit,
                "(record)": ui.youthSearchEdit,
            },
            self._field_label,
            worded=self._worded,
        )
        self._save_button().setText(self.tr("&Save"))
        self._save_button().setAccessibleName(self.tr("Save"))
        cancel = ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        ui.buttonBox.accepted.connect(self._save)
        ui.buttonBox.rejected.connect(self.reject)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        ui.youthSearchEdit.textChanged.connect(self._search_timer.start)
        ui.youthSearchEdit.returnPressed.connect(self.run_search)
        ui.youthResultsList.itemActivated.connect(self._result_activated)
        ui.addAttendeeButton.clicked.connect(self.add_selected_youth)
        ui.removeAttendeeButton.clicked.connect(self.remove_selected_attendee)
        ui.youthResultsList.currentRowChanged.connect(self._update_buttons)
        ui.attendeeList.currentRowChanged.connect(self._update_buttons)
        if session is not None:
            self._fill(session)
        self._update_buttons()

    def _save_button(self) -> QPushButton:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _field_label(self, name: str) -> str:
        return {
            "session_date": self.tr("Session date"),
            "minutes": self.tr("Minutes"),
            "curriculum": self.tr("Curriculum"),
            "module": self.tr("Module"),
            "audience": self.tr("Audience"),
            "setting": self.tr("Setting"),
            "facilitators": self.tr("Facilitators"),
            "topics": self.tr("Topics"),
            "attendee_youth_ids": self.tr("Youth attending"),
            "anonymous_attendee_count": self.tr("Anonymous attendees"),
            "notes": self.tr("Notes"),
            "(record)": self.tr("Attendees"),
        }.get(name, name)

    def _worded(self, problem: Problem) -> str | None:
        """A choice not made, in plain words."""
        if problem.field == "audience" and self.ui.audienceCombo.currentIndex() < 0:
            return self.tr("Choose who attended.")
        if problem.field == "setting" and self.ui.settingCombo.currentIndex() < 0:
            return self.tr("Choose where the session took place.")
        return None

    def _fill(self, session: EducationSession) -> None:
        ui = self.ui
        ui.dateEdit.setMaximumDate(max(ui.dateEdit.maximumDate(), to_qdate(session.session_date)))
        ui.dateEdit.setDate(to_qdate(session.session_date))
        ui.minutesSpin.setValue(session.minutes)
        ui.curriculumEdit.setText(session.curriculum)
        ui.moduleEdit.setText(session.module or "")
        ui.audienceCombo.setCurrentIndex(ui.audienceCombo.findData(session.audience))
        ui.settingCombo.setCurrentIndex(ui.settingCombo.findData(session.setting))
        ui.facilitatorsEdit.setText(", ".join(session.facilitators))
        ui.topicsEdit.setText(", ".join(session.topics))
        ui.anonymousSpin.setValue(session.anonymous_attendee_count)
        ui.notesEdit.setPlainText(session.notes)
        for youth_id in session.attendee_youth_ids:
            self._add_attendee(youth_id, self.tr("Loading…"))
        if session.attendee_youth_ids:
            self._runner.run_on_lane(
                self._submit,
                _attendee_names,
                self._youth,
                list(session.attendee_youth_ids),
                on_success=self._on_attendee_names,
                on_failure=self.errors.show_error,
                owner=self,
            )

    def _on_attendee_names(self, names: list[tuple[UUID, str | None]]) -> None:
        shown = dict(names)
        for row in range(self.ui.attendeeList.count()):
            item = self.ui.attendeeList.item(row)
            youth_id = item.data(ID_ROLE)
            if youth_id in shown:
                item.setText(shown[youth_id] or self.tr("A youth no longer in this vault"))

    # -- attendees -----------------------------------------------------------------------------

    @Slot()
    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.ui.youthSearchEdit.text().strip()
        self._search_generation += 1
        if not text:
            self.ui.youthResultsList.clear()
            self._update_buttons()
            return
        self._runner.run_on_lane(
            self._submit,
            self._youth.search,
            text,
            on_success=self._make_results_handler(self._search_generation),
            on_failure=self.errors.show_error,
            owner=self,
        )

    def _make_results_handler(self, generation: int) -> Callable[[list[Youth]], None]:
        # Called by the runner's relay on the GUI thread (never connected to a signal).
        def handle(found: list[Youth]) -> None:
            if generation == self._search_generation:
                self._show_results(found)

        return handle

    def _show_results(self, found: list[Youth]) -> None:
        results = self.ui.youthResultsList
        results.clear()
        for youth in found:
            item = QListWidgetItem(youth_line(youth), results)
            item.setData(ID_ROLE, youth.id)
        if found:
            results.setCurrentRow(0)
        else:
            empty = QListWidgetItem(self.tr("No youth found."), results)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        self._update_buttons()

    def attendee_ids(self) -> list[UUID]:
        attendees = self.ui.attendeeList
        return [attendees.item(row).data(ID_ROLE) for row in range(attendees.count())]

    def _add_attendee(self, youth_id: UUID, text: str) -> None:
        if youth_id in self.attendee_ids():
            return
        item = QListWidgetItem(text, self.ui.attendeeList)
        item.setData(ID_ROLE, youth_id)

    @Slot(QListWidgetItem)
    def _result_activated(self, _item: QListWidgetItem) -> None:
        self.add_selected_youth()

    @Slot()
    def add_selected_youth(self) -> None:
        item = self.ui.youthResultsList.currentItem()
        if item is None or item.data(ID_ROLE) is None:
            return
        self._add_attendee(item.data(ID_ROLE), item.text())
        self._update_buttons()

    @Slot()
    def remove_selected_attendee(self) -> None:
        row = self.ui.attendeeList.currentRow()
        if row >= 0:
            self.ui.attendeeList.takeItem(row)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        current = self.ui.youthResultsList.currentItem()
        self.ui.addAttendeeButton.setEnabled(
            current is not None and current.data(ID_ROLE) is not None
        )
        self.ui.removeAttendeeButton.setEnabled(self.ui.attendeeList.currentRow() >= 0)

    # -- saving --------------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "session_date": from_qdate(ui.dateEdit.date()),
            "minutes": ui.minutesSpin.value(),
            "curriculum": ui.curriculumEdit.text().strip(),
            "module": ui.moduleEdit.text().strip() or None,
            "audience": ui.audienceCombo.currentData(),
            "setting": ui.settingCombo.currentData(),
            "facilitators": split_list(ui.facilitatorsEdit.text()),
            "topics": split_list(ui.topicsEdit.text()),
            "attendee_youth_ids": self.attendee_ids(),
            "anonymous_attendee_count": ui.anonymousSpin.value(),
            "notes": ui.notesEdit.toPlainText().strip(),
        }

    def _validate(self, fields: dict[str, Any]) -> EducationSession:
        return self._service.draft_session(fields)  # pure validation, no I/O

    def _create(self) -> Callable[[EducationSession], EducationSession]:
        return self._service.log_session

    def _update(self) -> Callable[..., EducationSession]:
        return self._service.update_session
