"""Numbered schema migrations, recorded in ``_migrations`` and each applied in one transaction.

A migration is never edited once released: a change to the schema is a new, higher-numbered step.
Every step is tested on a copy of a database made by the schema before it
(``tests/unit/test_store_migrations.py`` keeps fixture databases per released version).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from csec_desktop.domain.base import utcnow


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    apply: Callable[[Any], None]  # receives the open connection, inside a transaction


def _run_statements(conn: Any, script: str) -> None:
    # Not executescript(): the sqlite3 module COMMITs an open transaction before running a script,
    # which would break the one-transaction-per-migration guarantee.
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _m0001_initial(conn: Any) -> None:
    _run_statements(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        -- The current version of every record, as the domain model's JSON.
        CREATE TABLE records (
            record_type TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL CHECK (version >= 1),
            body TEXT NOT NULL,
            youth_id TEXT,
            status TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (record_type, id)
        ) WITHOUT ROWID;
        CREATE INDEX records_by_youth ON records (youth_id, record_type) WHERE youth_id IS NOT NULL;
        CREATE INDEX records_by_status ON records (record_type, status);

        -- Every version ever saved, so history and conflicts can be shown.
        CREATE TABLE record_versions (
            record_type TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (record_type, id, version)
        ) WITHOUT ROWID;

        -- Lookup columns for finding a youth; the names are searched through youth_search (FTS5),
        -- whose rowid is youth_index.rowid.
        CREATE TABLE youth_index (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            date_of_birth TEXT NOT NULL,
            county_client_id TEXT,
            sort_name TEXT NOT NULL
        );
        CREATE INDEX youth_by_birth_date ON youth_index (date_of_birth);
        CREATE INDEX youth_by_client_id ON youth_index (county_client_id);
        CREATE INDEX youth_by_sort_name ON youth_index (sort_name);
        CREATE VIRTUAL TABLE youth_search USING fts5(
            names, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );

        -- Changes waiting to be pushed to the county server. Nothing here is deleted before the
        -- server has acknowledged it; a rejected item is quarantined, never dropped.
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            sent_at TEXT
        );
        CREATE INDEX outbox_by_state ON outbox (state, seq);
        CREATE INDEX outbox_by_record ON outbox (record_type, record_id, state);

        -- Hash-chained audit log: each row holds the hash of the one before.
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_type TEXT,
            record_id TEXT,
            record_version INTEGER,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """,
    )


# The date a record is "about", for period queries (reports, lists): JSON field per record type.
EVENT_DATE_FIELDS: dict[str, str] = {
    "screening": "screening_date",
    "education_session": "session_date",
    "training": "training_date",
    "obligation": "due_at",
    "missing_episode": "started_at",
    "review": "reviewed_at",
    "identification": "information_received_at",
}
# Fields that point at another record: (field, the type it points at). ``*_ids`` hold lists.
REFERENCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("youth_id", "youth"),
    ("screening_id", "screening"),
    ("missing_episode_id", "missing_episode"),
    ("identification_id", "identification"),
    ("amends_id", "screening"),
    ("attendee_youth_ids", "youth"),
)


def event_date_of(record_type: str, body: dict[str, Any]) -> str | None:
    """The record's event date as sortable text: ``YYYY-MM-DD`` for dates, UTC ISO for times."""
    field = EVENT_DATE_FIELDS.get(record_type)
    value = body.get(field) if field else None
    if not isinstance(value, str) or not value:
        return None
    if "T" not in value:
        return value
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.astimezone(UTC).isoformat()


def references_of(body: dict[str, Any]) -> set[tuple[str, str]]:
    """(referenced type, referenced id) pairs a record body points at."""
    found: set[tuple[str, str]] = set()
    for field, ref_type in REFERENCE_FIELDS:
        value = body.get(field)
        for ref_id in value if isinstance(value, list) else [value]:
            if isinstance(ref_id, str) and ref_id:
                found.add((ref_type, ref_id))
    return found


def _m0002_conflicts_dates_references(conn: Any) -> None:
    _run_statements(
        conn,
        """
        -- Sync conflicts get a table of their own (schema 1 kept them as meta rows).
        CREATE TABLE sync_conflicts (
            id TEXT PRIMARY KEY,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT
        );
        CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, created_at);
        INSERT INTO sync_conflicts (id, record_type, record_id, body, created_at, resolved_at)
            SELECT json_extract(value, '$.id'), json_extract(value, '$.record_type'),
                   json_extract(value, '$.record_id'), value,
                   json_extract(value, '$.created_at'), json_extract(value, '$.resolved_at')
            FROM meta WHERE key LIKE 'sync.conflict.%';
        DELETE FROM meta WHERE key LIKE 'sync.conflict.%';

        -- The date each record is about, so period reports read only that period.
        ALTER TABLE records ADD COLUMN event_date TEXT;
        CREATE INDEX records_by_event_date ON records (record_type, event_date);

        -- Which records point at which (a session's attendees, a review's screening, ...).
        CREATE TABLE record_refs (
            ref_type TEXT NOT NULL,
            ref_id TEXT NOT NULL,
            record_type TEXT NOT NULL,
            record_id TEXT NOT NULL,
            PRIMARY KEY (ref_type, ref_id, record_type, record_id)
        ) WITHOUT ROWID;
        CREATE INDEX record_refs_by_record ON record_refs (record_type, record_id);
        """,
    )
    rows = conn.execute("SELECT record_type, id, body FROM records").fetchall()
    for record_type, record_id, text in rows:
        body = json.loads(text)
        conn.execute(
            "UPDATE records SET event_date = ? WHERE record_type = ? AND id = ?",
            (event_date_of(record_type, body), record_type, record_id),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO record_refs (ref_type, ref_id, record_type, record_id)"
            " VALUES (?, ?, ?, ?)",
            [
                (ref_type, ref_id, record_type, record_id)
                for ref_type, ref_id in references_of(body)
            ],
        )


def _m0003_status_date_index(conn: Any) -> None:
    # Period reports read the counted statuses of a period; with only (type, event date) SQLite
    # walks the whole period once per status.
    conn.execute(
        "CREATE INDEX records_by_status_event_date ON records (record_type, status, event_date)"
    )


def _m0004_forgiving_name_search(conn: Any) -> None:
    """The name index that forgives typos and spelling variants (``youth_search.py``) replaces
    the FTS5 prefix index; every youth already in the vault is indexed here."""
    from csec_desktop.store import youth_search

    _run_statements(
        conn,
        """
        -- One row per word of a youth's names (case and accents folded, double surnames split).
        CREATE TABLE youth_name_terms (
            term TEXT NOT NULL,
            youth INTEGER NOT NULL,
            PRIMARY KEY (term, youth)
        ) WITHOUT ROWID;
        CREATE INDEX youth_name_terms_by_youth ON youth_name_terms (youth);

        -- For each distinct word: its sound code and its spellings with one letter left out,
        -- the keys under which a misspelling of it finds it.
        CREATE TABLE name_variants (
            variant TEXT NOT NULL,
            term TEXT NOT NULL,
            PRIMARY KEY (variant, term)
        ) WITHOUT ROWID;

        DROP TABLE youth_search;
        """,
    )
    youth_search.index_all(conn)


def _m0005_caseload(conn: Any) -> None:
    """The caseload this laptop holds (protocol 2's pull), youth whose records could not all
    leave yet, and outbox items that are not record versions (review decisions, assignments).

    Through sqlite-utils (``sqlcipher.database``), which joins the migration's transaction."""
    from csec_desktop.store import sqlcipher

    db = sqlcipher.database(conn)
    db.table("outbox").add_column("kind", str, not_null_default="record")
    # The youth the county server says this laptop's user holds, and how.
    db.table("caseload").create(
        {"youth_id": str, "kind": str, "until": str, "since": str},
        pk="youth_id",
        not_null={"kind", "since"},
    )
    # Youth that left the caseload while this laptop still held something of theirs the server
    # does not (an unsent change, a conflict, a draft): those records stay until they can go.
    db.table("departed").create(
        {"youth_id": str, "reason": str, "departed_at": str},
        pk="youth_id",
        not_null={"reason", "departed_at"},
    )
    # A supervisor's decisions not yet sent were a JSON list in a meta row: they join the
    # outbox, each under the id it was taken with (its retries stay recognisable), in order.
    row = conn.execute("SELECT value FROM meta WHERE key = 'review.pending'").fetchone()
    for decision in json.loads(row[0]) if row else []:
        conn.execute(
            "INSERT INTO outbox (op_id, record_type, record_id, base_version, version, payload,"
            " created_at, kind) VALUES (?, 'screening', ?, ?, ?, ?, ?, 'review_decision')"
            " ON CONFLICT (op_id) DO NOTHING",
            (
                decision["decision_id"],
                decision["screening_id"],
                decision["screening_version"],
                decision["screening_version"],
                json.dumps(
                    {"decision": decision["decision"], "comment": decision.get("comment", "")}
                ),
                decision["decided_at"],
            ),
        )
    conn.execute("DELETE FROM meta WHERE key = 'review.pending'")


# -- migration 6: the report's facts, and tombstones out of the name index -------------------------

# The fields of each record type the county report reads (``domain.reporting``'s views:
# ``ScreeningFacts``, ``IdentificationFacts``, ``ObligationFacts``, ``YouthFacts``), copied from the
# record's JSON as JSON (``->`` keeps each value's type). Frozen with this migration: a view that
# reads a new field needs a new migration that redefines the triggers and backfills
# (``tests/unit/test_report_facts.py`` fails until it exists).
_COMMON = ("id", "version", "created_at", "updated_at")
_REPORTED: dict[str, tuple[str, ...]] = {
    "screening": (
        "youth_id", "instrument_id", "screening_date", "status", "amends_id", "track",
    ),
    "identification": ("youth_id", "track", "category", "information_received_at", "voided_at"),
    "obligation": ("kind", "due_at", "done_at", "voided_at"),
    "youth": ("jurisdiction",),
}  # fmt: skip
_NESTED: dict[str, dict[str, tuple[str, ...]]] = {
    "screening": {
        "determination": (
            "category", "risk_level", "confirmed_at", "confirmed_by", "timing", "track",
            "labor_finding", "identification_id",
        ),
        "result": ("eligible",),
    },
}  # fmt: skip


def _facts_expression(body: str, record_type: str) -> str:
    """SQL for the facts JSON of one record type, read from the JSON column ``body``."""

    def pairs(prefix: str, fields: tuple[str, ...]) -> list[str]:
        return [f"'{field}', json({body} -> '{prefix}.{field}')" for field in fields]

    parts = pairs("$", _COMMON + _REPORTED[record_type])
    for name, fields in _NESTED.get(record_type, {}).items():
        # json(): a nested object stays an object (not text); a missing or null part stays null.
        parts.append(
            f"'{name}', json(CASE WHEN json_type({body}, '$.{name}') = 'object'"
            f" THEN json_object({', '.join(pairs(f'$.{name}', fields))}) END)"
        )
    return f"json_object({', '.join(parts)})"


def _facts_of(row: str) -> str:
    """SQL for the facts JSON of the ``records`` row ``row`` (``NEW`` in a trigger)."""
    cases = " ".join(
        f"WHEN '{rtype}' THEN {_facts_expression(f'{row}.body', rtype)}" for rtype in _REPORTED
    )
    return f"CASE {row}.record_type {cases} END"


_REPORTED_TYPES = ", ".join(f"'{rtype}'" for rtype in _REPORTED)


def _facts_row(row: str) -> str:
    return (
        f"SELECT {row}.record_type, {row}.id, {row}.youth_id, {row}.status, {row}.event_date,"
        f" {_facts_of(row)}"
    )


def _m0006_report_facts(conn: Any) -> None:
    """The few fields the county report reads of each screening, identification, obligation and
    youth, in a table of small rows kept by triggers on ``records`` (so every write, pull,
    removal and restore keeps it, in its own transaction), backfilled here. And a merged youth's
    tombstone leaves the name index (its survivor is who a search should find)."""
    from csec_desktop.store import youth_search

    # One small row per reported record (fits in its page: a screening's body spans several).
    conn.execute(
        "CREATE TABLE report_facts (record_type TEXT NOT NULL, id TEXT NOT NULL, youth_id TEXT,"
        " status TEXT, event_date TEXT, facts TEXT NOT NULL, PRIMARY KEY (record_type, id))"
        " WITHOUT ROWID"
    )
    conn.execute(
        "CREATE INDEX report_facts_by_status_date ON report_facts (record_type, status, event_date)"
    )
    columns = "record_type, id, youth_id, status, event_date, facts"
    # An upsert, not INSERT OR REPLACE: the statement that fires a trigger imposes its own
    # conflict policy on the trigger's statements (ABORT for the store's upserts of records).
    refresh = ", ".join(
        f"{c} = excluded.{c}" for c in ("youth_id", "status", "event_date", "facts")
    )
    for event in ("INSERT", "UPDATE"):  # an upsert of ``records`` fires one or the other
        conn.execute(
            f"CREATE TRIGGER report_facts_on_{event.lower()} AFTER {event} ON records"
            f" WHEN NEW.record_type IN ({_REPORTED_TYPES}) BEGIN"
            f" INSERT INTO report_facts ({columns}) {_facts_row('NEW')} WHERE true"
            f" ON CONFLICT (record_type, id) DO UPDATE SET {refresh}; END"
        )
    conn.execute(
        "CREATE TRIGGER report_facts_on_delete AFTER DELETE ON records"  # noqa: S608 (constants)
        f" WHEN OLD.record_type IN ({_REPORTED_TYPES}) BEGIN"
        " DELETE FROM report_facts WHERE record_type = OLD.record_type AND id = OLD.id; END"
    )
    conn.execute(
        f"INSERT INTO report_facts ({columns}) {_facts_row('r')} FROM records r"
        f" WHERE r.record_type IN ({_REPORTED_TYPES})"
    )
    tombstones = conn.execute(
        "SELECT y.rowid FROM youth_index y CROSS JOIN records r"
        " ON r.record_type = 'youth' AND r.id = y.id"
        " WHERE json_extract(r.body, '$.merged_into') IS NOT NULL"
    ).fetchall()
    for (rowid,) in tombstones:
        youth_search.index_terms(conn, rowid, set())


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _m0001_initial),
    Migration(
        2,
        "sync conflicts table, record event dates, record references",
        _m0002_conflicts_dates_references,
    ),
    Migration(3, "index on record status and event date", _m0003_status_date_index),
    Migration(
        4, "name search that forgives typos and spelling variants", _m0004_forgiving_name_search
    ),
    Migration(5, "caseload, departed youth, outbox item kinds", _m0005_caseload),
    Migration(
        6,
        "the county report's facts kept per record; tombstones out of the name index",
        _m0006_report_facts,
    ),
)

LATEST_SCHEMA = MIGRATIONS[-1].number


def _ensure_table(conn: Any) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )


def applied_migrations(conn: Any) -> list[int]:
    _ensure_table(conn)
    return [row[0] for row in conn.execute("SELECT number FROM _migrations ORDER BY number")]


def migrate(conn: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply every migration not yet applied, each in its own transaction. Returns their numbers.

    A database from a newer release (a migration number we do not know) is refused rather than
    guessed at.
    """
    done = set(applied_migrations(conn))
    known = {m.number for m in migrations}
    unknown = sorted(done - known)
    if unknown:
        from csec_desktop.store.errors import StoreError

        raise StoreError(
            f"the database was written by a newer version of CSEC Desktop (schema {unknown[-1]})"
        )
    newly_applied = []
    for migration in sorted(migrations, key=lambda m: m.number):
        if migration.number in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, utcnow().isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        newly_applied.append(migration.number)
    return newly_applied
