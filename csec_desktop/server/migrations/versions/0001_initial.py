"""Initial schema: counties, users, enrollment, devices, records, conflicts, push log, reviews,
change feed and the hash-chained audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from csec_desktop.server.db import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Spelled out rather than imported from schema.py: a migration must keep creating what it
# created on the day it was written, whatever schema.py says later.
JSON_DOC = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "counties",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("mdt_referral_days", sa.Integer, nullable=False),
        sa.Column("offline_lease_days", sa.Integer, nullable=False),
        sa.Column("config_version", sa.Integer, nullable=False),
        sa.Column("feed_seq", sa.BigInteger, nullable=False),
        sa.Column("audit_seq", sa.BigInteger, nullable=False),
        sa.Column("audit_head", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_counties"),
        sa.UniqueConstraint("name", name="uq_counties_name"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("team", sa.String(100), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("audit_seq", sa.BigInteger, nullable=False),
        sa.Column("audit_head", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.ForeignKeyConstraint(["county_id"], ["counties.id"], name="fk_users_county_id_counties"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "enrollment_codes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("expires_at", UtcDateTime, nullable=False),
        sa.Column("used_at", UtcDateTime, nullable=True),
        sa.Column("device_id", sa.Uuid, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_enrollment_codes"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_enrollment_codes_user_id_users"
        ),
        sa.UniqueConstraint("code_hash", name="uq_enrollment_codes_code_hash"),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("enrolled_at", UtcDateTime, nullable=False),
        sa.Column("last_seen_at", UtcDateTime, nullable=True),
        sa.Column("revoked_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_devices_user_id_users"),
        sa.UniqueConstraint("token_hash", name="uq_devices_token_hash"),
    )
    op.create_table(
        "records",
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Uuid, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("owner_user_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("payload", JSON_DOC, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("record_date", sa.Date, nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("updated_by_device", sa.Uuid, nullable=True),
        sa.PrimaryKeyConstraint("record_type", "record_id", name="pk_records"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_records_county_id_counties"
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"], ["users.id"], name="fk_records_owner_user_id_users"
        ),
    )
    op.create_index(
        "ix_records_county_id_record_type_record_date",
        "records",
        ["county_id", "record_type", "record_date"],
    )
    op.create_index(
        "ix_records_owner_user_id_record_type_status",
        "records",
        ["owner_user_id", "record_type", "status"],
    )
    op.create_table(
        "record_conflicts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("record_type", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Uuid, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("device_id", sa.Uuid, nullable=False),
        sa.Column("op_id", sa.Uuid, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("server_version", sa.Integer, nullable=False),
        sa.Column("payload", JSON_DOC, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("resolved_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_record_conflicts"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_record_conflicts_county_id_counties"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_record_conflicts_user_id_users"
        ),
    )
    op.create_index(
        "ix_record_conflicts_record_type_record_id",
        "record_conflicts",
        ["record_type", "record_id"],
    )
    op.create_table(
        "push_ops",
        sa.Column("op_id", sa.Uuid, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("device_id", sa.Uuid, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("server_version", sa.Integer, nullable=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("op_id", name="pk_push_ops"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_push_ops_user_id_users"),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.Uuid, nullable=False),
        sa.Column("screening_id", sa.Uuid, nullable=False),
        sa.Column("screening_version", sa.Integer, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("author_user_id", sa.Integer, nullable=False),
        sa.Column("reviewer_user_id", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("reviewed_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_reviews_county_id_counties"
        ),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name="fk_reviews_author_user_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_user_id"], ["users.id"], name="fk_reviews_reviewer_user_id_users"
        ),
        sa.UniqueConstraint(
            "screening_id",
            "screening_version",
            name="uq_reviews_screening_id_screening_version",
        ),
    )
    op.create_table(
        "changes",
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("target_user_id", sa.Integer, nullable=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", JSON_DOC, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("county_id", "seq", name="pk_changes"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_changes_county_id_counties"
        ),
        sa.ForeignKeyConstraint(
            ["target_user_id"], ["users.id"], name="fk_changes_target_user_id_users"
        ),
    )
    op.create_table(
        "audit_events",
        sa.Column("chain", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("record_type", sa.String(40), nullable=True),
        sa.Column("record_id", sa.Uuid, nullable=True),
        sa.Column("record_version", sa.Integer, nullable=True),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("chain", "seq", name="pk_audit_events"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_audit_events_county_id_counties"
        ),
    )
    op.create_index("ix_audit_events_county_id_at", "audit_events", ["county_id", "at"])


def downgrade() -> None:
    for table in (
        "audit_events",
        "changes",
        "reviews",
        "push_ops",
        "record_conflicts",
        "records",
        "devices",
        "enrollment_codes",
        "users",
        "counties",
    ):
        op.drop_table(table)
