"""Log or correct a caregiver or staff training (CSEC 101, CSEC 102 or another with a title).

A bad input marks its field and keeps the dialog open: nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from csec_desktop.domain import Training
from csec_desktop.domain.education import TrainingAudience, TrainingType
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.dates import date_edit_format
from csec_desktop.gui.common.field_errors import FieldErrors
from csec_desktop.gui.education.labels import (
    split_list,
    training_audience_label,
    training_type_label,
)
from csec_desktop.gui.education.record_editor import RecordEditor, Submit
from csec_desktop.gui.education.session_editor import from_qdate, to_qdate
from csec_desktop.gui.forms.ui_training_editor import Ui_TrainingEditorForm
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.education import EducationService


class TrainingEditor(RecordEditor[Training]):
    def __init__(
        self,
        service: EducationService,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        training: Training | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(submit, runner, broadcast, training, parent)
        self.ui = Ui_TrainingEditorForm()
        self.ui.setupUi(self)
        self.ui.dateEdit.setDisplayFormat(date_edit_format())
        self._service = service
        self.setWindowTitle(self.tr("Edit training") if training else self.tr("Log training"))
        ui = self.ui
        # The county's date, not this computer's: the service refuses a date after it.
        today = service.today()
        ui.dateEdit.setMaximumDate(to_qdate(today))
        ui.dateEdit.setDate(to_qdate(today))
        for kind in TrainingType:
            ui.typeCombo.addItem(training_type_label(kind), kind)
        for audience in TrainingAudience:
            ui.audienceCombo.addItem(training_audience_label(audience), audience)
        self.errors = FieldErrors(
            ui.errorLabel,
            {
                "training_date": ui.dateEdit,
                "training_type": ui.typeCombo,
                "title": ui.titleEdit,
                "audience_type": ui.audienceCombo,
                "attendee_count": ui.attendeeCountSpin,
                "minutes": ui.minutesSpin,
                "facilitators": ui.facilitatorsEdit,
                "notes": ui.notesEdit,
                "(record)": ui.titleEdit,  # the one record-level rule: "other" needs a title
            },
            self._field_label,
        )
        self._save_button().setText(self.tr("&Save"))
        self._save_button().setAccessibleName(self.tr("Save"))
        cancel = ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        ui.buttonBox.accepted.connect(self._save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.typeCombo.currentIndexChanged.connect(self._type_changed)
        if training is not None:
            self._fill(training)
        self._type_changed()

    def _save_button(self) -> QPushButton:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _field_label(self, name: str) -> str:
        return {
            "training_date": self.tr("Training date"),
            "training_type": self.tr("Training"),
            "title": self.tr("Title"),
            "audience_type": self.tr("Audience"),
            "attendee_count": self.tr("Attendees"),
            "minutes": self.tr("Minutes"),
            "facilitators": self.tr("Facilitators"),
            "notes": self.tr("Notes"),
            "(record)": self.tr("Title"),
        }.get(name, name)

    @Slot()
    def _type_changed(self) -> None:
        other = self.ui.typeCombo.currentData() is TrainingType.OTHER
        self.ui.titleLabel.setText(self.tr("T&itle *") if other else self.tr("T&itle"))
        self.ui.titleEdit.setAccessibleName(
            self.tr("Title (required)") if other else self.tr("Title (optional)")
        )

    def _fill(self, training: Training) -> None:
        ui = self.ui
        ui.dateEdit.setMaximumDate(max(ui.dateEdit.maximumDate(), to_qdate(training.training_date)))
        ui.dateEdit.setDate(to_qdate(training.training_date))
        ui.typeCombo.setCurrentIndex(ui.typeCombo.findData(training.training_type))
        ui.titleEdit.setText(training.title or "")
        ui.audienceCombo.setCurrentIndex(ui.audienceCombo.findData(training.audience_type))
        ui.attendeeCountSpin.setValue(training.attendee_count)
        ui.minutesSpin.setValue(training.minutes)
        ui.facilitatorsEdit.setText(", ".join(training.facilitators))
        ui.notesEdit.setPlainText(training.notes)

    def fields(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "training_date": from_qdate(ui.dateEdit.date()),
            "training_type": ui.typeCombo.currentData(),
            "title": ui.titleEdit.text().strip() or None,
            "audience_type": ui.audienceCombo.currentData(),
            "attendee_count": ui.attendeeCountSpin.value(),
            "minutes": ui.minutesSpin.value(),
            "facilitators": split_list(ui.facilitatorsEdit.text()),
            "notes": ui.notesEdit.toPlainText().strip(),
        }

    def _validate(self, fields: dict[str, Any]) -> Training:
        return self._service.draft_training(fields)

    def _create(self) -> Callable[[Training], Training]:
        return self._service.log_training

    def _update(self) -> Callable[..., Training]:
        return self._service.update_training
