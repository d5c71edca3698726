"""Running the shipped Alembic migrations programmatically, and checking the schema is current."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from csec_desktop.server import feed

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number: serializes concurrent ``init-db`` runs against one PostgreSQL.
_PG_MIGRATION_LOCK = 0x0C5EC


class SchemaNotReady(RuntimeError):
    """The database is missing the server's tables or is at an older/unknown revision."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to the newest schema (a no-op when it already is); ``revision``
    stops at an older one (the migration tests build a previous schema's database with it)."""
    config = _config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        if revision == "head":
            feed.keep_clock_ahead(connection)


def check_schema(engine: Engine) -> None:
    """Raise :class:`SchemaNotReady` unless the database is at the newest revision."""
    current = current_revision(engine)
    head = head_revision()
    if current is None:
        raise SchemaNotReady(
            "the database has no server tables yet: run 'csec-county-server init-db'"
        )
    if current != head:
        raise SchemaNotReady(
            f"the database is at schema {current}, this server needs {head}: "
            "run 'csec-county-server init-db'"
        )
