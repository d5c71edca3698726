"""Field-level errors for a form: every problem at once, each at its field.

The bad field is marked (a red border from the style sheet), its message is written right under
it (when the form has a place for it) and given to screen readers, and the list of problems is
repeated in the form's error label, the first bad field taking the focus. The dialog stays open
with everything typed still in it. A field edited after that loses its mark and its message at
once: an error that was fixed never lingers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from csec_desktop.domain.errors import Problem
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.sync.messages import read_only_message
from csec_desktop.services.errors import InvalidInput
from csec_desktop.store.sync_state import VaultReadOnly


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldErrors:
    """Marks the fields named by an ``InvalidInput`` and lists the problems in ``label``.

    ``inline`` maps a field to the label under it; ``worded`` may give a field its own message
    (e.g. "Choose the placement" rather than the rule a missing choice broke)."""

    def __init__(
        self,
        label: QLabel,
        widgets: Mapping[str, QWidget],
        field_label: Callable[[str], str],
        *,
        inline: Mapping[str, QLabel] | None = None,
        worded: Callable[[Problem], str | None] | None = None,
    ) -> None:
        self._label = label
        self._widgets = widgets
        self._field_label = field_label
        self._inline = dict(inline or {})
        self._worded = worded
        self._shown: dict[str, str] = {}  # field -> its message, while marked
        self._fallback = ""
        label.setObjectName("errorLabel")
        label.hide()
        for inline_label in self._inline.values():
            inline_label.setProperty("fieldError", True)
            inline_label.setWordWrap(True)
            inline_label.hide()
        for name, widget in widgets.items():
            self._watch(name, widget)

    def _watch(self, name: str, widget: QWidget) -> None:
        def edited(*_args: object) -> None:
            self.clear_field(name)

        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(edited)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(edited)
        elif isinstance(widget, QAbstractSpinBox):
            widget.editingFinished.connect(edited)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(edited)
        elif isinstance(widget, QListWidget):
            model: QAbstractItemModel = widget.model()
            model.rowsInserted.connect(edited)
            model.rowsRemoved.connect(edited)

    # -- showing ---------------------------------------------------------------------------

    def show(self, problems: list[Problem], fallback: str = "") -> None:
        self.clear()
        first: QWidget | None = None
        for problem in problems:
            name = problem.field.split(".")[0]
            message = (self._worded(problem) if self._worded else None) or problem_text(problem)
            if name in self._shown:
                continue  # one message per field: the first problem found
            self._shown[name] = message
            widget = self._widgets.get(name)
            if widget is not None:
                widget.setProperty("invalid", True)
                widget.setAccessibleDescription(message)
                widget.setToolTip(message)
                _restyle(widget)
                first = first or widget
            inline = self._inline.get(name)
            if inline is not None:
                inline.setText(message)
                inline.setAccessibleDescription(message)
                inline.show()
        self._fallback = fallback
        self._show_list()
        if first is not None:
            first.setFocus()

    def _show_list(self) -> None:
        lines = []
        for name, message in self._shown.items():
            label = self._field_label(name)
            lines.append(f"{label}: {message}" if label else message)
        text = "\n".join(lines) or self._fallback
        self._label.setText(text)
        self._label.setAccessibleDescription(text)
        self._label.setVisible(bool(text))

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, InvalidInput) and error.details:
            self.show(error.details)
        elif isinstance(error, VaultReadOnly):
            self.show([], read_only_message())
        else:
            self.show([], error_message(error))

    @property
    def fields_shown(self) -> list[str]:
        return list(self._shown)

    # -- clearing --------------------------------------------------------------------------

    def clear_field(self, name: str) -> None:
        """``name`` was edited: its problem is no longer shown (the others stay)."""
        if self._shown.pop(name, None) is None:
            return
        widget = self._widgets.get(name)
        if widget is not None:
            self._unmark(widget)
        inline = self._inline.get(name)
        if inline is not None:
            inline.setText("")
            inline.hide()
        self._fallback = ""
        self._show_list()

    def clear(self) -> None:
        for name in list(self._shown):
            self.clear_field(name)
        self._fallback = ""
        self._label.setText("")
        self._label.hide()

    @staticmethod
    def _unmark(widget: QWidget) -> None:
        widget.setProperty("invalid", False)
        widget.setAccessibleDescription("")
        widget.setToolTip("")
        _restyle(widget)
