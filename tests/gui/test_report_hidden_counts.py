"""A hidden count is said in words, never drawn as an empty bar that reads as zero; a report
that leaves the county is offered for the periods the county server publishes only, and a
year's is built on its published quarters, as the server builds it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import HIDDEN_MARKER, aggregate
from csec_desktop.domain.suppression import Period, publish_period
from csec_desktop.gui.dashboard.page import ReportOptionsDialog, published_report
from csec_desktop.gui.printing.charts import BarChart, Series, paint_bar_chart
from csec_desktop.gui.printing.report_pdf import _series


class RecordingPainter(QPainter):
    """Paints on an image and keeps every text drawn (Python calls reach this override)."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        self.texts.append(str(args[-1]))
        super().drawText(*args)  # type: ignore[call-overload]


def _painted(chart: BarChart) -> list[str]:
    image = QImage(800, 300, QImage.Format.Format_RGB32)
    painter = RecordingPainter(image)
    paint_bar_chart(painter, QRectF(0, 0, 800, 300), chart, text=QColor("black"))
    painter.end()
    return painter.texts


def test_a_hidden_count_is_drawn_as_words_and_a_zero_as_nothing(qtbot: QtBot) -> None:
    chart = BarChart("Children", ["Before care", "In care", "Absent"], [Series("n", [14, None, 0])])
    texts = _painted(chart)
    assert texts.count("hidden (fewer than 11)") == 1  # the hidden slot, and only it
    assert "Before care" in texts and "Absent" in texts
    exact = BarChart("Children", ["Before care", "Absent"], [Series("n", [14, 0])])
    assert not any("hidden" in t for t in _painted(exact))  # a true zero stays a zero


def test_the_report_pdf_words_a_complementary_hidden_count_apart(qtbot: QtBot) -> None:
    """A count hidden only so another cannot be worked out is not "fewer than 11"."""
    series = _series("Children", [12, "1-10", HIDDEN_MARKER, 0])
    chart = BarChart("Children", ["a", "b", "c", "d"], [series])
    texts = _painted(chart)
    assert texts.count("hidden (fewer than 11)") == 1
    assert texts.count("hidden") == 1


def test_a_report_leaving_the_county_offers_only_published_periods(qtbot: QtBot) -> None:
    today = date(2026, 5, 10)  # Q1 2026 closed on April 1 and settled 30 days later
    dialog = ReportOptionsDialog(today)
    qtbot.addWidget(dialog)
    assert dialog.leaves.isChecked()
    offered = [dialog.period.itemText(i) for i in range(dialog.period.count())]
    assert offered[0] == "2026, quarter 1"
    assert "2026, whole year" not in offered and "2026, quarter 2" not in offered
    assert "2025, whole year" in offered
    dialog.period.setCurrentIndex(0)
    assert dialog.bounds() == (date(2026, 1, 1), date(2026, 3, 31))
    dialog.leaves.setChecked(False)  # inside the county: the open quarter and year too
    inside = [dialog.period.itemText(i) for i in range(dialog.period.count())]
    assert inside[:2] == ["2026, whole year", "2026, quarter 2"]


def test_a_published_year_is_built_on_its_published_quarters() -> None:
    asked: list[tuple[date, date]] = []
    policy = CountyPolicy()

    def fetch(start: date, end: date):  # type: ignore[no-untyped-def]
        asked.append((start, end))
        return aggregate(
            start=start,
            end=end + timedelta(days=1),
            as_of=datetime(2027, 3, 1, tzinfo=UTC),
            policy=policy,
            screenings=[],
            obligations=[],
            sessions=[],
            trainings=[],
        )

    published = published_report(fetch, Period(2025))
    quarters = [
        (Period(2025, q).start, Period(2025, q).end - timedelta(days=1)) for q in (1, 2, 3, 4)
    ]
    assert asked == [*quarters, (date(2025, 1, 1), date(2025, 12, 31))]
    parts = [publish_period(fetch(*q)) for q in quarters]
    assert published == publish_period(fetch(date(2025, 1, 1), date(2025, 12, 31)), parts)
