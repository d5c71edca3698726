"""WCAG 2.1 contrast computed from the real palette and the real style sheet, light and dark:
text 4.5:1 against what it is drawn on, graphics (chart bars, field borders) and the focus ring
3:1. Risk colours mean what they say (a concern is never green) and the privacy screen is
readable. The colours come from the app (``theme.palette``, ``theme.style_sheet``, the chart
colours); nothing here restates them."""

from __future__ import annotations

import colorsys
import re

import pytest
from PySide6.QtGui import QColor, QPalette

from csec_desktop.domain import RiskLevel
from csec_desktop.gui.common import theme
from csec_desktop.gui.printing.charts import SERIES_COLORS

TEXT, GRAPHICS = 4.5, 3.0
Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


THEMES = [theme.LIGHT, theme.DARK]


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.name)
def test_palette_text_on_its_backgrounds(chosen: theme.Theme) -> None:
    palette = theme.palette(chosen)
    pairs = [
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.Text, Role.AlternateBase),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),  # a selected row
        (Role.PlaceholderText, Role.Base),
        (Role.ToolTipText, Role.ToolTipBase),
        (Role.Link, Role.Base),
    ]
    low = []
    for group in (Group.Active, Group.Inactive):
        for fg, bg in pairs:
            ratio = contrast(palette.color(group, fg), palette.color(group, bg))
            if ratio < TEXT:
                low.append(f"{group.name} {fg.name} on {bg.name}: {ratio:.2f}")
    # Disabled text is still text a person reads (the status bar's "Standalone", a greyed note).
    for fg, bg in (
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.ButtonText, Role.Button),
    ):
        ratio = contrast(palette.color(Group.Disabled, fg), palette.color(Group.Disabled, bg))
        if ratio < TEXT:
            low.append(f"Disabled {fg.name} on {bg.name}: {ratio:.2f}")
    assert low == []


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.name)
def test_meaningful_colours_as_text_and_the_focus_ring(chosen: theme.Theme) -> None:
    low = []
    for name in ("muted", "problem", "urgent", "soon", "done", "risk_possible", "risk_clear"):
        for background in ("window", "base", "alternate_base"):
            ratio = contrast(getattr(chosen, name), getattr(chosen, background))
            if ratio < TEXT:
                low.append(f"{name} on {background}: {ratio:.2f}")
    for name, background in (
        ("notice_text", "notice_background"),
        ("privacy_text", "privacy_background"),
    ):
        ratio = contrast(getattr(chosen, name), getattr(chosen, background))
        if ratio < TEXT:
            low.append(f"{name} on {background}: {ratio:.2f}")
    for background in ("window", "base"):  # the focus ring and a marked field's border
        for name in ("focus", "problem"):
            ratio = contrast(getattr(chosen, name), getattr(chosen, background))
            if ratio < GRAPHICS:
                low.append(f"{name} (graphic) on {background}: {ratio:.2f}")
    assert low == []


def _rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        declarations = {}
        for part in body.split(";"):
            if ":" in part:
                key, value = part.split(":", 1)
                declarations[key.strip()] = value.strip()
        rules.append((" ".join(selector.split()), declarations))
    return rules


def _colour_in(value: str) -> str | None:
    found = re.search(r"#[0-9a-fA-F]{6}\b", value)
    return found.group(0) if found else None


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.name)
def test_every_colour_of_the_style_sheet_against_what_it_is_drawn_on(chosen: theme.Theme) -> None:
    rules = _rules(theme.style_sheet(chosen))
    assert rules, "the style sheet is empty"
    checked, low = 0, []
    backgrounds: dict[str, str] = {}
    for selector, declarations in rules:
        background = _colour_in(declarations.get("background", ""))
        if background:
            for name in selector.split(","):
                backgrounds[name.strip().split(" ")[0]] = background
    for selector, declarations in rules:
        foreground = _colour_in(declarations.get("color", ""))
        if foreground is None:
            continue
        own = _colour_in(declarations.get("background", ""))
        owner = selector.split(",")[0].strip().split(" ")[0]
        # A rule without its own background is drawn on its container's (a QLabel inside a
        # frame) or, failing that, on the window and on the base of a field or list.
        drawn_on = (
            [own]
            if own
            else [backgrounds[owner]]
            if owner in backgrounds
            else [
                chosen.window,
                chosen.base,
            ]
        )
        for background in drawn_on:
            checked += 1
            ratio = contrast(foreground, background)
            if ratio < TEXT:
                low.append(f"{selector}: {foreground} on {background}: {ratio:.2f}")
        border = _colour_in(declarations.get("border", ""))
        if border and own is None:
            for background in drawn_on:
                if contrast(border, background) < GRAPHICS:
                    low.append(f"{selector} border {border} on {background}")
    for selector, declarations in rules:
        border = _colour_in(declarations.get("border", ""))
        if border and "invalid" in selector:
            for background in (chosen.window, chosen.base):
                checked += 1
                if contrast(border, background) < GRAPHICS:
                    low.append(f"{selector} border {border} on {background}")
    assert checked > 10 and low == []


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.name)
def test_chart_bars_stand_out_from_the_window(chosen: theme.Theme) -> None:
    low = [c for c in chosen.series if contrast(c, chosen.window) < GRAPHICS]
    low += [c for c in chosen.series if contrast(c, chosen.base) < GRAPHICS]
    assert low == []


def test_the_printed_charts_stand_out_from_the_white_page() -> None:
    assert [c for c in SERIES_COLORS if contrast(c, "#ffffff") < GRAPHICS] == []


def _hue(colour: str) -> float:
    c = QColor(colour)
    return colorsys.rgb_to_hls(c.redF(), c.greenF(), c.blueF())[0] * 360


@pytest.mark.parametrize("chosen", THEMES, ids=lambda t: t.name)
def test_a_concern_is_never_green_and_the_levels_differ(chosen: theme.Theme) -> None:
    concern = [
        chosen.risk_colour(RiskLevel.POSSIBLE_CONCERN),
        chosen.risk_bar(RiskLevel.CLEAR_CONCERN),
    ]
    concern += [
        chosen.risk_bar(RiskLevel.POSSIBLE_CONCERN),
        chosen.risk_colour(RiskLevel.CLEAR_CONCERN),
    ]
    for colour in concern:
        assert not 75 <= _hue(colour) <= 165, f"{colour} reads as green"
    bars = [chosen.risk_bar(level) for level in RiskLevel]
    assert len(set(bars)) == 3  # three levels, three colours (and their names beside them)
    assert chosen.risk_colour(RiskLevel.NO_CONCERN) == chosen.text  # plain, not reassuring


def test_the_privacy_screen_is_not_black_on_black(qtbot, unlocked) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    before = app.styleSheet(), app.palette()
    theme.apply_theme(app, theme.LIGHT)  # the app's own style sheet, as it runs
    try:
        window = unlocked.main_window
        window.set_screen_hidden(True)
        screen = window.privacy_screen
        qtbot.waitUntil(screen.isVisible)
        image = screen.grab().toImage()
        background = image.pixelColor(5, 5)
        assert background.name() == theme.LIGHT.privacy_background
        text = screen.hint.palette().color(QPalette.ColorRole.WindowText)
        assert contrast(text, background) >= TEXT
        # And what is drawn: the hint's pixels include its light text on the dark screen.
        hint = screen.hint.grab().toImage()
        lightest = max(
            luminance(hint.pixelColor(x, y))
            for x in range(0, hint.width(), 3)
            for y in range(0, hint.height(), 3)
        )
        assert (lightest + 0.05) / (luminance(background) + 0.05) >= TEXT
    finally:
        app.setStyleSheet(before[0])
        app.setPalette(before[1])
