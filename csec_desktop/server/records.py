"""Reading the server's current version of one record, for a device resolving a sync conflict.

Who may read a record: its owner (the caseworker who pushed it), and a supervisor of the owner's
team in the owner's county. Anyone else gets "not found", so the answer never tells whether a
record exists elsewhere. Every successful read is audited on the reader's chain.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, and_, select

from csec_desktop.server import audit
from csec_desktop.server.accounts import Caller
from csec_desktop.server.schema import records, users
from csec_desktop.sync.protocol import RecordCopy, Role


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
    if row is None or not _may_read(caller, row.owner_user_id, row.team):
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
