"""The team caseload's one dialog: reassign (for good) or cover (until a day) a caseworker's
whole caseload or the youth chosen from it, or close the cases of the youth chosen (issue 13's
``CaseloadService``). Youth are shown by a short id and their clocks: the server sends the
supervisor no names (they stay on the caseworker's laptop)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import date_edit_format, moment_text
from csec_desktop.sync.protocol import AssignmentAction, AssignmentKind, CaseloadEntry


class AssignmentDialog(QDialog):
    """Reassign (for good) or cover (until a day) a caseworker's whole caseload or the youth
    chosen from it, or close the cases of the youth chosen. Youth are shown by a short id and
    their clocks: the server sends no names (they stay on the caseworker's laptop)."""

    def __init__(
        self,
        action: AssignmentAction,
        from_user: str,
        others: list[str],
        today: date,
        youth: list[CaseloadEntry] | None = None,
        zone: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.from_user = from_user
        covering = action is AssignmentAction.COVER
        closing = action is AssignmentAction.CLOSE
        titles = {
            AssignmentAction.COVER: self.tr("Cover a caseload"),
            AssignmentAction.CLOSE: self.tr("Close cases"),
        }
        self.setWindowTitle(titles.get(action, self.tr("Reassign")))
        form = QFormLayout(self)
        if closing:
            intro_text = self.tr(
                "Close the cases of the youth you choose from %1's caseload: they leave the "
                "laptops after the county's retention period."
            )
        elif covering:
            intro_text = self.tr("Another caseworker covers %1's youth until the day you choose.")
        else:
            intro_text = self.tr("%1's youth move to another caseworker for good.")
        intro = QLabel(
            intro_text.replace("%1", from_user) + " " + self.tr("Sent at the next sync.")
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.whole_check = QCheckBox(self.tr("The &whole caseload"))
        self.whole_check.setChecked(not closing)
        self.youth_list = QListWidget()
        self.youth_list.setAccessibleName(
            self.tr("Youth of %1's caseload, by id: check the ones to include").replace(
                "%1", from_user
            )
        )
        self.youth_list.setMaximumHeight(160)
        for entry in youth or []:
            item = QListWidgetItem(youth_entry_text(entry, zone), self.youth_list)
            item.setData(Qt.ItemDataRole.UserRole, str(entry.youth_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if not closing:
            form.addRow(self.whole_check)
        youth_label = QLabel(self.tr("&Youth:"))
        youth_label.setBuddy(self.youth_list)
        form.addRow(youth_label, self.youth_list)
        self.whole_check.toggled.connect(self._whole_toggled)
        self._whole_toggled(self.whole_check.isChecked())
        self.to_combo = QComboBox()
        self.to_combo.setAccessibleName(self.tr("The caseworker who takes them"))
        for name in others:
            self.to_combo.addItem(name, name)
        if not closing:
            form.addRow(self.tr("&To:"), self.to_combo)
        else:
            self.to_combo.hide()
        self.until_edit = QDateEdit()
        self.until_edit.setDisplayFormat(date_edit_format())
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setAccessibleName(self.tr("Coverage ends on"))
        tomorrow = today + timedelta(days=7)
        self.until_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        if covering:
            form.addRow(self.tr("&Until:"), self.until_edit)
        else:
            self.until_edit.hide()
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setAccessibleName(self.tr("Reason (never a youth's name)"))
        self.reason_edit.setPlaceholderText(self.tr("For example: leave, caseload balance"))
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok_texts = {
            AssignmentAction.COVER: self.tr("&Cover"),
            AssignmentAction.CLOSE: self.tr("C&lose cases"),
        }
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            ok_texts.get(action, self.tr("&Reassign"))
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(youth) if closing else bool(others)
        )

    @Slot(bool)
    def _whole_toggled(self, whole: bool) -> None:
        self.youth_list.setEnabled(not whole)

    @property
    def youth_ids(self) -> list[UUID] | None:
        """The youth checked, or None for the whole caseload."""
        if self.whole_check.isChecked() and self.action is not AssignmentAction.CLOSE:
            return None
        return [
            UUID(str(self.youth_list.item(row).data(Qt.ItemDataRole.UserRole)))
            for row in range(self.youth_list.count())
            if self.youth_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        if self.youth_ids == []:  # the list is used and nothing is checked: say so, stay open
            self.show_error(self.tr("Check at least one youth, or choose the whole caseload."))
            self.youth_list.setFocus()
            return
        super().accept()

    @property
    def to_user(self) -> str:
        return str(self.to_combo.currentData() or "")

    @property
    def until(self) -> date:
        value = self.until_edit.date()
        return date(value.year(), value.month(), value.day())

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setStyleSheet(f"color: {theme.current().problem}; font-weight: bold;")
        self.error_label.setVisible(bool(text))


def youth_entry_text(entry: CaseloadEntry, zone: Any) -> str:
    """A youth of a caseload as the supervisor's laptop knows it: a short id and the clocks."""
    text = QCoreApplication.translate("TeamCaseload", "Youth %1").replace(
        "%1", str(entry.youth_id)[:8]
    )
    if entry.kind is AssignmentKind.COVERAGE:
        text += " · " + QCoreApplication.translate("TeamCaseload", "covering")
    text += " · " + QCoreApplication.translate(
        "TeamCaseload", "%n open", "", entry.open_obligations
    )
    if entry.overdue_obligations:
        text += ", " + QCoreApplication.translate(
            "TeamCaseload", "%n overdue", "", entry.overdue_obligations
        )
    if entry.next_due_at is not None:
        text += " · " + QCoreApplication.translate("TeamCaseload", "next due %1").replace(
            "%1", moment_text(entry.next_due_at, zone)
        )
    return text
