"""The county CSEC Program report as CSV: one ``measure,key,value`` row per figure."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

from csec_desktop.domain import (
    CsecCategory,
    ObligationKind,
    RiskLevel,
    SessionAudience,
    TrainingAudience,
)
from csec_desktop.services.reports import (
    HIDDEN_MARKER,
    CountyReport,
    ObligationFigures,
    TrainingFigures,
)
from csec_desktop.sync.protocol import CountyReport as WireReport

UNDETERMINED = "undetermined"  # the key of the screenings in neither breakdown (as the server)
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
        ("identified_victims", "total", report.identified_victims),
        *[("screenings_by_category", c.value, report.by_category[c]) for c in CsecCategory],
        ("screenings_by_category", UNDETERMINED, report.undetermined),
        *[("screenings_by_risk_level", r.value, report.by_risk_level[r]) for r in RiskLevel],
        ("screenings_by_risk_level", UNDETERMINED, report.undetermined),
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


def figures_from_wire(report: WireReport, *, as_of: datetime) -> CountyReport[int | str]:
    """The server's report (``measure, key, value`` rows, see ``server/reports.py``) as the
    core's ``CountyReport``, so the app prints and exports a team or county report fetched from
    the server the same way as one computed from the vault. A count the server suppressed stays
    hidden (``HIDDEN_MARKER``: the server does not say whether it was a count of 1-10 or one
    hidden to protect such a count); the period becomes half-open again (``period_end`` + 1 day).
    """
    values: dict[tuple[str, str], int | str] = {
        (c.measure, c.key): (c.value if c.value is not None and not c.suppressed else HIDDEN_MARKER)
        for c in report.counts
    }

    def get(measure: str, key: str = "total") -> int | str:
        return values.get((measure, key), 0)

    def obligations(key: str) -> ObligationFigures[int | str]:
        return ObligationFigures[int | str](
            met_on_time=get("obligations_met_on_time", key),
            met_late=get("obligations_met_late", key),
            open_overdue=get("obligations_open_overdue", key),
            open_not_yet_due=get("obligations_open_not_yet_due", key),
        )

    return CountyReport[int | str](
        county=report.county if report.team is None else f"{report.county} ({report.team})",
        period_start=report.period_start,
        period_end=report.period_end + timedelta(days=1),
        as_of=as_of,
        suppressed=report.suppression,
        youth_screened=get("youth_screened"),
        screenings=get("screenings"),
        identified_victims=get("identified_victims"),
        undetermined=get("screenings_by_category", UNDETERMINED),
        by_category={c: get("screenings_by_category", c.value) for c in CsecCategory},
        by_risk_level={r: get("screenings_by_risk_level", r.value) for r in RiskLevel},
        obligations=obligations("total"),
        obligations_by_kind={k: obligations(k.value) for k in ObligationKind},
        sessions=get("education_sessions"),
        youth_reached=get("youth_reached"),
        # The server does not split youth reached into named and anonymous attendees.
        linked_youth_reached=get("linked_youth_reached"),
        anonymous_attendees=get("anonymous_attendees"),
        trainings=get("trainings"),
        trainings_by_audience={
            a: TrainingFigures[int | str](
                trainings=get("trainings_by_audience", a.value),
                attendees=get("people_trained_by_audience", a.value),
            )
            for a in TrainingAudience
        },
        sessions_by_audience={
            a: get("education_sessions_by_audience", a.value) for a in SessionAudience
        },
        youth_reached_by_audience={
            a: get("youth_reached_by_audience", a.value) for a in SessionAudience
        },
    )
