"""Changing who holds which youth: reassign, cover until a date, close a case; and the team's
caseload as a supervisor's laptop lists it.

Supervisors act within their team (both caseworkers in it), county administrators within their
county, county IT from the command line (``csec-county-server reassign``). Every change is in
the audit chains: who, when, from whom, to whom, why (ids and usernames; never a youth's name).
A change ends ``assignments`` rows and starts new ones at new feed positions, so the laptops of
both caseworkers see it at their next pull: one loses the youth, the other gains it with its
history. Changes of one county are serialized (the county row is locked first): two supervisors
moving the same youth at once cannot both win.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from csec_desktop.domain.base import utcnow
from csec_desktop.server import audit, caseload
from csec_desktop.server.accounts import Caller
from csec_desktop.server.feed import take_positions
from csec_desktop.server.schema import assignments, counties, push_ops, records, users
from csec_desktop.sync.protocol import (
    AssignmentAction,
    AssignmentKind,
    AssignmentRequest,
    AssignmentResult,
    CaseloadEntry,
    RemovalReason,
    Role,
    TeamCaseload,
)

COUNTY_ZONE = ZoneInfo("America/Los_Angeles")  # California counties: "until" dates are local
_HOLDING_ROLES = (Role.CASEWORKER.value, Role.SUPERVISOR.value)
_RETRYABLE_SQLSTATES = {"40001", "40P01"}
_MAX_ATTEMPTS = 5
_ACTIONS = {
    AssignmentAction.REASSIGN: "youth_reassign",
    AssignmentAction.COVER: "youth_cover",
    AssignmentAction.CLOSE: "youth_close",
}


class AssignmentRefused(ValueError):
    """A change that cannot be made; the message is plain and safe to show."""


@dataclass(frozen=True)
class Change:
    """One change of holders, however it was asked for."""

    action: AssignmentAction
    from_user: str
    to_user: str | None = None
    youth_ids: list[UUID] = field(default_factory=list)  # empty: the whole caseload
    until: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class Actor:
    """Who asks: a user through the API (their team bounds a supervisor), or county IT."""

    county_id: int
    username: str
    user_id: int | None = None  # None: county IT at the command line (the county's chain)
    team: str | None = None  # set: both caseworkers must be in this team


def coverage_end(until: date) -> datetime:
    """A coverage "until" a day ends at the start of that day, county time."""
    return datetime.combine(until, time(0), tzinfo=COUNTY_ZONE)


def apply_change(conn: Connection, actor: Actor, change: Change, now: datetime) -> list[UUID]:
    """Make ``change``; returns the youth it moved. Raises ``AssignmentRefused``."""
    conn.execute(select(counties.c.id).where(counties.c.id == actor.county_id).with_for_update())
    caseload.end_due(conn, actor.county_id, now)
    source = _user(conn, actor, change.from_user)
    target = None
    if change.action is not AssignmentAction.CLOSE:
        if not change.to_user:
            raise AssignmentRefused("say who takes the youth over (to)")
        target = _user(conn, actor, change.to_user)
        if target.id == source.id:
            raise AssignmentRefused("the caseworker to move the youth to is the one holding them")
        if not target.active or target.role not in _HOLDING_ROLES:
            raise AssignmentRefused(f"'{target.username}' cannot hold a caseload")
    held = _active_rows(conn, user_id=source.id, now=now)
    youth = list(dict.fromkeys(change.youth_ids)) or sorted(
        {row.youth_id for row in held}, key=lambda u: u.hex
    )
    missing = [y for y in youth if not any(row.youth_id == y for row in held)]
    if missing:
        raise AssignmentRefused(f"youth {missing[0]} is not in {source.username}'s caseload")
    if not youth:
        raise AssignmentRefused(f"{source.username} holds no youth")
    ends: list[tuple[int, str]] = []  # (row id, reason)
    starts: list[dict[str, Any]] = []
    if change.action is AssignmentAction.CLOSE:
        _close(conn, actor.county_id, youth, now)
    elif change.action is AssignmentAction.COVER:
        assert target is not None
        if change.until is None:
            raise AssignmentRefused("a coverage needs the day it ends (until)")
        ends_at = coverage_end(change.until)
        if ends_at <= now:
            raise AssignmentRefused("a coverage must end after today")
        covered = {row.youth_id for row in _active_rows(conn, user_id=target.id, now=now)}
        for y in youth:
            if y not in covered:
                starts.append(_row(actor, target.id, y, AssignmentKind.COVERAGE, ends_at, change))
    else:
        assert target is not None
        theirs_rows = _active_rows(conn, user_id=target.id, now=now)
        for y in youth:
            theirs = {AssignmentKind(r.kind): r for r in theirs_rows if r.youth_id == y}
            for row in (r for r in held if r.youth_id == y):
                kind = AssignmentKind(row.kind)
                ends.append((row.id, RemovalReason.REASSIGNED.value))
                if kind in theirs or AssignmentKind.PRIMARY in theirs:
                    continue
                if kind is AssignmentKind.PRIMARY and AssignmentKind.COVERAGE in theirs:
                    ends.append((theirs[AssignmentKind.COVERAGE].id, "became primary"))
                starts.append(_row(actor, target.id, y, kind, row.ends_at, change, row.end_reason))
    if ends or starts:
        first = take_positions(conn, actor.county_id, len(ends) + len(starts))
        for offset, (row_id, reason) in enumerate(ends):
            conn.execute(
                update(assignments)
                .where(assignments.c.id == row_id, assignments.c.end_seq.is_(None))
                .values(end_seq=first + offset, ended_at=now, end_reason=reason)
            )
        for offset, values in enumerate(starts, start=len(ends)):
            values["start_seq"] = first + offset
        if starts:
            conn.execute(assignments.insert(), starts)
    if change.action is AssignmentAction.CLOSE:
        caseload.end_due(conn, actor.county_id, now)  # a retention of 0 days ends them at once
    detail = _detail(change, source.username, target.username if target else None)
    for y in youth:
        audit.append(
            conn,
            county_id=actor.county_id,
            user_id=actor.user_id,
            actor=actor.username,
            action=_ACTIONS[change.action],
            record_type="youth",
            record_id=y,
            detail=detail,
            at=now,
        )
    return youth


def _detail(change: Change, source: str, target: str | None) -> str:
    text = f"{source} -> {target}" if target else f"{source}: case closed"
    if change.until is not None:
        text += f" until {change.until.isoformat()}"
    if change.reason:
        text += f": {change.reason}"
    return text[:200]


def _row(
    actor: Actor,
    user_id: int,
    youth_id: UUID,
    kind: AssignmentKind,
    ends_at: datetime | None,
    change: Change,
    end_reason: str | None = None,
) -> dict[str, Any]:
    planned = end_reason
    if planned is None and ends_at is not None:
        planned = RemovalReason.COVERAGE_ENDED.value
    return {
        "county_id": actor.county_id,
        "youth_id": youth_id,
        "user_id": user_id,
        "kind": kind.value,
        "started_at": utcnow(),
        "ends_at": ends_at,
        "end_reason": planned,
        "origin_device": None,
        "reason": change.reason[:200],
        "set_by": actor.username[:100],
    }


def _close(conn: Connection, county_id: int, youth: list[UUID], now: datetime) -> None:
    """Every holding of these youth ends after the county's retention period."""
    days = conn.execute(
        select(counties.c.closed_case_retention_days).where(counties.c.id == county_id)
    ).scalar_one()
    ends_at = now + timedelta(days=int(days))
    for row in conn.execute(
        select(assignments).where(
            assignments.c.youth_id.in_(youth), assignments.c.end_seq.is_(None)
        )
    ).all():
        keep = row.ends_at is not None and row.ends_at <= ends_at
        conn.execute(
            update(assignments)
            .where(assignments.c.id == row.id)
            .values(
                ends_at=row.ends_at if keep else ends_at,
                end_reason=row.end_reason if keep else RemovalReason.CASE_CLOSED.value,
            )
        )


def _user(conn: Connection, actor: Actor, username: str) -> Any:
    row = conn.execute(
        select(users).where(
            users.c.username == username.strip(), users.c.county_id == actor.county_id
        )
    ).first()
    if row is None:
        raise AssignmentRefused(f"no user named '{username.strip()[:100]}' in this county")
    if actor.team is not None and row.team != actor.team:
        raise AssignmentRefused(f"'{row.username}' is not in your team")
    return row


def _active_rows(conn: Connection, *, user_id: int, now: datetime) -> list[Any]:
    return list(
        conn.execute(
            select(assignments)
            .where(assignments.c.user_id == user_id, assignments.c.end_seq.is_(None))
            .order_by(assignments.c.id)
        ).all()
    )


# --- the HTTP request (a supervisor's laptop, a county administrator) ---------------------------


def _request_hash(request: AssignmentRequest) -> str:
    text = json.dumps(request.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def apply_request(engine: Engine, caller: Caller, request: AssignmentRequest) -> AssignmentResult:
    """Apply ``request`` once: a retry of the same action id gets the first answer again."""
    actor = Actor(
        county_id=caller.county_id,
        username=caller.username,
        user_id=caller.user_id,
        team=caller.team if caller.role is Role.SUPERVISOR else None,
    )
    change = Change(
        action=request.action,
        from_user=request.from_user,
        to_user=request.to_user,
        youth_ids=list(request.youth_ids),
        until=request.until,
        reason=request.reason.strip(),
    )
    digest = _request_hash(request)
    for attempt in range(1, _MAX_ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                return _apply_once(conn, caller, actor, change, request.action_id, digest)
        except IntegrityError:
            if attempt == _MAX_ATTEMPTS:
                raise
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate not in _RETRYABLE_SQLSTATES or attempt == _MAX_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _apply_once(
    conn: Connection, caller: Caller, actor: Actor, change: Change, action_id: UUID, digest: str
) -> AssignmentResult:
    stored = conn.execute(select(push_ops).where(push_ops.c.op_id == action_id)).first()
    if stored is not None:
        if stored.user_id != caller.user_id or stored.content_hash != digest:
            return AssignmentResult(
                action_id=action_id, applied=False, reason="this action id was already used"
            )
        return AssignmentResult(
            action_id=action_id,
            applied=stored.status == "applied",
            reason=stored.reason,
            replayed=True,
        )
    now = utcnow()
    savepoint = conn.begin_nested()
    try:
        moved = apply_change(conn, actor, change, now)
        savepoint.commit()
        result = AssignmentResult(action_id=action_id, applied=True, youth_ids=moved)
    except AssignmentRefused as exc:
        savepoint.rollback()
        result = AssignmentResult(action_id=action_id, applied=False, reason=str(exc))
    conn.execute(
        push_ops.insert().values(
            op_id=action_id,
            user_id=caller.user_id,
            device_id=caller.device_id,
            content_hash=digest,
            status="applied" if result.applied else "rejected",
            reason=result.reason[:500],
            server_version=None,
            created_at=now,
        )
    )
    return result


# --- the team's caseload -----------------------------------------------------------------------


def team_caseload(conn: Connection, caller: Caller, now: datetime) -> TeamCaseload:
    """Who holds which youth of the caller's team (the county's, for an administrator), with
    each youth's open obligations: how many, how many overdue, the next one due."""
    scope = [users.c.county_id == caller.county_id]
    if caller.role is Role.SUPERVISOR:
        scope.append(users.c.team == caller.team)
    rows = conn.execute(
        select(assignments, users.c.username)
        .join(users, users.c.id == assignments.c.user_id)
        .where(*scope, assignments.c.end_seq.is_(None))
        .order_by(users.c.username, assignments.c.youth_id)
    ).all()
    rows = [row for row in rows if row.ends_at is None or row.ends_at > now]
    open_by_youth = _open_obligations(conn, caller.county_id, {row.youth_id for row in rows}, now)
    entries = []
    for row in rows:
        due = open_by_youth.get(row.youth_id, [])
        entries.append(
            CaseloadEntry(
                youth_id=row.youth_id,
                caseworker=row.username,
                kind=AssignmentKind(row.kind),
                until=row.ends_at,
                open_obligations=len(due),
                overdue_obligations=sum(1 for moment in due if moment < now),
                next_due_at=min(due) if due else None,
            )
        )
    entries.sort(key=lambda e: (e.caseworker, e.youth_id.hex, e.kind.value))
    workers = conn.execute(
        select(users.c.username)
        .where(*scope, users.c.active.is_(True), users.c.role.in_(_HOLDING_ROLES))
        .order_by(users.c.username)
    ).scalars()
    return TeamCaseload(entries=entries, caseworkers=list(workers))


def _open_obligations(
    conn: Connection, county_id: int, youth: set[UUID], now: datetime
) -> dict[UUID, list[datetime]]:
    found: dict[UUID, list[datetime]] = {}
    if not youth:
        return found
    rows = conn.execute(
        select(records.c.youth_id, records.c.payload).where(
            records.c.county_id == county_id,
            records.c.record_type == "obligation",
            records.c.youth_id.in_(sorted(youth, key=lambda u: u.hex)),
        )
    )
    for row in rows:
        payload = row.payload
        if payload.get("done_at") or not isinstance(payload.get("due_at"), str):
            continue
        due = datetime.fromisoformat(payload["due_at"].replace("Z", "+00:00"))
        found.setdefault(row.youth_id, []).append(due)
    return found
