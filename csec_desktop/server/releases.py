"""The state analyst's reports: fixed periods, suppressed once and frozen (``report_releases``).

``domain/suppression.py`` says why and how. Here: a year is released only after its four
quarters (each released first, if nobody asked for it yet), every release is computed from the
county's records at that moment and then never recomputed, and two analysts asking at once both
get the one release that was stored first.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from csec_desktop.domain import utcnow
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import CountyReport as Figures
from csec_desktop.domain.suppression import RELEASE_AFTER_DAYS, Period, publish_period
from csec_desktop.server.reports import county_figures
from csec_desktop.server.schema import report_releases


class NotReleasable(ValueError):
    """A period the analyst cannot have yet (or ever); the message says which and when."""


def county_today(now: datetime | None = None, policy: CountyPolicy | None = None) -> date:
    return (now or utcnow()).astimezone((policy or CountyPolicy()).zone).date()


def release(
    conn: Connection, *, county_id: int, county: str, period: Period, today: date
) -> Figures[int | str]:
    """The frozen, suppressed figures of ``period`` (released now if they were not yet)."""
    if not period.released_by(today):
        ready = period.end + timedelta(days=RELEASE_AFTER_DAYS)
        raise NotReleasable(
            f"{period.id} is published from {ready.isoformat()}, once it is closed and settled"
        )
    return _released_figures(conn, county_id, county, period)


def _stored(conn: Connection, county_id: int, period: Period) -> Figures[int | str] | None:
    row = conn.execute(
        select(report_releases.c.report).where(
            report_releases.c.county_id == county_id, report_releases.c.period == period.id
        )
    ).first()
    return None if row is None else Figures[int | str].model_validate(row.report)


def _released_figures(
    conn: Connection, county_id: int, county: str, period: Period
) -> Figures[int | str]:
    stored = _stored(conn, county_id, period)
    if stored is not None:
        return stored
    parts = [_released_figures(conn, county_id, county, q) for q in period.quarters()]
    exact = county_figures(
        conn,
        county_id=county_id,
        county=county,
        start=period.start,
        end=period.end - timedelta(days=1),
    )
    published = publish_period(exact, parts)
    savepoint = conn.begin_nested()
    try:
        conn.execute(
            report_releases.insert().values(
                county_id=county_id,
                period=period.id,
                report=published.model_dump(mode="json"),
                released_at=utcnow(),
            )
        )
        savepoint.commit()
    except IntegrityError:
        savepoint.rollback()  # another request released it first: that one is the release
        found = _stored(conn, county_id, period)
        assert found is not None
        return found
    return published
