"""What the youth list shows beside each name, read in one query for the rows on screen: the date
and risk level of the latest screening that left draft, open and overdue obligations, and
whether the youth is missing from care now. And what Today lists: open obligations, screenings
to finish and open missing episodes, each read without parsing what is done or closed.

Read from the stored records' columns and JSON (``json_extract``), so no screening or obligation
is parsed into a model just to be counted. Each column is a lookup by youth (``INDEXED BY
records_by_youth``: without statistics SQLite walked every record of the type for each youth, 4 ms
a youth). Runs on the database lane (``Store`` calls it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from csec_desktop.domain.base import STORED
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.obligation import Obligation
from csec_desktop.domain.youth import Youth


@dataclass(frozen=True)
class YouthFacts:
    """The caseload columns of one youth (``risk_level`` as its stored value, or None)."""

    last_screening: date | None = None
    risk_level: str | None = None
    open_obligations: int = 0
    overdue_obligations: int = 0
    missing_now: bool = False


_FACTS = """
SELECT y.id,
    (SELECT max(s.event_date) FROM records s INDEXED BY records_by_youth
        WHERE s.youth_id = y.id AND s.record_type = 'screening' AND s.status != 'draft'),
    (SELECT coalesce(json_extract(s.body, '$.determination.risk_level'),
                     json_extract(s.body, '$.result.risk_level'))
        FROM records s INDEXED BY records_by_youth
        WHERE s.youth_id = y.id AND s.record_type = 'screening' AND s.status != 'draft'
        ORDER BY s.event_date DESC, s.updated_at DESC LIMIT 1),
    (SELECT count(*) FROM records o INDEXED BY records_by_youth
        WHERE o.youth_id = y.id AND o.record_type = 'obligation'
        AND json_extract(o.body, '$.done_at') IS NULL),
    (SELECT count(*) FROM records o INDEXED BY records_by_youth
        WHERE o.youth_id = y.id AND o.record_type = 'obligation'
        AND json_extract(o.body, '$.done_at') IS NULL AND o.event_date < ?),
    (SELECT count(*) FROM records m INDEXED BY records_by_youth
        WHERE m.youth_id = y.id AND m.record_type = 'missing_episode'
        AND json_extract(m.body, '$.ended_at') IS NULL)
FROM youth_index y WHERE y.id IN ({marks})
"""


def facts(conn: Any, youth_ids: list[str], now: datetime) -> dict[str, YouthFacts]:
    """The facts of each youth id given (ids as text); youth without any record get none."""
    found: dict[str, YouthFacts] = {}
    now_text = now.astimezone(UTC).isoformat()
    for start in range(0, len(youth_ids), 500):  # SQLite's limit on ? in one statement
        chunk = youth_ids[start : start + 500]
        sql = _FACTS.format(marks=", ".join("?" * len(chunk)))
        for row in conn.execute(sql, [now_text, *chunk]):
            youth_id, last, risk, open_count, overdue, missing = row
            found[youth_id] = YouthFacts(
                last_screening=date.fromisoformat(last) if last else None,
                risk_level=risk,
                open_obligations=open_count,
                overdue_obligations=overdue,
                missing_now=missing > 0,
            )
    return found


def listed(conn: Any, limit: int) -> tuple[list[Youth], int]:
    """The first ``limit`` youth by family name, and how many the vault holds."""
    total = conn.execute("SELECT count(*) FROM youth_index").fetchone()[0]
    rows = conn.execute(
        "SELECT r.body FROM (SELECT id, sort_name FROM youth_index ORDER BY sort_name LIMIT ?) y"
        " CROSS JOIN records r ON r.record_type = 'youth' AND r.id = y.id ORDER BY y.sort_name",
        (limit,),
    ).fetchall()
    return [Youth.model_validate_json(r[0], context=STORED) for r in rows], int(total)


@dataclass(frozen=True)
class ScreeningToFinish:
    """A draft or returned screening, as Today lists it (its answers are not read)."""

    screening_id: str
    youth_id: str
    status: str
    screening_date: date


def open_obligations(conn: Any) -> list[Obligation]:
    rows = conn.execute(
        "SELECT body FROM records WHERE record_type = 'obligation'"
        " AND json_extract(body, '$.done_at') IS NULL"
    ).fetchall()
    return [Obligation.model_validate_json(r[0], context=STORED) for r in rows]


def open_missing_episodes(conn: Any) -> list[MissingEpisode]:
    rows = conn.execute(
        "SELECT body FROM records WHERE record_type = 'missing_episode'"
        " AND json_extract(body, '$.ended_at') IS NULL"
    ).fetchall()
    return [MissingEpisode.model_validate_json(r[0], context=STORED) for r in rows]


def screenings_to_finish(conn: Any, statuses: tuple[str, ...]) -> list[ScreeningToFinish]:
    """Screenings in one of ``statuses``, in that order, then newest first."""
    found = []
    for status in statuses:
        rows = conn.execute(
            "SELECT id, youth_id, json_extract(body, '$.screening_date') FROM records"
            " WHERE record_type = 'screening' AND status = ? ORDER BY updated_at DESC",
            (status,),
        ).fetchall()
        found += [ScreeningToFinish(r[0], r[1], status, date.fromisoformat(r[2])) for r in rows]
    return found


def youth_names(conn: Any, youth_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(family name, the name they go by) of each youth id given that is on this laptop."""
    names: dict[str, tuple[str, str]] = {}
    for start in range(0, len(youth_ids), 500):
        chunk = youth_ids[start : start + 500]
        rows = conn.execute(
            "SELECT id, json_extract(body, '$.family_name'),"  # noqa: S608 (placeholders only)
            " coalesce(json_extract(body, '$.preferred_name'), json_extract(body, '$.given_name'))"
            f" FROM records WHERE record_type = 'youth' AND id IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        names.update({r[0]: (r[1], r[2]) for r in rows})
    return names


__all__ = [
    "ScreeningToFinish",
    "YouthFacts",
    "facts",
    "listed",
    "open_missing_episodes",
    "open_obligations",
    "screenings_to_finish",
    "youth_names",
]
