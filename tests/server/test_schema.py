"""Migrations create exactly the tables the code uses; the server refuses an unmigrated database."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, select, text

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.server import accounts
from csec_desktop.server.app import create_app
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.feed import county_config
from csec_desktop.server.migrate import SchemaNotReady, check_schema, head_revision, upgrade
from csec_desktop.server.schema import counties, devices, metadata, users
from csec_desktop.services.county_policy import policy_from_config
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
    assert head_revision() == "0004"


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


def _write_rows_of_an_older_schema(conn: Connection) -> tuple[int, UUID]:
    """A county, a caseworker and an enrolled device, written column by column as the release
    of an older schema wrote them (today's ``accounts`` reads columns later migrations add)."""
    now = datetime.now(UTC)
    county_id: int = conn.execute(
        counties.insert().values(
            name="Fresno", mdt_referral_days=10, offline_lease_days=14, config_version=3,
            feed_seq=0, audit_seq=0, audit_head="0" * 64, created_at=now,
        ).returning(counties.c.id)
    ).scalar_one()  # fmt: skip
    user_id = conn.execute(
        users.insert().values(
            county_id=county_id, username="cw1", role="caseworker", team="A", active=True,
            audit_seq=0, audit_head="0" * 64, created_at=now,
        ).returning(users.c.id)
    ).scalar_one()  # fmt: skip
    device_id = uuid4()
    conn.execute(
        devices.insert().values(
            id=device_id, user_id=user_id, token_hash="f" * 64, name="laptop", enrolled_at=now,
        )
    )  # fmt: skip
    return county_id, device_id


def test_migration_0002_on_a_schema_0001_database_keeps_everything(fresh_database: str) -> None:
    """The audit anchors table arrives on a database written by the previous schema, whose
    counties, accounts and devices are all still there after the upgrade."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        assert not inspect(conn).has_table("audit_anchors")
        _county, device_id = _write_rows_of_an_older_schema(conn)
    with pytest.raises(SchemaNotReady):
        check_schema(engine)  # the server refuses the old schema until init-db upgrades it
    upgrade(engine)
    check_schema(engine)
    with engine.connect() as conn:
        assert inspect(conn).has_table("audit_anchors")
        assert conn.execute(select(users.c.username)).scalars().all() == ["cw1"]
        assert conn.execute(select(devices.c.id)).scalars().all() == [device_id]
    engine.dispose()


def test_migration_0003_gives_counties_of_schema_0002_the_default_policy(
    fresh_database: str,
) -> None:
    """A county made before county policy existed keeps its settings and gets the default
    policy; setting one afterwards is kept and announced, the earlier settings untouched."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        assert "policy" not in {c["name"] for c in inspect(conn).get_columns("counties")}
        county_id, _device = _write_rows_of_an_older_schema(conn)
    upgrade(engine)
    check_schema(engine)
    with engine.begin() as conn:
        config = county_config(conn, county_id)
        assert (config.mdt_referral_days, config.offline_lease_days) == (10, 14)
        assert config.config_version == 3
        assert policy_from_config(config) == CountyPolicy(mdt_referral_days=10)
        changed = accounts.set_county_config(
            conn, county_id, policy={"victim_report_hours": 12}, actor="it-admin"
        )
    assert (changed.victim_report_hours, changed.config_version) == (12, 4)
    with engine.connect() as conn:
        again = county_config(conn, county_id)
    assert again == changed and again.mdt_referral_days == 10
    engine.dispose()


def test_migration_0004_on_a_schema_0003_database_keeps_everything(fresh_database: str) -> None:
    """Issue 14's tables and index arrive on a database written by schema 0003, whose accounts,
    devices and records are all still there and usable after the upgrade."""
    from csec_desktop.server.schema import audit_events, auth_failures, report_releases

    engine = create_db_engine(fresh_database)
    upgrade(engine, "0003")
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
