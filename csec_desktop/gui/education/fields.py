"""Field-level errors for the education editors: the bad field is marked, says why (to screen
readers too), and the dialog stays open with everything typed still in it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QLabel, QWidget

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
    """Marks the fields named by an ``InvalidInput`` and lists the problems in ``label``."""

    def __init__(
        self,
        label: QLabel,
        widgets: Mapping[str, QWidget],
        field_label: Callable[[str], str],
    ) -> None:
        self._label = label
        self._widgets = widgets
        self._field_label = field_label
        self._marked: list[QWidget] = []
        label.setObjectName("errorLabel")
        label.hide()

    def clear(self) -> None:
        for widget in self._marked:
            widget.setProperty("invalid", False)
            widget.setAccessibleDescription("")
            widget.setToolTip("")
            _restyle(widget)
        self._marked = []
        self._label.setText("")
        self._label.hide()

    def show(self, problems: list[Problem], fallback: str = "") -> None:
        self.clear()
        lines = []
        first: QWidget | None = None
        for problem in problems:
            message = problem_text(problem)
            name = problem.field.split(".")[0]
            widget = self._widgets.get(name)
            label = self._field_label(name)
            lines.append(f"{label}: {message}" if label else message)
            if widget is not None:
                widget.setProperty("invalid", True)
                widget.setAccessibleDescription(message)
                widget.setToolTip(message)
                _restyle(widget)
                self._marked.append(widget)
                first = first or widget
        text = "\n".join(lines) or fallback
        self._label.setText(text)
        self._label.setAccessibleDescription(text)
        self._label.setVisible(bool(text))
        if first is not None:
            first.setFocus()

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, InvalidInput) and error.details:
            self.show(error.details)
        elif isinstance(error, VaultReadOnly):
            self.show([], read_only_message())
        else:
            self.show([], error_message(error))
