"""Alembic environment: always run programmatically with a connection (see ``server.migrate``)."""

from __future__ import annotations

from alembic import context

from csec_desktop.server.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through 'csec-county-server init-db'")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
