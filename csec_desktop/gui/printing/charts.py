"""Simple bar charts drawn with QPainter: on a widget (the dashboard) or an image (the PDF).

A chart is data (:class:`BarChart`) plus one painting function, so the screen and the printed
report draw the same thing. Every chart is also shown as a table next to it: a chart is for
looking, the table is for reading (and for screen readers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

# Okabe-Ito hues (colour-blind safe), darkened where needed so each bar stands 3:1 against the
# white page (WCAG graphics contrast; tests/gui/test_contrast.py). The screen passes the theme's.
SERIES_COLORS = ("#0072b2", "#b35200", "#00745a", "#a1487a", "#5a6b00", "#6a4c9c", "#616161")


@dataclass(frozen=True)
class Series:
    """``values``: None is a count hidden to protect a small number (suppressed). It is never
    drawn as an empty bar, which reads as zero: the slot says "hidden (fewer than 11)" in words,
    in a dashed box, or ``hidden_text[i]`` where a count was hidden for another reason."""

    name: str
    values: Sequence[int | None]
    color: str = ""
    hidden_text: Sequence[str | None] = ()


def hidden_words(series: Series, index: int) -> str:
    own = series.hidden_text[index] if index < len(series.hidden_text) else None
    return own or QCoreApplication.translate("Charts", "hidden (fewer than 11)")


@dataclass(frozen=True)
class BarChart:
    """Bars per label; several series stack."""

    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    notes: list[str] = field(default_factory=list)

    def totals(self) -> list[int]:
        return [sum(s.values[i] or 0 for s in self.series) for i in range(len(self.labels))]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    step = 1
    while step * 10 < value:
        step *= 10
    for multiple in (1, 2, 5, 10):
        if step * multiple >= value:
            return step * multiple
    return value


def paint_bar_chart(
    painter: QPainter,
    rect: QRectF,
    chart: BarChart,
    *,
    text: QColor,
    colours: Sequence[str] = SERIES_COLORS,
) -> None:
    """Draw ``chart`` in ``rect``: title, axis with a top value, stacked bars, labels, legend.
    ``colours`` are the series' bars where a series names none (the page's, or the theme's)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    line = metrics.height()
    painter.setPen(QPen(text))
    body_font = QFont(painter.font())
    title_font = QFont(body_font)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line), chart.title)
    painter.setFont(body_font)
    legend = _legend_rows(chart, metrics, rect.width()) if len(chart.series) > 1 else []
    legend_height = line * len(legend)
    plot = QRectF(
        rect.left() + metrics.horizontalAdvance("00000") + 4,
        rect.top() + line * 1.5,
        rect.width() - metrics.horizontalAdvance("00000") - 8,
        rect.height() - line * 5 - legend_height,
    )
    top = _nice_max(max(chart.totals(), default=0))
    painter.setPen(QPen(text, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawText(
        QRectF(rect.left(), plot.top() - line / 2, plot.left() - rect.left() - 4, line),
        Qt.AlignmentFlag.AlignRight,
        str(top),
    )
    painter.drawText(
        QRectF(rect.left(), plot.bottom() - line / 2, plot.left() - rect.left() - 4, line),
        Qt.AlignmentFlag.AlignRight,
        "0",
    )
    count = max(len(chart.labels), 1)
    slot = plot.width() / count
    bar_width = max(slot * 0.6, 1.0)
    for index, label in enumerate(chart.labels):
        x = plot.left() + slot * index + (slot - bar_width) / 2
        base = plot.bottom()
        hidden: list[str] = []
        for number, series in enumerate(chart.series):
            value = series.values[index] if index < len(series.values) else None
            if value is None and index < len(series.values):
                hidden.append(hidden_words(series, index))
                continue
            if not value:
                continue
            height = plot.height() * value / top
            color = QColor(series.color or colours[number % len(colours)])
            painter.fillRect(QRectF(x, base - height, bar_width, height), color)
            base -= height
        if hidden:
            _paint_hidden(painter, text, plot.left() + slot * index + 2, base, slot - 4, hidden)
        painter.setPen(QPen(text))
        painter.drawText(
            QRectF(plot.left() + slot * index + 2, plot.bottom() + 2, slot - 4, line * 3.3),
            Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
            label,
        )
    y = rect.bottom() - legend_height
    for row in legend:
        x = plot.left()
        for number, series in row:
            color = QColor(series.color or colours[number % len(colours)])
            painter.fillRect(QRectF(x, y + line * 0.2, line * 0.6, line * 0.6), color)
            x += line * 0.8
            painter.drawText(QRectF(x, y, rect.right() - x, line), series.name)
            x += metrics.horizontalAdvance(series.name) + line
        y += line
    painter.restore()


def _paint_hidden(
    painter: QPainter, text: QColor, x: float, base: float, width: float, words: list[str]
) -> None:
    """Say in words, above the bars, that a count is hidden: a dashed box that cannot be read
    as a bar (its height means nothing) holding the words."""
    label = "; ".join(dict.fromkeys(words))
    metrics = painter.fontMetrics()
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
    bounds = metrics.boundingRect(0, 0, int(max(width, 1)), 10_000, int(flags), label)
    box = QRectF(x, base - bounds.height() - 6, width, bounds.height() + 4)
    painter.save()
    pen = QPen(text, 1, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRect(box)
    painter.setPen(QPen(text))
    painter.drawText(box, flags, label)
    painter.restore()


def _legend_rows(chart: BarChart, metrics: QFontMetrics, width: float) -> list[list[Any]]:
    """The legend's entries wrapped into rows that fit ``width``."""
    rows: list[list[Any]] = [[]]
    used = 0.0
    line = metrics.height()
    for number, series in enumerate(chart.series):
        needed = line * 1.8 + metrics.horizontalAdvance(series.name)
        if rows[-1] and used + needed > width * 0.9:
            rows.append([])
            used = 0.0
        rows[-1].append((number, series))
        used += needed
    return rows


def chart_image(chart: BarChart, width: int = 1600, height: int = 560) -> QImage:
    """``chart`` as an image for a printed document (drawn at print resolution)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = painter.font()
    font.setPixelSize(max(height // 18, 12))
    painter.setFont(font)
    paint_bar_chart(painter, QRectF(8, 8, width - 16, height - 16), chart, text=QColor("black"))
    painter.end()
    return image
