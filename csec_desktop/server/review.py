"""Supervisor review of the team's submitted screenings; decisions flow to the author's devices.

A supervisor sees the screenings of caseworkers in the same county and team, nothing else, and
never decides on one they authored (``workflow.authors_of``): supervisors push records too.
Every read of a screening is audited. The decision does not change the stored screening (the
devices of the youth's caseworker own it): it is stored as a domain ``Review`` record, which the
caseload feed (protocol 2) brings to every device holding the youth, and also as a feed entry for
the author's protocol-1 devices; a device applies it and pushes the screening's new status.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import Connection, Select, bindparam, exists, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

from csec_desktop.domain import Review, ReviewDecision, ScreeningStatus, utcnow
from csec_desktop.domain.errors import describe
from csec_desktop.server import audit
from csec_desktop.server.accounts import Caller
from csec_desktop.server.canonical import canonical_hash
from csec_desktop.server.feed import append_change, take_positions
from csec_desktop.server.schema import assignments, record_youth, records, reviews, users
from csec_desktop.server.workflow import authors_of
from csec_desktop.sync.protocol import (
    ChangeKind,
    ReviewDecisionRequest,
    ReviewDecisionResponse,
    ReviewDecisionValue,
    ScreeningForReview,
    ScreeningSummary,
)

AWAITING_REVIEW = (ScreeningStatus.SUBMITTED.value, ScreeningStatus.RESUBMITTED.value)


class ReviewError(Exception):
    """A decision that cannot be made; ``kind`` is "not_found", "conflict", "forbidden" or
    "invalid"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _team_screenings(caller: Caller) -> Select[tuple[object, ...]]:
    return (
        select(records, users.c.username.label("author"))
        .join(users, users.c.id == records.c.owner_user_id)
        .where(
            records.c.record_type == "screening",
            records.c.county_id == caller.county_id,
            users.c.county_id == caller.county_id,
            users.c.team == caller.team,
        )
    )


@cache
def _waiting_query(postgres: bool) -> Select[Any]:
    """The team's screenings awaiting a decision on their current version, read from the team's
    members (``records``' owner index: the screenings of a few people, in the statuses waiting),
    never by scanning every screening of the county, whose history only grows. On PostgreSQL each
    member's screenings are a fenced ``LATERAL`` subquery (an OFFSET keeps the planner from pulling
    it up), so statistics older than the morning's first syncs cannot steer it to the county's
    index (``bench/bench_request_statements.py`` and docs/benchmarks.md, issue 16). Built once
    per database kind, with the caller's county, team and user id as parameters."""
    members = (
        select(users.c.id, users.c.username)
        .where(
            users.c.county_id == bindparam("county"),
            users.c.team == bindparam("team"),  # a supervisor always has a team
            users.c.id != bindparam("me"),
        )
        .subquery("members")
    )
    of_member = select(
        records.c.record_id,
        records.c.version,
        records.c.status,
        records.c.record_date,
        records.c.payload,
        records.c.county_id,
    ).where(
        records.c.owner_user_id == members.c.id,
        records.c.record_type == "screening",
        records.c.status.in_(AWAITING_REVIEW),
    )
    if not postgres:  # SQLite has no LATERAL: the members' screenings by a join, as planned
        waiting = of_member.add_columns(members.c.username.label("author")).subquery("waiting")
        return (
            select(waiting)
            .where(waiting.c.county_id == bindparam("county"), ~_decided(waiting))
            .order_by(waiting.c.record_date, waiting.c.record_id)
        )
    fenced = of_member.offset(0).lateral("waiting")
    return (
        select(fenced, members.c.username.label("author"))
        .select_from(members.join(fenced, true()))
        .where(fenced.c.county_id == bindparam("county"), ~_decided(fenced))
        .order_by(fenced.c.record_date, fenced.c.record_id)
    )


def _decided(waiting: Any) -> Any:
    """A decision was taken on the waiting screening's current version."""
    return exists().where(
        reviews.c.screening_id == waiting.c.record_id,
        reviews.c.screening_version == waiting.c.version,
    )


def review_queue(conn: Connection, caller: Caller) -> list[ScreeningSummary]:
    """The team's screenings waiting for a decision on their current version."""
    rows = conn.execute(
        _waiting_query(conn.dialect.name == "postgresql"),
        {"county": caller.county_id, "team": caller.team, "me": caller.user_id},
    ).all()
    summaries = []
    for row in rows:
        payload = row.payload
        determination = payload.get("determination") or {}
        if caller.username in (payload.get("screener"), determination.get("confirmed_by")):
            continue  # their own work: someone else reviews it
        summaries.append(
            ScreeningSummary(
                screening_id=row.record_id,
                version=row.version,
                author=row.author,
                status=row.status,
                screening_date=row.record_date,
                submitted_at=payload.get("submitted_at"),
                risk_level=determination.get("risk_level"),
                category=determination.get("category"),
            )
        )
    return summaries


def read_screening(conn: Connection, caller: Caller, screening_id: UUID) -> ScreeningForReview:
    row = conn.execute(_team_screenings(caller).where(records.c.record_id == screening_id)).first()
    if row is None:
        raise ReviewError("not_found", "no such screening in your team")
    audit.append(
        conn,
        county_id=caller.county_id,
        user_id=caller.user_id,
        actor=caller.username,
        action="screening_view",
        record_type="screening",
        record_id=screening_id,
        record_version=row.version,
    )
    return ScreeningForReview(
        screening_id=row.record_id, version=row.version, author=row.author, screening=row.payload
    )


def _stored_decision(
    conn: Connection, caller: Caller, screening_id: UUID, request: ReviewDecisionRequest
) -> ReviewDecisionResponse | None:
    """The answer already given to this decision id, or None if the id is new. The same id
    with a different decision (or by someone else) is refused, never applied."""
    stored = conn.execute(select(reviews).where(reviews.c.id == request.decision_id)).first()
    if stored is None:
        return None
    same = (
        stored.screening_id == screening_id
        and stored.screening_version == request.screening_version
        and stored.decision == request.decision.value
        and stored.reviewer_user_id == caller.user_id
        and stored.comment == request.comment.strip()  # the review strips it when stored
    )
    if not same:
        raise ReviewError("conflict", "this decision id belongs to another decision")
    return ReviewDecisionResponse(
        review_id=stored.id,
        screening_id=stored.screening_id,
        screening_version=stored.screening_version,
        decision=ReviewDecisionValue(stored.decision),
        reviewer=caller.username,
        reviewed_at=stored.reviewed_at,
    )


def _store_review_record(
    conn: Connection, caller: Caller, review: Review, owner_user_id: int, youth_id: UUID | None
) -> None:
    """The decision as a record of the screening's youth, for the caseload feed."""
    payload = review.model_dump(mode="json")
    conn.execute(
        records.insert().values(
            record_type=Review.record_type,
            record_id=review.id,
            county_id=caller.county_id,
            owner_user_id=owner_user_id,
            version=review.version,
            payload=payload,
            content_hash=canonical_hash(payload),
            status=None,
            record_date=review.reviewed_at.date(),
            updated_at=review.reviewed_at,
            updated_by_device=None,
            youth_id=youth_id,
            feed_seq=take_positions(conn, caller.county_id),
            owner_route=not _held_ever(conn, youth_id),
        )
    )
    if youth_id is not None:
        conn.execute(
            record_youth.insert().values(
                record_type=Review.record_type, record_id=review.id, youth_id=youth_id
            )
        )


def _held_ever(conn: Connection, youth_id: UUID | None) -> bool:
    if youth_id is None:
        return False
    return (
        conn.execute(
            select(assignments.c.id).where(assignments.c.youth_id == youth_id).limit(1)
        ).first()
        is not None
    )


@cache
def _insert_review(dialect: str) -> Insert:
    """A review's insert that stores nothing (and returns no row) when the review's id or its
    screening version is already taken; built once per dialect."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(reviews).on_conflict_do_nothing().returning(reviews.c.id)


def decide(
    conn: Connection, caller: Caller, screening_id: UUID, request: ReviewDecisionRequest
) -> ReviewDecisionResponse:
    row = conn.execute(
        _team_screenings(caller)
        .where(records.c.record_id == screening_id)
        .with_for_update(of=records)
    ).first()
    if row is None:
        raise ReviewError("not_found", "no such screening in your team")
    if request.decision_id is not None:
        stored = _stored_decision(conn, caller, screening_id, request)
        if stored is not None:
            return stored  # a retry of a decision already taken: the same answer again
    if row.version != request.screening_version:
        raise ReviewError(
            "conflict",
            f"the screening changed: the server holds version {row.version}, "
            f"you read version {request.screening_version}",
        )
    if row.status not in AWAITING_REVIEW:
        raise ReviewError("conflict", f"the screening is {row.status}, not awaiting review")
    if caller.username in authors_of(conn, screening_id, row.owner_user_id, row.payload):
        raise ReviewError("forbidden", "nobody reviews their own work: another supervisor decides")
    try:
        review = Review(
            **({"id": request.decision_id} if request.decision_id is not None else {}),
            screening_id=screening_id,
            screening_version=row.version,
            decision=ReviewDecision(request.decision.value),
            comment=request.comment,
            reviewer=caller.username,
            reviewed_at=utcnow(),
        )
    except ValidationError as exc:
        raise ReviewError("invalid", describe(exc)) from None
    # One statement: a decision this version (or this decision id) already has is a conflict.
    # Its unique keys answer that without a savepoint round trip on each side of the insert.
    inserted = conn.execute(
        _insert_review(conn.dialect.name),
        {
            "id": review.id,
            "screening_id": screening_id,
            "screening_version": row.version,
            "county_id": caller.county_id,
            "author_user_id": row.owner_user_id,
            "reviewer_user_id": caller.user_id,
            "decision": review.decision.value,
            "comment": review.comment,
            "reviewed_at": review.reviewed_at,
        },
    ).first()
    if inserted is None:
        raise ReviewError("conflict", "this version was already decided")
    _store_review_record(conn, caller, review, row.owner_user_id, row.youth_id)
    append_change(
        conn,
        caller.county_id,
        ChangeKind.REVIEW_DECISION,
        review.model_dump(mode="json"),
        target_user_id=row.owner_user_id,
    )
    audit.append(
        conn,
        county_id=caller.county_id,
        user_id=caller.user_id,
        actor=caller.username,
        action=f"screening_{review.decision.value}",
        record_type="screening",
        record_id=screening_id,
        record_version=row.version,
    )
    return ReviewDecisionResponse(
        review_id=review.id,
        screening_id=screening_id,
        screening_version=row.version,
        decision=ReviewDecisionValue(review.decision.value),
        reviewer=caller.username,
        reviewed_at=review.reviewed_at,
    )
