"""An honest page for a section that is not built yet: it says so, and offers nothing that
pretends to work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ComingSoonPage(QWidget):
    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        badge = QLabel(self.tr("Coming soon — not available in this version yet."))
        badge.setAccessibleName(self.tr("Not available yet"))
        badge_font = badge.font()
        badge_font.setBold(True)
        badge.setFont(badge_font)
        layout.addWidget(badge)
        body = QLabel(explanation)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.setAccessibleName(self.tr("What this section will do"))
        layout.addWidget(body)
        layout.addStretch(1)
        self.explanation = explanation
