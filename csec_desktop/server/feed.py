"""The per-county feed positions, and the feed of protocol 1 (review decisions and county
configuration; protocol 2's caseload feed is ``caseload_feed.py``).

Every write a device pulls takes positions here: feed entries (``changes``), record versions
(``records.feed_seq``) and caseload changes (``assignments``). The guarantee a reader relies on:
once it has read up to position X, no write with a position <= X commits later, so a cursor never
skips a write that committed late. Two ways to keep it, one per database:

- SQLite has one writer at a time. Positions come from a counter on the county row
  (``counties.feed_seq``), so they commit in order, and the feed's head is that counter.
- PostgreSQL writes concurrently, and a counter locked until commit made one county's laptops
  commit one after another (issue 16: 73 % of a burst's busy backends waited on it). There a
  position is derived from the writing transaction's id, ``floor + (xid << 20) + n`` (``n``
  counts the transaction's positions), so it takes no lock. Transaction ids are handed out
  in order but commit in any order; a reader therefore walks only positions below the
  *watermark* ``floor + (xmin << 20)``, where ``xmin`` is the oldest transaction still running
  in its snapshot (``pg_snapshot_xmin(pg_current_snapshot())``). Every transaction below it
  has ended, and any transaction that writes later gets an id at or above it, so nothing can
  appear below the watermark once a reader has seen it: the same guarantee, without the lock.
  (The transactional-outbox technique of ordering by ``xid8`` and reading below the snapshot's
  ``xmin``; packed into one integer so cursors keep their format.) The price: a writer that
  stays open holds the feed back until it ends; server transactions are short.

``feed_clock.position_floor`` (migration 0008) is above every position taken before, so a cursor
a laptop took before the upgrade still reads every later write; ``keep_clock_ahead`` raises it if
the database was restored into a cluster whose transaction ids start again lower.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select, text, update

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


# A PostgreSQL transaction's positions: ``floor + (xid << 20) + n`` for n below 2**20. Ids stay
# below 2**39 for centuries of writes, so positions fit protocol 1's 18-digit cursors.
_POSITION_BITS = 20
MAX_POSITIONS_PER_TRANSACTION = 1 << _POSITION_BITS
_TAKEN = "csec_feed_positions_taken"  # key in the connection's info: (xid, positions taken)

_WRITER_BASE = text(
    "SELECT pg_current_xact_id()::text::bigint AS xid,"
    " position_floor + (pg_current_xact_id()::text::bigint << 20) AS base FROM feed_clock"
)
# The oldest transaction a reader must wait for: the oldest one still running in its snapshot,
# leaving out only those known to belong to another database (others share the cluster's
# transaction ids, but write no feed of ours: a long transaction in another database must not
# hold the counties' feeds back), or, if none, the first id not yet handed out. Only what is
# *known* to be elsewhere is left out: a transaction whose database ``pg_stat_activity`` does not
# show (a session hidden from this role, a backend that has not reported yet) is waited for, so
# a gap in what the view shows can hold the feed back but never make a reader skip a write.
# Transaction ids in the snapshot are 64-bit, in ``pg_stat_activity`` 32-bit: matched on their
# low 32 bits (two transactions running at once never share them).
# The newest position of a county below the watermark: the head a reader may walk to.
# The watermark is computed once (``MATERIALIZED``, one row) and the floor read as a scalar: the
# one-row ``feed_clock`` has no statistics, and joined as a table the planner took it for 2,040
# rows, costed the query over PostgreSQL's JIT threshold and spent 130 ms compiling it on every
# pull (``bench/bench_restore.py``: a sync with nothing new went from 20 to 120 ms).
_POSTGRES_HEAD = text(
    "WITH mark AS MATERIALIZED (SELECT (SELECT position_floor FROM feed_clock)"
    "  + (LEAST(pg_snapshot_xmax(snap.s)::text::bigint,"
    "   (SELECT MIN(x::text::bigint) FROM pg_snapshot_xip(snap.s) AS x"
    "    WHERE x::text::bigint % 4294967296 NOT IN"
    "     (SELECT backend_xid::text::bigint FROM pg_stat_activity"
    "      WHERE datname IS DISTINCT FROM current_database() AND backend_xid IS NOT NULL)))"
    "   << 20) AS below"
    "  FROM (SELECT pg_current_snapshot() AS s) AS snap)"
    " SELECT GREATEST("
    " (SELECT feed_seq FROM counties WHERE id = :county),"
    " (SELECT MAX(feed_seq) FROM records WHERE county_id = :county AND feed_seq < mark.below),"
    " (SELECT MAX(seq) FROM changes WHERE county_id = :county AND seq < mark.below),"
    " (SELECT MAX(start_seq) FROM assignments"
    "  WHERE county_id = :county AND start_seq < mark.below),"
    " (SELECT MAX(end_seq) FROM assignments WHERE county_id = :county AND end_seq < mark.below)"
    ") FROM mark"
)
# ``pg_stat_activity`` is read once per transaction and then kept: read it afresh.
_FRESH_ACTIVITY = text("SELECT pg_stat_clear_snapshot()")


class TooManyPositions(RuntimeError):
    """One transaction asked for more feed positions than a transaction may take."""


def take_positions(conn: Connection, county_id: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive feed positions; returns the first. On SQLite this locks
    the county row until the transaction ends (take them as late as possible); on PostgreSQL it
    locks nothing."""
    if conn.dialect.name != "postgresql":
        return take_counter_positions(conn, county_id, count)
    row = conn.execute(_WRITER_BASE).one()
    # Positions already taken in this transaction (the same connection, the same id).
    xid, taken = conn.info.get(_TAKEN, (None, 0))
    if xid != row.xid:
        taken = 0
    if taken + count > MAX_POSITIONS_PER_TRANSACTION:
        raise TooManyPositions("a transaction took more feed positions than one may")
    conn.info[_TAKEN] = (row.xid, taken + count)
    first: int = row.base + taken
    return first


def take_counter_positions(conn: Connection, county_id: int, count: int = 1) -> int:
    """``take_positions`` from the county row's counter, locked until the transaction ends
    (SQLite's way, and every database's before migration 0008)."""
    last: int = conn.execute(
        update(counties)
        .where(counties.c.id == county_id)
        .values(feed_seq=counties.c.feed_seq + count)
        .returning(counties.c.feed_seq)
    ).scalar_one()
    return last - count + 1


def feed_head(conn: Connection, county_id: int) -> int:
    """The newest position of the county's feed a reader may read up to: every write at or
    below it has committed, and none can commit there later."""
    if conn.dialect.name != "postgresql":
        return int(
            conn.execute(select(counties.c.feed_seq).where(counties.c.id == county_id)).scalar_one()
        )
    conn.execute(_FRESH_ACTIVITY)
    return int(conn.execute(_POSTGRES_HEAD, {"county": county_id}).scalar_one())


def keep_clock_ahead(conn: Connection) -> None:
    """Raise the floor of PostgreSQL's positions above every position stored, if it is not.

    Needed only after the database was restored into another cluster (``pg_dump``/restore):
    transaction ids start again there, and without this new writes would take positions below
    ones laptops have already read. Run by every upgrade (``init-db``); a no-op otherwise."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(
        text(
            "UPDATE feed_clock SET position_floor = GREATEST(position_floor, 1 + ("
            " SELECT COALESCE(MAX(GREATEST(c.feed_seq,"
            "  COALESCE((SELECT MAX(feed_seq) FROM records r WHERE r.county_id = c.id), 0),"
            "  COALESCE((SELECT MAX(seq) FROM changes h WHERE h.county_id = c.id), 0),"
            "  COALESCE((SELECT MAX(start_seq) FROM assignments a WHERE a.county_id = c.id), 0),"
            "  COALESCE((SELECT MAX(end_seq) FROM assignments a WHERE a.county_id = c.id), 0)"
            " )), 0) FROM counties c)"
            " - (pg_current_xact_id()::text::bigint << 20))"
        )
    )


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
    head = feed_head(conn, county_id)
    rows = conn.execute(
        select(changes)
        .where(
            changes.c.county_id == county_id,
            changes.c.seq > after,
            changes.c.seq <= head,
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
