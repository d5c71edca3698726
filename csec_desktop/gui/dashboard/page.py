"""The Team dashboard of a supervisor's device.

What it shows comes from the vault (the last sync brought it): open obligations across the team
with the 24-hour clocks first, screenings awaiting review and how long they have waited, and per
month the children by CSEC category and by risk level (each child once, see
``domain.reporting``), education sessions and youth reached.
Every chart has its table next to it (a tab).

"Save team report…" fetches the team's report for a period from the server (it needs the
network) and saves it as PDF or CSV; a report leaving the county hides counts from 1 to 10.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import CsecCategory, ObligationKind, RiskLevel
from csec_desktop.domain.suppression import RELEASE_AFTER_DAYS, Period, publish_period
from csec_desktop.exports import ExportService
from csec_desktop.exports.report_csv import county_report_csv, figures_from_wire
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_text
from csec_desktop.gui.common.labels import (
    category_label,
    risk_label,
)
from csec_desktop.gui.common.tables import TableProxy, setup_table
from csec_desktop.gui.dashboard.charts import ChartAndTable
from csec_desktop.gui.dashboard.team_obligations import TeamObligationsModel
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.printing.charts import BarChart, Series
from csec_desktop.gui.printing.report_pdf import county_report_pdf
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.clock import now_utc
from csec_desktop.services.reports import CountyReport
from csec_desktop.services.review import OpenObligation, QueueItem, ReviewService, TeamFigures

AGE_BUCKETS = ((0, 1), (1, 3), (3, 7), (7, None))  # days waiting: [from, to)


def month_label(month: date) -> str:
    return month.strftime("%m/%y")  # short enough for twelve bars side by side


def obligation_short_label(kind: ObligationKind) -> str:
    return {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT: QCoreApplication.translate(
            "TeamDashboard", "Report victim (24 h)"
        ),
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT: QCoreApplication.translate(
            "TeamDashboard", "Report missing (24 h)"
        ),
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM: QCoreApplication.translate(
            "TeamDashboard", "Document in CWS/CMS"
        ),
        ObligationKind.REFER_TO_MDT: QCoreApplication.translate("TeamDashboard", "Refer to MDT"),
        ObligationKind.SCREEN_RETURNING_YOUTH: QCoreApplication.translate(
            "TeamDashboard", "Screen returning youth"
        ),
    }[kind]


def age_bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return QCoreApplication.translate("TeamDashboard", "%1+ days").replace("%1", str(low))
    if low == 0:
        return QCoreApplication.translate("TeamDashboard", "under 1 day")
    return (
        QCoreApplication.translate("TeamDashboard", "%1–%2 days")
        .replace("%1", str(low))
        .replace("%2", str(high))
    )


def dashboard_charts(figures: TeamFigures | None, queue: list[QueueItem]) -> dict[str, BarChart]:
    """The dashboard's charts from its figures (pure: tested without widgets)."""
    charts: dict[str, BarChart] = {}
    waiting = [0] * len(AGE_BUCKETS)
    for item in queue:
        days = item.waiting.days if item.waiting is not None else 0
        for index, (low, high) in enumerate(AGE_BUCKETS):
            if days >= low and (high is None or days < high):
                waiting[index] += 1
    charts["awaiting"] = BarChart(
        QCoreApplication.translate("TeamDashboard", "Screenings awaiting review, by time waiting"),
        [age_bucket_label(low, high) for low, high in AGE_BUCKETS],
        [Series(QCoreApplication.translate("TeamDashboard", "Screenings"), waiting)],
    )
    if figures is None:
        return charts
    charts["obligations"] = BarChart(
        QCoreApplication.translate(
            "TeamDashboard", "Open obligations across the team (24-hour clocks first)"
        ),
        [obligation_short_label(c.kind) for c in figures.obligations],
        [
            Series(
                QCoreApplication.translate("TeamDashboard", "Overdue"),
                [c.open_overdue for c in figures.obligations],
                theme.current().urgent,
            ),
            Series(
                QCoreApplication.translate("TeamDashboard", "Due"),
                [c.open_not_yet_due for c in figures.obligations],
                theme.current().series[0],
            ),
        ],
    )
    months = [month_label(m.month) for m in figures.months]
    charts["categories"] = BarChart(
        QCoreApplication.translate("TeamDashboard", "Children by CSEC category per month"),
        months,
        [
            Series(category_label(c), [m.by_category.get(c.value, 0) for m in figures.months])
            for c in CsecCategory
        ],
    )
    charts["risks"] = BarChart(
        QCoreApplication.translate("TeamDashboard", "Children screened by risk level per month"),
        months,
        [
            # A risk's bar is the risk's colour (never green for a concern), and its name
            # is in the legend and the table beside it.
            Series(
                risk_label(r),
                [m.by_risk_level.get(r.value, 0) for m in figures.months],
                theme.current().risk_bar(r),
            )
            for r in RiskLevel
        ],
    )
    charts["sessions"] = BarChart(
        QCoreApplication.translate("TeamDashboard", "Education sessions per month"),
        months,
        [
            Series(
                QCoreApplication.translate("TeamDashboard", "Sessions"),
                [m.sessions for m in figures.months],
            )
        ],
    )
    charts["reached"] = BarChart(
        QCoreApplication.translate(
            "TeamDashboard", "Youth reached by education sessions per month"
        ),
        months,
        [
            Series(
                QCoreApplication.translate("TeamDashboard", "Youth reached"),
                [m.youth_reached for m in figures.months],
            )
        ],
    )
    return charts


def period_label(period: Period) -> str:
    if period.quarter is None:
        return QCoreApplication.translate("ReportOptions", "%1, whole year").replace(
            "%1", str(period.year)
        )
    return (
        QCoreApplication.translate("ReportOptions", "%1, quarter %2")
        .replace("%1", str(period.year))
        .replace("%2", str(period.quarter))
    )


class ReportOptionsDialog(QDialog):
    """The period and format of a team report, and whether it leaves the county.

    A report that leaves the county is offered for the periods the county server publishes and
    nothing else: calendar quarters and years, closed and settled (``Period.released_by``), so
    no two published answers overlap except a year and its own quarters (``domain.suppression``).
    Inside the county any quarter or year so far may be chosen."""

    YEARS = 5

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save team report"))
        self._today = today
        form = QFormLayout(self)
        self.period = QComboBox()
        self.period.setAccessibleName(self.tr("Period"))
        self.format = QComboBox()
        self.format.setAccessibleName(self.tr("Format"))
        self.format.addItem(self.tr("PDF with charts"), "pdf")
        self.format.addItem(self.tr("CSV (figures only)"), "csv")
        self.leaves = QCheckBox(self.tr("This report &leaves the county (hide counts 1–10)"))
        self.leaves.setChecked(True)
        self.hint = QLabel()
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        form.addRow(self.leaves)
        form.addRow(self.tr("&Period:"), self.period)
        form.addRow(self.hint)
        form.addRow(self.tr("&Format:"), self.format)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.leaves.toggled.connect(self._fill_periods)
        self._periods: list[Period] = []
        self._fill_periods()

    def _offered(self, leaves: bool) -> list[Period]:
        today = self._today
        found = []
        for year in range(today.year, today.year - self.YEARS, -1):
            for period in [Period(year), *(Period(year, q) for q in (4, 3, 2, 1))]:
                if period.start > today:
                    continue
                if leaves and not period.released_by(today):
                    continue
                found.append(period)
        return found

    @Slot()
    def _fill_periods(self) -> None:
        leaves = self.leaves.isChecked()
        self._periods = self._offered(leaves)
        self.period.clear()
        for period in self._periods:
            self.period.addItem(period_label(period))
        self.ok_button.setEnabled(bool(self._periods))
        self.hint.setText(
            self.tr(
                "Offered for the periods the county publishes: quarters and years, %n day(s) "
                "after they end.",
                "",
                RELEASE_AFTER_DAYS,
            )
            if leaves
            else self.tr("Inside the county: any quarter or year so far, every count shown.")
        )

    def chosen_period(self) -> Period:
        return self._periods[max(0, self.period.currentIndex())]

    def bounds(self) -> tuple[date, date]:
        """First and last day of the chosen period (inclusive)."""
        period = self.chosen_period()
        return period.start, period.end - timedelta(days=1)


def published_report(fetch: Callable[[date, date], CountyReport[int]], period: Period) -> Any:
    """``period``'s report as it leaves the county, suppressed as the county server publishes
    it: a year built on its published quarters (``publish_period``)."""
    parts = [published_report(fetch, quarter) for quarter in period.quarters()]
    exact = fetch(period.start, period.end - timedelta(days=1))
    return publish_period(exact, parts)


class DashboardPage(QWidget):
    def __init__(
        self,
        service: ReviewService,
        exports: ExportService,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.setAccessibleName(self.tr("Team dashboard"))
        self.service = service
        self.exports = exports
        self.runner = runner
        self.loaded = False

        heading = QLabel(self.tr("Team dashboard"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setAccessibleName(self.tr("Dashboard status"))
        self.status.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Save team &report…"))
        self.report_button.clicked.connect(self.save_report)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.status, 1)
        top.addWidget(self.report_button)

        self.blocks: dict[str, ChartAndTable] = {
            key: ChartAndTable(name)
            for key, name in (
                ("obligations", self.tr("Open obligations")),
                ("awaiting", self.tr("Awaiting review")),
                ("categories", self.tr("CSEC categories per month")),
                ("risks", self.tr("Risk levels per month")),
                ("sessions", self.tr("Education sessions per month")),
                ("reached", self.tr("Youth reached per month")),
            )
        }
        # The open obligations one by one: whose clock is running out is what a supervisor chases.
        open_title = QLabel(self.tr("Open obligations of the team, earliest due first"))
        bold = open_title.font()
        bold.setBold(True)
        open_title.setFont(bold)
        self.open_model = TeamObligationsModel(service.policy.zone, self)
        self.open_proxy = TableProxy(self)
        self.open_proxy.setSourceModel(self.open_model)
        self.open_list = QTableView()
        self.open_list.setObjectName("teamObligations")
        self.open_list.setAccessibleName(self.tr("Open obligations of the team"))
        setup_table(self.open_list, self.open_proxy)  # sortable by a header click
        self.open_list.setMinimumHeight(160)
        header = self.open_list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        grid = QGridLayout()
        grid.addWidget(open_title, 0, 0, 1, 2)
        grid.addWidget(self.open_list, 1, 0, 1, 2)
        for index, block in enumerate(self.blocks.values()):
            grid.addWidget(block, 2 + index // 2, index % 2)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        broadcast.sync_did_finish.connect(self.reload)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.runner.run(self._read, on_success=self._show, on_failure=self._failed, owner=self)

    def _read(self) -> tuple[TeamFigures | None, list[QueueItem]]:
        return self.service.team_figures(), self.service.queue()

    def _show(self, result: tuple[TeamFigures | None, list[QueueItem]]) -> None:
        figures, queue = result
        self.loaded = True
        charts = dashboard_charts(figures, queue)
        for key, block in self.blocks.items():
            chart = charts.get(key)
            block.setVisible(chart is not None)
            if chart is not None:
                block.show_chart(chart)
        self._show_open_obligations(figures.open_obligations if figures else [])
        if figures is None:
            self.status.setText(self.tr("Sync to fetch your team's figures."))
        else:
            self.status.setText(
                self.tr("Figures as of %1").replace("%1", moment_text(figures.fetched_at))
            )

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))

    def _show_open_obligations(self, obligations: list[OpenObligation]) -> None:
        self.open_model.set_obligations(obligations, datetime.now(UTC))

    # -- the team report -----------------------------------------------------------------------

    @Slot()
    def save_report(self) -> None:
        # The county's date (between midnight UTC and midnight in California they differ).
        county_today = now_utc(self.service.clock).astimezone(self.service.policy.zone).date()
        dialog = ReportOptionsDialog(county_today, self)
        if self.ask_report_options(dialog) != QDialog.DialogCode.Accepted:
            return
        first, last = dialog.bounds()
        period = dialog.chosen_period()
        kind = str(dialog.format.currentData())
        leaves = dialog.leaves.isChecked()
        scope = "published" if leaves else "county"
        suggested = f"csec-program-report-{scope}-{first.isoformat()}-to-{last.isoformat()}.{kind}"
        destination = self.ask_save_path(suggested, kind)
        if destination is None:
            return
        self.status.setText(self.tr("Fetching the team's figures…"))

        def fetch(start: date, end: date) -> CountyReport[int]:
            wire = self.service.fetch_team_report(start, end)
            # A supervisor's team report comes exact (every count a number).
            return CountyReport[int].model_validate(
                figures_from_wire(wire, as_of=datetime.now().astimezone()).model_dump()
            )

        def fetch_render_save() -> Path:
            published = published_report(fetch, period) if leaves else fetch(first, last)
            data = county_report_pdf(published) if kind == "pdf" else county_report_csv(published)
            detail = (
                f"team report {kind} {first.isoformat()}/{last.isoformat()}"
                f" suppressed={'yes' if leaves else 'no'}"
            )
            return self.exports.save_document(destination, data, detail=detail)

        self.runner.run(
            fetch_render_save, on_success=self._saved, on_failure=self._failed, owner=self
        )

    def ask_report_options(self, dialog: ReportOptionsDialog) -> int:
        return dialog.exec()

    def ask_save_path(self, suggested: str, kind: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save team report"),
            str(Path.home() / suggested),
            "PDF (*.pdf)" if kind == "pdf" else "CSV (*.csv)",
        )
        return Path(chosen) if chosen else None

    def _saved(self, path: Path) -> None:
        self.status.setText(self.tr("Saved %1").replace("%1", path.name))


__all__ = ["DashboardPage", "dashboard_charts"]
