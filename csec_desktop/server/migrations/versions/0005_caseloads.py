"""Caseloads: who holds which youth, the youth each record belongs to, and records in the feed.

- ``assignments``: every youth gets its owner (the caseworker who pushed it) as primary holder;
- ``records.youth_id`` and ``record_youth``: the youth a record is about and the youth it names;
- ``records.feed_seq``: every record takes a position in its county's feed (oldest change first,
  after the feed entries already handed out), so protocol-2 devices can pull records;
  ``records.owner_route``: the record belongs to no youth anybody holds, so it goes to its owner;
- reviews become records too (the decisions devices already hold, under the same ids);
- ``devices.feed_acked_seq`` and ``counties.closed_case_retention_days``.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from csec_desktop.server.db import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON_DOC = sa.JSON().with_variant(JSONB(), "postgresql")
DEFAULT_RETENTION_DAYS = 90

# The tables as this migration finds them (spelled out: schema.py may change later).
_meta = sa.MetaData()
_counties = sa.Table(
    "counties", _meta, sa.Column("id", sa.Integer), sa.Column("feed_seq", sa.BigInteger)
)
_users = sa.Table("users", _meta, sa.Column("id", sa.Integer), sa.Column("username", sa.String))
_records = sa.Table(
    "records",
    _meta,
    sa.Column("record_type", sa.String),
    sa.Column("record_id", sa.Uuid),
    sa.Column("county_id", sa.Integer),
    sa.Column("owner_user_id", sa.Integer),
    sa.Column("version", sa.Integer),
    sa.Column("payload", JSON_DOC),
    sa.Column("content_hash", sa.String),
    sa.Column("status", sa.String),
    sa.Column("record_date", sa.Date),
    sa.Column("updated_at", UtcDateTime),
    sa.Column("updated_by_device", sa.Uuid),
    sa.Column("youth_id", sa.Uuid),
    sa.Column("feed_seq", sa.BigInteger),
    sa.Column("owner_route", sa.Boolean),
)
_reviews = sa.Table(
    "reviews",
    _meta,
    sa.Column("id", sa.Uuid),
    sa.Column("screening_id", sa.Uuid),
    sa.Column("screening_version", sa.Integer),
    sa.Column("county_id", sa.Integer),
    sa.Column("author_user_id", sa.Integer),
    sa.Column("reviewer_user_id", sa.Integer),
    sa.Column("decision", sa.String),
    sa.Column("comment", sa.Text),
    sa.Column("reviewed_at", UtcDateTime),
)
_changes = sa.Table(
    "changes",
    _meta,
    sa.Column("county_id", sa.Integer),
    sa.Column("kind", sa.String),
    sa.Column("payload", JSON_DOC),
)
_record_youth = sa.Table(
    "record_youth",
    _meta,
    sa.Column("record_type", sa.String),
    sa.Column("record_id", sa.Uuid),
    sa.Column("youth_id", sa.Uuid),
)
_assignments = sa.Table(
    "assignments",
    _meta,
    sa.Column("county_id", sa.Integer),
    sa.Column("youth_id", sa.Uuid),
    sa.Column("user_id", sa.Integer),
    sa.Column("kind", sa.String),
    sa.Column("start_seq", sa.BigInteger),
    sa.Column("started_at", UtcDateTime),
    sa.Column("origin_device", sa.Uuid),
    sa.Column("reason", sa.String),
    sa.Column("set_by", sa.String),
)


def upgrade() -> None:
    # NOT NULL columns come with a server default so existing rows get a value without
    # rebuilding the tables (on SQLite that would mean dropping tables others point at); the
    # code always writes them, and feed_seq is set for every row below.
    op.add_column(
        "counties",
        sa.Column(
            "closed_case_retention_days",
            sa.Integer,
            nullable=False,
            server_default=str(DEFAULT_RETENTION_DAYS),
        ),
    )
    op.add_column("devices", sa.Column("feed_acked_seq", sa.BigInteger, nullable=True))
    op.add_column("records", sa.Column("youth_id", sa.Uuid, nullable=True))
    op.add_column(
        "records", sa.Column("feed_seq", sa.BigInteger, nullable=False, server_default="0")
    )
    op.add_column(
        "records",
        sa.Column("owner_route", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "record_youth",
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Uuid, nullable=False),
        sa.Column("youth_id", sa.Uuid, nullable=False),
        sa.PrimaryKeyConstraint("record_type", "record_id", "youth_id", name="pk_record_youth"),
    )
    op.create_index("ix_record_youth_youth_id", "record_youth", ["youth_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("youth_id", sa.Uuid, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("start_seq", sa.BigInteger, nullable=False),
        sa.Column("started_at", UtcDateTime, nullable=False),
        sa.Column("ends_at", UtcDateTime, nullable=True),
        sa.Column("end_seq", sa.BigInteger, nullable=True),
        sa.Column("ended_at", UtcDateTime, nullable=True),
        sa.Column("end_reason", sa.String(40), nullable=True),
        sa.Column("origin_device", sa.Uuid, nullable=True),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("set_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_assignments_county_id_counties"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_assignments_user_id_users"),
    )
    op.create_index("ix_assignments_user_id_end_seq", "assignments", ["user_id", "end_seq"])
    op.create_index("ix_assignments_youth_id_end_seq", "assignments", ["youth_id", "end_seq"])
    op.create_index(
        "ix_assignments_county_id_end_seq_ends_at",
        "assignments",
        ["county_id", "end_seq", "ends_at"],
    )

    conn = op.get_bind()
    _reviews_become_records(conn)
    _place_records_in_the_feed(conn)

    op.create_index(
        "ix_records_county_id_feed_seq", "records", ["county_id", "feed_seq"], unique=True
    )
    op.create_index(
        "ix_records_owner_user_id_owner_route_feed_seq",
        "records",
        ["owner_user_id", "owner_route", "feed_seq"],
    )


def _canonical_hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _reviews_become_records(conn: sa.Connection) -> None:
    """Each stored decision as a ``review`` record, with the payload devices already hold."""
    sent: dict[str, dict[str, Any]] = {}
    for row in conn.execute(
        sa.select(_changes.c.payload).where(_changes.c.kind == "review_decision")
    ):
        payload = dict(row.payload)
        sent[str(payload.get("id"))] = payload
    reviewers = {row.id: row.username for row in conn.execute(sa.select(_users))}
    screening_youth = {
        row.record_id: row.payload.get("youth_id")
        for row in conn.execute(
            sa.select(_records.c.record_id, _records.c.payload).where(
                _records.c.record_type == "screening"
            )
        )
    }
    for review in conn.execute(sa.select(_reviews)).all():
        at = review.reviewed_at.isoformat().replace("+00:00", "Z")
        payload = sent.get(str(review.id)) or {
            "id": str(review.id),
            "version": 1,
            "created_at": at,
            "updated_at": at,
            "screening_id": str(review.screening_id),
            "screening_version": review.screening_version,
            "decision": review.decision,
            "comment": review.comment,
            "reviewer": reviewers.get(review.reviewer_user_id, "unknown"),
            "reviewed_at": at,
        }
        youth = screening_youth.get(review.screening_id)
        conn.execute(
            _records.insert().values(
                record_type="review",
                record_id=review.id,
                county_id=review.county_id,
                owner_user_id=review.author_user_id,
                version=int(payload.get("version", 1)),
                payload=payload,
                content_hash=_canonical_hash(payload),
                status=None,
                record_date=review.reviewed_at.date(),
                updated_at=review.reviewed_at,
                updated_by_device=None,
                youth_id=UUID(youth) if youth else None,
                feed_seq=0,
            )
        )


def _links(
    record_type: str, record_id: UUID, payload: dict[str, Any]
) -> tuple[UUID | None, set[UUID]]:
    """(the youth the record is about, every youth it belongs to), as protocol 2 defines them."""
    subject: UUID | None = None
    if record_type == "youth":
        subject = record_id
    elif isinstance(payload.get("youth_id"), str):
        subject = UUID(payload["youth_id"])
    named = {subject} if subject else set()
    for field, value in payload.items():
        if field.endswith("_youth_ids") and isinstance(value, list):
            named.update(UUID(v) for v in value if isinstance(v, str))
    return subject, named


def _place_records_in_the_feed(conn: sa.Connection) -> None:
    """Feed positions (oldest change first), youth links, and each youth's primary holder."""
    for county in conn.execute(sa.select(_counties)).all():
        seq = int(county.feed_seq)
        rows = conn.execute(
            sa.select(_records)
            .where(_records.c.county_id == county.id)
            .order_by(_records.c.updated_at, _records.c.record_type, _records.c.record_id)
        ).all()
        links: list[dict[str, Any]] = []
        holders: list[dict[str, Any]] = []
        held = {row.record_id for row in rows if row.record_type == "youth"}
        for row in rows:
            seq += 1
            subject, named = _links(row.record_type, row.record_id, dict(row.payload))
            if row.record_type == "review":
                subject = row.youth_id
                named = {subject} if subject else set()
            conn.execute(
                _records.update()
                .where(
                    _records.c.record_type == row.record_type,
                    _records.c.record_id == row.record_id,
                )
                .values(feed_seq=seq, youth_id=subject, owner_route=not named & held)
            )
            links += [
                {"record_type": row.record_type, "record_id": row.record_id, "youth_id": youth}
                for youth in named
            ]
            if row.record_type == "youth":
                holders.append(
                    {
                        "county_id": county.id,
                        "youth_id": row.record_id,
                        "user_id": row.owner_user_id,
                        "kind": "primary",
                        "start_seq": seq,
                        "started_at": row.updated_at,
                        "origin_device": row.updated_by_device,
                        "reason": "created",
                        "set_by": "migration",
                    }
                )
        if links:
            conn.execute(_record_youth.insert(), links)
        if holders:
            conn.execute(_assignments.insert(), holders)
        conn.execute(_counties.update().where(_counties.c.id == county.id).values(feed_seq=seq))


def downgrade() -> None:
    # Plain DROP COLUMN (PostgreSQL; SQLite 3.35 and later): the columns carry no constraint.
    op.drop_index("ix_records_county_id_feed_seq", table_name="records")
    op.execute("DELETE FROM records WHERE record_type = 'review'")
    op.drop_table("assignments")
    op.drop_table("record_youth")
    op.drop_index("ix_records_owner_user_id_owner_route_feed_seq", table_name="records")
    op.drop_column("records", "owner_route")
    op.drop_column("records", "feed_seq")
    op.drop_column("records", "youth_id")
    op.drop_column("devices", "feed_acked_seq")
    op.drop_column("counties", "closed_case_retention_days")
