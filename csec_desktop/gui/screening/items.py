"""One question of an instrument as an input: built from the item's definition (its response
type, options, required flag, help and confidential flag) in the UI language.

The answer is the JSON value the instrument engine expects: ``"yes"``/``"no"``/``"unknown"``, a
risk level, an option value, a list of option values, ``"YYYY-MM-DD"``, a number or text;
``"declined"`` when the youth declined to answer (format 2: its own choice, never "unknown");
``None`` while unanswered (or while the typed date or number cannot be read, which the editor
says next to the input).
"""

from __future__ import annotations

from pydantic import JsonValue
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import RiskLevel
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import parse_date_input
from csec_desktop.gui.common.labels import risk_label
from csec_desktop.instruments import Item, ResponseType
from csec_desktop.instruments.model import DECLINED

_CHOICE_KINDS = (
    ResponseType.YES_NO_UNKNOWN,
    ResponseType.CONCERN,
    ResponseType.SINGLE_CHOICE,
)


# Colours set through the palette, not per-widget style sheets: a wizard has ~50 questions, and
# each style sheet is parsed and polished on its own (about a third of the time to open one).


def _set_text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


class ItemEditor(QFrame):
    """The question, its help, and the input for its answer. ``answer_changed`` carries the id."""

    answer_changed = Signal(str)

    def __init__(
        self,
        item: Item,
        language: str,
        parent: QWidget | None = None,
        *,
        declinable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.item = item
        # Format 2: the youth may decline to answer; recorded as such, never as "unknown".
        self.declinable = declinable
        self._declined: QCheckBox | None = None
        self._read_only = False
        self.setObjectName(f"item_{item.id}")
        self.setProperty("class", "question")
        self._filling = False
        self._buttons: dict[str, QAbstractButton] = {}
        self._group: QButtonGroup | None = None
        self._line: QLineEdit | None = None
        self._text: QPlainTextEdit | None = None
        question = item.text.get(language)
        self.question = question

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        # Every child is created inside the editor: setVisible(True) on a parentless widget would
        # open it as a window of its own for a moment (and take the active window away).
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        text = question
        if item.required:
            text += " *"
        self.label.setText(text)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        layout.addWidget(self.label)
        tags = []
        if item.required:
            tags.append(self.tr("Required"))
        if item.confidential:
            tags.append(self.tr("Confidential: left out of printouts and exports"))
        self.tags = QLabel(" · ".join(tags), self)
        self.tags.setObjectName("questionTags")
        # Nearly every question is required: the "*" shows it; the word is for screen readers
        # (in the description below) and shows only next to the confidential flag.
        self.tags.setVisible(item.confidential)
        _set_text_colour(self.tags, theme.current().qcolor("soon"))
        layout.addWidget(self.tags)
        self.help = QLabel(item.help.get(language) if item.help else "", self)
        self.help.setObjectName("questionHelp")
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setVisible(item.help is not None)
        _set_text_colour(self.help, theme.current().qcolor("muted"))
        italic = self.help.font()
        italic.setItalic(True)
        self.help.setFont(italic)
        layout.addWidget(self.help)

        description = " ".join([question, *tags, self.help.text()]).strip()
        self._build_input(layout, language, question, description)
        self.problem = QLabel(self)
        self.problem.setObjectName("questionProblem")
        _set_text_colour(self.problem, theme.current().qcolor("problem"))
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

    # -- building ------------------------------------------------------------------------------

    def _choices(self, language: str) -> list[tuple[str, str]]:
        kind = self.item.type
        if kind is ResponseType.YES_NO_UNKNOWN:
            return [("yes", self.tr("Yes")), ("no", self.tr("No")), ("unknown", self.tr("Unknown"))]
        if kind is ResponseType.CONCERN:
            return [(level.value, risk_label(level)) for level in RiskLevel]
        return [(option.value, option.label.get(language)) for option in self.item.options or []]

    def _declined_label(self) -> str:
        return self.tr("Declined to answer")

    def _build_input(
        self, layout: QVBoxLayout, language: str, question: str, description: str
    ) -> None:
        kind = self.item.type
        if kind in _CHOICE_KINDS or kind is ResponseType.MULTIPLE_CHOICE:
            choices = self._choices(language)
            # Short answer sets read best on one line; long option lists one per line.
            row: QHBoxLayout | QVBoxLayout = (
                QHBoxLayout()
                if kind in (ResponseType.YES_NO_UNKNOWN, ResponseType.CONCERN)
                else QVBoxLayout()
            )
            multiple = kind is ResponseType.MULTIPLE_CHOICE
            if self.declinable and not multiple:
                choices.append((DECLINED, self._declined_label()))
            if not multiple:
                self._group = QButtonGroup(self)
                self._group.setExclusive(True)
            # The answers sit in a group named by the question, and each answer's own name says
            # the question too: a screen reader announces "Yes — Has the youth ...", never a
            # bare "Yes" that could belong to any of fifty questions.
            self.answers = QGroupBox(self)
            self.answers.setObjectName("answerGroup")
            self.answers.setFlat(True)
            self.answers.setAccessibleName(question)
            self.answers.setAccessibleDescription(description)
            row.setContentsMargins(0, 0, 0, 0)
            self.answers.setLayout(row)
            for value, label in choices:
                button: QAbstractButton = (
                    QCheckBox(label, self.answers)
                    if multiple
                    else QRadioButton(label, self.answers)
                )
                button.setAccessibleName(
                    self.tr("%1 — %2").replace("%1", label).replace("%2", question)
                )
                button.setAccessibleDescription(description)
                button.setProperty("answer", value)
                self._buttons[value] = button
                if self._group is not None:
                    self._group.addButton(button)
                button.toggled.connect(self._emit_changed)
                row.addWidget(button)
            if isinstance(row, QHBoxLayout):
                row.addStretch(1)
            layout.addWidget(self.answers)
            if self.declinable and multiple:
                self._add_declined_box(layout, question, description)
        elif kind is ResponseType.TEXT:
            self._text = QPlainTextEdit(self)
            self._text.setAccessibleName(question)
            self._text.setAccessibleDescription(description)
            self._text.setTabChangesFocus(True)
            self._text.setFixedHeight(self._text.fontMetrics().lineSpacing() * 4 + 12)
            self._text.textChanged.connect(self._emit_changed)
            layout.addWidget(self._text)
        else:
            self._line = QLineEdit(self)
            self._line.setAccessibleName(question)
            self._line.setAccessibleDescription(description)
            if kind is ResponseType.DATE:
                self._line.setPlaceholderText(self.tr("MM/DD/YYYY"))
            else:
                self._line.setPlaceholderText(self._number_hint())
            self._line.setMaximumWidth(220)
            self._line.textEdited.connect(self._emit_changed)
            layout.addWidget(self._line)
            if self.declinable:
                self._add_declined_box(layout, question, description)

    def _add_declined_box(self, layout: QVBoxLayout, question: str, description: str) -> None:
        """A "declined to answer" box beside a list of choices or a typed answer."""
        self._declined = QCheckBox(self._declined_label(), self)
        self._declined.setAccessibleName(
            self.tr("%1 — %2").replace("%1", self._declined_label()).replace("%2", question)
        )
        self._declined.setAccessibleDescription(description)
        self._declined.toggled.connect(self._declined_toggled)
        layout.addWidget(self._declined)

    @Slot(bool)
    def _declined_toggled(self, declined: bool) -> None:
        for button in self._buttons.values():
            button.setEnabled(not declined and not self._read_only)
        if self._line is not None:
            self._line.setEnabled(not declined)
        self._emit_changed()

    def _number_hint(self) -> str:
        low, high = self.item.minimum, self.item.maximum
        if low is not None and high is not None:
            return (
                self.tr("A number from %1 to %2").replace("%1", _num(low)).replace("%2", _num(high))
            )
        if low is not None:
            return self.tr("A number, at least %1").replace("%1", _num(low))
        return self.tr("A number")

    # -- the answer ----------------------------------------------------------------------------

    @Slot()
    def _emit_changed(self) -> None:
        if self._filling:
            return
        self._show_problem()
        self.answer_changed.emit(self.item.id)

    def value(self) -> JsonValue:
        kind = self.item.type
        if self._declined is not None and self._declined.isChecked():
            return DECLINED
        if kind is ResponseType.MULTIPLE_CHOICE:
            chosen: list[JsonValue] = [v for v, b in self._buttons.items() if b.isChecked()]
            return chosen or None
        if self._buttons:
            return next((v for v, b in self._buttons.items() if b.isChecked()), None)
        if self._text is not None:
            text = self._text.toPlainText()
            return text if text.strip() else None
        assert self._line is not None
        text = self._line.text().strip()
        if not text:
            return None
        if kind is ResponseType.DATE:
            parsed = parse_date_input(text)
            return parsed.isoformat() if parsed else None
        return self._number(text)

    def _number(self, text: str) -> int | float | None:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return None
        low, high = self.item.minimum, self.item.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            return None
        return int(number) if number.is_integer() else number

    def unreadable(self) -> bool:
        """Something is typed that cannot be used as the answer (it is not saved)."""
        return self._line is not None and bool(self._line.text().strip()) and self.value() is None

    def _show_problem(self) -> None:
        if not self.unreadable():
            self.problem.hide()
            return
        if self.item.type is ResponseType.DATE:
            text = self.tr("Enter the date as MM/DD/YYYY. This answer is not saved until then.")
        else:
            text = self.tr("Enter %1. This answer is not saved until then.").replace(
                "%1", self._number_hint().lower()
            )
        self.problem.setText(text)
        self.problem.show()

    def set_value(self, value: JsonValue) -> None:
        """Show a saved answer (without reporting it as a change)."""
        self._filling = True
        try:
            declined = value == DECLINED and self._declined is not None
            if self._declined is not None:
                self._declined.setChecked(declined)
            if declined:
                value = None
            if self._buttons:
                chosen = set(value) if isinstance(value, list) else {value}
                if self._group is not None:
                    self._group.setExclusive(False)  # lets every button be cleared first
                for answer, button in self._buttons.items():
                    button.setChecked(answer in chosen)
                if self._group is not None:
                    self._group.setExclusive(True)
            elif self._text is not None:
                self._text.setPlainText(value if isinstance(value, str) else "")
            elif self._line is not None:
                self._line.setText(_display(self.item, value))
        finally:
            self._filling = False
        self._show_problem()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self._buttons.values():
            button.setEnabled(not read_only)
        if self._declined is not None:
            self._declined.setEnabled(not read_only)
        if self._text is not None:
            self._text.setReadOnly(read_only)
        if self._line is not None:
            self._line.setReadOnly(read_only)

    def focus_input(self) -> None:
        widget: QWidget | None = self._text or self._line
        if widget is None and self._buttons:
            checked = [b for b in self._buttons.values() if b.isChecked()]
            widget = checked[0] if checked else next(iter(self._buttons.values()))
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def button(self, answer: str) -> QAbstractButton:
        """The radio button or check box of ``answer`` (for keyboard tests and screenshots)."""
        return self._buttons[answer]

    @property
    def line_edit(self) -> QLineEdit | None:
        return self._line

    @property
    def text_edit(self) -> QPlainTextEdit | None:
        return self._text


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _display(item: Item, value: JsonValue) -> str:
    if value is None:
        return ""
    if item.type is ResponseType.DATE and isinstance(value, str) and len(value) == 10:
        year, month, day = value.split("-")
        return f"{month}/{day}/{year}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _num(value)
    return str(value)
