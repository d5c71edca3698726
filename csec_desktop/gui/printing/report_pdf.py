"""The county CSEC Program report for a period as a PDF: figures, bar charts and each chart's
table. Works on a report as computed (exact, for use inside the county) or after
``suppress_small_counts`` (for anything leaving the county: hidden counts print as "1-10")."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QTextDocument

from csec_desktop.domain import (
    CsecCategory,
    LaborFinding,
    ObligationKind,
    RiskLevel,
    TrainingAudience,
)
from csec_desktop.domain.reporting import ReportJurisdiction
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.labels import (
    category_label,
    jurisdiction_label,
    labor_finding_label,
    obligation_label,
    risk_label,
)
from csec_desktop.gui.education.labels import training_audience_label
from csec_desktop.gui.printing.charts import BarChart, Series, chart_image
from csec_desktop.gui.printing.pdf import document_to_pdf
from csec_desktop.services.reports import HIDDEN_MARKER, CountyReport

STYLE = """
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h2 { font-size: 12pt; margin-top: 14pt; }
table.figures { border-collapse: collapse; margin-top: 4pt; }
table.figures td, table.figures th { border: 1px solid #888; padding: 3px 8px; }
th { background: #eee; text-align: left; }
td.n { text-align: right; }
p.note { color: #444; font-size: 9pt; }
"""


def heading(level: int, text: str) -> str:
    return f"<h{level}>{html.escape(text)}</h{level}>"


def _number(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    if value == HIDDEN_MARKER:  # hidden to protect a small count, range not stated
        return QCoreApplication.translate("CountyReportPdf", "hidden")
    return QCoreApplication.translate("CountyReportPdf", "1-10 (hidden)")


def _value(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _hidden(value: Any) -> str | None:
    """How a chart words a hidden count: hidden for another count's sake, the range unsaid."""
    if value == HIDDEN_MARKER:
        return QCoreApplication.translate("CountyReportPdf", "hidden")
    return None  # the chart's own "hidden (fewer than 11)"


def _series(name: str, values: Sequence[Any]) -> Series:
    return Series(name, [_value(v) for v in values], hidden_text=[_hidden(v) for v in values])


def _breakdown(
    document: QTextDocument,
    key: str,
    title: str,
    chart_title: str,
    column: str,
    rows: list[tuple[str, Any]],
) -> list[str]:
    """A section of children broken down one way: its heading, bar chart and table."""
    children = QCoreApplication.translate("CountyReportPdf", "Children")
    chart = BarChart(
        chart_title,
        [label for label, _ in rows],
        [_series(children, [v for _, v in rows])],
    )
    return [heading(2, title), _chart(document, key, chart), _table([column, children], rows)]


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(cell))}</td>"
            if index == 0
            else f"<td class='n'>{html.escape(_number(cell))}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table class='figures' cellspacing='0'><tr>{head}</tr>{body}</table>"


def _chart(document: QTextDocument, name: str, chart: BarChart) -> str:
    document.addResource(
        QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), chart_image(chart)
    )
    return f"<p><img src='chart:{name}' width='640'></p>"


def county_report_document(report: CountyReport[Any]) -> QTextDocument:
    """The report laid out as a document (also used for on-screen previews and screenshots)."""
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    last_day = report.period_end - timedelta(days=1)
    parts = [
        heading(1, QCoreApplication.translate("CountyReportPdf", "CSEC Program report")),
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "CountyReportPdf", "County: %1 · Period: %2 to %3 · As of %4"
            )
            .replace(
                "%1", report.county or QCoreApplication.translate("CountyReportPdf", "(not set)")
            )
            .replace("%2", date_text(report.period_start))
            .replace("%3", date_text(last_day))
            .replace("%4", date_text(report.as_of.date()))
        )
        + "</p>",
    ]
    if report.suppressed:
        parts.append(
            "<p class='note'>"
            + html.escape(
                QCoreApplication.translate(
                    "CountyReportPdf",
                    "Counts from 1 to 10 are hidden because this report leaves the county. "
                    "Zero is shown. Where a hidden count could be worked out from a total, "
                    "another count is hidden too.",
                )
            )
            + "</p>"
        )
    figure = QCoreApplication.translate("CountyReportPdf", "Figure")
    count = QCoreApplication.translate("CountyReportPdf", "Count")
    parts += [
        heading(2, QCoreApplication.translate("CountyReportPdf", "Children")),
        _table(
            [figure, count],
            [
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Children screened or identified"
                    ),
                    report.children,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Identified victims (children)"),
                    report.victim_children,
                ],
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Children newly identified in the period"
                    ),
                    report.children_identified,
                ],
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Of those, children identified more than once"
                    ),
                    report.children_identified_more_than_once,
                ],
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Children eligible under W&IC 300(b)(2)"
                    ),
                    report.eligible_children,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Children screened"),
                    report.children_screened,
                ],
                [QCoreApplication.translate("CountyReportPdf", "Screenings"), report.screenings],
            ],
        ),
    ]
    parts += _breakdown(
        document,
        "categories",
        QCoreApplication.translate("CountyReportPdf", "W&IC 16501.45 categories"),
        QCoreApplication.translate("CountyReportPdf", "Children by category"),
        QCoreApplication.translate("CountyReportPdf", "Category"),
        [(category_label(c), report.children_by_category[c]) for c in CsecCategory],
    )
    parts += _breakdown(
        document,
        "risks",
        QCoreApplication.translate("CountyReportPdf", "Risk levels"),
        QCoreApplication.translate("CountyReportPdf", "Children screened, by risk level"),
        QCoreApplication.translate("CountyReportPdf", "Risk level"),
        [(risk_label(r), report.children_by_risk_level[r]) for r in RiskLevel],
    )
    parts += [
        heading(2, QCoreApplication.translate("CountyReportPdf", "Dependents and wards")),
        _table(
            [
                QCoreApplication.translate("CountyReportPdf", "Jurisdiction"),
                QCoreApplication.translate("CountyReportPdf", "Children"),
                QCoreApplication.translate("CountyReportPdf", "Identified victims"),
            ],
            [
                [
                    jurisdiction_label(j.value),
                    report.children_by_jurisdiction[j],
                    report.victims_by_jurisdiction[j],
                ]
                for j in ReportJurisdiction
            ],
        ),
        heading(2, QCoreApplication.translate("CountyReportPdf", "Labor trafficking")),
        _table(
            [figure, count],
            [
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Children screened or identified"
                    ),
                    report.labor_children,
                ],
                *[
                    [labor_finding_label(f), report.labor_children_by_finding[f]]
                    for f in LaborFinding
                ],
                [
                    QCoreApplication.translate(
                        "CountyReportPdf", "Children newly identified in the period"
                    ),
                    report.labor_children_identified,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Screenings"),
                    report.labor_screenings,
                ],
            ],
        ),
    ]
    obligation_rows = [
        [
            obligation_label(kind),
            report.obligations_by_kind[kind].met_on_time,
            report.obligations_by_kind[kind].met_late,
            report.obligations_by_kind[kind].open_overdue,
            report.obligations_by_kind[kind].open_not_yet_due,
        ]
        for kind in ObligationKind
    ]
    total = report.obligations
    obligation_rows.append(
        [
            QCoreApplication.translate("CountyReportPdf", "All"),
            total.met_on_time,
            total.met_late,
            total.open_overdue,
            total.open_not_yet_due,
        ]
    )
    parts.append(
        heading(
            2,
            QCoreApplication.translate(
                "CountyReportPdf", "Follow-up obligations due in the period"
            ),
        )
    )
    parts.append(
        _chart(
            document,
            "obligations",
            BarChart(
                QCoreApplication.translate("CountyReportPdf", "Obligations met on time and late"),
                [row[0] for row in obligation_rows[:-1]],
                [
                    _series(
                        QCoreApplication.translate("CountyReportPdf", "On time"),
                        [r[1] for r in obligation_rows[:-1]],
                    ),
                    _series(
                        QCoreApplication.translate("CountyReportPdf", "Late"),
                        [r[2] for r in obligation_rows[:-1]],
                    ),
                    _series(
                        QCoreApplication.translate("CountyReportPdf", "Overdue"),
                        [r[3] for r in obligation_rows[:-1]],
                    ),
                ],
            ),
        )
    )
    parts.append(
        _table(
            [
                QCoreApplication.translate("CountyReportPdf", "Obligation"),
                QCoreApplication.translate("CountyReportPdf", "On time"),
                QCoreApplication.translate("CountyReportPdf", "Late"),
                QCoreApplication.translate("CountyReportPdf", "Open, overdue"),
                QCoreApplication.translate("CountyReportPdf", "Open, not due"),
            ],
            obligation_rows,
        )
    )
    parts.append(heading(2, QCoreApplication.translate("CountyReportPdf", "Education")))
    parts.append(
        _table(
            [
                QCoreApplication.translate("CountyReportPdf", "Figure"),
                QCoreApplication.translate("CountyReportPdf", "Count"),
            ],
            [
                [
                    QCoreApplication.translate("CountyReportPdf", "Youth risk-education sessions"),
                    report.sessions,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Youth reached"),
                    report.youth_reached,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Named youth reached"),
                    report.linked_youth_reached,
                ],
                [
                    QCoreApplication.translate("CountyReportPdf", "Anonymous attendees"),
                    report.anonymous_attendees,
                ],
            ],
        )
    )
    audiences = [
        [
            training_audience_label(a),
            report.trainings_by_audience[a].trainings,
            report.trainings_by_audience[a].attendees,
        ]
        for a in TrainingAudience
    ]
    parts.append(
        heading(2, QCoreApplication.translate("CountyReportPdf", "Caregiver and staff trainings"))
    )
    parts.append(
        _chart(
            document,
            "trainings",
            BarChart(
                QCoreApplication.translate("CountyReportPdf", "People trained by audience"),
                [row[0] for row in audiences],
                [
                    _series(
                        QCoreApplication.translate("CountyReportPdf", "People trained"),
                        [r[2] for r in audiences],
                    )
                ],
            ),
        )
    )
    parts.append(
        _table(
            [
                QCoreApplication.translate("CountyReportPdf", "Audience"),
                QCoreApplication.translate("CountyReportPdf", "Trainings"),
                QCoreApplication.translate("CountyReportPdf", "People trained"),
            ],
            audiences,
        )
    )
    parts.append(
        "<p class='note'>"
        + html.escape(
            QCoreApplication.translate(
                "CountyReportPdf",
                "Each child counts once, in the category of their latest identification in the "
                "period (else of their latest screening). Labor trafficking is counted apart. "
                "Screenings count once per screening and its addenda, in the period of the first "
                "one. Deadlines run from when the agency received the information. Youth reached "
                "counts each named youth once plus anonymous attendees.",
            )
        )
        + "</p>"
    )
    document.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return document


def county_report_pdf(report: CountyReport[Any]) -> bytes:
    return document_to_pdf(
        county_report_document(report),
        title=QCoreApplication.translate("CountyReportPdf", "CSEC Program report"),
    )


def county_report_file_name(report: CountyReport[Any], extension: str = "pdf") -> str:
    last_day = report.period_end - timedelta(days=1)
    kind = "published" if report.suppressed else "county"
    return (
        f"csec-program-report-{kind}-{report.period_start.isoformat()}-to-"
        f"{last_day.isoformat()}.{extension}"
    )
