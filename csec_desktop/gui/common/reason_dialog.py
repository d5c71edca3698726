"""A small dialog that asks why (a correction's written reason, required) before its owner saves.

It stays open, with what was typed, until the owner says the change was saved (``saved``) or
shows why not (``show_error``): a refused correction never loses the reason written."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.gui.common import theme


class ReasonDialog(QDialog):
    """``confirmed`` once a reason is written; the owner saves, then calls :meth:`saved`."""

    confirmed = Signal()

    def __init__(
        self,
        *,
        title: str,
        intro: str,
        reason_name: str,
        action: str,
        missing: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._missing = missing
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QLabel(self.tr("&Reason *:"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setAccessibleName(reason_name)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        label.setBuddy(self.reason_edit)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.action_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.action_button.setText(action)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(max(460, self.sizeHint().width()), self.sizeHint().height())

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @Slot()
    def _check(self) -> None:
        if not self.reason:
            self.show_error(self._missing)
            self.reason_edit.setFocus()
            return
        self.show_error("")
        self.confirmed.emit()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.setStyleSheet(f"color: {theme.current().problem}; font-weight: bold;")
        self.error_label.setVisible(bool(text))

    def saved(self) -> None:
        self.accept()
        self.deleteLater()


__all__ = ["ReasonDialog"]
