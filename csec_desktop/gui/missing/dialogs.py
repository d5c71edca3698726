"""The two small forms of a missing-from-care episode: a moment (went missing / returned) and the
report to law enforcement and NCMEC. Both read times in the county's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from csec_desktop.gui.common.dates import moment_edit_format
from csec_desktop.gui.common.moments import limit_to_now, read_moment, set_moment
from csec_desktop.gui.forms.ui_episode_time import Ui_EpisodeTimeForm
from csec_desktop.gui.forms.ui_missing_report import Ui_MissingReportForm


def _name_buttons(box: QDialogButtonBox, save_text: str, save_name: str, cancel: str) -> None:
    save = box.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text)
    save.setAccessibleName(save_name)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    button.setText(cancel)
    button.setAccessibleName(cancel)


class EpisodeTimeDialog(QDialog):
    """When the youth went missing, or came back."""

    def __init__(
        self, title: str, prompt: str, zone: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_EpisodeTimeForm()
        self.ui.setupUi(self)
        self.ui.whenEdit.setDisplayFormat(moment_edit_format())
        self.setWindowTitle(title)
        self._zone = zone
        self.ui.promptLabel.setText(prompt)
        self.ui.errorLabel.hide()
        set_moment(self.ui.whenEdit, datetime.now(UTC), zone)
        limit_to_now(self.ui.whenEdit, zone)
        _name_buttons(self.ui.buttonBox, self.tr("&Save"), self.tr("Save"), self.tr("Cancel"))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)

    @property
    def moment(self) -> datetime:
        return read_moment(self.ui.whenEdit, self._zone)

    def show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))


class MissingReportDialog(QDialog):
    """The report about a missing youth: when, to which agency, and the report numbers."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MissingReportForm()
        self.ui.setupUi(self)
        self.ui.reportedAtEdit.setDisplayFormat(moment_edit_format())
        self.setWindowTitle(self.tr("Report to law enforcement and NCMEC"))
        self._zone = zone
        self.ui.errorLabel.hide()
        set_moment(self.ui.reportedAtEdit, datetime.now(UTC), zone)
        limit_to_now(self.ui.reportedAtEdit, zone)
        _name_buttons(self.ui.buttonBox, self.tr("&Save"), self.tr("Save"), self.tr("Cancel"))
        self.ui.buttonBox.accepted.connect(self._check)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _check(self) -> None:
        if not self.ui.agencyEdit.text().strip():
            self.show_error(self.tr("Enter the law-enforcement agency that received the report."))
            self.ui.agencyEdit.setFocus()
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))

    @property
    def reported_at(self) -> datetime:
        return read_moment(self.ui.reportedAtEdit, self._zone)

    @property
    def agency(self) -> str:
        return self.ui.agencyEdit.text().strip()

    @property
    def report_number(self) -> str | None:
        return self.ui.reportNumberEdit.text().strip() or None

    @property
    def ncmec_number(self) -> str | None:
        return self.ui.ncmecNumberEdit.text().strip() or None
