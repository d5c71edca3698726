"""Migrations create exactly the tables the code uses; the server refuses an unmigrated database."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    create_engine,
    inspect,
    select,
    text,
)

from csec_desktop.domain import (
    EducationSession,
    Record,
    Review,
    ReviewDecision,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
    utcnow,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.server import accounts, caseload, feed, push, review
from csec_desktop.server import assignments as assignments_service
from csec_desktop.server.accounts import Caller
from csec_desktop.server.app import create_app
from csec_desktop.server.caseload_feed import FeedCursor
from csec_desktop.server.db import UtcDateTime, create_db_engine, lz4_available
from csec_desktop.server.feed import county_config, take_counter_positions
from csec_desktop.server.migrate import SchemaNotReady, check_schema, head_revision, upgrade
from csec_desktop.server.schema import (
    JsonDocument,
    assignments,
    counties,
    devices,
    metadata,
    record_youth,
    records,
    users,
)
from csec_desktop.services.county_policy import policy_from_config
from csec_desktop.sync.protocol import PushOperation, Role
from tests.reliability.sync_support import drop_database
from tests.server.conftest import (
    DEFAULT_POSTGRES_URL,
    POSTGRES_URL_ENV,
    Device,
    Harness,
    screening,
    youth,
)


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
    assert head_revision() == "0008"


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
    drop_database(admin, name)
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
    upgrade(engine, "0002")
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
        # Written as schema 0003 has them (today's ``accounts`` writes columns 0005 adds).
        _county, device_id = _write_rows_of_an_older_schema(conn)
        conn.execute(
            audit_events.insert().values(
                chain=f"county:{_county}", seq=1, county_id=_county, at=datetime.now(UTC),
                actor="admin", action="device_enroll", detail="", prev_hash="0" * 64,
                hash="1" * 64,
            )
        )  # fmt: skip
        events_before = conn.execute(select(audit_events.c.hash)).scalars().all()
    with pytest.raises(SchemaNotReady):
        check_schema(engine)
    upgrade(engine)
    check_schema(engine)
    with engine.begin() as conn:
        names = {index["name"] for index in inspect(conn).get_indexes("audit_events")}
        assert "ix_audit_events_record_type_record_id" in names
        assert conn.execute(select(audit_events.c.hash)).scalars().all() == events_before
        assert conn.execute(select(devices.c.id)).scalars().all() == [device_id]
        assert conn.execute(select(auth_failures)).all() == []
        assert conn.execute(select(report_releases)).all() == []


def old_accounts(conn: Any, county: str = "Fresno", username: str = "cw1") -> UUID:
    """A county, a caseworker and an enrolled device, written as the schema of 0001/0002 has
    them (today's account functions write today's columns)."""
    now = utcnow()
    county_id = conn.execute(
        text(
            "INSERT INTO counties (name, mdt_referral_days, offline_lease_days, config_version,"
            " feed_seq, audit_seq, audit_head, created_at) VALUES (:n, 30, 14, 1, 0, 0, :h, :t)"
            " RETURNING id"
        ),
        {"n": county, "h": "0" * 64, "t": now},
    ).scalar_one()
    user_id = conn.execute(
        text(
            "INSERT INTO users (county_id, username, role, team, active, audit_seq, audit_head,"
            " created_at) VALUES (:c, :u, 'caseworker', 'A', true, 0, :h, :t) RETURNING id"
        ),
        {"c": county_id, "u": username, "h": "0" * 64, "t": now},
    ).scalar_one()
    device_id = uuid4()
    conn.execute(
        devices.insert().values(
            id=device_id, user_id=user_id, token_hash=secrets.token_hex(32), name="laptop",
            enrolled_at=now,
        )
    )  # fmt: skip
    return device_id


def _schema_0002() -> MetaData:
    """The tables 0005 reads, with their columns as of 0002, unchanged through 0004 (spelled
    out: reflection loses the UUID type on SQLite)."""
    old = MetaData()
    Table(
        "records", old, Column("record_type", String), Column("record_id", Uuid),
        Column("county_id", Integer), Column("owner_user_id", Integer), Column("version", Integer),
        Column("payload", JsonDocument), Column("content_hash", String),
        Column("updated_at", UtcDateTime), Column("updated_by_device", Uuid),
    )  # fmt: skip
    Table(
        "reviews", old, Column("id", Uuid), Column("screening_id", Uuid),
        Column("screening_version", Integer), Column("county_id", Integer),
        Column("author_user_id", Integer), Column("reviewer_user_id", Integer),
        Column("decision", String), Column("comment", String), Column("reviewed_at", UtcDateTime),
    )  # fmt: skip
    Table(
        "changes", old, Column("county_id", Integer), Column("seq", Integer),
        Column("target_user_id", Integer), Column("kind", String),
        Column("payload", JsonDocument), Column("at", UtcDateTime),
    )  # fmt: skip
    return old


def test_migration_0005_on_a_schema_0004_database_gives_every_youth_its_holder(
    fresh_database: str,
) -> None:
    """A county's data as schema 0004 kept it (youth, a screening, a session naming two youth, a
    training, a decision sent to the author) comes through 0005 with: every record at its
    own feed position after the feed entries already handed out, each youth held by the
    caseworker who pushed it, the youth each record belongs to, the decision as a ``review``
    record under its id, and a second laptop's first pull restoring all of it."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0004")
    y1, y2 = youth(), youth(given_name="Other")
    submitted = screening(y1.id)
    session = EducationSession(
        session_date=date(2026, 2, 3), minutes=60, curriculum="My Life My Choice",
        audience=SessionAudience.FOSTER_YOUTH, setting=SessionSetting.GROUP_HOME,
        facilitators=["cw1"], attendee_youth_ids=[y1.id, y2.id],
    )  # fmt: skip
    training = Training(
        training_date=date(2026, 2, 4), training_type=TrainingType.CSEC_101,
        audience_type=TrainingAudience.FOSTER_PARENTS, attendee_count=9, minutes=90,
    )  # fmt: skip
    review = Review(
        screening_id=submitted.id, screening_version=1, decision=ReviewDecision.APPROVED,
        reviewer="sup1",
    )  # fmt: skip
    with engine.begin() as conn:
        device_id = old_accounts(conn)
        old = _schema_0002()
        county_id, user_id = conn.execute(text("SELECT county_id, id FROM users")).one()
        for n, record in enumerate([y1, y2, submitted, session, training]):
            conn.execute(
                old.tables["records"].insert().values(
                    record_type=record.record_type, record_id=record.id, county_id=county_id,
                    owner_user_id=user_id, version=1, payload=record.model_dump(mode="json"),
                    content_hash="0" * 64, updated_at=utcnow() + timedelta(seconds=n),
                    updated_by_device=device_id,
                )
            )  # fmt: skip
        conn.execute(
            old.tables["reviews"].insert().values(
                id=review.id, screening_id=submitted.id, screening_version=1,
                county_id=county_id, author_user_id=user_id, reviewer_user_id=user_id,
                decision="approved", comment="", reviewed_at=review.reviewed_at,
            )
        )  # fmt: skip
        conn.execute(
            old.tables["changes"].insert().values(
                county_id=county_id, seq=1, target_user_id=user_id, kind="review_decision",
                payload=review.model_dump(mode="json"), at=utcnow(),
            )
        )  # fmt: skip
        conn.execute(text("UPDATE counties SET feed_seq = 1"))

    upgrade(engine)
    check_schema(engine)
    with engine.connect() as conn:
        placed = dict(conn.execute(select(records.c.record_id, records.c.feed_seq)).all())
        assert sorted(placed.values()) == list(range(2, 8))  # after the decision's entry
        assert conn.execute(select(counties.c.feed_seq)).scalar_one() == 7
        holders = conn.execute(select(assignments.c.youth_id, assignments.c.user_id)).all()
        assert sorted(holders) == sorted([(y1.id, user_id), (y2.id, user_id)])
        links = set(conn.execute(select(record_youth.c.record_id, record_youth.c.youth_id)))
        assert links == {
            (y1.id, y1.id), (y2.id, y2.id), (submitted.id, y1.id), (session.id, y1.id),
            (session.id, y2.id), (review.id, y1.id),
        }  # fmt: skip
        kept = conn.execute(
            select(records.c.payload).where(records.c.record_type == "review")
        ).scalar_one()
        assert kept == review.model_dump(mode="json")
    app = create_app(fresh_database)
    with TestClient(app) as client:
        harness = Harness(fresh_database, client, app.state.engine)
        laptop = harness.enroll_again("cw1")
        changes, _ = harness.pull_all(laptop, limit=2)
        got = {c["payload"]["record_id"] for c in changes if c["kind"] == "record"}
        assert got == {str(r.id) for r in (y1, y2, submitted, session, training, review)}
    app.state.engine.dispose()
    engine.dispose()


def test_migration_0006_on_a_schema_0005_database_keeps_devices_and_their_tokens(
    fresh_database: str,
) -> None:
    """Token rotation's columns arrive on a database of schema 0005: a device enrolled before
    keeps its token, which then rotates like any other."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0005")
    with engine.begin() as conn:
        assert "next_token_hash" not in {c["name"] for c in inspect(conn).get_columns("devices")}
        _county, device_id = _write_rows_of_an_older_schema(conn)
        conn.execute(
            text("UPDATE devices SET token_hash = :h"), {"h": accounts.hash_secret("old-token")}
        )
    upgrade(engine)
    check_schema(engine)
    with engine.begin() as conn:
        caller = accounts.caller_for_token(conn, "old-token")
        assert caller is not None and caller.device_id == device_id and not caller.token_is_new
        new = accounts.rotate_token(conn, caller)
        assert accounts.caller_for_token(conn, "old-token") is not None
        arriving = accounts.caller_for_token(conn, new)
        assert arriving is not None and arriving.token_is_new
        accounts.adopt_token(conn, device_id)
        assert accounts.caller_for_token(conn, "old-token") is None
        assert accounts.caller_for_token(conn, new) is not None
    engine.dispose()


def _push(engine: Engine, caller: Caller, *versions: Record) -> list[str]:
    """Push ``versions`` (new records, or the next version of one) as a laptop would."""
    operations = [
        PushOperation(
            op_id=uuid4(), record_type=r.record_type, record_id=r.id,
            base_version=r.version - 1 if r.version > 1 else None, version=r.version,
            payload=r.model_dump(mode="json"),
        )
        for r in versions
    ]  # fmt: skip
    return [result.status.value for result in push.push_batch(engine, caller, operations)]


def _compression(conn: Connection, record_id: UUID) -> str | None:
    """How PostgreSQL stored this record's payload ("pglz", "lz4", or None: not compressed)."""
    found: str | None = conn.execute(
        text("SELECT pg_column_compression(payload) FROM records WHERE record_id = :id"),
        {"id": record_id},
    ).scalar_one()
    return found


def _take_positions_as_before_0008(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every writer takes feed positions as the releases before 0008 did (the county row's
    counter), so rows of an older schema are written by the code paths that wrote them."""
    for module in (feed, push, review, caseload, assignments_service):
        monkeypatch.setattr(module, "take_positions", take_counter_positions)


def test_migration_0007_on_a_schema_0006_database_keeps_every_payload_and_compresses_new_ones_with_lz4(  # noqa: E501
    fresh_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Screenings with long notes (their payloads pass PostgreSQL's 2 kB TOAST threshold, so
    they are stored compressed) pushed to a schema-0006 server read back unchanged after 0007,
    can still be updated, and on PostgreSQL the versions written after it are lz4 while the
    older ones stay as they were stored (nothing is rewritten). On SQLite 0007 changes nothing."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0006")
    _take_positions_as_before_0008(monkeypatch)  # the release that pushed these
    with engine.begin() as conn:
        accounts.create_county(conn, "Fresno")
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
        enrollment = accounts.enroll_device(
            conn, accounts.issue_enrollment_code(conn, "cw1"), "laptop"
        )
        assert enrollment is not None
        caller = accounts.caller_for_token(conn, enrollment.device_token)
    assert caller is not None
    child = youth()
    notes = " ".join(
        f"observation {n} about the placement and school attendance" for n in range(80)
    )
    before = screening(child.id, status=ScreeningStatus.DRAFT, notes=notes)
    assert _push(engine, caller, child, before) == ["applied", "applied"]
    postgres = engine.dialect.name == "postgresql"
    if postgres:
        with engine.connect() as conn:
            assert _compression(conn, before.id) == "pglz"

    upgrade(engine)
    check_schema(engine)
    monkeypatch.undo()
    after = screening(child.id, notes=notes + " and a later visit")
    changed = before.model_copy(update={"version": 2, "notes": notes + " (corrected)"})
    assert _push(engine, caller, after, changed) == ["applied", "applied"]
    with engine.connect() as conn:
        stored = dict(conn.execute(select(records.c.record_id, records.c.payload)).all())
        assert stored == {r.id: r.model_dump(mode="json") for r in (child, after, changed)}
        if postgres and lz4_available(conn):
            assert _compression(conn, after.id) == "lz4"
            assert _compression(conn, changed.id) == "lz4"  # a new version is a new value
    engine.dispose()


def test_migration_0008_on_a_schema_0007_database_keeps_laptops_cursors_reading_every_later_write(
    fresh_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A county synced on schema 0007 (positions from the county row's counter): one laptop had
    pulled everything, another was half-way through its first pull. After 0008 (PostgreSQL takes
    positions from transaction ids) both cursors stay valid: the half-way laptop gets the rest of
    what it was pulling, and both get what was written after the upgrade, which is placed above
    every position handed out before."""
    engine = create_db_engine(fresh_database)
    upgrade(engine, "0007")
    _take_positions_as_before_0008(monkeypatch)  # 0007's release
    with engine.begin() as conn:
        accounts.create_county(conn, "Fresno")
        accounts.create_user(conn, "Fresno", "cw1", Role.CASEWORKER, "A")
        tokens = []
        for name in ("desk", "laptop", "tablet"):
            code = accounts.issue_enrollment_code(conn, "cw1")
            enrolled = accounts.enroll_device(conn, code, name)
            assert enrolled is not None
            tokens.append(enrolled.device_token)
        callers = [accounts.caller_for_token(conn, token) for token in tokens]
    desk, laptop, tablet = callers
    assert desk is not None and laptop is not None and tablet is not None
    children = [youth() for _ in range(3)]
    before = [screening(child.id) for child in children]
    assert _push(engine, desk, *children, *before) == ["applied"] * 6
    with engine.connect() as conn:
        old_head = conn.execute(select(counties.c.feed_seq)).scalar_one()
        old_positions = sorted(conn.execute(select(records.c.feed_seq)).scalars())
        not_yet_pulled = set(
            conn.execute(select(records.c.record_id).where(records.c.feed_seq > 4)).scalars()
        )
    assert old_positions == list(range(2, 8))  # after the county's settings
    # What the 0007 server handed out: a finished step, and a first pull's step half walked.
    synced = FeedCursor(old_head, old_head).encode()
    halfway = FeedCursor(0, old_head, phase=1, after="4", done=3, total=6)

    upgrade(engine)
    check_schema(engine)
    monkeypatch.undo()
    later = screening(children[0].id, notes="a visit after the upgrade")
    assert _push(engine, desk, later) == ["applied"]
    with engine.connect() as conn:
        (placed,) = conn.execute(
            select(records.c.feed_seq).where(records.c.record_id == later.id)
        ).scalars()
    assert placed > old_head
    app = create_app(fresh_database)
    with TestClient(app) as client:
        harness = Harness(fresh_database, client, app.state.engine)
        on_laptop = Device(laptop.device_id, tokens[1], "cw1")
        on_tablet = Device(tablet.device_id, tokens[2], "cw1")
        changes, _ = harness.pull_all(on_laptop, synced)
        got = [c["payload"]["record_id"] for c in changes if c["kind"] == "record"]
        assert got == [str(later.id)]
        # The step it was walking ends where the 0007 server left it; the next one brings the rest.
        changes, step_done = harness.pull_all(on_tablet, halfway.encode())
        got = [c["payload"]["record_id"] for c in changes if c["kind"] == "record"]
        assert sorted(got) == sorted(str(r) for r in not_yet_pulled)
        changes, _ = harness.pull_all(on_tablet, step_done)
        assert [c["payload"]["record_id"] for c in changes] == [str(later.id)]
    app.state.engine.dispose()
    engine.dispose()


@pytest.mark.postgres
def test_the_test_postgresql_has_lz4_so_migration_0007_is_exercised() -> None:
    """The test cluster's PostgreSQL can compress with lz4 (otherwise the test above would check
    only that nothing changes): a PostgreSQL built without it must fail here, not pass quietly.
    (A PostgreSQL setting: there is nothing to ask SQLite.)"""
    engine = create_engine(os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL))
    with engine.connect() as conn:
        assert lz4_available(conn)
    engine.dispose()
