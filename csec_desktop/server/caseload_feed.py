"""Protocol 2's pull: the caseload feed, by cursor, in pages, resumable after any interruption.

Every write a device pulls has a position in its county's feed (``feed.take_positions``): record
versions, caseload changes (an assignment's start and end), county settings. A device's cursor
says how far it has applied the feed (``base``). A pull walks one *step*, from ``base`` to the
feed's head when the step began (``target``), in pages:

1. caseload events, by youth id: a youth held at ``base`` and not at ``target`` is removed; a
   youth held at ``target`` by a row that started within the step is (re)assigned;
2. then, by feed position: every record of a youth that joined the caseload within the step
   (a *backfill*: its current version, if written up to ``target``; a restore is a backfill of
   the whole caseload), the records written within the step to the other youth of the caseload
   by other devices, the user's own records of no youth anybody holds (trainings; a screening of
   a youth never pushed), and county settings.

Drafts (a record whose status is ``draft``) stay on the laptop that wrote them: the server keeps
what was pushed as a backup and never sends it out. Only a youth the user holds *now* gets records
(checked on every page), so an old or forged cursor cannot reach a youth that left the caseload.

Why this holds up: a step's ``target`` is the feed's head (``feed.feed_head``), so everything at
or below it is committed and nothing new can appear there; a record rewritten during a step
moves above ``target`` and comes in the next step; a page's cursor names the last item it sent,
so a page asked again (a lost answer, a crash) sends the same items again, and the device applies
them idempotently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    Connection,
    Select,
    Uuid,
    and_,
    any_,
    bindparam,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.util import ClauseAdapter

from csec_desktop.domain.base import utcnow
from csec_desktop.server import caseload
from csec_desktop.server.accounts import Caller
from csec_desktop.server.caseload import Holding
from csec_desktop.server.feed import BadCursor, feed_head
from csec_desktop.server.schema import (
    assignments,
    changes,
    devices,
    record_youth,
    records,
    users,
)
from csec_desktop.sync.protocol import (
    CASELOAD_CURSOR,
    AssignmentKind,
    Change,
    ChangeKind,
    PullProgress,
    RemovalReason,
    YouthAssigned,
    YouthRemoved,
)

DRAFT = "draft"
SERVER_AUTHOR = "county server"
_CURSOR = re.compile(rf"^{CASELOAD_CURSOR}$")


@dataclass(frozen=True, slots=True)
class FeedCursor:
    base: int  # the device has applied everything up to this feed position
    target: int  # the step being walked ends here (== base: no step under way)
    phase: int = 0  # 0: caseload events; 1: records and settings
    after: str = "-"  # the last item sent: a youth id (phase 0) or a feed position (phase 1)
    done: int = 0  # records sent in this step so far
    total: int = 0  # records this step sends

    def encode(self) -> str:
        return f"2.{self.base}.{self.target}.{self.phase}.{self.after}.{self.done}.{self.total}"

    @classmethod
    def decode(cls, text: str | None) -> FeedCursor:
        """The cursor a device sent. None, empty, or a protocol-1 cursor (a device that was
        updated) start from the beginning: the device gets its whole caseload."""
        if not text or text.isdigit():
            return cls(0, 0)
        match = _CURSOR.match(text)
        if match is None:
            raise BadCursor("the cursor is not one this server handed out")
        base, target, phase, after, done, total = match.groups()
        # Phase 0 resumes after a youth id (or from the start), phase 1 after a feed position.
        after_fits = after.isdigit() if phase == "1" else not after.isdigit()
        if int(target) < int(base) or not after_fits:
            raise BadCursor("the cursor is not one this server handed out")
        return cls(int(base), int(target), int(phase), after, int(done), int(total))

    @property
    def in_step(self) -> bool:
        return self.target > self.base


@dataclass(frozen=True, slots=True)
class FeedPage:
    changes: list[Change]
    next_cursor: FeedCursor
    has_more: bool
    progress: PullProgress | None


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one step of one device sends, worked out from the user's assignment rows."""

    events: list[tuple[str, Change]]  # (youth id hex, event), by youth id
    backfill: frozenset[UUID]  # joined within the step: every version up to target
    incremental: frozenset[UUID]  # held throughout: what other devices wrote within the step
    # The same youth as ``incremental`` (and the backfill's, whose records are left out of it)
    # as a subquery: a caseload of thousands is not sent to the database as a list.
    incremental_sql: Any = None
    # PostgreSQL: few enough county writes in the step that walking them beats walking every
    # record of the caseload (``_few_writes_in``).
    few_writes: bool = False


def pull_page(
    conn: Connection, caller: Caller, cursor: FeedCursor, limit: int, now: datetime
) -> FeedPage:
    """The next page of ``caller``'s feed after ``cursor`` (at most ``limit`` items)."""
    starting = not cursor.in_step
    if starting:
        head = feed_head(conn, caller.county_id)
        if head <= cursor.base:
            return FeedPage([], FeedCursor(cursor.base, cursor.base), False, None)
        cursor = FeedCursor(cursor.base, head)
    plan = _plan(conn, caller, cursor.base, cursor.target, now, events=cursor.phase == 0)

    def counted(position: FeedCursor) -> FeedCursor:
        """``position`` with the step's record count, counted once, when the step's first page
        does not finish it (a step that ends on its first page sent all its records, so the
        count is what it sent: most pulls need no count)."""
        if not starting:
            return position
        return replace(position, total=_count_records(conn, caller, plan, position))

    out: list[Change] = []
    if cursor.phase == 0:
        pending = [event for key, event in plan.events if cursor.after == "-" or key > cursor.after]
        out = pending[:limit]
        if len(pending) > limit:
            last_key = next(key for key, event in plan.events if event is out[-1])
            cursor = counted(cursor)
            return _page(out, replace(cursor, after=last_key), True, cursor)
        cursor = replace(cursor, phase=1, after="0")
    room = limit - len(out)
    if room == 0:
        cursor = counted(cursor)
        return _page(out, cursor, True, cursor)
    items = _records_and_settings(conn, caller, plan, cursor, room + 1)
    more = len(items) > room
    items = items[:room]
    sent_records = sum(1 for item in items if item.kind is ChangeKind.RECORD)
    done = cursor.done + sent_records
    if more:
        nxt = replace(counted(cursor), after=str(items[-1].seq), done=done)
        return _page(out + items, nxt, True, nxt)
    finished = FeedCursor(cursor.target, cursor.target)
    return FeedPage(
        out + items,
        finished,
        False,
        PullProgress(done=max(done, cursor.total), total=max(done, cursor.total)),
    )


def _page(out: list[Change], nxt: FeedCursor, more: bool, shown: FeedCursor) -> FeedPage:
    return FeedPage(
        out, nxt, more, PullProgress(done=shown.done, total=max(shown.total, shown.done))
    )


def _plan(
    conn: Connection, caller: Caller, base: int, target: int, now: datetime, *, events: bool
) -> _Plan:
    holdings = caseload.holdings_between(conn, caller.user_id, base, target)
    at_base = caseload.held_at(holdings, base)
    at_target = caseload.held_at(holdings, target)
    held_now = caseload.youth_held_now(conn, caller.user_id, now)
    started = {h.youth_id for h in holdings if base < h.start_seq <= target}
    gained = at_target.keys() - at_base.keys()
    # A youth this very device created needs no backfill: it holds everything of it (its own
    # writes) and gets what other devices wrote like any other youth it holds. Nor an event:
    # the device took it into its caseload when the server accepted it.
    self_created = {y for y in gained if at_target[y].origin_device == caller.device_id}
    listed: list[tuple[str, Change]] = []
    if events:  # only the first pages of a step send them
        for youth in sorted(at_base.keys() - at_target.keys(), key=lambda u: u.hex):
            listed.append((youth.hex, _removed(at_base[youth], holdings)))
        for youth in sorted((at_target.keys() & started) - self_created, key=lambda u: u.hex):
            listed.append((youth.hex, _assigned(at_target[youth])))
        listed.sort(key=lambda pair: pair[0])
    backfill = (gained - self_created) & held_now
    incremental = (at_target.keys() - backfill) & held_now
    if _on_postgres(conn):  # the youth as arrays (``_by_held_links``), no subquery needed
        few = bool(incremental) and _few_writes_in(conn, caller, base, target)
        return _Plan(listed, frozenset(backfill), frozenset(incremental), None, few)
    held_at_target = select(assignments.c.youth_id).where(
        assignments.c.user_id == caller.user_id,
        assignments.c.start_seq <= target,
        or_(assignments.c.end_seq.is_(None), assignments.c.end_seq > target),
    )
    holding_now = select(assignments.c.youth_id).where(
        assignments.c.user_id == caller.user_id,
        assignments.c.end_seq.is_(None),
        or_(assignments.c.ends_at.is_(None), assignments.c.ends_at > now),
    )
    incremental_sql = and_(
        record_youth.c.youth_id.in_(held_at_target), record_youth.c.youth_id.in_(holding_now)
    )
    return _Plan(listed, frozenset(backfill), frozenset(incremental), incremental_sql, False)


# Up to this many county writes in a step, a pull walks them (and checks each one's links)
# rather than every record of the caseload. An everyday sync finds a handful of writes since
# its cursor, and walking a caseload of 200 youth (about 7,000 records) cost 35 ms on every pull
# (``bench/bench_restore.py``: a record changed on the other laptop, 57 -> 160 ms); a restore or
# a step after a long time away has many, and is planned from the holdings.
FEW_WRITES = 2_000


def _few_writes_in(conn: Connection, caller: Caller, base: int, target: int) -> bool:
    """Whether the county's feed has at most ``FEW_WRITES`` records in ``base``..``target``
    (counted no further than that, by the county's feed index)."""
    in_range = (
        select(records.c.feed_seq)
        .where(
            records.c.county_id == caller.county_id,
            records.c.feed_seq > base,
            records.c.feed_seq <= target,
        )
        .limit(FEW_WRITES + 1)
        .subquery()
    )
    return int(conn.execute(select(func.count()).select_from(in_range)).scalar_one()) <= FEW_WRITES


def _removed(held: Holding, holdings: list[Holding]) -> Change:
    ended = [h for h in holdings if h.youth_id == held.youth_id and h.end_seq is not None]
    last = max(ended, key=lambda h: h.end_seq or 0)
    try:
        reason = RemovalReason(last.end_reason or RemovalReason.REASSIGNED.value)
    except ValueError:
        reason = RemovalReason.REASSIGNED
    payload = YouthRemoved(youth_id=held.youth_id, reason=reason)
    return Change(
        seq=last.end_seq or 0,
        kind=ChangeKind.YOUTH_REMOVED,
        at=last.ends_at or utcnow(),
        payload=payload.model_dump(mode="json"),
    )


def _assigned(held: Holding) -> Change:
    until = held.ends_at
    payload = YouthAssigned(youth_id=held.youth_id, kind=AssignmentKind(held.kind), until=until)
    return Change(
        seq=held.start_seq,
        kind=ChangeKind.YOUTH_ASSIGNED,
        at=utcnow(),
        payload=payload.model_dump(mode="json"),
    )


# --- records -----------------------------------------------------------------------------------


def _on_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _not_draft() -> Any:
    return or_(records.c.status.is_(None), records.c.status != DRAFT)


def _some(youth: frozenset[UUID] | BindParameter[Any]) -> bool:
    """Youth given as ids (any?) or as a parameter (a query built for some)."""
    return isinstance(youth, BindParameter) or bool(youth)


def _linked_to(youth: frozenset[UUID] | BindParameter[Any]) -> Any:
    which = (
        record_youth.c.youth_id == any_(youth)
        if isinstance(youth, BindParameter)
        else record_youth.c.youth_id.in_(sorted(youth, key=lambda u: u.hex))
    )
    return exists().where(
        record_youth.c.record_type == records.c.record_type,
        record_youth.c.record_id == records.c.record_id,
        which,
    )


def _youth_array(youth: frozenset[UUID] | BindParameter[Any]) -> BindParameter[Any]:
    """The youth as one array parameter (given, or made of the ids)."""
    if isinstance(youth, BindParameter):
        return youth
    return bindparam(None, sorted(youth, key=lambda u: u.hex), type_=ARRAY(Uuid()))


def _by_links(
    caller: Any,
    youth: frozenset[UUID] | Any,
    after: Any,
    target: Any,
    *also: Any,
    postgres: bool = False,
    few_writes: bool = False,
) -> Select[Any]:
    """Positions of the records linked to ``youth`` (ids, or a condition on ``record_youth``),
    written in ``after``..``target`` and meeting ``also`` (a semi-join: the planner may start
    from the youth's links, so a restore reads the caseload's records, not the county's)."""
    if postgres and isinstance(youth, frozenset | BindParameter):
        if few_writes:
            return _by_feed_range(caller, youth, after, target, *also)
        return _by_held_links(caller, youth, after, target, *also)
    which = (
        record_youth.c.youth_id.in_(sorted(youth, key=lambda u: u.hex))
        if isinstance(youth, frozenset)
        else youth
    )
    linked = select(record_youth.c.record_type, record_youth.c.record_id).where(which)
    return select(records.c.feed_seq).where(
        records.c.county_id == caller.county_id,
        records.c.feed_seq > after,
        records.c.feed_seq <= target,
        _not_draft(),
        tuple_(records.c.record_type, records.c.record_id).in_(linked),
        *also,
    )


def _by_held_links(caller: Any, youth: Any, after: Any, target: Any, *also: Any) -> Select[Any]:
    """``_by_links`` on PostgreSQL, planned from the caller's holdings whatever the statistics
    say: the youth's links (one array, ``record_youth``'s youth index), then each linked record
    by its primary key. A subquery with an OFFSET is planned on its own (PostgreSQL does not
    pull it up into the join), so the records are reached only by key. Left to the planner,
    statistics older than a burst made it walk the county's whole feed range instead
    (``bench/bench_pull_plan.py``: 2,633 rows read for a pull of nothing, 25 ms), and with the
    conditions inside the subquery, walk it once per linked record."""
    held = _youth_array(youth)
    links = (
        select(record_youth.c.record_type, record_youth.c.record_id)
        .where(record_youth.c.youth_id == any_(held))
        .distinct()
        .subquery("held_links")
    )
    # Only the key inside: the conditions stay outside, so they cannot steer the lookup to
    # another index (nor be pushed into a subquery that has an OFFSET).
    version = (
        select(*(records.c[name] for name in _FILTERED_ON))
        .where(
            records.c.record_type == links.c.record_type,
            records.c.record_id == links.c.record_id,
        )
        .offset(0)
        .lateral("version")
    )
    on_version = ClauseAdapter(version).traverse
    conditions = [
        records.c.county_id == caller.county_id,
        records.c.feed_seq > after,
        records.c.feed_seq <= target,
        _not_draft(),
        *also,
    ]
    return (
        select(version.c.feed_seq)
        .select_from(links.join(version, true()))
        .where(*(on_version(condition) for condition in conditions))
    )


def _by_feed_range(caller: Any, youth: Any, after: Any, target: Any, *also: Any) -> Select[Any]:
    """``_by_links`` on PostgreSQL when the step has few writes (``_few_writes_in``): the
    county's writes in the range, by the feed index, each kept if it is linked to one of
    ``youth`` (a probe of ``record_youth``'s key). The range is a subquery with an OFFSET, so it
    is planned on its own and read by position whatever the statistics say."""
    held = _youth_array(youth)
    written = (
        select(*(records.c[name] for name in _FILTERED_ON))
        .where(
            records.c.county_id == caller.county_id,
            records.c.feed_seq > after,
            records.c.feed_seq <= target,
        )
        .offset(0)
        .subquery("written")
    )
    on_written = ClauseAdapter(written).traverse
    linked = exists().where(
        record_youth.c.record_type == written.c.record_type,
        record_youth.c.record_id == written.c.record_id,
        record_youth.c.youth_id == any_(held),
    )
    return select(written.c.feed_seq).where(
        linked, on_written(_not_draft()), *(on_written(condition) for condition in also)
    )


# The columns of ``records`` a record query's conditions name.
_FILTERED_ON = (
    "feed_seq",
    "county_id",
    "status",
    "updated_by_device",
    "record_type",
    "record_id",
)


def _not_mine(caller: Caller) -> Any:
    """Not written by this very device (it holds what it wrote)."""
    return or_(
        records.c.updated_by_device.is_(None), records.c.updated_by_device != caller.device_id
    )


def _record_queries(
    caller: Any, plan: _Plan, after: Any, since: Any, target: Any, *, postgres: bool
) -> list[Select[Any]]:
    """The step's records after position ``after``, as queries of positions that do not overlap:

    - every record of a youth that joined (a backfill);
    - what other devices wrote after ``since`` to the other youth held;
    - the user's own records of no youth anybody holds or held (``records.owner_route``: a
      training; a screening pushed before its youth), written after ``since`` by other devices.

    ``caller``, ``after``, ``since``, ``target`` and the plan's youth are values, or (PostgreSQL,
    ``_postgres_queries``) parameters.
    """
    queries = []
    if _some(plan.backfill):
        queries.append(_by_links(caller, plan.backfill, after, target, postgres=postgres))
    if _some(plan.incremental):
        also = [_not_mine(caller)]
        if _some(plan.backfill):
            also.append(not_(_linked_to(plan.backfill)))
        # SQLite: the caseload as a subquery (its planner starts from the links either way);
        # PostgreSQL: the youth as one array, planned from them (``_by_held_links``).
        youth = plan.incremental if postgres else plan.incremental_sql
        queries.append(
            _by_links(
                caller, youth, since, target, *also, postgres=postgres, few_writes=plan.few_writes
            )
        )
    queries.append(
        select(records.c.feed_seq).where(
            records.c.owner_user_id == caller.user_id,
            records.c.owner_route.is_(True),
            records.c.county_id == caller.county_id,
            records.c.feed_seq > since,
            records.c.feed_seq <= target,
            _not_draft(),
            _not_mine(caller),
        )
    )
    return queries


class _Parameters:
    """Stands in for the caller in a query built once: its values are parameters."""

    def __init__(self) -> None:
        self.county_id: Any = bindparam("county")
        self.user_id: Any = bindparam("user")
        self.device_id: Any = bindparam("device", type_=Uuid())


@dataclass(frozen=True, slots=True)
class _Built:
    """A step's record queries as parameterised statements: for a page (ordered, limited) and
    for the step's count."""

    pages: tuple[Select[Any], ...]
    counts: tuple[Select[Any], ...]


@cache
def _postgres_queries(backfill: bool, incremental: bool, few_writes: bool) -> _Built:
    """``_record_queries`` on PostgreSQL for a plan of this shape, built once: a pull ran them
    on every page, and building them (clause adaption, subqueries, cache keys of new objects)
    cost the server more CPU than PostgreSQL spent answering (issue 16's state scenario)."""
    youth_type = ARRAY(Uuid())
    shape = _Plan(
        [],
        bindparam("backfill", type_=youth_type) if backfill else frozenset(),  # type: ignore[arg-type]
        bindparam("incremental", type_=youth_type) if incremental else frozenset(),  # type: ignore[arg-type]
        None,
        few_writes,
    )
    queries = _record_queries(
        _Parameters(),
        shape,
        bindparam("after"),
        bindparam("since"),
        bindparam("target"),
        postgres=True,
    )
    pages = tuple(q.order_by(q.selected_columns[0]).limit(bindparam("limit")) for q in queries)
    counts = tuple(select(func.count()).select_from(q.subquery()) for q in queries)
    return _Built(pages, counts)


def _parameters(caller: Caller, plan: _Plan, after: int, since: int, target: int) -> dict[str, Any]:
    return {
        "county": caller.county_id,
        "user": caller.user_id,
        "device": caller.device_id,
        "after": after,
        "since": since,
        "target": target,
        "backfill": sorted(plan.backfill, key=lambda u: u.hex),
        "incremental": sorted(plan.incremental, key=lambda u: u.hex),
    }


def _built(plan: _Plan) -> _Built:
    return _postgres_queries(bool(plan.backfill), bool(plan.incremental), plan.few_writes)


def _count_records(conn: Connection, caller: Caller, plan: _Plan, cursor: FeedCursor) -> int:
    if _on_postgres(conn):
        params = _parameters(caller, plan, 0, cursor.base, cursor.target)
        return sum(int(conn.execute(q, params).scalar_one()) for q in _built(plan).counts)
    return sum(
        int(conn.execute(select(func.count()).select_from(query.subquery())).scalar_one())
        for query in _record_queries(caller, plan, 0, cursor.base, cursor.target, postgres=False)
    )


def _records_and_settings(
    conn: Connection, caller: Caller, plan: _Plan, cursor: FeedCursor, limit: int
) -> list[Change]:
    """Up to ``limit`` records and settings after the cursor's position, by position."""
    after = int(cursor.after)
    since = max(after, cursor.base)
    positions: set[int] = set()
    if _on_postgres(conn):
        params = {**_parameters(caller, plan, after, since, cursor.target), "limit": limit}
        for query in _built(plan).pages:
            positions.update(conn.execute(query, params).scalars())
    else:
        for query in _record_queries(caller, plan, after, since, cursor.target, postgres=False):
            ordered = query.order_by(query.selected_columns[0]).limit(limit)
            positions.update(conn.execute(ordered).scalars())
    settings = conn.execute(
        _SETTINGS,
        {
            "county": caller.county_id,
            "since": since,
            "target": cursor.target,
            "user": caller.user_id,
            "limit": limit,
        },
    ).all()
    chosen = sorted(positions)[:limit]
    found = _record_changes(conn, caller, chosen)
    found += [
        Change(seq=row.seq, kind=ChangeKind(row.kind), at=row.at, payload=row.payload)
        for row in settings
    ]
    found.sort(key=lambda change: change.seq)
    return found[:limit]


_SETTINGS = (
    select(changes)
    .where(
        changes.c.county_id == bindparam("county"),
        changes.c.seq > bindparam("since"),
        changes.c.seq <= bindparam("target"),
        changes.c.kind == ChangeKind.COUNTY_CONFIG.value,
        or_(changes.c.target_user_id.is_(None), changes.c.target_user_id == bindparam("user")),
    )
    .order_by(changes.c.seq)
    .limit(bindparam("limit"))
)


def _record_changes(conn: Connection, caller: Caller, positions: list[int]) -> list[Change]:
    if not positions:
        return []
    rows = conn.execute(
        select(
            records.c.record_type,
            records.c.record_id,
            records.c.version,
            records.c.payload,
            records.c.updated_at,
            records.c.feed_seq,
            func.coalesce(users.c.username, literal(SERVER_AUTHOR)).label("author"),
        )
        .outerjoin(devices, devices.c.id == records.c.updated_by_device)
        .outerjoin(users, users.c.id == devices.c.user_id)
        .where(records.c.county_id == caller.county_id, records.c.feed_seq.in_(positions))
    ).all()
    # Built without validation: every field comes from rows the push validated, and walking
    # each record's JSON again cost more than the queries (``Change.payload`` is any JSON).
    return [
        Change.model_construct(
            seq=row.feed_seq,
            kind=ChangeKind.RECORD,
            at=row.updated_at,
            payload={
                "record_type": row.record_type,
                "record_id": str(row.record_id),
                "version": row.version,
                "payload": row.payload,
                "updated_by": row.author,
            },
        )
        for row in rows
    ]
