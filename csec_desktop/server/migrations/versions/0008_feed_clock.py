"""Feed positions that do not serialise a county on PostgreSQL (issue 16, third milestone).

Until now every write of a county took its feed positions from a counter on the county row,
locked until commit; under a shift-start burst one county's laptops committed one after another.
From this revision PostgreSQL derives a position from the writing transaction's id (see
``feed.py``), and this table holds the *floor* those positions start above: one more than every
position taken so far, so a laptop's cursor from before the upgrade still reads every later write.
SQLite keeps the county-row counter (one writer at a time: nothing to serialise); the table is
created there too so both databases have one schema. The new index lets a pull find the county's
newest caseload start without reading all of the county's assignments.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_clock",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("position_floor", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feed_clock"),
    )
    # Every position taken so far is at most its county's counter.
    op.execute(
        "INSERT INTO feed_clock (id, position_floor) "
        "SELECT 1, COALESCE(MAX(feed_seq), 0) + 1 FROM counties"
    )
    op.create_index("ix_assignments_county_id_start_seq", "assignments", ["county_id", "start_seq"])


def downgrade() -> None:
    # Back to the county-row counter: it must continue above every position handed out since.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE counties SET feed_seq = GREATEST(feed_seq,"
            " COALESCE((SELECT MAX(feed_seq) FROM records r WHERE r.county_id = counties.id), 0),"
            " COALESCE((SELECT MAX(seq) FROM changes c WHERE c.county_id = counties.id), 0),"
            " COALESCE((SELECT MAX(GREATEST(start_seq, COALESCE(end_seq, 0))) FROM assignments a"
            "  WHERE a.county_id = counties.id), 0))"
        )
    op.drop_index("ix_assignments_county_id_start_seq", table_name="assignments")
    op.drop_table("feed_clock")
