"""County program figures for a period: W&IC 16501.45 categories, risk levels, youth reached by
education sessions and trainings by audience. Aggregates only; never a name or a record id.

For the state analyst, counts from 1 to 10 are suppressed (shown as ``None``) so that a small count
cannot point at a person. Zero is shown: it reveals nobody.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection, select

from csec_desktop.domain import CsecCategory, RiskLevel, SessionAudience, TrainingAudience
from csec_desktop.server.schema import records, users
from csec_desktop.sync.protocol import CountyReport, ReportCount

SUPPRESS_MIN, SUPPRESS_MAX = 1, 10
UNDETERMINED = "undetermined"


def _rows(
    conn: Connection, county_id: int, record_type: str, start: date, end: date, team: str | None
) -> list[dict[str, object]]:
    query = select(records.c.payload, records.c.status).where(
        records.c.county_id == county_id,
        records.c.record_type == record_type,
        records.c.record_date >= start,
        records.c.record_date <= end,
    )
    if team is not None:
        query = query.join(users, users.c.id == records.c.owner_user_id).where(users.c.team == team)
    return [row.payload for row in conn.execute(query) if row.status != "draft"]


def _counts(measure: str, keys: list[str], counter: Counter[str]) -> list[tuple[str, str, int]]:
    extra = sorted(set(counter) - set(keys))
    return [(measure, key, counter.get(key, 0)) for key in [*keys, *extra]]


def _keys(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


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
    screenings = _rows(conn, county_id, "screening", start, end, team)
    categories: Counter[str] = Counter()
    risks: Counter[str] = Counter()
    for payload in screenings:
        determination = payload.get("determination")
        found = determination if isinstance(determination, dict) else {}
        categories[str(found.get("category", UNDETERMINED))] += 1
        risks[str(found.get("risk_level", UNDETERMINED))] += 1
    victims = sum(categories[c.value] for c in CsecCategory if c.is_victim)

    sessions = _rows(conn, county_id, "education_session", start, end, team)
    sessions_by_audience: Counter[str] = Counter()
    youth_by_audience: Counter[str] = Counter()
    for payload in sessions:
        audience = str(payload.get("audience"))
        attendees = payload.get("attendee_youth_ids")
        anonymous = payload.get("anonymous_attendee_count")
        reached = (len(attendees) if isinstance(attendees, list) else 0) + (
            anonymous if isinstance(anonymous, int) else 0
        )
        sessions_by_audience[audience] += 1
        youth_by_audience[audience] += reached

    trainings = _rows(conn, county_id, "training", start, end, team)
    trainings_by_audience: Counter[str] = Counter()
    trained_by_audience: Counter[str] = Counter()
    for payload in trainings:
        audience = str(payload.get("audience_type"))
        count = payload.get("attendee_count")
        trainings_by_audience[audience] += 1
        trained_by_audience[audience] += count if isinstance(count, int) else 0

    figures = [
        ("screenings", "total", len(screenings)),
        ("identified_victims", "total", victims),
        *_counts("screenings_by_category", [*_keys(CsecCategory), UNDETERMINED], categories),
        *_counts("screenings_by_risk_level", [*_keys(RiskLevel), UNDETERMINED], risks),
        ("education_sessions", "total", len(sessions)),
        ("youth_reached", "total", sum(youth_by_audience.values())),
        *_counts("education_sessions_by_audience", _keys(SessionAudience), sessions_by_audience),
        *_counts("youth_reached_by_audience", _keys(SessionAudience), youth_by_audience),
        ("trainings", "total", len(trainings)),
        *_counts("trainings_by_audience", _keys(TrainingAudience), trainings_by_audience),
        *_counts("people_trained_by_audience", _keys(TrainingAudience), trained_by_audience),
    ]
    counts = []
    for measure, key, value in figures:
        hidden = suppress and SUPPRESS_MIN <= value <= SUPPRESS_MAX
        counts.append(
            ReportCount(
                measure=measure, key=key, value=None if hidden else value, suppressed=hidden
            )
        )
    return CountyReport(
        county=county,
        period_start=start,
        period_end=end,
        team=team,
        suppression=suppress,
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
