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
4. Write with one statement per table (``push_writes``: ``COPY`` on PostgreSQL): first what takes
   no feed position (the youth each record belongs to, conflicts, push log, audit entries), then
   the records and new youth's primary holders, which take their county feed positions last,
   because taking them locks the county row until commit.

Who may write a record (``_decide``): a record about one youth (see ``sync.caseload``) may be
written by whoever holds that youth (``caseload.write_access``); a youth nobody holds yet is its
creator's, who becomes its primary caseworker. A record about no one youth (a session, a
training) may be changed only by the user who created it.

Another user's transaction may store one of the batch's operation ids, or create one of its records,
between steps 2 and 4; the unique keys then refuse the write, the whole transaction is rolled back,
and the batch is decided again on a fresh read, which now sees that row. Per-item outcomes never
depend on other items except through those carried-forward effects, so one bad item never fails the
batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Select, bindparam, select, tuple_, update
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
from csec_desktop.server import accounts, audit, caseload, push_writes
from csec_desktop.server.accounts import Caller
from csec_desktop.server.canonical import (
    canonical_and_same,
    canonical_hash,
    operation_fields,
    operation_hash_from,
)
from csec_desktop.server.db import member_of
from csec_desktop.server.feed import take_positions
from csec_desktop.server.schema import (
    assignments,
    push_ops,
    record_conflicts,
    record_youth,
    records,
)
from csec_desktop.server.workflow import WorkflowGate
from csec_desktop.sync.caseload import YouthLinks, youth_links
from csec_desktop.sync.protocol import RETRY_LATER, PushOperation, PushResult, PushStatus

_MAX_REASON = 500
_RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
# A unique-key refusal means another transaction committed a row this batch must now see; each
# retry reads afresh, so only a sustained stream of cross-user collisions could exhaust this.
_MAX_ATTEMPTS = 5
_DIFFERENT_CONTENT = "this operation id was already used for different content"
_NOT_IN_CASELOAD = "this youth is not in your caseload"


def operation_hash(op: PushOperation) -> str:
    """What "the same operation" means for a retry. Stored in the push log: never change it."""
    return canonical_hash(
        operation_fields(op.record_type, str(op.record_id), op.base_version, op.version, op.payload)
    )


@dataclass(frozen=True, slots=True)
class _Checked:
    """One operation after the checks that need no database."""

    op: PushOperation
    op_hash: str
    rejection: str = ""  # set when the operation is invalid on its own
    payload: dict[str, Any] | None = None  # the record, normalized
    payload_text: str = ""  # ``payload`` as canonical JSON: hashed, and what the database stores
    content_hash: str = ""
    status: str | None = None  # the record's workflow status, if it has one
    record_date: date | None = None
    links: YouthLinks | None = None


@dataclass(slots=True)
class _Current:
    """What the server holds for one record, as the batch goes along."""

    county_id: int
    owner_user_id: int
    version: int
    content_hash: str
    youth_id: UUID | None = None


@dataclass(slots=True)
class _Writes:
    """Everything one batch writes, gathered so each table gets one statement."""

    new_records: dict[tuple[str, UUID], dict[str, Any]]
    changed_records: dict[tuple[str, UUID], dict[str, Any]]
    conflicts: list[dict[str, Any]]
    log: list[dict[str, Any]]
    links: dict[tuple[str, UUID], frozenset[UUID]]  # every youth each written record belongs to
    new_youth: dict[UUID, None]  # youth nobody held (in order): the caller becomes their holder


def push_batch(
    engine: Engine,
    caller: Caller,
    operations: list[PushOperation],
    feed_applied: int | None = None,
) -> list[PushResult]:
    """Apply ``operations`` in order and answer each one.

    ``feed_applied``: the feed position the device says (protocol 2's ``feed_cursor``) it has
    applied everything to. Recorded in the push's own transaction, before write access is
    decided, rather than in a transaction of its own.
    """
    acknowledged = feed_applied is not None and feed_applied > (caller.feed_acked_seq or 0)
    if acknowledged:
        caller = replace(caller, feed_acked_seq=feed_applied)
    checked = [_check(caller, op) for op in operations]
    for attempt in range(1, _MAX_ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                if acknowledged:
                    assert feed_applied is not None
                    accounts.acknowledge_feed(conn, caller.device_id, feed_applied)
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
    """Validate ``op`` on its own; the reasons are plain language and never quote content.

    The payload is encoded once: when it arrived normalised (as real clients send it), the
    operation hash is made around the normalised payload's text (``canonical.same_json``)."""

    def rejected(reason: str) -> _Checked:
        return _Checked(op, operation_hash(op), rejection=reason)

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
    payload = record.as_json()
    encoded, same = canonical_and_same(payload, op.payload)
    text = encoded.decode()
    if same:
        op_hash = operation_hash_from(
            op.record_type, str(op.record_id), op.base_version, op.version, encoded
        )
    else:
        op_hash = operation_hash(op)
    too_large = size_problem(op.record_type, len(encoded))
    if too_large:
        return _Checked(op, op_hash, rejection=too_large)
    if "\\u0000" in text:
        # PostgreSQL cannot store NUL in JSON text; refuse it the same way on every database.
        return _Checked(op, op_hash, rejection="the record contains a NUL character")
    status = getattr(record, "status", None)
    return _Checked(
        op,
        op_hash,
        payload=payload,
        payload_text=text,
        content_hash=hashlib.sha256(encoded).hexdigest(),
        status=status.value if isinstance(status, StrEnum) else None,
        record_date=_record_date(record),
        links=youth_links(op.record_type, op.record_id, payload),
    )


def _stored_answers(postgres: bool) -> Select[Any]:
    return select(
        push_ops.c.op_id,
        push_ops.c.user_id,
        push_ops.c.content_hash,
        push_ops.c.status,
        push_ops.c.reason,
        push_ops.c.server_version,
    ).where(member_of(push_ops.c.op_id, "op_ids", postgres=postgres))


def _current_records(postgres: bool) -> Select[Any]:
    return (
        select(
            records.c.record_type,
            records.c.record_id,
            records.c.county_id,
            records.c.owner_user_id,
            records.c.version,
            records.c.content_hash,
            records.c.youth_id,
        )
        .where(
            # The type too, so the primary key (record_type, record_id) finds the rows.
            records.c.record_type.in_(bindparam("record_types", expanding=True)),
            member_of(records.c.record_id, "record_ids", postgres=postgres),
        )
        .with_for_update()
    )


def _screening_youth(postgres: bool) -> Select[Any]:
    return select(records.c.record_id, records.c.youth_id).where(
        records.c.record_type == Screening.record_type,
        member_of(records.c.record_id, "screening_ids", postgres=postgres),
    )


# Built once per dialect (keyed by "is PostgreSQL"): building a statement per batch costs more
# than running it.
_STORED_ANSWERS = {postgres: _stored_answers(postgres) for postgres in (False, True)}
_CURRENT_RECORDS = {postgres: _current_records(postgres) for postgres in (False, True)}
_SCREENING_YOUTH = {postgres: _screening_youth(postgres) for postgres in (False, True)}


def _on_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _push_checked(conn: Connection, caller: Caller, checked: list[_Checked]) -> list[PushResult]:
    chain = audit.UserChainWriter(conn, caller.user_id, caller.county_id)
    postgres = _on_postgres(conn)
    op_ids = _unique(c.op.op_id for c in checked)
    stored = {row.op_id: row for row in conn.execute(_STORED_ANSWERS[postgres], {"op_ids": op_ids})}
    valid = [c for c in checked if not c.rejection and c.op.op_id not in stored]
    current: dict[tuple[str, UUID], _Current] = {}
    if valid:
        record_ids = _unique(c.op.record_id for c in valid)
        for row in conn.execute(
            _CURRENT_RECORDS[postgres],
            {"record_ids": record_ids, "record_types": _unique(c.op.record_type for c in valid)},
        ):
            current[(row.record_type, row.record_id)] = _Current(
                row.county_id, row.owner_user_id, row.version, row.content_hash, row.youth_id
            )
    gate = WorkflowGate.load(
        conn, caller, [(c.op.record_type, c.op.record_id, c.payload or {}) for c in valid]
    )

    now = utcnow()
    subjects = _subjects(conn, valid)
    involved = {y for y in subjects.values() if y is not None}
    # The youth a record names without being about them (a session's attendees): whether anyone
    # holds them decides where the record travels (``owner_route``).
    involved.update(y for c in valid if c.links is not None for y in c.links.named)
    involved.update(c.youth_id for c in current.values() if c.youth_id is not None)
    access = caseload.write_access(
        conn,
        county_id=caller.county_id,
        user_id=caller.user_id,
        acked_seq=caller.feed_acked_seq,
        youth_ids=involved,
        now=now,
    )
    writes = _Writes({}, {}, [], [], {}, {})
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
        status, reason, server_version, action = _decide(
            caller, item, current, gate, writes, now, subjects.get(op.op_id), access
        )
        result = PushResult(
            op_id=op.op_id, status=status, reason=reason, server_version=server_version
        )
        answered[op.op_id] = (item.op_hash, result)
        results.append(result)
        if status is PushStatus.REJECTED and reason.endswith(RETRY_LATER):
            continue  # "not now": not remembered, so the same operation is decided afresh later
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
    _write_unplaced(conn, writes)
    chain.flush(conn, insert=push_writes.insert)
    _write_placed(conn, caller, writes, now)
    return results


def _subjects(conn: Connection, valid: list[_Checked]) -> dict[UUID, UUID | None]:
    """The youth each operation's record is about (by op id), a review-like record's looked up
    through its screening (in this batch or on the server)."""
    found: dict[UUID, UUID | None] = {}
    via: dict[UUID, UUID] = {}
    for item in valid:
        assert item.links is not None
        found[item.op.op_id] = item.links.subject
        if item.links.via_screening is not None:
            via[item.op.op_id] = item.links.via_screening
    if via:
        in_batch = {
            c.op.record_id: c.links.subject
            for c in valid
            if c.op.record_type == Screening.record_type and c.links is not None
        }
        stored = {
            row.record_id: row.youth_id
            for row in conn.execute(
                _SCREENING_YOUTH[_on_postgres(conn)], {"screening_ids": _unique(via.values())}
            )
        }
        for op_id, screening_id in via.items():
            found[op_id] = in_batch.get(screening_id) or stored.get(screening_id)
    return found


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
    subject: UUID | None,
    access: caseload.WriteAccess,
) -> tuple[PushStatus, str, int | None, str]:
    """The outcome of one new operation: (status, reason, server version, audit action or "").

    Records the writes it implies in ``writes`` and its effect in ``current``. ``subject`` is
    the youth the record is about.
    """
    rejected = PushStatus.REJECTED
    op = item.op
    if item.rejection:
        return rejected, item.rejection[:_MAX_REASON], None, ""
    assert item.payload is not None and item.links is not None
    key = (op.record_type, op.record_id)
    held = current.get(key)
    if held is not None and held.county_id != caller.county_id:
        return rejected, "this record belongs to another user", None, ""
    if item.links.about_one_youth:
        about = {subject, held.youth_id if held else None} - {None}
        if any(y in access.known and y not in access.writable for y in about):
            return rejected, _NOT_IN_CASELOAD, None, ""
    elif held is not None and held.owner_user_id != caller.user_id:
        return rejected, "this record belongs to another user", None, ""
    if held is not None and (held.version, held.content_hash) == (op.version, item.content_hash):
        return PushStatus.DUPLICATE, "the server already holds this version", held.version, ""
    applies = held is None or (op.base_version == held.version and op.version > held.version)
    refusal = gate.refusal(op.record_type, op.record_id, item.payload, stale=not applies)
    if refusal:
        return rejected, refusal[:_MAX_REASON], None, ""

    values = {
        "version": op.version,
        "payload": item.payload_text,
        "content_hash": item.content_hash,
        "status": item.status,
        "record_date": item.record_date,
        "updated_at": now,
        "updated_by_device": caller.device_id,
        "youth_id": subject,
    }
    named = item.links.named | ({subject} if subject else set())
    # Nobody holds any youth it belongs to (yet; a youth created earlier in this batch counts):
    # it travels to its owner's devices.
    values["owner_route"] = not any(y in access.known or y in writes.new_youth for y in named)
    if held is None:
        writes.new_records[key] = {
            "record_type": op.record_type,
            "record_id": op.record_id,
            "county_id": caller.county_id,
            "owner_user_id": caller.user_id,
            **values,
        }
        writes.links[key] = named
        if op.record_type == Youth.record_type and op.record_id not in access.known:
            writes.new_youth[op.record_id] = None
        current[key] = _Current(
            caller.county_id, caller.user_id, op.version, item.content_hash, subject
        )
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
        writes.links[key] = named
        held.version, held.content_hash, held.youth_id = op.version, item.content_hash, subject
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
            "payload": item.payload_text,
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


def _write_unplaced(conn: Connection, writes: _Writes) -> None:
    """The rows that take no feed position: written before the county row is locked."""
    if writes.changed_records:
        push_writes.delete_links(conn, record_youth, list(writes.changed_records))
    links = [
        {"record_type": key[0], "record_id": key[1], "youth_id": youth}
        for key, named in writes.links.items()
        for youth in named
    ]
    push_writes.insert(conn, record_youth, links)
    push_writes.insert(conn, record_conflicts, writes.conflicts)
    push_writes.insert(conn, push_ops, writes.log)


def _write_placed(conn: Connection, caller: Caller, writes: _Writes, now: datetime) -> None:
    """The record versions and new holdings, which take county feed positions.

    Last of everything the push writes: taking the positions locks the county row until commit
    (``feed.take_positions``), so every other writer of the county waits from here on. Under a
    burst of one county's laptops that wait was most of a push's time (issue 16)."""
    written = [*writes.new_records.values(), *writes.changed_records.values()]
    if written:
        first = take_positions(conn, caller.county_id, len(written))
        for offset, values in enumerate(written):
            values["feed_seq"] = first + offset
    push_writes.insert(conn, records, list(writes.new_records.values()))
    if writes.changed_records:
        changed = list(writes.changed_records.values())
        # The rows are locked (PostgreSQL) or the database is (SQLite), so this cannot happen;
        # checked anyway because a silent lost update would break "no last-write-wins".
        if push_writes.update_records(conn, records, changed) not in (-1, len(changed)):
            raise _LostUpdate
    if writes.new_youth:
        seqs = {
            youth: writes.new_records[(Youth.record_type, youth)]["feed_seq"]
            for youth in writes.new_youth
        }
        rows = caseload.start_primary_rows(
            caller.county_id, caller.user_id, caller.device_id, seqs, now, caller.username
        )
        conn.execute(assignments.insert(), rows)
        # Records of these youth pushed before them (in an earlier batch: a session naming
        # them, a screening) went to their owner, the youth's creator; now they follow the
        # youth. Few rows are marked so: the owner's index finds them.
        conn.execute(
            update(records)
            .where(
                records.c.owner_user_id == caller.user_id,
                records.c.owner_route.is_(True),
                tuple_(records.c.record_type, records.c.record_id).in_(
                    select(record_youth.c.record_type, record_youth.c.record_id).where(
                        record_youth.c.youth_id.in_(list(writes.new_youth))
                    )
                ),
            )
            .values(owner_route=False)
        )
