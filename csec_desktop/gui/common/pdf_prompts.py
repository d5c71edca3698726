"""Before a screening is saved as PDF: whether to include confidential answers (off unless the
person ticks it), and where to save. Shared by the youth's page and the supervisor's review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)


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
