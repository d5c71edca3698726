"""Migration steps, oldest first. Alembic ignores this file."""
