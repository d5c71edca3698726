"""Audit anchors: the newest head of each device's local audit chain the server has seen.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from csec_desktop.server.db import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        sa.Column("device_id", sa.Uuid, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("anchored_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("device_id", name="pk_audit_anchors"),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name="fk_audit_anchors_device_id_devices"
        ),
    )


def downgrade() -> None:
    op.drop_table("audit_anchors")
