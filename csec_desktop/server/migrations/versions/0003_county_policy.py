"""County policy: the deadline settings a county sets for its laptops (``CountyPolicy``).

A JSON document of the settings the county has set (null: the defaults), beside the two settings
of the first release, which keep their columns.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("counties") as batch:
        batch.add_column(
            sa.Column("policy", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("counties") as batch:
        batch.drop_column("policy")
