"""The per-county feed position counter, and the feed of protocol 1 (review decisions and county
configuration; protocol 2's caseload feed is ``caseload_feed.py``).

Positions come from a counter on the county row, bumped with the row locked until the writing
transaction commits, so positions of one county commit in order: a reader never sees a position
while a lower one is still uncommitted, and a cursor (the last position a device has seen) never
skips a write that committed late. Every write a device pulls takes positions here: feed entries
(``changes``), record versions (``records.feed_seq``) and caseload changes (``assignments``).
Take them as late in the transaction as possible: the county row stays locked until commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select, update

from csec_desktop.domain import utcnow
from csec_desktop.server.schema import changes, counties
from csec_desktop.sync.protocol import (
    COUNTY_CONFIG_V1_FIELDS,
    POLICY_FIELDS,
    Change,
    ChangeKind,
    CountyConfig,
)


class BadCursor(ValueError):
    """A cursor this server did not hand out."""


def take_positions(conn: Connection, county_id: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive feed positions; returns the first. Locks the county row
    until the transaction ends."""
    last: int = conn.execute(
        update(counties)
        .where(counties.c.id == county_id)
        .values(feed_seq=counties.c.feed_seq + count)
        .returning(counties.c.feed_seq)
    ).scalar_one()
    return last - count + 1


def append_change(
    conn: Connection,
    county_id: int,
    kind: ChangeKind,
    payload: dict[str, Any],
    target_user_id: int | None = None,
) -> int:
    seq = take_positions(conn, county_id)
    conn.execute(
        changes.insert().values(
            county_id=county_id,
            seq=seq,
            target_user_id=target_user_id,
            kind=kind.value,
            payload=payload,
            at=utcnow(),
        )
    )
    return seq


def parse_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit() or len(cursor) > 18:
        raise BadCursor("the cursor is not one this server handed out")
    return int(cursor)


def read_changes(
    conn: Connection, county_id: int, user_id: int, after: int, limit: int
) -> tuple[list[Change], int, bool]:
    """Protocol 1: up to ``limit`` changes for ``user_id`` after ``after``: (changes, next
    cursor, more?)."""
    rows = conn.execute(
        select(changes)
        .where(
            changes.c.county_id == county_id,
            changes.c.seq > after,
            changes.c.kind.in_([ChangeKind.REVIEW_DECISION.value, ChangeKind.COUNTY_CONFIG.value]),
            or_(changes.c.target_user_id.is_(None), changes.c.target_user_id == user_id),
        )
        .order_by(changes.c.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    found = [
        Change(seq=row.seq, kind=ChangeKind(row.kind), at=row.at, payload=row.payload)
        for row in rows
    ]
    next_after = rows[-1].seq if rows else after
    return found, next_after, has_more


def county_config(conn: Connection, county_id: int, *, lock: bool = False) -> CountyConfig:
    """The county's configuration: its settings and policy (the policy settings it never set
    are the defaults)."""
    query = select(counties).where(counties.c.id == county_id)
    row = conn.execute(query.with_for_update() if lock else query).one()
    policy = {k: v for k, v in (row.policy or {}).items() if k in POLICY_FIELDS}
    return CountyConfig(
        county=row.name,
        mdt_referral_days=row.mdt_referral_days,
        offline_lease_days=row.offline_lease_days,
        config_version=row.config_version,
        closed_case_retention_days=row.closed_case_retention_days,
        **policy,
    )


def config_for_protocol(config: CountyConfig, protocol: int) -> dict[str, Any]:
    """``config`` as JSON for a device speaking ``protocol``: a version-1 laptop refuses the
    fields it does not know, so it gets only its own."""
    body = config.model_dump(mode="json")
    if protocol < 2:
        body = {k: v for k, v in body.items() if k in COUNTY_CONFIG_V1_FIELDS}
    return body
