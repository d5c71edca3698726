"""Migrations create exactly the tables the code uses; the server refuses an unmigrated database."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from csec_desktop.server.app import create_app
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import SchemaNotReady, check_schema, head_revision, upgrade
from csec_desktop.server.schema import metadata
from tests.server.conftest import Harness


def test_migrations_match_the_table_definitions(server: Harness) -> None:
    with server.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_upgrade_is_idempotent(server: Harness) -> None:
    upgrade(server.engine)
    check_schema(server.engine)


def test_an_empty_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    with pytest.raises(SchemaNotReady, match="init-db"):
        create_app(url)
    engine = create_db_engine(url)
    upgrade(engine)
    check_schema(engine)
    engine.dispose()
    assert head_revision() == "0001"
