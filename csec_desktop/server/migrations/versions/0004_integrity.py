"""Integrity and data protection (issue 14): failed-authentication counts for the rate limit,
frozen state-analyst report releases, and an index to find who authored a screening.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from csec_desktop.server.db import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSON_DOC = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "auth_failures",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("bucket", sa.String(80), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_auth_failures"),
    )
    op.create_index("ix_auth_failures_bucket_at", "auth_failures", ["bucket", "at"])
    op.create_table(
        "report_releases",
        sa.Column("county_id", sa.Integer, nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("report", JSON_DOC, nullable=False),
        sa.Column("released_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("county_id", "period", name="pk_report_releases"),
        sa.ForeignKeyConstraint(
            ["county_id"], ["counties.id"], name="fk_report_releases_county_id_counties"
        ),
    )
    op.create_index(
        "ix_audit_events_record_type_record_id", "audit_events", ["record_type", "record_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_audit_events_record_type_record_id", table_name="audit_events")
    op.drop_table("report_releases")
    op.drop_index("ix_auth_failures_bucket_at", table_name="auth_failures")
    op.drop_table("auth_failures")
