"""Add or edit a youth. On create, a possible duplicate (a youth with matching names, allowing
for typos and spelling variants, born the same day; or the same client ID) is shown first and
the caseworker decides: go back, or save anyway.

Every problem is shown at once, each under its field; the placement and the county start empty
(a plausible default would invite wrong data). The dialog's title never names the youth (titles
show up in task switchers and screen-sharing).
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
from csec_desktop.domain.errors import Problem
from csec_desktop.domain.youth import Jurisdiction
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.dates import date_input_text, date_text, parse_date_input
from csec_desktop.gui.common.field_errors import FieldErrors
from csec_desktop.gui.common.labels import (
    GENDER_CHOICES,
    PLACEMENT_CHOICES,
    gender_label,
    jurisdiction_label,
    placement_label,
)
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.forms.ui_youth_editor import Ui_YouthEditorForm
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput
from csec_desktop.services.today import youth_label
from csec_desktop.services.youth import YouthCreated, YouthService

Submit = Callable[..., Future[Any]]
FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "gender",
    "county_client_id",
    "placement_type",
    "jurisdiction",
    "county",
)


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
        self.ui.placementCombo.setCurrentIndex(-1)  # "Choose the placement"
        # Optional (a youth may be screened before the court decides): "Not recorded" is None.
        self.ui.jurisdictionCombo.addItem(jurisdiction_label("not_recorded"), None)
        for jurisdiction in Jurisdiction:
            self.ui.jurisdictionCombo.addItem(jurisdiction_label(jurisdiction.value), jurisdiction)
        for county in sorted(CALIFORNIA_COUNTIES):
            self.ui.countyCombo.addItem(county, county)
        self.ui.countyCombo.setCurrentIndex(-1)
        if default_county:
            self.ui.countyCombo.setCurrentIndex(self.ui.countyCombo.findData(default_county))
        self.ui.duplicateFrame.hide()
        ui = self.ui
        self.errors = FieldErrors(
            ui.errorLabel,
            {name: self._field_widget(name) for name in FIELDS},
            self._field_label,
            inline={
                "given_name": ui.givenNameError,
                "family_name": ui.familyNameError,
                "preferred_name": ui.preferredNameError,
                "date_of_birth": ui.birthDateError,
                "gender": ui.genderError,
                "county_client_id": ui.clientIdError,
                "placement_type": ui.placementError,
                "jurisdiction": ui.jurisdictionError,
                "county": ui.countyError,
            },
            worded=self._worded,
        )
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
        found = self.ui.jurisdictionCombo.findData(youth.jurisdiction)
        self.ui.jurisdictionCombo.setCurrentIndex(max(0, found))

    # -- input ---------------------------------------------------------------------------------

    @Slot()
    def _identity_edited(self) -> None:
        # A changed name or birth date is a different question: warn again if it matches.
        self._duplicates_seen_for = None
        self.ui.duplicateFrame.hide()
        self._save_button().setText(self.tr("&Save"))

    def _fields(self) -> dict[str, Any]:
        """The form as record fields; a date that cannot be read, or a choice not made, is
        None, which validation reports with the other problems (see ``_worded``)."""
        return {
            "given_name": self.ui.givenNameEdit.text().strip(),
            "family_name": self.ui.familyNameEdit.text().strip(),
            "preferred_name": self.ui.preferredNameEdit.text().strip() or None,
            "date_of_birth": parse_date_input(self.ui.birthDateEdit.text()),
            "gender": self.ui.genderCombo.currentData(),
            "county_client_id": self.ui.clientIdEdit.text().strip() or None,
            "placement_type": self.ui.placementCombo.currentData(),
            "jurisdiction": self.ui.jurisdictionCombo.currentData(),
            "county": self.ui.countyCombo.currentData(),
        }

    def _worded(self, problem: Problem) -> str | None:
        """What to do about a field left empty or unreadable, in plain words."""
        name = problem.field.split(".")[0]
        if name == "date_of_birth" and problem.kind in ("date_type", "missing", "date_parsing"):
            if self.ui.birthDateEdit.text().strip():
                return self.tr("Enter the date of birth as MM/DD/YYYY, for example 05/17/2009.")
            return self.tr("Enter the date of birth.")
        if name == "placement_type" and self.ui.placementCombo.currentIndex() < 0:
            return self.tr("Choose the placement.")
        if name == "county" and self.ui.countyCombo.currentIndex() < 0:
            return self.tr("Choose the county.")
        if name in ("given_name", "family_name") and problem.kind == "string_too_short":
            return self.tr("Enter the name.")
        return None

    def _field_widget(self, name: str) -> QWidget:
        return {
            "given_name": self.ui.givenNameEdit,
            "family_name": self.ui.familyNameEdit,
            "preferred_name": self.ui.preferredNameEdit,
            "date_of_birth": self.ui.birthDateEdit,
            "gender": self.ui.genderCombo,
            "county_client_id": self.ui.clientIdEdit,
            "placement_type": self.ui.placementCombo,
            "jurisdiction": self.ui.jurisdictionCombo,
            "county": self.ui.countyCombo,
        }[name]

    def _field_label(self, name: str) -> str:
        labels = {
            "given_name": self.tr("Given name"),
            "family_name": self.tr("Family name"),
            "preferred_name": self.tr("Preferred name"),
            "date_of_birth": self.tr("Date of birth"),
            "gender": self.tr("Gender"),
            "county_client_id": self.tr("County client ID"),
            "placement_type": self.tr("Placement"),
            "jurisdiction": self.tr("Jurisdiction"),
            "county": self.tr("County"),
        }
        return labels.get(name, name)

    def _show_error(self, text: str) -> None:
        """A problem that is not about one field (the vault locked, a conflict)."""
        self.errors.show([], text)

    # -- saving --------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._save_button().setEnabled(not busy)

    @Slot()
    def _save(self) -> None:
        if self._busy:
            return
        fields = self._fields()
        try:
            draft = self._service.draft(fields)  # every problem at once (pure, no I/O)
        except InvalidInput as exc:
            self.errors.show_error(exc)
            return
        self.errors.clear()
        if self._original is not None:
            self._update(fields)
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
            self.tr("%1, born %2, %3")
            .replace("%1", youth_label(d))
            .replace("%2", date_text(d.date_of_birth))
            .replace(
                "%3",
                self.tr("client ID %1").replace("%1", d.county_client_id)
                if d.county_client_id
                else self.tr("no client ID"),
            )
            for d in duplicates[:5]
        ]
        text = self.tr(
            "Possible duplicate: %n youth already in this vault may be the same person: a "
            "similar name (allowing for typos and spellings) and the same date of birth, or "
            "the same client ID. %1. Check before saving: choose Save anyway to add a new "
            "record, or Cancel.",
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
        self.errors.show_error(error)
