"""Migrations, tested on a copy of a vault written by each earlier schema (tests/fixtures)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from csec_desktop.domain import RECORD_TYPES, EducationSession, Screening, Youth
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import StoreError
from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.migrations import (
    LATEST_SCHEMA,
    MIGRATIONS,
    Migration,
    applied_migrations,
    migrate,
)
from csec_desktop.vault import KeyFile
from tests.fixtures.make_vault_fixture import FIXTURE_PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_SCHEMAS = sorted(FIXTURES.glob("vault-schema-*"))


def _copy(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / fixture.name
    shutil.copytree(fixture, target)
    return target


def test_every_migration_has_a_fixture_of_the_schema_before_it() -> None:
    # Adding migration N needs tests/fixtures/vault-schema-(N-1), made by make_vault_fixture.py
    # *before* the new migration exists.
    # (Numbers may have gaps while branches are merged: the schema before N is the one made by
    # the migration listed before N.)
    names = {p.name for p in OLD_SCHEMAS}
    assert {f"vault-schema-{m.number}" for m in MIGRATIONS[:-1]} <= names


@pytest.mark.parametrize("fixture", OLD_SCHEMAS, ids=lambda p: p.name)
def test_old_vault_opens_migrates_and_reads_every_record(fixture: Path, tmp_path: Path) -> None:
    data_dir = _copy(fixture, tmp_path)
    with VaultSession.open(data_dir, FIXTURE_PASSPHRASE) as session:
        store = session.store
        assert store.call(lambda: applied_migrations(store._connection())) == [
            m.number for m in MIGRATIONS
        ]
        assert store.count(Youth) == 25
        assert len(store.records(Screening)) == 15
        assert len(store.records(EducationSession)) == 6
        for model in RECORD_TYPES.values():
            store.records(model)  # every stored record still validates under today's models
        assert store.search_youth("fixture")
        assert session.verify().ok


def _db_connection(tmp_path: Path) -> Any:
    data_dir = _copy(FIXTURES / "vault-schema-1", tmp_path)
    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    conn = sc.connect(data_dir / "vault.db", keys.current)
    migrate(conn)  # up to today's schema; the tests below add steps on top of it
    return conn


def test_a_new_migration_applies_once_in_a_transaction(tmp_path: Path) -> None:
    conn = _db_connection(tmp_path)

    def add_column(c: Any) -> None:
        c.execute("ALTER TABLE records ADD COLUMN needs_attention INTEGER NOT NULL DEFAULT 0")

    extended = (*MIGRATIONS, Migration(LATEST_SCHEMA + 1, "test step", add_column))
    assert migrate(conn, extended) == [LATEST_SCHEMA + 1]
    assert migrate(conn, extended) == []
    assert conn.execute("SELECT count(*) FROM records WHERE needs_attention = 0").fetchone()[0] > 0
    conn.close()


def test_a_failing_migration_leaves_the_old_schema_intact(tmp_path: Path) -> None:
    conn = _db_connection(tmp_path)
    before = conn.execute("SELECT count(*) FROM records").fetchone()[0]

    def half_done(c: Any) -> None:
        c.execute("ALTER TABLE records ADD COLUMN half INTEGER")
        c.execute("DELETE FROM records")
        raise RuntimeError("simulated failure midway")

    with pytest.raises(RuntimeError):
        migrate(conn, (*MIGRATIONS, Migration(LATEST_SCHEMA + 1, "broken", half_done)))
    assert applied_migrations(conn) == [m.number for m in MIGRATIONS]
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == before
    columns = [row[1] for row in conn.execute("PRAGMA table_info(records)")]
    assert "half" not in columns
    conn.close()


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    conn = _db_connection(tmp_path)
    conn.execute("INSERT INTO _migrations VALUES (999, 'from the future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer version"):
        migrate(conn)
    conn.close()


def test_migration_2_moves_schema_1_conflicts_into_their_table(tmp_path: Path) -> None:
    from csec_desktop.store.migrations import MIGRATIONS as ALL

    data_dir = _copy(FIXTURES / "vault-schema-1", tmp_path)
    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    conn = sc.connect(data_dir / "vault.db", keys.current)
    assert applied_migrations(conn) == [1]
    body = (
        '{"id": "6f1d1d62-0000-4000-8000-000000000001", "kind": "push", "record_type": "youth",'
        ' "record_id": "6f1d1d62-0000-4000-8000-000000000002", "local_version": 2,'
        ' "local_body": "{}", "reason": "stale base", "created_at": "2026-01-01T00:00:00Z"}'
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        ("sync.conflict.6f1d1d62-0000-4000-8000-000000000001", body),
    )
    migrate(conn, ALL)
    assert conn.execute(
        "SELECT count(*) FROM meta WHERE key LIKE 'sync.conflict.%'"
    ).fetchone() == (0,)
    assert conn.execute("SELECT record_type, resolved_at FROM sync_conflicts").fetchall() == [
        ("youth", None)
    ]
    dated = conn.execute(
        "SELECT count(*) FROM records WHERE record_type = 'screening' AND event_date IS NOT NULL"
    ).fetchone()[0]
    assert dated == 15
    refs = conn.execute("SELECT count(*) FROM record_refs WHERE ref_type = 'youth'").fetchone()[0]
    assert refs > 15
    conn.close()


def test_migration_4_indexes_a_schema_3_vault_for_forgiving_name_search(tmp_path: Path) -> None:
    data_dir = _copy(FIXTURES / "vault-schema-3", tmp_path)
    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    conn = sc.connect(data_dir / "vault.db", keys.current)
    assert applied_migrations(conn) == [1, 2, 3]
    migrate(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "youth_search" not in tables  # the old prefix-only index is gone with its copy of names
    indexed = conn.execute("SELECT count(DISTINCT youth) FROM youth_name_terms").fetchone()[0]
    assert indexed == 25
    conn.close()

    with VaultSession.open(data_dir, FIXTURE_PASSPHRASE) as session:
        store = session.store
        for youth in store.records(Youth):
            family = youth.family_name.split()[0]
            if len(family) < 5:
                continue
            typo = family[0] + family[2] + family[1] + family[3:]  # two letters swapped
            given = youth.given_name.split()[0]
            found = store.search_youth(f"{typo} {given}")  # family name first, misspelt
            assert youth.id in {y.id for y in found}, (typo, given)


def test_migration_5_moves_queued_review_decisions_into_the_outbox(tmp_path: Path) -> None:
    """A supervisor's laptop of schema 4 kept its unsent decisions as a JSON list in a meta row.
    Migration 5 moves each into the outbox under the id it was taken with (so a retry after a
    lost answer is still recognised), keeps every record change queued as a record item, and
    adds the caseload tables."""
    data_dir = _copy(FIXTURES / "vault-schema-4", tmp_path)
    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    conn = sc.connect(data_dir / "vault.db", keys.current)
    assert applied_migrations(conn) == [1, 2, 3, 4]
    before = conn.execute("SELECT op_id, state FROM outbox ORDER BY seq").fetchall()
    decisions = [
        {
            "decision_id": f"0b4c5a6e-0000-4000-8000-00000000000{n}",
            "screening_id": f"0b4c5a6e-0000-4000-8000-10000000000{n}",
            "screening_version": n,
            "decision": "returned" if n == 1 else "approved",
            "comment": "add the evidence" if n == 1 else "",
            "decided_at": f"2026-11-30T10:0{n}:00+00:00",
        }
        for n in (1, 2)
    ]
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('review.pending', ?)", (json.dumps(decisions),)
    )
    migrate(conn)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'review.pending'").fetchone() == (0,)
    after = conn.execute("SELECT op_id, state, kind FROM outbox ORDER BY seq").fetchall()
    assert [(op, state) for op, state, _ in after[: len(before)]] == [tuple(r) for r in before]
    assert {kind for _, _, kind in after[: len(before)]} == {"record"}
    moved = conn.execute(
        "SELECT op_id, record_id, base_version, payload, state FROM outbox"
        " WHERE kind = 'review_decision' ORDER BY seq"
    ).fetchall()
    assert [(op, rid, v, state) for op, rid, v, _, state in moved] == [
        (d["decision_id"], d["screening_id"], d["screening_version"], "pending") for d in decisions
    ]
    assert json.loads(moved[0][3]) == {"decision": "returned", "comment": "add the evidence"}
    assert conn.execute("SELECT count(*) FROM caseload").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM departed").fetchone() == (0,)
    conn.close()
    with VaultSession.open(data_dir, FIXTURE_PASSPHRASE) as session:
        from csec_desktop.services.review import ReviewService

        pending = ReviewService(session.store, actor="sup").pending()
        assert [str(p.decision_id) for p in pending] == [d["decision_id"] for d in decisions]
        assert pending[0].comment == "add the evidence"
        assert session.verify().ok


def test_migration_6_backfills_the_report_facts_and_drops_tombstone_words(tmp_path: Path) -> None:
    """A schema-5 vault (25 youth, one merged into another; screenings, identifications and
    obligations): migration 6 writes the facts of every screening, identification, obligation
    and youth exactly as the bodies say, and no other; the tombstone's words leave the name
    index while its survivor is still found by them; and later writes keep the facts."""
    from tests import report_facts_check

    data_dir = _copy(FIXTURES / "vault-schema-5", tmp_path)
    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    conn = sc.connect(data_dir / "vault.db", keys.current)
    assert applied_migrations(conn) == [1, 2, 3, 4, 5]
    tombstone_id, survivor_id = conn.execute(
        "SELECT id, json_extract(body, '$.merged_into') FROM records"
        " WHERE record_type = 'youth' AND json_extract(body, '$.merged_into') IS NOT NULL"
    ).fetchone()
    words_before = {
        row[0]
        for row in conn.execute(
            "SELECT t.term FROM youth_name_terms t JOIN youth_index y ON y.rowid = t.youth"
            " WHERE y.id = ?",
            (tombstone_id,),
        )
    }
    assert words_before  # schema 5 indexed the tombstone's names
    migrate(conn)
    counts = dict(conn.execute("SELECT record_type, count(*) FROM report_facts GROUP BY 1"))
    assert counts == {"identification": 7, "obligation": 32, "screening": 15, "youth": 25}
    tombstone_words = conn.execute(
        "SELECT count(*) FROM youth_name_terms t JOIN youth_index y ON y.rowid = t.youth"
        " WHERE y.id = ?",
        (tombstone_id,),
    ).fetchone()[0]
    assert tombstone_words == 0
    conn.close()

    with VaultSession.open(data_dir, FIXTURE_PASSPHRASE) as session:
        store = session.store
        assert report_facts_check.disagreements(store) == []
        tombstone = store.get(Youth, UUID(tombstone_id))
        family = tombstone.family_name.split()[0]
        found = {y.id for y in store.search_youth(f"{family} {tombstone.given_name.split()[0]}")}
        assert UUID(tombstone_id) not in found
        survivor = store.get(Youth, UUID(survivor_id))
        assert survivor.id in {y.id for y in store.search_youth(survivor.family_name)}
        screening = store.records(Screening)[0]
        store.save(screening.evolve(notes="checked after the upgrade"), actor="fixture")
        assert report_facts_check.disagreements(store) == []
        assert session.verify().ok
