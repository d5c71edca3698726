"""The server's append-only, hash-chained audit log.

There is one chain per user (what they pushed, read and decided) and one per county (administrative
actions). A chain's head lives on its user or county row, which is locked while appending, so
concurrent requests of different users never wait on each other and each chain stays linear.
Entries name records, never their content.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, select, update

from csec_desktop.domain import utcnow
from csec_desktop.server.schema import GENESIS_HASH, audit_events, counties, users


def entry_hash(prev_hash: str, fields: dict[str, object]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def append(
    conn: Connection,
    *,
    county_id: int,
    actor: str,
    action: str,
    user_id: int | None = None,
    record_type: str | None = None,
    record_id: UUID | None = None,
    record_version: int | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    """Add one entry to the user's chain (or the county's when ``user_id`` is None)."""
    if user_id is not None:
        table, key, chain = users, user_id, f"user:{user_id}"
    else:
        table, key, chain = counties, county_id, f"county:{county_id}"
    head = conn.execute(
        select(table.c.audit_seq, table.c.audit_head).where(table.c.id == key).with_for_update()
    ).one()
    seq = head.audit_seq + 1
    fields: dict[str, object] = {
        "chain": chain,
        "seq": seq,
        "at": (at or utcnow()).isoformat(),
        "actor": actor,
        "action": action,
        "record_type": record_type,
        "record_id": str(record_id) if record_id else None,
        "record_version": record_version,
        "detail": detail,
    }
    digest = entry_hash(head.audit_head, fields)
    conn.execute(
        audit_events.insert().values(
            chain=chain,
            seq=seq,
            county_id=county_id,
            at=datetime.fromisoformat(str(fields["at"])),
            actor=actor,
            action=action,
            record_type=record_type,
            record_id=record_id,
            record_version=record_version,
            detail=detail,
            prev_hash=head.audit_head,
            hash=digest,
        )
    )
    conn.execute(update(table).where(table.c.id == key).values(audit_seq=seq, audit_head=digest))


def verify_chain(conn: Connection, chain: str) -> bool:
    """True when every entry of ``chain`` links to the one before and its hash matches."""
    prev = GENESIS_HASH
    rows = conn.execute(
        select(audit_events).where(audit_events.c.chain == chain).order_by(audit_events.c.seq)
    )
    for expected_seq, row in enumerate(rows, start=1):
        fields: dict[str, object] = {
            "chain": row.chain,
            "seq": row.seq,
            "at": row.at.isoformat(),
            "actor": row.actor,
            "action": row.action,
            "record_type": row.record_type,
            "record_id": str(row.record_id) if row.record_id else None,
            "record_version": row.record_version,
            "detail": row.detail,
        }
        if row.seq != expected_seq or row.prev_hash != prev or entry_hash(prev, fields) != row.hash:
            return False
        prev = row.hash
    return True
