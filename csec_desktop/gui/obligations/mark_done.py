"""Mark an obligation done: when, to which agency, and its reference (e.g. the report number).

A law-enforcement report needs the agency (the service refuses it without one; the dialog says so
first). The time is read in the county's time zone and may not be in the future.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from csec_desktop.domain import Obligation
from csec_desktop.gui.common.dates import moment_edit_format, moment_text
from csec_desktop.gui.common.labels import obligation_label
from csec_desktop.gui.common.moments import limit_to_now, read_moment, set_moment
from csec_desktop.gui.forms.ui_mark_done import Ui_MarkDoneForm
from csec_desktop.services.ordering import TWENTY_FOUR_HOUR_KINDS


class MarkDoneDialog(QDialog):
    def __init__(
        self,
        obligation: Obligation,
        zone: ZoneInfo,
        parent: QWidget | None = None,
        *,
        correcting: bool = False,
    ) -> None:
        """``correcting``: a done obligation's details (agency, number, notes) are corrected;
        when it was done is shown, not changed (reopen it if it was not done)."""
        super().__init__(parent)
        self.ui = Ui_MarkDoneForm()
        self.ui.setupUi(self)
        self.ui.doneAtEdit.setDisplayFormat(moment_edit_format())
        self.setWindowTitle(self.tr("Mark done"))
        self.obligation = obligation
        self._zone = zone
        self.needs_agency = obligation.kind in TWENTY_FOUR_HOUR_KINDS
        self.ui.taskLabel.setText(
            self.tr("%1 — due %2")
            .replace("%1", obligation_label(obligation.kind))
            .replace("%2", moment_text(obligation.due_at, zone))
        )
        if self.needs_agency:
            self.ui.agencyLabel.setText(self.tr("&Agency *"))
            self.ui.agencyEdit.setAccessibleName(self.tr("Law-enforcement agency (required)"))
            self.ui.hintLabel.setText(
                self.tr(
                    "Record the agency that received the report and its report number "
                    "(add the number later if it is not given at once)."
                )
            )
        else:
            self.ui.hintLabel.setText(
                self.tr("Record where it was done and any reference, such as a referral number.")
            )
        self.ui.errorLabel.hide()
        set_moment(self.ui.doneAtEdit, datetime.now(UTC), zone)
        limit_to_now(self.ui.doneAtEdit, zone)
        self.setProperty("correcting", correcting)
        save = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Mark done"))
        save.setAccessibleName(self.tr("Mark done"))
        self.correcting = correcting
        if correcting and obligation.done_at is not None:
            self.setWindowTitle(self.tr("Correct the details"))
            set_moment(self.ui.doneAtEdit, obligation.done_at, zone)
            self.ui.doneAtEdit.setReadOnly(True)
            self.ui.agencyEdit.setText(obligation.agency or "")
            self.ui.referenceEdit.setText(obligation.reference or "")
            self.ui.notesEdit.setPlainText(obligation.notes)
            save.setText(self.tr("&Save corrections"))
            save.setAccessibleName(self.tr("Save corrections"))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.ui.buttonBox.accepted.connect(self._check)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    @Slot()
    def _check(self) -> None:
        if self.needs_agency and not self.agency:
            self.show_error(self.tr("Enter the law-enforcement agency that received the report."))
            self.ui.agencyEdit.setFocus()
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)
        self.ui.errorLabel.setVisible(bool(text))

    @property
    def done_at(self) -> datetime:
        return read_moment(self.ui.doneAtEdit, self._zone)

    @property
    def agency(self) -> str:
        return self.ui.agencyEdit.text().strip()

    @property
    def reference(self) -> str:
        return self.ui.referenceEdit.text().strip()

    @property
    def notes(self) -> str:
        return self.ui.notesEdit.toPlainText().strip()
