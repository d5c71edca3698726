"""Add or edit a youth. On create, a possible duplicate (same names and date of birth) is shown
first and the caseworker decides: go back, or save anyway.

The dialog's title never names the youth (titles show up in task switchers and screen-sharing).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from csec_desktop.domain import Youth
from csec_desktop.domain.counties import CALIFORNIA_COUNTIES
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.dates import date_input_text, parse_date_input
from csec_desktop.gui.common.labels import (
    GENDER_CHOICES,
    PLACEMENT_CHOICES,
    gender_label,
    placement_label,
)
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.forms.ui_youth_editor import Ui_YouthEditorForm
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput
from csec_desktop.services.youth import YouthCreated, YouthService

Submit = Callable[..., Future[Any]]


class YouthEditor(QDialog):
    def __init__(
        self,
        service: YouthService,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        default_county: str | None = None,
        youth: Youth | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_YouthEditorForm()
        self.ui.setupUi(self)
        self._service = service
        self._submit = submit
        self._runner = runner
        self._broadcast = broadcast
        self._ops = Ops(runner, submit, broadcast)
        self._original = youth
        self._duplicates_seen_for: tuple[str, str, date] | None = None
        self._busy = False
        self.saved: Youth | None = None

        self.setWindowTitle(self.tr("Edit youth") if youth else self.tr("New youth"))
        for gender in GENDER_CHOICES:
            self.ui.genderCombo.addItem(gender_label(gender), gender)
        for placement in PLACEMENT_CHOICES:
            self.ui.placementCombo.addItem(placement_label(placement), placement)
        for county in sorted(CALIFORNIA_COUNTIES):
            self.ui.countyCombo.addItem(county, county)
        self.ui.countyCombo.setCurrentIndex(-1)
        if default_county:
            self.ui.countyCombo.setCurrentIndex(self.ui.countyCombo.findData(default_county))
        self.ui.duplicateFrame.hide()
        self.ui.errorLabel.hide()
        self._save_button().setText(self.tr("&Save"))
        self._save_button().setAccessibleName(self.tr("Save"))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.ui.buttonBox.accepted.connect(self._save)
        self.ui.buttonBox.rejected.connect(self.reject)
        for edit in (self.ui.givenNameEdit, self.ui.familyNameEdit, self.ui.birthDateEdit):
            edit.textEdited.connect(self._identity_edited)
        if youth is not None:
            self._fill(youth)
        self.resize(max(480, self.sizeHint().width()), self.sizeHint().height())

    def _save_button(self) -> Any:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)

    def _fill(self, youth: Youth) -> None:
        self.ui.givenNameEdit.setText(youth.given_name)
        self.ui.familyNameEdit.setText(youth.family_name)
        self.ui.preferredNameEdit.setText(youth.preferred_name or "")
        self.ui.birthDateEdit.setText(date_input_text(youth.date_of_birth))
        self.ui.genderCombo.setCurrentIndex(self.ui.genderCombo.findData(youth.gender))
        self.ui.clientIdEdit.setText(youth.county_client_id or "")
        self.ui.placementCombo.setCurrentIndex(
            self.ui.placementCombo.findData(youth.placement_type)
        )
        self.ui.countyCombo.setCurrentIndex(self.ui.countyCombo.findData(youth.county))

    # -- input ---------------------------------------------------------------------------------

    @Slot()
    def _identity_edited(self) -> None:
        # A changed name or birth date is a different question: warn again if it matches.
        self._duplicates_seen_for = None
        self.ui.duplicateFrame.hide()
        self._save_button().setText(self.tr("&Save"))

    def _fields(self) -> dict[str, Any] | None:
        birth_date = parse_date_input(self.ui.birthDateEdit.text())
        if birth_date is None:
            self._show_error(
                self.tr("Enter the date of birth as MM/DD/YYYY, for example 05/17/2009."),
                self.ui.birthDateEdit,
            )
            return None
        county = self.ui.countyCombo.currentData()
        if county is None:
            self._show_error(self.tr("Choose the county."), self.ui.countyCombo)
            return None
        return {
            "given_name": self.ui.givenNameEdit.text().strip(),
            "family_name": self.ui.familyNameEdit.text().strip(),
            "preferred_name": self.ui.preferredNameEdit.text().strip() or None,
            "date_of_birth": birth_date,
            "gender": self.ui.genderCombo.currentData(),
            "county_client_id": self.ui.clientIdEdit.text().strip() or None,
            "placement_type": self.ui.placementCombo.currentData(),
            "county": county,
        }

    def _field_widget(self, name: str) -> QWidget | None:
        return {
            "given_name": self.ui.givenNameEdit,
            "family_name": self.ui.familyNameEdit,
            "preferred_name": self.ui.preferredNameEdit,
            "date_of_birth": self.ui.birthDateEdit,
            "gender": self.ui.genderCombo,
            "county_client_id": self.ui.clientIdEdit,
            "placement_type": self.ui.placementCombo,
            "county": self.ui.countyCombo,
        }.get(name.split(".")[0])

    def _field_label(self, name: str) -> str:
        labels = {
            "given_name": self.tr("Given name"),
            "family_name": self.tr("Family name"),
            "preferred_name": self.tr("Preferred name"),
            "date_of_birth": self.tr("Date of birth"),
            "gender": self.tr("Gender"),
            "county_client_id": self.tr("County client ID"),
            "placement_type": self.tr("Placement"),
            "county": self.tr("County"),
        }
        return labels.get(name, name)

    def _show_error(self, text: str, widget: QWidget | None = None) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)
        self.ui.errorLabel.setVisible(bool(text))
        if widget is not None:
            widget.setFocus()

    def _show_invalid(self, error: InvalidInput) -> None:
        if not error.details:
            self._show_error(error_message(error))
            return
        lines = [f"{self._field_label(p.field)}: {problem_text(p)}" for p in error.details]
        self._show_error("\n".join(lines), self._field_widget(error.details[0].field))

    # -- saving --------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._save_button().setEnabled(not busy)

    @Slot()
    def _save(self) -> None:
        if self._busy:
            return
        fields = self._fields()
        if fields is None:
            return
        self._show_error("")
        if self._original is not None:
            self._update(fields)
            return
        try:
            draft = self._service.draft(fields)
        except InvalidInput as exc:
            self._show_invalid(exc)
            return
        identity = (draft.given_name.casefold(), draft.family_name.casefold(), draft.date_of_birth)
        self._set_busy(True)
        if self._duplicates_seen_for == identity:
            self._create(draft)
            return
        self._pending_draft = draft
        self._runner.run_on_lane(
            self._submit,
            self._service.check_duplicates,
            draft,
            on_success=self._on_duplicates_checked,
            on_failure=self._on_failure,
            owner=self,
        )

    def _on_duplicates_checked(self, duplicates: list[Youth]) -> None:
        draft = self._pending_draft
        if not duplicates:
            self._create(draft)
            return
        self._set_busy(False)
        self._duplicates_seen_for = (
            draft.given_name.casefold(),
            draft.family_name.casefold(),
            draft.date_of_birth,
        )
        details = [
            self.tr("client ID %1").replace("%1", d.county_client_id)
            if d.county_client_id
            else self.tr("no client ID")
            for d in duplicates[:5]
        ]
        text = self.tr(
            "Possible duplicate: %n youth with the same name and date of birth already in "
            "this vault (%1). Check whether this is the same person before saving. "
            "Choose Save anyway to add a new record, or Cancel.",
            "",
            len(duplicates),
        ).replace("%1", "; ".join(details))
        self.ui.duplicateLabel.setText(text)
        self.ui.duplicateLabel.setAccessibleDescription(text)
        self.ui.duplicateFrame.show()
        self._save_button().setText(self.tr("Save &anyway"))
        self._save_button().setFocus()

    def _create(self, draft: Youth) -> None:
        CollectionOp(self, self._ops, self._service.create, draft, changes={"youth"}).success(
            self._on_created
        ).failure(self._on_failure).run_in_background()

    def _on_created(self, created: YouthCreated) -> None:
        self._set_busy(False)
        self.saved = created.youth
        self.accept()

    def _update(self, fields: dict[str, Any]) -> None:
        assert self._original is not None
        changes = {k: v for k, v in fields.items() if getattr(self._original, k) != v}
        if not changes:
            self.accept()
            return
        self._set_busy(True)
        CollectionOp(
            self, self._ops, self._service.update, self._original, changes={"youth"}, **changes
        ).success(self._on_updated).failure(self._on_failure).run_in_background()

    def _on_updated(self, youth: Youth) -> None:
        self._set_busy(False)
        self.saved = youth
        self.accept()

    def _on_failure(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, InvalidInput):
            self._show_invalid(error)
        else:
            self._show_error(error_message(error))
