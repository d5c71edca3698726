"""Storing pushed record versions: idempotent per operation id, conflicts kept, one result per item.

A batch is handled set-wise, because per-item round trips were what made pushes slow:

1. Outside any transaction, every operation is checked on its own (record type, payload
   validation, ids, versions, county) and hashed. This is most of the CPU work, and doing it before
   the transaction keeps locks short (on SQLite the write lock is database-wide).
2. In one transaction: lock the caller's user row (so two tries of one batch from one user run one
   after the other, and the second finds the first one's stored answers), then read the stored
   answers of all the batch's operation ids and the current versions of all its records (one query
   each), and what ``workflow.WorkflowGate`` needs to check the workflow, authorship and links.
3. Decide every item in order in memory, carrying the batch's own effects forward (a batch may
   create a record and update it, or repeat an operation id).
4. Write with one multi-row statement per table (records, conflicts, push log, audit entries).

Another user's transaction may store one of the batch's operation ids, or create one of its records,
between steps 2 and 4; the unique keys then refuse the write, the whole transaction is rolled back,
and the batch is decided again on a fresh read, which now sees that row. Per-item outcomes never
depend on other items except through those carried-forward effects, so one bad item never fails the
batch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, and_, bindparam, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from csec_desktop.domain import (
    RECORD_TYPES,
    EducationSession,
    Identification,
    MissingEpisode,
    Obligation,
    Record,
    Review,
    Screening,
    Training,
    Youth,
    utcnow,
)
from csec_desktop.domain.errors import describe
from csec_desktop.domain.limits import size_problem
from csec_desktop.server import audit
from csec_desktop.server.accounts import Caller
from csec_desktop.server.schema import push_ops, record_conflicts, records
from csec_desktop.server.workflow import WorkflowGate
from csec_desktop.sync.protocol import PushOperation, PushResult, PushStatus

_MAX_REASON = 500
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
# A unique-key refusal means another transaction committed a row this batch must now see; each
# retry reads afresh, so only a sustained stream of cross-user collisions could exhaust this.
_MAX_ATTEMPTS = 5
_DIFFERENT_CONTENT = "this operation id was already used for different content"


def _canonical_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_hash(value: Any) -> str:
    return hashlib.sha256(_canonical_text(value).encode()).hexdigest()


def operation_hash(op: PushOperation) -> str:
    """What "the same operation" means for a retry. Stored in the push log: never change it."""
    return canonical_hash(
        {
            "record_type": op.record_type,
            "record_id": str(op.record_id),
            "base_version": op.base_version,
            "version": op.version,
            "payload": op.payload,
        }
    )


@dataclass(frozen=True, slots=True)
class _Checked:
    """One operation after the checks that need no database."""

    op: PushOperation
    op_hash: str
    rejection: str = ""  # set when the operation is invalid on its own
    payload: dict[str, Any] | None = None  # the record, normalized
    content_hash: str = ""
    status: str | None = None  # screenings: the workflow status
    record_date: date | None = None


@dataclass(slots=True)
class _Current:
    """What the server holds for one record, as the batch goes along."""

    county_id: int
    owner_user_id: int
    version: int
    content_hash: str


@dataclass(slots=True)
class _Writes:
    """Everything one batch writes, gathered so each table gets one statement."""

    new_records: dict[tuple[str, UUID], dict[str, Any]]
    changed_records: dict[tuple[str, UUID], dict[str, Any]]
    conflicts: list[dict[str, Any]]
    log: list[dict[str, Any]]


def push_batch(engine: Engine, caller: Caller, operations: list[PushOperation]) -> list[PushResult]:
    """Apply ``operations`` in order and answer each one."""
    checked = [_check(caller, op) for op in operations]
    for attempt in range(1, _MAX_ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                return _push_checked(conn, caller, checked)
        except (IntegrityError, _LostUpdate):
            if attempt == _MAX_ATTEMPTS:
                raise
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate not in _RETRYABLE_SQLSTATES or attempt == _MAX_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


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
    if isinstance(record, Identification):
        return record.information_received_at.astimezone(UTC).date()
    return None


def _check(caller: Caller, op: PushOperation) -> _Checked:
    """Validate ``op`` on its own; the reasons are plain language and never quote content."""
    op_hash = operation_hash(op)

    def rejected(reason: str) -> _Checked:
        return _Checked(op, op_hash, rejection=reason)

    model = RECORD_TYPES.get(op.record_type)
    if model is None:
        return rejected(f"unknown record type '{op.record_type[:40]}'")
    if model is Review:
        return rejected("reviews are made on the server, not pushed")
    try:
        record = model.model_validate(op.payload)
    except ValidationError as exc:
        return rejected(f"invalid {op.record_type}: {describe(exc)}")
    if record.id != op.record_id:
        return rejected("the payload's id is not the operation's record_id")
    if record.version != op.version:
        return rejected("the payload's version is not the operation's version")
    if op.base_version is not None and op.version <= op.base_version:
        return rejected("version must be greater than base_version")
    if isinstance(record, Youth) and record.county != caller.county:
        return rejected("the youth's county is not this device's county")
    payload = record.model_dump(mode="json")
    text = _canonical_text(payload)
    too_large = size_problem(op.record_type, len(text.encode()))
    if too_large:
        return rejected(too_large)
    if "\\u0000" in text:
        # PostgreSQL cannot store NUL in JSON text; refuse it the same way on every database.
        return rejected("the record contains a NUL character")
    return _Checked(
        op,
        op_hash,
        payload=payload,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        status=record.status.value if isinstance(record, Screening) else None,
        record_date=_record_date(record),
    )


# Built once: building a statement per batch costs more than running it.
_STORED_ANSWERS = select(
    push_ops.c.op_id,
    push_ops.c.user_id,
    push_ops.c.content_hash,
    push_ops.c.status,
    push_ops.c.reason,
    push_ops.c.server_version,
).where(push_ops.c.op_id.in_(bindparam("op_ids", expanding=True)))
_CURRENT_RECORDS = (
    select(
        records.c.record_type,
        records.c.record_id,
        records.c.county_id,
        records.c.owner_user_id,
        records.c.version,
        records.c.content_hash,
    )
    .where(records.c.record_id.in_(bindparam("record_ids", expanding=True)))
    .with_for_update()
)
# The SET clause comes from the parameters' column keys; the key_* ones select the row.
_UPDATE_RECORD = update(records).where(
    and_(
        records.c.record_type == bindparam("key_type"),
        records.c.record_id == bindparam("key_id"),
        records.c.version == bindparam("key_version"),
    )
)


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _push_checked(conn: Connection, caller: Caller, checked: list[_Checked]) -> list[PushResult]:
    chain = audit.UserChainWriter(conn, caller.user_id, caller.county_id)
    stored = {
        row.op_id: row
        for row in conn.execute(_STORED_ANSWERS, {"op_ids": _unique(c.op.op_id for c in checked)})
    }
    valid = [c for c in checked if not c.rejection and c.op.op_id not in stored]
    current: dict[tuple[str, UUID], _Current] = {}
    if valid:
        record_ids = _unique(c.op.record_id for c in valid)
        for row in conn.execute(_CURRENT_RECORDS, {"record_ids": record_ids}):
            current[(row.record_type, row.record_id)] = _Current(
                row.county_id, row.owner_user_id, row.version, row.content_hash
            )
    gate = WorkflowGate.load(
        conn, caller, [(c.op.record_type, c.op.record_id, c.payload or {}) for c in valid]
    )

    now = utcnow()
    writes = _Writes({}, {}, [], [])
    answered: dict[UUID, tuple[str, PushResult]] = {}  # this batch's own answers, by op_id
    results = []
    for item in checked:
        op = item.op
        earlier = stored.get(op.op_id)
        if earlier is not None:
            results.append(_replay_stored(caller, item, earlier))
            continue
        if op.op_id in answered:
            first_hash, first = answered[op.op_id]
            if first_hash != item.op_hash:
                results.append(_rejected(op.op_id, _DIFFERENT_CONTENT))
            else:
                results.append(first.model_copy(update={"replayed": True}))
            continue
        status, reason, server_version, action = _decide(caller, item, current, gate, writes, now)
        result = PushResult(
            op_id=op.op_id, status=status, reason=reason, server_version=server_version
        )
        answered[op.op_id] = (item.op_hash, result)
        results.append(result)
        writes.log.append(
            {
                "op_id": op.op_id,
                "user_id": caller.user_id,
                "device_id": caller.device_id,
                "content_hash": item.op_hash,
                "status": status.value,
                "reason": reason,
                "server_version": server_version,
                "created_at": now,
            }
        )
        if action:
            chain.add(
                actor=caller.username,
                action=action,
                record_type=op.record_type,
                record_id=op.record_id,
                record_version=op.version,
                detail=f"device {caller.device_id}",
                at=now,
            )
    _write(conn, writes)
    chain.flush(conn)
    return results


def _rejected(op_id: UUID, reason: str) -> PushResult:
    return PushResult(op_id=op_id, status=PushStatus.REJECTED, reason=reason)


def _replay_stored(caller: Caller, item: _Checked, row: Any) -> PushResult:
    if row.user_id != caller.user_id or row.content_hash != item.op_hash:
        return _rejected(item.op.op_id, _DIFFERENT_CONTENT)
    return PushResult(
        op_id=item.op.op_id,
        status=PushStatus(row.status),
        reason=row.reason,
        server_version=row.server_version,
        replayed=True,
    )


def _decide(
    caller: Caller,
    item: _Checked,
    current: dict[tuple[str, UUID], _Current],
    gate: WorkflowGate,
    writes: _Writes,
    now: datetime,
) -> tuple[PushStatus, str, int | None, str]:
    """The outcome of one new operation: (status, reason, server version, audit action or "").

    Records the writes it implies in ``writes`` and its effect in ``current``.
    """
    rejected = PushStatus.REJECTED
    op = item.op
    if item.rejection:
        return rejected, item.rejection[:_MAX_REASON], None, ""
    assert item.payload is not None
    key = (op.record_type, op.record_id)
    held = current.get(key)
    if held is not None and (
        held.county_id != caller.county_id or held.owner_user_id != caller.user_id
    ):
        return rejected, "this record belongs to another user", None, ""
    if held is not None and (held.version, held.content_hash) == (op.version, item.content_hash):
        return PushStatus.DUPLICATE, "the server already holds this version", held.version, ""
    applies = held is None or (op.base_version == held.version and op.version > held.version)
    refusal = gate.refusal(op.record_type, op.record_id, item.payload, stale=not applies)
    if refusal:
        return rejected, refusal[:_MAX_REASON], None, ""

    values = {
        "version": op.version,
        "payload": item.payload,
        "content_hash": item.content_hash,
        "status": item.status,
        "record_date": item.record_date,
        "updated_at": now,
        "updated_by_device": caller.device_id,
    }
    if held is None:
        writes.new_records[key] = {
            "record_type": op.record_type,
            "record_id": op.record_id,
            "county_id": caller.county_id,
            "owner_user_id": caller.user_id,
            **values,
        }
        current[key] = _Current(caller.county_id, caller.user_id, op.version, item.content_hash)
        gate.applied(op.record_type, op.record_id, item.payload)
        return PushStatus.APPLIED, "", op.version, "record_create"
    if applies:
        if key in writes.new_records:
            writes.new_records[key].update(values)  # created earlier in this batch
        elif key in writes.changed_records:
            writes.changed_records[key].update(values)  # keeps the version it was read at
        else:
            writes.changed_records[key] = {
                "key_type": op.record_type,
                "key_id": op.record_id,
                "key_version": held.version,
                **values,
            }
        held.version, held.content_hash = op.version, item.content_hash
        gate.applied(op.record_type, op.record_id, item.payload)
        return PushStatus.APPLIED, "", op.version, "record_update"
    writes.conflicts.append(
        {
            "record_type": op.record_type,
            "record_id": op.record_id,
            "county_id": caller.county_id,
            "user_id": caller.user_id,
            "device_id": caller.device_id,
            "op_id": op.op_id,
            "base_version": op.base_version,
            "version": op.version,
            "server_version": held.version,
            "payload": item.payload,
            "created_at": now,
        }
    )
    reason = (
        f"the server holds version {held.version}, this edit was based on "
        f"{op.base_version or 'no version'}; both versions are kept for a person to resolve"
    )
    return PushStatus.CONFLICT, reason, held.version, "record_conflict"


class _LostUpdate(Exception):
    """A record changed between the batch's read and its write (retried like a unique clash)."""


def _write(conn: Connection, writes: _Writes) -> None:
    if writes.new_records:
        conn.execute(records.insert(), list(writes.new_records.values()))
    if writes.changed_records:
        changed = list(writes.changed_records.values())
        result = conn.execute(_UPDATE_RECORD, changed)
        # The rows are locked (PostgreSQL) or the database is (SQLite), so this cannot happen;
        # checked anyway because a silent lost update would break "no last-write-wins".
        if result.rowcount not in (-1, len(changed)):
            raise _LostUpdate
    if writes.conflicts:
        conn.execute(record_conflicts.insert(), writes.conflicts)
    if writes.log:
        conn.execute(push_ops.insert(), writes.log)
