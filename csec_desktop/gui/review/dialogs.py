"""Returning a screening needs a comment; printing one asks whether to include confidential
answers (off unless the supervisor ticks it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReturnDialog(QDialog):
    """Say what needs correcting; OK stays disabled until there is a comment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return screening"))
        layout = QVBoxLayout(self)
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


class PrintOptionsDialog(QDialog):
    """Before saving a screening as PDF: confidential answers are left out unless included."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save screening as PDF"))
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Confidential answers, notes and evidence are left out of the PDF unless you "
                "include them. Include them only where the case file needs them."
            )
        )
        note.setWordWrap(True)
        self.include = QCheckBox(self.tr("&Include confidential answers"))
        self.include.setAccessibleName(self.tr("Include confidential answers"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(note)
        layout.addWidget(self.include)
        layout.addWidget(buttons)


class ScreeningPdfPrompts:
    """The two questions before a screening is saved as PDF, shared by the screens that offer it
    (the youth's page, the supervisor's review). Mixed into a QWidget; tests replace them."""

    def ask_print_options(self, dialog: PrintOptionsDialog) -> int:
        return dialog.exec()

    def ask_save_path(self, suggested: str) -> Path | None:
        parent = self if isinstance(self, QWidget) else None
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ScreeningPdf", "Save screening as PDF"),
            str(Path.home() / suggested),
            "PDF (*.pdf)",
        )
        return Path(chosen) if chosen else None
