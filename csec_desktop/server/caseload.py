"""Who holds which youth, and what that lets a device write (SQLAlchemy Core).

An ``assignments`` row says a user holds a youth (as its primary caseworker, or covering) from a
feed position on, until the position at which it ended. A row with a planned end (a coverage, a
closed case) still holds until that time; the first request that notices the time has passed
ends it (:func:`end_due`), taking a feed position, so devices see the end as an event like any
other. Permission checks never wait for that: a row past its planned end holds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, and_, bindparam, exists, or_, select, update

from csec_desktop.server import audit
from csec_desktop.server.db import member_of
from csec_desktop.server.feed import take_positions
from csec_desktop.server.schema import assignments, users
from csec_desktop.sync.protocol import AssignmentKind, RemovalReason


@dataclass(frozen=True, slots=True)
class Holding:
    """One assignments row, as the feed and the checks need it."""

    id: int
    youth_id: UUID
    user_id: int
    kind: str  # an ``AssignmentKind`` value (kept as text: a feed step reads thousands)
    start_seq: int
    end_seq: int | None
    ends_at: datetime | None
    end_reason: str | None
    origin_device: UUID | None

    def holds_at(self, seq: int) -> bool:
        """Whether this row held its youth once the feed reached position ``seq``."""
        return self.start_seq <= seq and (self.end_seq is None or self.end_seq > seq)

    def holds_now(self, now: datetime) -> bool:
        return holds_now(self.end_seq, self.ends_at, now)


def holds_now(end_seq: int | None, ends_at: datetime | None, now: datetime) -> bool:
    """Whether an assignments row with this end holds its youth at ``now``: not ended in the
    feed, and not past a planned end that no pull has turned into a feed event yet."""
    return end_seq is None and (ends_at is None or ends_at > now)


def _holding(row: Any) -> Holding:
    return Holding(
        id=row.id,
        youth_id=row.youth_id,
        user_id=row.user_id,
        kind=row.kind,
        start_seq=row.start_seq,
        end_seq=row.end_seq,
        ends_at=row.ends_at,
        end_reason=row.end_reason,
        origin_device=row.origin_device,
    )


def _holding_now(now: datetime) -> Any:
    return and_(
        assignments.c.end_seq.is_(None),
        or_(assignments.c.ends_at.is_(None), assignments.c.ends_at > now),
    )


def caseload_now(conn: Connection, user_id: int, now: datetime) -> dict[UUID, Holding]:
    """The youth ``user_id`` holds now, with the row that makes it so (primary before coverage)."""
    rows = conn.execute(
        select(assignments).where(assignments.c.user_id == user_id, _holding_now(now))
    )
    return _by_youth(_holding(row) for row in rows)


def _by_youth(holdings: Iterable[Holding]) -> dict[UUID, Holding]:
    found: dict[UUID, Holding] = {}
    for holding in holdings:
        kept = found.get(holding.youth_id)
        if kept is None or (
            kept.kind == AssignmentKind.COVERAGE.value
            and holding.kind == AssignmentKind.PRIMARY.value
        ):
            found[holding.youth_id] = holding
    return found


def youth_held_now(conn: Connection, user_id: int, now: datetime) -> set[UUID]:
    """The youth ``user_id`` holds now (only their ids: a feed step reads them every page)."""
    return set(
        conn.execute(
            select(assignments.c.youth_id).where(
                assignments.c.user_id == user_id, _holding_now(now)
            )
        ).scalars()
    )


def holdings_between(conn: Connection, user_id: int, base: int, target: int) -> list[Holding]:
    """The rows of ``user_id`` that held at some position in ``base``..``target``."""
    rows = conn.execute(
        select(
            assignments.c.id,
            assignments.c.youth_id,
            assignments.c.user_id,
            assignments.c.kind,
            assignments.c.start_seq,
            assignments.c.end_seq,
            assignments.c.ends_at,
            assignments.c.end_reason,
            assignments.c.origin_device,
        ).where(
            assignments.c.user_id == user_id,
            assignments.c.start_seq <= target,
            or_(assignments.c.end_seq.is_(None), assignments.c.end_seq > base),
        )
    )
    return [_holding(row) for row in rows]


def held_at(holdings: Iterable[Holding], seq: int) -> dict[UUID, Holding]:
    """The youth these rows held at feed position ``seq``."""
    return _by_youth(h for h in holdings if h.holds_at(seq))


@dataclass(frozen=True, slots=True)
class WriteAccess:
    known: frozenset[UUID]  # youth somebody holds or held: their records need access
    writable: frozenset[UUID]  # of those, the ones this device may write


def write_access(
    conn: Connection,
    *,
    county_id: int,
    user_id: int,
    acked_seq: int | None,
    youth_ids: Iterable[UUID],
    now: datetime,
) -> WriteAccess:
    """Which of ``youth_ids`` a device of ``user_id`` may write records of.

    A user may write the records of a youth they hold now. A device may also still send changes
    to a youth its user held until the device has applied the youth's removal (its pulls have
    acknowledged the position at which the holding ended): those are changes made before it knew,
    and they are pushed before the removal leaves the laptop. A youth nobody ever held (not
    pushed yet) is the caller's to create. A youth of another county is not known here (the
    workflow's link check refuses it, saying no more than it says of an id nobody has).
    """
    wanted = list(dict.fromkeys(youth_ids))
    if not wanted:
        return WriteAccess(frozenset(), frozenset())
    rows = conn.execute(
        _HOLDERS[conn.dialect.name == "postgresql"], {"county_id": county_id, "youth_ids": wanted}
    ).all()
    known = frozenset(row.youth_id for row in rows)
    writable = set()
    for row in rows:
        if row.user_id != user_id:
            continue
        removal_not_applied = (
            row.end_seq is not None and acked_seq is not None and row.end_seq > acked_seq
        )
        if holds_now(row.end_seq, row.ends_at, now) or removal_not_applied:
            writable.add(row.youth_id)
    return WriteAccess(known, frozenset(writable))


def _holders(postgres: bool) -> Select[Any]:
    """Every assignments row, past and present, of the youth bound as ``youth_ids`` in one
    county: only the columns ``write_access`` decides by. Built once per dialect, the ids one
    array parameter on PostgreSQL (``member_of``): an ``IN`` of a batch's youth was compiled
    and parsed afresh on every push (issue 16)."""
    return select(
        assignments.c.youth_id, assignments.c.user_id, assignments.c.end_seq, assignments.c.ends_at
    ).where(
        assignments.c.county_id == bindparam("county_id"),
        member_of(assignments.c.youth_id, "youth_ids", postgres=postgres),
    )


_HOLDERS = {postgres: _holders(postgres) for postgres in (False, True)}


def start_primary_rows(
    county_id: int,
    user_id: int,
    device_id: UUID,
    youth_at: dict[UUID, int],
    now: datetime,
    set_by: str,
) -> list[dict[str, Any]]:
    """Rows making ``user_id`` the primary caseworker of each new youth, from the feed position
    of its first version (the creator is the default primary assignee)."""
    return [
        {
            "county_id": county_id,
            "youth_id": youth_id,
            "user_id": user_id,
            "kind": AssignmentKind.PRIMARY.value,
            "start_seq": seq,
            "started_at": now,
            "origin_device": device_id,
            "reason": "created",
            "set_by": set_by,
        }
        for youth_id, seq in youth_at.items()
    ]


def due_to_end(conn: Connection, county_id: int, now: datetime) -> bool:
    """Whether a planned end has passed without its row being ended yet (a cheap read)."""
    return bool(
        conn.execute(
            select(
                exists().where(
                    assignments.c.county_id == county_id,
                    assignments.c.end_seq.is_(None),
                    assignments.c.ends_at <= now,
                )
            )
        ).scalar()
    )


def end_due(conn: Connection, county_id: int, now: datetime) -> int:
    """End the rows whose planned end has passed (coverage over, closed case past retention),
    each at a new feed position and audited on the county's chain. Returns how many."""
    rows = conn.execute(
        select(assignments, users.c.username)
        .join(users, users.c.id == assignments.c.user_id)
        .where(
            assignments.c.county_id == county_id,
            assignments.c.end_seq.is_(None),
            assignments.c.ends_at <= now,
        )
        .order_by(assignments.c.ends_at, assignments.c.id)
        .with_for_update(of=assignments)
    ).all()
    if not rows:
        return 0
    first = take_positions(conn, county_id, len(rows))
    for offset, row in enumerate(rows):
        reason = row.end_reason or RemovalReason.COVERAGE_ENDED.value
        conn.execute(
            update(assignments)
            .where(assignments.c.id == row.id, assignments.c.end_seq.is_(None))
            .values(end_seq=first + offset, ended_at=now, end_reason=reason)
        )
        audit.append(
            conn,
            county_id=county_id,
            actor="system",
            action="assignment_end",
            record_type="youth",
            record_id=row.youth_id,
            detail=f"{row.kind} of {row.username} ended: {reason}"[:200],
            at=now,
        )
    return len(rows)
