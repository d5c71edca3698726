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

from csec_desktop.domain import CsecCategory, ObligationKind, RiskLevel, TrainingAudience
from csec_desktop.gui.education.labels import training_audience_label
from csec_desktop.gui.printing.charts import BarChart, Series, chart_image
from csec_desktop.gui.printing.pdf import document_to_pdf
from csec_desktop.gui.screening.labels import category_label, obligation_label, risk_label
from csec_desktop.services.reports import CountyReport

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


def tr(text: str) -> str:
    return QCoreApplication.translate("CountyReportPdf", text)


def _number(value: Any) -> str:
    return str(value) if isinstance(value, int) else tr("1-10 (hidden)")


def _value(value: Any) -> int | None:
    return value if isinstance(value, int) else None


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
        f"<h1>{html.escape(tr('CSEC Program report'))}</h1>",
        "<p>"
        + html.escape(
            tr("County: %1 · Period: %2 to %3 · As of %4")
            .replace("%1", report.county or tr("(not set)"))
            .replace("%2", report.period_start.isoformat())
            .replace("%3", last_day.isoformat())
            .replace("%4", report.as_of.date().isoformat())
        )
        + "</p>",
    ]
    if report.suppressed:
        parts.append(
            "<p class='note'>"
            + html.escape(
                tr(
                    "Counts from 1 to 10 are hidden because this report leaves the county. "
                    "Zero is shown."
                )
            )
            + "</p>"
        )
    parts += [
        f"<h2>{html.escape(tr('Screenings'))}</h2>",
        _table(
            [tr("Figure"), tr("Count")],
            [
                [tr("Youth screened"), report.youth_screened],
                [tr("Screenings"), report.screenings],
            ],
        ),
    ]
    categories = [(category_label(c), report.by_category[c]) for c in CsecCategory]
    parts.append(f"<h2>{html.escape(tr('W&IC 16501.45 categories'))}</h2>")
    parts.append(
        _chart(
            document,
            "categories",
            BarChart(
                tr("Screenings by category"),
                [label for label, _ in categories],
                [Series(tr("Screenings"), [_value(v) for _, v in categories])],
            ),
        )
    )
    parts.append(_table([tr("Category"), tr("Screenings")], categories))
    risks = [(risk_label(r), report.by_risk_level[r]) for r in RiskLevel]
    parts.append(f"<h2>{html.escape(tr('Risk levels'))}</h2>")
    parts.append(
        _chart(
            document,
            "risks",
            BarChart(
                tr("Screenings by risk level"),
                [label for label, _ in risks],
                [Series(tr("Screenings"), [_value(v) for _, v in risks])],
            ),
        )
    )
    parts.append(_table([tr("Risk level"), tr("Screenings")], risks))
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
        [tr("All"), total.met_on_time, total.met_late, total.open_overdue, total.open_not_yet_due]
    )
    parts.append(f"<h2>{html.escape(tr('Follow-up obligations due in the period'))}</h2>")
    parts.append(
        _chart(
            document,
            "obligations",
            BarChart(
                tr("Obligations met on time and late"),
                [row[0] for row in obligation_rows[:-1]],
                [
                    Series(tr("On time"), [_value(r[1]) for r in obligation_rows[:-1]]),
                    Series(tr("Late"), [_value(r[2]) for r in obligation_rows[:-1]]),
                    Series(tr("Overdue"), [_value(r[3]) for r in obligation_rows[:-1]]),
                ],
            ),
        )
    )
    parts.append(
        _table(
            [tr("Obligation"), tr("On time"), tr("Late"), tr("Open, overdue"), tr("Open, not due")],
            obligation_rows,
        )
    )
    parts.append(f"<h2>{html.escape(tr('Education'))}</h2>")
    parts.append(
        _table(
            [tr("Figure"), tr("Count")],
            [
                [tr("Youth risk-education sessions"), report.sessions],
                [tr("Youth reached"), report.youth_reached],
                [tr("Named youth reached"), report.linked_youth_reached],
                [tr("Anonymous attendees"), report.anonymous_attendees],
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
    parts.append(f"<h2>{html.escape(tr('Caregiver and staff trainings'))}</h2>")
    parts.append(
        _chart(
            document,
            "trainings",
            BarChart(
                tr("People trained by audience"),
                [row[0] for row in audiences],
                [Series(tr("People trained"), [_value(r[2]) for r in audiences])],
            ),
        )
    )
    parts.append(_table([tr("Audience"), tr("Trainings"), tr("People trained")], audiences))
    parts.append(
        "<p class='note'>"
        + html.escape(
            tr(
                "Screenings count once per screening and its addenda, in the period of the "
                "first one. Youth reached counts each named youth once plus anonymous attendees."
            )
        )
        + "</p>"
    )
    document.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return document


def county_report_pdf(report: CountyReport[Any]) -> bytes:
    return document_to_pdf(county_report_document(report), title=tr("CSEC Program report"))


def county_report_file_name(report: CountyReport[Any], extension: str = "pdf") -> str:
    last_day = report.period_end - timedelta(days=1)
    kind = "published" if report.suppressed else "county"
    return (
        f"csec-program-report-{kind}-{report.period_start.isoformat()}-to-"
        f"{last_day.isoformat()}.{extension}"
    )
