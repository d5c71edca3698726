"""The county report as rows: the one column list and the one CSV writer.

Every place that lays the report out as rows uses :data:`ROWS`: the desktop's CSV export, the
server's wire report (``measure, key, value``) and its CSV, and reading a server report back into
the model (:func:`report_from_rows`). So the desktop and the server can never list different rows.

The CSV has one row per figure: ``county, period_start, period_end, measure, key, value,
suppressed``. ``period_end`` is the **last day** of the period (inclusive, as people read "1 July
to 30 September"); the model's ``period_end`` is the day after. A hidden count (a report that
leaves the county, see ``suppress_small_counts``) is an empty value with ``suppressed`` = ``yes``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from csec_desktop.domain.education import SessionAudience, TrainingAudience
from csec_desktop.domain.obligation import ObligationKind
from csec_desktop.domain.reporting import (
    HIDDEN_MARKER,
    CountyReport,
    ReportJurisdiction,
)
from csec_desktop.domain.screening import CsecCategory, LaborFinding, RiskLevel

CSV_HEADER = ("county", "period_start", "period_end", "measure", "key", "value", "suppressed")
TOTAL = "total"

Path = tuple[Any, ...]
Row = tuple[str, str, Path]  # (measure, key, the count's place in the model)

_OBLIGATION_FIELDS = ("met_on_time", "met_late", "open_overdue", "open_not_yet_due")


def _breakdown(measure: str, field: str, keys: type[StrEnum]) -> list[Row]:
    return [(measure, key.value, (field, key)) for key in keys]


def _rows() -> list[Row]:
    rows: list[Row] = [
        ("children", TOTAL, ("children",)),
        *_breakdown("children_by_category", "children_by_category", CsecCategory),
        ("victim_children", TOTAL, ("victim_children",)),
        *_breakdown("children_by_jurisdiction", "children_by_jurisdiction", ReportJurisdiction),
        *_breakdown("victims_by_jurisdiction", "victims_by_jurisdiction", ReportJurisdiction),
        ("children_identified", TOTAL, ("children_identified",)),
        ("children_identified_more_than_once", TOTAL, ("children_identified_more_than_once",)),
        ("eligible_children", TOTAL, ("eligible_children",)),
        ("children_screened", TOTAL, ("children_screened",)),
        *_breakdown("children_by_risk_level", "children_by_risk_level", RiskLevel),
        ("screenings", TOTAL, ("screenings",)),
        ("labor_children", TOTAL, ("labor_children",)),
        *_breakdown("labor_children_by_finding", "labor_children_by_finding", LaborFinding),
        ("labor_children_identified", TOTAL, ("labor_children_identified",)),
        ("labor_screenings", TOTAL, ("labor_screenings",)),
    ]
    for field in _OBLIGATION_FIELDS:
        rows.append((f"obligations_{field}", TOTAL, ("obligations", field)))
        rows += [
            (f"obligations_{field}", kind.value, ("obligations_by_kind", kind, field))
            for kind in ObligationKind
        ]
    rows += [
        ("education_sessions", TOTAL, ("sessions",)),
        *_breakdown("education_sessions_by_audience", "sessions_by_audience", SessionAudience),
        ("youth_reached", TOTAL, ("youth_reached",)),
        ("linked_youth_reached", TOTAL, ("linked_youth_reached",)),
        ("anonymous_attendees", TOTAL, ("anonymous_attendees",)),
        *_breakdown("youth_reached_by_audience", "youth_reached_by_audience", SessionAudience),
        ("trainings", TOTAL, ("trainings",)),
        *[
            ("trainings_by_audience", a.value, ("trainings_by_audience", a, "trainings"))
            for a in TrainingAudience
        ],
        *[
            ("people_trained_by_audience", a.value, ("trainings_by_audience", a, "attendees"))
            for a in TrainingAudience
        ],
    ]
    return rows


ROWS: tuple[Row, ...] = tuple(_rows())


def _value(report: CountyReport[Any], path: Path) -> Any:
    value: Any = report
    for part in path:
        value = value.get(part, 0) if isinstance(value, dict) else getattr(value, part)
    return value


def figure_rows(report: CountyReport[Any]) -> list[tuple[str, str, Any]]:
    """``(measure, key, value)`` for every figure, in the fixed order of :data:`ROWS`."""
    return [(measure, key, _value(report, path)) for measure, key, path in ROWS]


def last_day(report: CountyReport[Any]) -> date:
    """The period's last day (the model's ``period_end`` is the day after it)."""
    return report.period_end - timedelta(days=1)


def report_csv(report: CountyReport[Any]) -> str:
    """The report as CSV text (see the module docstring). Pass the suppressed report for
    anything leaving the county."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for measure, key, value in figure_rows(report):
        hidden = not isinstance(value, int)
        writer.writerow(
            [
                report.county or "",
                report.period_start.isoformat(),
                last_day(report).isoformat(),
                measure,
                key,
                "" if hidden else value,
                "yes" if hidden else "no",
            ]
        )
    return out.getvalue()


def report_from_rows(
    values: Mapping[tuple[str, str], int | None],
    *,
    county: str | None,
    period_start: date,
    last: date,
    as_of: datetime,
    suppressed: bool,
) -> CountyReport[int | str]:
    """The model from ``(measure, key) → value`` rows (a server's wire report). A value of None
    (hidden by the server) stays hidden (``HIDDEN_MARKER``); a row the sender did not list
    (a server of another release) is 0."""
    data: dict[str, Any] = {
        "county": county,
        "period_start": period_start,
        "period_end": last + timedelta(days=1),
        "as_of": as_of,
        "suppressed": suppressed,
    }
    for measure, key, path in ROWS:
        found = values.get((measure, key), 0)
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = HIDDEN_MARKER if found is None else found
    return CountyReport[int | str].model_validate(data)


__all__ = [
    "CSV_HEADER",
    "ROWS",
    "TOTAL",
    "figure_rows",
    "last_day",
    "report_csv",
    "report_from_rows",
]
