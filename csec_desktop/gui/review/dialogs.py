"""Returning a screening needs a comment."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReturnDialog(QDialog):
    """Say what needs correcting; OK stays disabled until there is a comment."""

    def __init__(self, whose: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return screening"))  # a title never names anyone
        layout = QVBoxLayout(self)
        self.whose = QLabel(whose)
        self.whose.setObjectName("returnWhose")
        self.whose.setWordWrap(True)
        self.whose.setAccessibleName(self.tr("Screening being returned"))
        font = self.whose.font()
        font.setBold(True)
        self.whose.setFont(font)
        layout.addWidget(self.whose)
        self.whose.setVisible(bool(whose))
        label = QLabel(self.tr("What needs &correcting? The caseworker sees this comment."))
        label.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName(self.tr("Comment for the caseworker"))
        self.comment.setTabChangesFocus(True)
        label.setBuddy(self.comment)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Return"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.comment.textChanged.connect(self._comment_changed)
        layout.addWidget(label)
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)

    @Slot()
    def _comment_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.comment.toPlainText().strip()))

    def text(self) -> str:
        return self.comment.toPlainText().strip()
