"""Device token rotation (issue 14): a device may hold a second, newer token until it first uses
it, and the server knows when the current one was issued.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from csec_desktop.server.db import UtcDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("next_token_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("token_issued_at", UtcDateTime, nullable=True))
        batch.create_unique_constraint("uq_devices_next_token_hash", ["next_token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint("uq_devices_next_token_hash", type_="unique")
        batch.drop_column("token_issued_at")
        batch.drop_column("next_token_hash")
