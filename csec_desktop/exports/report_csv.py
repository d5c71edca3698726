"""The county CSEC Program report as CSV: one ``measure,key,value`` row per figure."""

from __future__ import annotations

import csv
import io
from typing import Any

from csec_desktop.domain import (
    CsecCategory,
    ObligationKind,
    RiskLevel,
    SessionAudience,
    TrainingAudience,
)
from csec_desktop.services.reports import CountyReport, ObligationFigures

CSV_HEADER = ("county", "period_start", "period_end", "measure", "key", "value", "suppressed")


def _obligation_rows(key: str, figures: ObligationFigures[Any]) -> list[tuple[str, str, Any]]:
    return [
        ("obligations_met_on_time", key, figures.met_on_time),
        ("obligations_met_late", key, figures.met_late),
        ("obligations_open_overdue", key, figures.open_overdue),
        ("obligations_open_not_yet_due", key, figures.open_not_yet_due),
    ]


def report_rows(report: CountyReport[Any]) -> list[tuple[str, str, Any]]:
    """``(measure, key, value)`` for every figure, in a fixed order (CSV, PDF tables)."""
    return [
        ("youth_screened", "total", report.youth_screened),
        ("screenings", "total", report.screenings),
        *[("screenings_by_category", c.value, report.by_category[c]) for c in CsecCategory],
        *[("screenings_by_risk_level", r.value, report.by_risk_level[r]) for r in RiskLevel],
        *_obligation_rows("total", report.obligations),
        *[
            row
            for kind in ObligationKind
            for row in _obligation_rows(kind.value, report.obligations_by_kind[kind])
        ],
        ("education_sessions", "total", report.sessions),
        ("youth_reached", "total", report.youth_reached),
        *[
            ("education_sessions_by_audience", a.value, report.sessions_by_audience.get(a, 0))
            for a in SessionAudience
        ],
        ("trainings", "total", report.trainings),
        *[
            ("trainings_by_audience", a.value, report.trainings_by_audience[a].trainings)
            for a in TrainingAudience
        ],
        *[
            ("people_trained_by_audience", a.value, report.trainings_by_audience[a].attendees)
            for a in TrainingAudience
        ],
    ]


def county_report_csv(report: CountyReport[Any]) -> bytes:
    """The report as UTF-8 CSV. Pass a suppressed report for anything leaving the county: a
    hidden count shows as an empty value with ``suppressed`` = ``yes``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for measure, key, value in report_rows(report):
        hidden = not isinstance(value, int)
        writer.writerow(
            [
                report.county or "",
                report.period_start.isoformat(),
                report.period_end.isoformat(),
                measure,
                key,
                "" if hidden else value,
                "yes" if hidden else "no",
            ]
        )
    return out.getvalue().encode("utf-8")
