"""Audit anchors: the server keeps the newest head of each device's local audit chain.

A laptop's audit log is hash-chained inside its encrypted vault, which detects edits by anyone
who cannot recompute the chain, but not a rewrite by someone holding the vault's key. At each
sync the laptop sends its chain's head (position and hash); the server answers with the head it
held before and keeps the new one. The laptop then checks that its chain still holds the old
head's hash at that position. A head that goes backwards, or changes at the same position, is
refused and written to the county's audit for IT.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from csec_desktop.domain.base import utcnow
from csec_desktop.server import audit
from csec_desktop.server.accounts import Caller
from csec_desktop.server.schema import audit_anchors
from csec_desktop.sync.protocol import AuditAnchor, AuditAnchorResponse


def anchor(conn: Connection, caller: Caller, head: AuditAnchor) -> AuditAnchorResponse:
    row = conn.execute(
        select(audit_anchors.c.seq, audit_anchors.c.hash)
        .where(audit_anchors.c.device_id == caller.device_id)
        .with_for_update()
    ).first()
    previous = AuditAnchor(seq=row.seq, hash=row.hash) if row is not None else None
    if previous is not None and (
        head.seq < previous.seq or (head.seq == previous.seq and head.hash != previous.hash)
    ):
        audit.append(
            conn,
            county_id=caller.county_id,
            user_id=caller.user_id,
            actor=caller.username,
            action="audit_chain_rewound",
            detail=f"device {caller.device_id}: head {head.seq} after {previous.seq}",
        )
        return AuditAnchorResponse(previous=previous, accepted=False)
    values = {"seq": head.seq, "hash": head.hash, "anchored_at": utcnow()}
    if row is None:
        conn.execute(audit_anchors.insert().values(device_id=caller.device_id, **values))
    else:
        conn.execute(
            audit_anchors.update()
            .where(audit_anchors.c.device_id == caller.device_id)
            .values(**values)
        )
    return AuditAnchorResponse(previous=previous, accepted=True)
