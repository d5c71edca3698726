"""Migrations create exactly the tables the code uses; the server refuses an unmigrated database."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, text

from csec_desktop.server import accounts
from csec_desktop.server.app import create_app
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import SchemaNotReady, check_schema, head_revision, upgrade
from csec_desktop.server.schema import devices, metadata, users
from csec_desktop.sync.protocol import Role
from tests.server.conftest import DEFAULT_POSTGRES_URL, POSTGRES_URL_ENV, Harness


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
    assert head_revision() == "0003_i14"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind, no migration run yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'county.sqlite3'}"
        return
    admin = create_engine(
        os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL), isolation_level="AUTOCOMMIT"
    )
    name = f"csec_m_{os.getpid()}_{secrets.token_hex(3)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migration_0002_on_a_schema_0001_database_keeps_everything(fresh_database: str) -> None:
    """The audit anchors table arrives on a database written by the previous schema, whose
    counties, accounts and devices are all still there after the upgrade."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        assert not inspect(conn).has_table("audit_anchors")
        accounts.create_county(conn, "Fresno")
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
        code = accounts.issue_enrollment_code(conn, "cw1")
        device = accounts.enroll_device(conn, code, "laptop")
    with pytest.raises(SchemaNotReady):
        check_schema(engine)  # the server refuses the old schema until init-db upgrades it
    upgrade(engine)
    check_schema(engine)
    with engine.connect() as conn:
        assert inspect(conn).has_table("audit_anchors")
        assert conn.execute(select(users.c.username)).scalars().all() == ["cw1"]
        assert device is not None
        assert conn.execute(select(devices.c.id)).scalars().all() == [device.device_id]
    engine.dispose()


def test_migration_0003_on_a_schema_0002_database_keeps_everything(fresh_database: str) -> None:
    """Issue 14's tables and index arrive on a database written by schema 0002, whose accounts,
    devices and records are all still there and usable after the upgrade."""
    from csec_desktop.server.schema import audit_events, auth_failures, report_releases

    engine = create_db_engine(fresh_database)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        assert not inspect(conn).has_table("auth_failures")
        accounts.create_county(conn, "Fresno")
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
        code = accounts.issue_enrollment_code(conn, "cw1")
        device = accounts.enroll_device(conn, code, "laptop")
        events_before = conn.execute(select(audit_events.c.hash)).scalars().all()
    with pytest.raises(SchemaNotReady):
        check_schema(engine)
    upgrade(engine)
    check_schema(engine)
    with engine.begin() as conn:
        names = {index["name"] for index in inspect(conn).get_indexes("audit_events")}
        assert "ix_audit_events_record_type_record_id" in names
        assert conn.execute(select(audit_events.c.hash)).scalars().all() == events_before
        assert device is not None
        assert conn.execute(select(devices.c.id)).scalars().all() == [device.device_id]
        assert conn.execute(select(auth_failures)).all() == []
        assert conn.execute(select(report_releases)).all() == []
    engine.dispose()
