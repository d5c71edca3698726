"""Record payloads compressed with lz4 instead of pglz on PostgreSQL (issue 16).

A screening with its answers passes PostgreSQL's 2 kB TOAST threshold, so most record versions
are compressed as they are written. pglz was measured at about a third of PostgreSQL's CPU for a
record row (issue 16, docs/benchmarks.md); lz4 compresses these payloads for far less CPU. Only
values written from now on use it: older ones stay pglz, which PostgreSQL reads as before, so
nothing is rewritten and the migration takes no time on a large database.

PostgreSQL 14 and later built with lz4 (the PGDG and distribution packages are) list it among
``default_toast_compression``'s values; where it is missing, nothing changes. SQLite stores
JSON as text and has no such setting: a no-op there.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from csec_desktop.server.db import lz4_available

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The JSON documents written for every pushed record version (and every conflict kept aside).
PAYLOAD_COLUMNS = (("records", "payload"), ("record_conflicts", "payload"))


def _set_compression(method: str) -> None:
    connection = op.get_bind()
    if not lz4_available(connection):
        return
    for table, column in PAYLOAD_COLUMNS:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _set_compression("lz4")


def downgrade() -> None:
    _set_compression("pglz")
