"""A record as the server holds it (for a device resolving a sync conflict), and the county's
conflicts (for county IT).

Who may read a record: its owner (the caseworker who pushed it), whoever holds now a youth it
belongs to (a caseload reassigned or covered), and a supervisor of the owner's team in the owner's
county. Anyone else gets "not found", so the answer never tells whether a record exists elsewhere.
Every successful read is audited on the reader's chain.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, and_, select

from csec_desktop.domain.base import utcnow
from csec_desktop.server import audit, caseload
from csec_desktop.server.accounts import Caller
from csec_desktop.server.schema import record_conflicts, record_youth, records, users
from csec_desktop.sync.protocol import ConflictList, ConflictSummary, RecordCopy, Role

CONFLICT_LIST_LIMIT = 500


class RecordNotVisible(Exception):
    """No such record that the caller may read (never says which of the two)."""


def read_record(conn: Connection, caller: Caller, record_type: str, record_id: UUID) -> RecordCopy:
    """The server's current version of the record, audited; ``RecordNotVisible`` otherwise."""
    row = conn.execute(
        select(
            records.c.record_type,
            records.c.record_id,
            records.c.version,
            records.c.payload,
            records.c.owner_user_id,
            users.c.team,
        )
        .join(users, users.c.id == records.c.owner_user_id)
        .where(
            and_(
                records.c.record_type == record_type,
                records.c.record_id == record_id,
                records.c.county_id == caller.county_id,
                users.c.county_id == caller.county_id,
            )
        )
    ).first()
    if row is None or not (
        _may_read(caller, row.owner_user_id, row.team)
        or _holds_its_youth(conn, caller, record_type, record_id)
    ):
        raise RecordNotVisible
    audit.append(
        conn,
        county_id=caller.county_id,
        user_id=caller.user_id,
        actor=caller.username,
        action="record_view",
        record_type=row.record_type,
        record_id=row.record_id,
        record_version=row.version,
        detail=f"device {caller.device_id}",
    )
    return RecordCopy(
        record_type=row.record_type,
        record_id=row.record_id,
        version=row.version,
        payload=row.payload,
    )


def _may_read(caller: Caller, owner_user_id: int, owner_team: str | None) -> bool:
    if owner_user_id == caller.user_id:
        return True
    return caller.role is Role.SUPERVISOR and caller.team is not None and caller.team == owner_team


def _holds_its_youth(conn: Connection, caller: Caller, record_type: str, record_id: UUID) -> bool:
    linked = set(
        conn.execute(
            select(record_youth.c.youth_id).where(
                record_youth.c.record_type == record_type, record_youth.c.record_id == record_id
            )
        ).scalars()
    )
    if not linked:
        return False
    return bool(linked & caseload.caseload_now(conn, caller.user_id, utcnow()).keys())


def county_conflicts(
    conn: Connection, county_id: int, limit: int = CONFLICT_LIST_LIMIT
) -> ConflictList:
    """The sync conflicts of the caller's county, newest first, without record content: for
    county IT to see which laptops have a change waiting on a person's decision."""
    rows = conn.execute(
        select(
            record_conflicts.c.id,
            record_conflicts.c.record_type,
            record_conflicts.c.record_id,
            users.c.username,
            record_conflicts.c.device_id,
            record_conflicts.c.base_version,
            record_conflicts.c.version,
            record_conflicts.c.server_version,
            records.c.version.label("current_version"),
            record_conflicts.c.created_at,
        )
        .join(users, users.c.id == record_conflicts.c.user_id)
        .outerjoin(
            records,
            and_(
                records.c.record_type == record_conflicts.c.record_type,
                records.c.record_id == record_conflicts.c.record_id,
                records.c.county_id == record_conflicts.c.county_id,
            ),
        )
        .where(record_conflicts.c.county_id == county_id)
        .order_by(record_conflicts.c.created_at.desc(), record_conflicts.c.id.desc())
        .limit(limit)
    ).all()
    return ConflictList(
        conflicts=[
            ConflictSummary(
                conflict_id=row.id,
                record_type=row.record_type,
                record_id=row.record_id,
                username=row.username,
                device_id=row.device_id,
                base_version=row.base_version,
                version=row.version,
                server_version=row.server_version,
                current_version=row.current_version,
                created_at=row.created_at,
            )
            for row in rows
        ],
        limit=limit,
    )
