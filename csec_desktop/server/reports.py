"""County program figures for a period: W&IC 16501.45 categories, risk levels, obligations met on
time or late, youth reached by education sessions and trainings by audience. Aggregates only;
never a name or a record id.

The rules of what is counted live in one place, ``csec_desktop.domain.reporting``: this module
only reads the server's rows for the period, feeds them to ``aggregate`` and publishes the result
as the wire ``CountyReport`` (measure, key, value rows). For the state analyst, counts from 1 to 10
are suppressed by the same ``suppress_small_counts`` the desktop's exports use, and sent as
``None`` with ``suppressed`` set. Zero is shown: it reveals nobody.

The server's period is inclusive (``start``..``end``), the core's is half-open: ``end`` + 1 day.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Select, select

from csec_desktop.domain import (
    CsecCategory,
    EducationSession,
    ObligationKind,
    RiskLevel,
    SessionAudience,
    Training,
    TrainingAudience,
    utcnow,
)
from csec_desktop.domain.base import STORED
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import (
    COUNTED_STATUSES,
    ObligationFacts,
    ObligationFigures,
    ScreeningFacts,
    aggregate,
    suppress_small_counts,
)
from csec_desktop.domain.reporting import CountyReport as Figures
from csec_desktop.server.schema import records, users
from csec_desktop.sync.protocol import CountyReport, ReportCount, TeamObligation, TeamObligations

UNDETERMINED = "undetermined"
_COUNTED = [status.value for status in COUNTED_STATUSES]


def _query(
    conn: Connection, county_id: int, record_type: str, team: str | None
) -> Select[tuple[Any, ...]]:
    query = select(records.c.payload, records.c.record_id).where(
        records.c.county_id == county_id, records.c.record_type == record_type
    )
    if team is not None:
        query = query.join(users, users.c.id == records.c.owner_user_id).where(users.c.team == team)
    return query


def _parse(model: type[Any], payloads: Iterable[Any]) -> list[Any]:
    parsed = []
    for payload in payloads:
        try:
            parsed.append(model.model_validate(payload, context=STORED))
        except ValidationError:
            continue  # the push validated it; a row that no longer parses is not a figure
    return parsed


def _in_period(
    conn: Connection,
    county_id: int,
    record_type: str,
    first: date,
    last: date,
    team: str | None,
    model: type[BaseModel],
) -> list[Any]:
    query = _query(conn, county_id, record_type, team).where(
        records.c.record_date >= first, records.c.record_date <= last
    )
    return _parse(model, (row.payload for row in conn.execute(query)))


def _screenings(
    conn: Connection, county_id: int, start: date, end: date, team: str | None
) -> list[ScreeningFacts]:
    """Counted screenings of the period, the later addenda of their chains and the screenings
    earlier addenda amend (see ``ReportService._screenings``, which reads the same set)."""
    counted = _query(conn, county_id, "screening", team).where(records.c.status.in_(_COUNTED))
    found: dict[UUID, ScreeningFacts] = {
        s.id: s
        for s in _parse(
            ScreeningFacts,
            (
                row.payload
                for row in conn.execute(
                    counted.where(records.c.record_date >= start, records.c.record_date <= end)
                )
            ),
        )
    }
    later = counted.where(
        records.c.record_date > end, records.c.payload["amends_id"].as_string().is_not(None)
    )
    for screening in _parse(ScreeningFacts, (row.payload for row in conn.execute(later))):
        found[screening.id] = screening
    wanted = {s.amends_id for s in found.values() if s.amends_id is not None} - set(found)
    while wanted:
        amended = wanted.pop()
        row = conn.execute(
            _query(conn, county_id, "screening", team).where(records.c.record_id == amended)
        ).first()
        if row is None:
            continue
        for screening in _parse(ScreeningFacts, [row.payload]):
            found[screening.id] = screening
            if screening.amends_id is not None and screening.amends_id not in found:
                wanted.add(screening.amends_id)
    return [s for s in found.values() if s.status in COUNTED_STATUSES]


def county_figures(
    conn: Connection,
    *,
    county_id: int,
    county: str,
    start: date,
    end: date,
    team: str | None = None,
    policy: CountyPolicy | None = None,
) -> Figures[int]:
    """The core's figures for ``start``..``end`` (inclusive), from the server's rows."""
    policy = policy or CountyPolicy()
    after = end + timedelta(days=1)
    # Obligations are dated by their UTC due date; the county's day can straddle two of them.
    obligations = _in_period(
        conn,
        county_id,
        "obligation",
        start - timedelta(days=1),
        after,
        team,
        ObligationFacts,
    )
    return aggregate(
        start=start,
        end=after,
        as_of=utcnow(),
        policy=policy,
        screenings=_screenings(conn, county_id, start, end, team),
        obligations=obligations,
        sessions=_in_period(
            conn, county_id, "education_session", start, end, team, EducationSession
        ),
        trainings=_in_period(conn, county_id, "training", start, end, team, Training),
        county=county,
    )


def _keys(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


def _obligation_rows(kind: str, figures: ObligationFigures[Any]) -> list[tuple[str, str, Any]]:
    return [
        ("obligations_met_on_time", kind, figures.met_on_time),
        ("obligations_met_late", kind, figures.met_late),
        ("obligations_open_overdue", kind, figures.open_overdue),
        ("obligations_open_not_yet_due", kind, figures.open_not_yet_due),
    ]


def figure_rows(figures: Figures[Any]) -> list[tuple[str, str, Any]]:
    """``(measure, key, value)`` rows of a report, in a stable order (the wire and CSV layout).

    ``figures`` is what is published: the exact figures, or them after ``suppress_small_counts``
    (small counts hidden, and any count that would give one away by subtraction).
    """
    return [
        ("screenings", "total", figures.screenings),
        ("youth_screened", "total", figures.youth_screened),
        ("identified_victims", "total", figures.identified_victims),
        *[("screenings_by_category", c.value, figures.by_category[c]) for c in CsecCategory],
        ("screenings_by_category", UNDETERMINED, figures.undetermined),
        *[("screenings_by_risk_level", r.value, figures.by_risk_level[r]) for r in RiskLevel],
        ("screenings_by_risk_level", UNDETERMINED, figures.undetermined),
        *_obligation_rows("total", figures.obligations),
        *[
            row
            for kind in ObligationKind
            for row in _obligation_rows(kind.value, figures.obligations_by_kind[kind])
        ],
        ("education_sessions", "total", figures.sessions),
        ("youth_reached", "total", figures.youth_reached),
        ("linked_youth_reached", "total", figures.linked_youth_reached),
        ("anonymous_attendees", "total", figures.anonymous_attendees),
        *[
            ("education_sessions_by_audience", a.value, figures.sessions_by_audience.get(a, 0))
            for a in SessionAudience
        ],
        *[
            ("youth_reached_by_audience", a.value, figures.youth_reached_by_audience.get(a, 0))
            for a in SessionAudience
        ],
        ("trainings", "total", figures.trainings),
        *[
            ("trainings_by_audience", a.value, figures.trainings_by_audience[a].trainings)
            for a in TrainingAudience
        ],
        *[
            ("people_trained_by_audience", a.value, figures.trainings_by_audience[a].attendees)
            for a in TrainingAudience
        ],
    ]


def build_report(
    conn: Connection,
    *,
    county_id: int,
    county: str,
    start: date,
    end: date,
    team: str | None = None,
    suppress: bool = False,
) -> CountyReport:
    figures = county_figures(
        conn, county_id=county_id, county=county, start=start, end=end, team=team
    )
    return published_report(
        suppress_small_counts(figures) if suppress else figures, county, start, end, team
    )


def published_report(
    figures: Figures[Any], county: str, start: date, end: date, team: str | None = None
) -> CountyReport:
    """The wire report of ``figures`` (exact, or suppressed: then hidden counts are None)."""
    rows = figure_rows(figures)
    counts = []
    for measure, key, value in rows:
        secret = not isinstance(value, int)
        counts.append(
            ReportCount(
                measure=measure, key=key, value=None if secret else value, suppressed=secret
            )
        )
    return CountyReport(
        county=county,
        period_start=start,
        period_end=end,
        team=team,
        suppression=figures.suppressed,
        counts=counts,
    )


def report_csv(report: CountyReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["county", "period_start", "period_end", "measure", "key", "value", "suppressed"]
    )
    for count in report.counts:
        writer.writerow(
            [
                report.county,
                report.period_start.isoformat(),
                report.period_end.isoformat(),
                count.measure,
                count.key,
                "" if count.value is None else count.value,
                "yes" if count.suppressed else "no",
            ]
        )
    return out.getvalue()


def county_summary(conn: Connection, county_id: int) -> dict[str, object]:
    """Record counts of one county (for IT: is data arriving?). No personal data."""
    by_type: Counter[str] = Counter()
    screenings_by_status: Counter[str] = Counter()
    for row in conn.execute(
        select(records.c.record_type, records.c.status).where(records.c.county_id == county_id)
    ):
        by_type[row.record_type] += 1
        if row.record_type == "screening":
            screenings_by_status[str(row.status)] += 1
    return {
        "youth": by_type["youth"],
        "screenings": by_type["screening"],
        "screenings_by_status": dict(sorted(screenings_by_status.items())),
        "education_sessions": by_type["education_session"],
        "trainings": by_type["training"],
    }


class _OpenObligation(ObligationFacts):
    youth_id: UUID


TEAM_OBLIGATIONS_LIMIT = 500


def team_open_obligations(
    conn: Connection, county_id: int, team: str | None, now: datetime
) -> TeamObligations:
    """The team's obligations not yet done, due from a year ago to 31 days ahead, earliest
    first (so the overdue lead): what a supervisor chases. (Accounts refuse a
    supervisor without a team; were one to exist, it would see nobody's, not the team-less.)"""
    if team is None:
        return TeamObligations(obligations=[], limit=TEAM_OBLIGATIONS_LIMIT)
    today = now.astimezone(UTC).date()
    query = (
        select(records.c.payload, users.c.username)
        .join(users, users.c.id == records.c.owner_user_id)
        .where(
            records.c.county_id == county_id,
            records.c.record_type == "obligation",
            users.c.team == team,
            records.c.record_date >= today - timedelta(days=366),
            records.c.record_date <= today + timedelta(days=32),
        )
    )
    found = []
    horizon = now + timedelta(days=31)
    for row in conn.execute(query):
        [obligation] = _parse(_OpenObligation, [row.payload]) or [None]
        if obligation is None or obligation.done_at is not None or obligation.due_at > horizon:
            continue
        found.append(
            TeamObligation(
                obligation_id=obligation.id,
                kind=obligation.kind.value,
                due_at=obligation.due_at,
                caseworker=row.username,
                youth_id=obligation.youth_id,
            )
        )
    found.sort(key=lambda o: (o.due_at, str(o.obligation_id)))
    return TeamObligations(obligations=found[:TEAM_OBLIGATIONS_LIMIT], limit=TEAM_OBLIGATIONS_LIMIT)
