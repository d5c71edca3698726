"""Storing pushed record versions: idempotent per operation id, conflicts kept, one result per item.

A batch runs in one transaction with a savepoint per item, so a bad item rolls back alone and the
batch commits once (fast on PostgreSQL, where each commit waits for the disk). The caller's user row
is locked first: two retries of the same batch from one device run one after the other, and the
second finds the first one's stored answers.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from csec_desktop.domain import (
    RECORD_TYPES,
    EducationSession,
    MissingEpisode,
    Obligation,
    Record,
    Review,
    Screening,
    ScreeningStatus,
    Training,
    Youth,
    utcnow,
)
from csec_desktop.domain.errors import describe
from csec_desktop.server import audit
from csec_desktop.server.accounts import Caller
from csec_desktop.server.schema import push_ops, record_conflicts, records, reviews
from csec_desktop.sync.protocol import PushOperation, PushResult, PushStatus

_MAX_REASON = 500
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected


def canonical_hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def operation_hash(op: PushOperation) -> str:
    return canonical_hash(
        {
            "record_type": op.record_type,
            "record_id": str(op.record_id),
            "base_version": op.base_version,
            "version": op.version,
            "payload": op.payload,
        }
    )


def push_batch(engine: Engine, caller: Caller, operations: list[PushOperation]) -> list[PushResult]:
    """Apply ``operations`` in order and answer each one."""
    for attempt in range(3):
        try:
            with engine.begin() as conn:
                chain = audit.UserChainWriter(conn, caller.user_id, caller.county_id)
                results = [_push_one(conn, caller, chain, op) for op in operations]
                chain.flush(conn)
                return results
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate not in _RETRYABLE_SQLSTATES or attempt == 2:
                raise
    raise AssertionError("unreachable")


def _push_one(
    conn: Connection, caller: Caller, chain: audit.UserChainWriter, op: PushOperation
) -> PushResult:
    op_hash = operation_hash(op)
    for _ in range(2):
        earlier = _stored_answer(conn, caller, op, op_hash)
        if earlier is not None:
            return earlier
        savepoint = conn.begin_nested()
        try:
            status, reason, server_version, action = _apply(conn, caller, op)
            conn.execute(
                push_ops.insert(),
                {
                    "op_id": op.op_id,
                    "user_id": caller.user_id,
                    "device_id": caller.device_id,
                    "content_hash": op_hash,
                    "status": status.value,
                    "reason": reason[:_MAX_REASON],
                    "server_version": server_version,
                    "created_at": utcnow(),
                },
            )
            savepoint.commit()
        except IntegrityError:
            # Another connection stored this operation id, or created this record, meanwhile:
            # undo this item only and look again.
            savepoint.rollback()
            continue
        if action:
            chain.add(
                actor=caller.username,
                action=action,
                record_type=op.record_type,
                record_id=op.record_id,
                record_version=op.version,
                detail=f"device {caller.device_id}",
            )
        return PushResult(
            op_id=op.op_id,
            status=status,
            reason=reason[:_MAX_REASON],
            server_version=server_version,
        )
    return PushResult(
        op_id=op.op_id, status=PushStatus.REJECTED, reason="stored concurrently; retry later"
    )


# Built once: building a statement per item costs more than running it.
_STORED_ANSWER = select(push_ops).where(push_ops.c.op_id == bindparam("op_id"))
_CURRENT_RECORD = (
    select(records.c.county_id, records.c.owner_user_id, records.c.version, records.c.content_hash)
    .where(
        records.c.record_type == bindparam("record_type"),
        records.c.record_id == bindparam("record_id"),
    )
    .with_for_update()
)


def _stored_answer(
    conn: Connection, caller: Caller, op: PushOperation, op_hash: str
) -> PushResult | None:
    row = conn.execute(_STORED_ANSWER, {"op_id": op.op_id}).first()
    if row is None:
        return None
    if row.user_id != caller.user_id or row.content_hash != op_hash:
        return PushResult(
            op_id=op.op_id,
            status=PushStatus.REJECTED,
            reason="this operation id was already used for different content",
        )
    return PushResult(
        op_id=op.op_id,
        status=PushStatus(row.status),
        reason=row.reason,
        server_version=row.server_version,
        replayed=True,
    )


def _record_date(record: Record) -> date | None:
    if isinstance(record, Screening):
        return record.screening_date
    if isinstance(record, EducationSession):
        return record.session_date
    if isinstance(record, Training):
        return record.training_date
    if isinstance(record, MissingEpisode):
        return record.started_at.date()
    if isinstance(record, Obligation):
        return record.due_at.date()
    return None


def _apply(
    conn: Connection, caller: Caller, op: PushOperation
) -> tuple[PushStatus, str, int | None, str]:
    """Store ``op`` if it may be: (status, reason, server version, audit action or "")."""
    rejected = PushStatus.REJECTED
    model = RECORD_TYPES.get(op.record_type)
    if model is None:
        return rejected, f"unknown record type '{op.record_type[:40]}'", None, ""
    if model is Review:
        return rejected, "reviews are made on the server, not pushed", None, ""
    try:
        record = model.model_validate(op.payload)
    except ValidationError as exc:
        return rejected, f"invalid {op.record_type}: {describe(exc)}", None, ""
    if record.id != op.record_id:
        return rejected, "the payload's id is not the operation's record_id", None, ""
    if record.version != op.version:
        return rejected, "the payload's version is not the operation's version", None, ""
    if op.base_version is not None and op.version <= op.base_version:
        return rejected, "version must be greater than base_version", None, ""
    if isinstance(record, Youth) and record.county != caller.county:
        return rejected, "the youth's county is not this device's county", None, ""
    if isinstance(record, Screening) and record.status in {
        ScreeningStatus.APPROVED,
        ScreeningStatus.RETURNED,
    }:
        decided = conn.execute(
            select(reviews.c.id).where(
                reviews.c.screening_id == record.id, reviews.c.decision == record.status.value
            )
        ).first()
        if decided is None:
            return (
                rejected,
                f"only a supervisor's review can make a screening {record.status}",
                None,
                "",
            )

    payload = record.model_dump(mode="json")
    if "\\u0000" in json.dumps(payload):
        # PostgreSQL cannot store NUL in JSON text; refuse it the same way on every database.
        return rejected, "the record contains a NUL character", None, ""
    content_hash = canonical_hash(payload)
    key = (records.c.record_type == op.record_type) & (records.c.record_id == op.record_id)
    current = conn.execute(
        _CURRENT_RECORD, {"record_type": op.record_type, "record_id": op.record_id}
    ).first()
    if current is not None and (
        current.county_id != caller.county_id or current.owner_user_id != caller.user_id
    ):
        return rejected, "this record belongs to another user", None, ""
    if current is not None and (current.version, current.content_hash) == (
        op.version,
        content_hash,
    ):
        return PushStatus.DUPLICATE, "the server already holds this version", current.version, ""

    now = utcnow()
    values = {
        "version": op.version,
        "payload": payload,
        "content_hash": content_hash,
        "status": record.status.value if isinstance(record, Screening) else None,
        "record_date": _record_date(record),
        "updated_at": now,
        "updated_by_device": caller.device_id,
    }
    if current is None:
        conn.execute(
            records.insert(),
            {
                "record_type": op.record_type,
                "record_id": op.record_id,
                "county_id": caller.county_id,
                "owner_user_id": caller.user_id,
                **values,
            },
        )
        action = "record_create"
    elif op.base_version == current.version and op.version > current.version:
        conn.execute(
            update(records).where(key, records.c.version == current.version).values(values)
        )
        action = "record_update"
    else:
        conn.execute(
            record_conflicts.insert(),
            {
                "record_type": op.record_type,
                "record_id": op.record_id,
                "county_id": caller.county_id,
                "user_id": caller.user_id,
                "device_id": caller.device_id,
                "op_id": op.op_id,
                "base_version": op.base_version,
                "version": op.version,
                "server_version": current.version,
                "payload": payload,
                "created_at": now,
            },
        )
        reason = (
            f"the server holds version {current.version}, this edit was based on "
            f"{op.base_version or 'no version'}; both versions are kept for a person to resolve"
        )
        return PushStatus.CONFLICT, reason, current.version, "record_conflict"
    return PushStatus.APPLIED, "", op.version, action
