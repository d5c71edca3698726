"""The app's colours, light and dark: the palette Qt paints with, the colours that carry meaning
(a problem, an overdue clock, a risk level), and the style sheet filled in with them.

Every colour here is checked by ``tests/gui/test_contrast.py`` against the background it is
drawn on (WCAG 2.1: text 4.5:1, graphics and focus 3:1), in both themes. Meaning is never carried
by colour alone: each coloured thing also says what it is in words.

The theme follows the desktop's light or dark setting at start. ``current()`` is what table
models and painted widgets read; it changes only through :func:`apply_theme`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from csec_desktop.paths import resources_dir

if TYPE_CHECKING:  # the theme is applied before the first window: no domain (pydantic) yet
    from csec_desktop.domain import RiskLevel

STYLE_FILE = "app.qss"
_TOKEN = re.compile(r"@([a-z_]+)")


@dataclass(frozen=True)
class Theme:
    name: str
    # The palette (Qt roles).
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    disabled_text: str
    placeholder: str
    link: str
    tooltip_base: str
    tooltip_text: str
    # Colours with a meaning, each used with words.
    muted: str  # secondary text (help, hints): still readable
    problem: str  # something to fix
    urgent: str  # overdue, or a 24-hour clock running
    soon: str  # due within a day
    done: str
    risk_possible: str
    risk_clear: str
    notice_background: str  # a banner that asks for attention (read-only, duplicate warning)
    notice_text: str
    notice_border: str
    privacy_background: str
    privacy_text: str
    focus: str  # the keyboard focus ring
    series: tuple[str, ...]  # chart bars, on ``window``

    def risk_colour(self, level: RiskLevel | None) -> str:
        """The text colour of a risk level: the normal text for no concern (never green: "no
        concern" is not a reassurance to celebrate, and green must never mean concern)."""
        value = level.value if level is not None else None
        if value == "clear_concern":
            return self.risk_clear
        if value == "possible_concern":
            return self.risk_possible
        return self.text

    def risk_bar(self, level: RiskLevel) -> str:
        """A risk level's colour as a chart bar: blue for no concern, then amber, then red."""
        value = level.value
        if value == "clear_concern":
            return self.risk_clear
        if value == "possible_concern":
            return self.risk_possible
        return self.series[0]

    def qcolor(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = Theme(
    name="light",
    window="#f3f3f3",
    window_text="#1a1a1a",
    base="#ffffff",
    alternate_base="#f2f5f9",
    text="#1a1a1a",
    button="#e6e6e6",
    button_text="#1a1a1a",
    highlight="#1f5f99",
    highlighted_text="#ffffff",
    disabled_text="#5f5f5f",
    placeholder="#5f5f5f",
    link="#0b57a4",
    tooltip_base="#fffbe0",
    tooltip_text="#1a1a1a",
    muted="#454545",
    problem="#b00020",
    urgent="#b00020",
    soon="#7a4a00",
    done="#2b6330",
    risk_possible="#7a4a00",
    risk_clear="#b00020",
    notice_background="#fff4ce",
    notice_text="#3d2f00",
    notice_border="#8a6a00",
    privacy_background="#243447",
    privacy_text="#f4f6f8",
    focus="#1f5f99",
    series=("#0072b2", "#b35200", "#00745a", "#a1487a", "#5a6b00", "#6a4c9c", "#616161"),
)

DARK = Theme(
    name="dark",
    window="#202124",
    window_text="#e8eaed",
    base="#17181a",
    alternate_base="#1f2226",
    text="#e8eaed",
    button="#303134",
    button_text="#e8eaed",
    highlight="#8ab4f8",
    highlighted_text="#111111",
    disabled_text="#a0a4a8",
    placeholder="#a0a4a8",
    link="#8ab4f8",
    tooltip_base="#303134",
    tooltip_text="#e8eaed",
    muted="#c4c7ca",
    problem="#ff8a80",
    urgent="#ff8a80",
    soon="#fdc26b",
    done="#81c995",
    risk_possible="#fdc26b",
    risk_clear="#ff8a80",
    notice_background="#3b3000",
    notice_text="#ffe9a8",
    notice_border="#c9a227",
    privacy_background="#243447",
    privacy_text="#f4f6f8",
    focus="#8ab4f8",
    series=("#56b4e9", "#e69f00", "#4fc3a1", "#e08ac0", "#f0e442", "#ff8a65", "#bdbdbd"),
)

THEMES = {"light": LIGHT, "dark": DARK}
_current: Theme = LIGHT


def current() -> Theme:
    return _current


def palette(theme: Theme) -> QPalette:
    """The Qt palette of ``theme``: the same colours whether the window is active or not, and
    disabled text that is still readable (Qt's default grey on grey was 1.6:1)."""
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.window_text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate_base,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.button_text,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.ToolTipBase: theme.tooltip_base,
        QPalette.ColorRole.ToolTipText: theme.tooltip_text,
        QPalette.ColorRole.BrightText: theme.highlighted_text,
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in roles.items():
            result.setColor(group, role, QColor(colour))
    for role, colour in roles.items():
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled_text))
    # Borders and bevels (Fusion draws frames from these): dark enough to see the control.
    light = theme is LIGHT
    for role, colour in (
        (QPalette.ColorRole.Light, "#ffffff" if light else "#4a4c50"),
        (QPalette.ColorRole.Midlight, "#d8d8d8" if light else "#3c3e42"),
        (QPalette.ColorRole.Mid, "#8c8c8c" if light else "#8a8d91"),
        (QPalette.ColorRole.Dark, "#767676" if light else "#9aa0a6"),
        (QPalette.ColorRole.Shadow, "#4d4d4d" if light else "#000000"),
    ):
        for group in (
            QPalette.ColorGroup.Active,
            QPalette.ColorGroup.Inactive,
            QPalette.ColorGroup.Disabled,
        ):
            result.setColor(group, role, QColor(colour))
    return result


def style_sheet(theme: Theme) -> str:
    """``resources/styles/app.qss`` with its ``@name`` colours filled in from ``theme``."""
    path = resources_dir() / "styles" / STYLE_FILE
    if not path.exists():
        return ""
    names = {f.name for f in fields(Theme)}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            raise KeyError(f"{STYLE_FILE}: unknown colour @{name}")
        return str(getattr(theme, name))

    return _TOKEN.sub(fill, path.read_text(encoding="utf-8"))


def system_theme() -> Theme:
    """Dark when the desktop is set to dark (Qt 6.5+ tells), else light."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark:
        return DARK
    return LIGHT


def apply_theme(app: QApplication, theme: Theme | None = None) -> Theme:
    """Paint ``app`` with ``theme`` (the desktop's choice by default): Fusion, which draws with
    the palette it is given on every platform, then the palette and the style sheet."""
    global _current
    chosen = theme or system_theme()
    app.setStyle("Fusion")
    app.setPalette(palette(chosen))
    app.setStyleSheet(style_sheet(chosen))
    _current = chosen
    return chosen


__all__ = ["DARK", "LIGHT", "THEMES", "Theme", "apply_theme", "current", "palette", "style_sheet"]
