"""Enroll this laptop with the county server, from Settings, at any time after first run.

Asks for the server address (set by county IT and locked when the machine configuration names
it) and the one-time code county IT gives. The dialog only collects them; Settings enrolls off
the GUI thread and says how it went.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class EnrollDialog(QDialog):
    def __init__(
        self,
        server_url: str | None = None,
        *,
        server_url_locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enroll with the county server"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Enrolled, this laptop sends your records to the county server whenever it can "
                "reach it and receives your supervisor's reviews. Your records stay on this "
                "laptop too. County IT gives you the one-time code."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server_edit = QLineEdit(server_url or "")
        self.server_edit.setAccessibleName(self.tr("County server address"))
        self.server_edit.setPlaceholderText("https://csec.county.example")
        if server_url and server_url_locked:
            self.server_edit.setReadOnly(True)
            self.server_edit.setAccessibleDescription(
                self.tr("Set by your county (machine configuration)")
            )
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("One-time enrollment code"))
        server_label = QLabel(self.tr("Server &address"))
        server_label.setBuddy(self.server_edit)
        code_label = QLabel(self.tr("Enrollment c&ode"))
        code_label.setBuddy(self.code_edit)
        form.addRow(server_label, self.server_edit)
        form.addRow(code_label, self.code_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Enroll"))
        self.ok_button.setAccessibleName(self.tr("Enroll"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.server_edit, self.code_edit):
            edit.textChanged.connect(self._update)
        self._update()
        (self.code_edit if server_url else self.server_edit).setFocus()

    @Slot()
    def _update(self) -> None:
        ready = self.server_url.startswith(("https://", "http://")) and bool(self.code)
        self.ok_button.setEnabled(ready)

    @property
    def server_url(self) -> str:
        return self.server_edit.text().strip()

    @property
    def code(self) -> str:
        return self.code_edit.text().strip()
