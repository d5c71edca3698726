"""The language menu of the first windows and Settings. Each language is named in itself, so a
person who reads only one of them can find it; choosing one switches the app at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

LANGUAGE_NAMES = (("en", "English"), ("es", "Español"))


def fill_language_combo(combo: QComboBox, current: str, *, locked: bool = False) -> None:
    combo.blockSignals(True)
    combo.clear()
    for code, name in LANGUAGE_NAMES:
        combo.addItem(name, code)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.setEnabled(not locked)  # set by the county's machine configuration
    combo.blockSignals(False)
