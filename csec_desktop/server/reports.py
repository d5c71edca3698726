"""County program figures for a period: children per W&IC 16501.45 category, labor trafficking
apart, obligations met on time or late, youth reached by education sessions and trainings by
audience. Aggregates only; never a name or a record id.

The rules of what is counted live in one place, ``csec_desktop.domain.reporting`` (the same model
the desktop computes), and the rows in another, ``domain.report_table`` (the same column list and
CSV writer the desktop uses): this module only reads the server's rows for the period, feeds them
to ``aggregate`` and publishes the result as the wire ``CountyReport`` (measure, key, value rows).
For the state analyst, counts from 1 to 10 are suppressed by the same ``suppress_small_counts``
the desktop's exports use, and sent as ``None`` with ``suppressed`` set. Zero is shown: it
reveals nobody. The county's own time zone and policy decide the period's bounds.

The server's period is inclusive (``start``..``end``), the core's is half-open: ``end`` + 1 day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, Select, select

from csec_desktop.domain import EducationSession, Training, utcnow
from csec_desktop.domain.base import STORED
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.report_table import figure_rows, report_csv
from csec_desktop.domain.reporting import (
    COUNTED_STATUSES,
    IdentificationFacts,
    ObligationFacts,
    ScreeningFacts,
    YouthFacts,
    aggregate,
    suppress_small_counts,
)
from csec_desktop.domain.reporting import CountyReport as Figures
from csec_desktop.server.feed import county_config
from csec_desktop.server.schema import records, users
from csec_desktop.sync.protocol import (
    POLICY_FIELDS,
    CountyReport,
    ReportCount,
    TeamObligation,
    TeamObligations,
)

_COUNTED = [status.value for status in COUNTED_STATUSES]
_CHUNK = 500  # ids per IN (...) query


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


def _identifications(
    conn: Connection, county_id: int, after: date, team: str | None
) -> list[IdentificationFacts]:
    """The identifications received before the period ends (earlier ones too: "identified
    more than once" looks back). Dated by the UTC day received, so one day more is read."""
    query = _query(conn, county_id, "identification", team).where(
        records.c.record_date <= after + timedelta(days=1)
    )
    return _parse(IdentificationFacts, (row.payload for row in conn.execute(query)))


def _youth(
    conn: Connection, county_id: int, wanted: set[UUID], team: str | None
) -> list[YouthFacts]:
    """The youth records of the children counted (for their jurisdiction)."""
    found: list[YouthFacts] = []
    ids = sorted(wanted, key=str)
    for first in range(0, len(ids), _CHUNK):
        query = _query(conn, county_id, "youth", None).where(
            records.c.record_id.in_(ids[first : first + _CHUNK])
        )
        found += _parse(YouthFacts, (row.payload for row in conn.execute(query)))
    return found


def county_policy(conn: Connection, county_id: int) -> CountyPolicy:
    """The county's policy as it set it (its time zone bounds the report's days)."""
    config = county_config(conn, county_id)
    return CountyPolicy.model_validate(config.model_dump(include=set(POLICY_FIELDS)))


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
    policy = policy or county_policy(conn, county_id)
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
    screenings = _screenings(conn, county_id, start, end, team)
    identifications = _identifications(conn, county_id, after, team)
    counted = {s.youth_id for s in screenings} | {i.youth_id for i in identifications}
    return aggregate(
        start=start,
        end=after,
        as_of=utcnow(),
        policy=policy,
        screenings=screenings,
        identifications=identifications,
        youth=_youth(conn, county_id, counted, team),
        obligations=obligations,
        sessions=_in_period(
            conn, county_id, "education_session", start, end, team, EducationSession
        ),
        trainings=_in_period(conn, county_id, "training", start, end, team, Training),
        county=county,
    )


def published_figures(
    conn: Connection,
    *,
    county_id: int,
    county: str,
    start: date,
    end: date,
    team: str | None = None,
    suppress: bool = False,
) -> Figures[Any]:
    """The figures as they are published: exact, or with small counts suppressed."""
    figures = county_figures(
        conn, county_id=county_id, county=county, start=start, end=end, team=team
    )
    return suppress_small_counts(figures) if suppress else figures


def to_wire(figures: Figures[Any], *, team: str | None) -> CountyReport:
    """Published figures as the wire report (``domain.report_table``'s rows)."""
    counts = []
    for measure, key, value in figure_rows(figures):
        secret = not isinstance(value, int)
        counts.append(
            ReportCount(
                measure=measure, key=key, value=None if secret else value, suppressed=secret
            )
        )
    return CountyReport(
        county=figures.county or "",
        period_start=figures.period_start,
        period_end=figures.period_end - timedelta(days=1),
        team=team,
        suppression=figures.suppressed,
        counts=counts,
    )


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
    """The wire report for ``start``..``end`` (inclusive)."""
    figures = published_figures(
        conn, county_id=county_id, county=county, start=start, end=end, team=team,
        suppress=suppress,
    )  # fmt: skip
    return to_wire(figures, team=team)


def figures_csv(figures: Figures[Any]) -> str:
    """Published figures as CSV: the one CSV writer the desktop uses too."""
    return report_csv(figures)


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
        "identifications": by_type["identification"],
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
        if (
            obligation is None
            or obligation.done_at is not None
            or obligation.voided_at is not None
            or obligation.due_at > horizon
        ):
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
