"""The rows a push writes read back the same whichever way they were written: binary ``COPY`` and
psycopg's ``executemany`` on PostgreSQL, SQLAlchemy Core on SQLite (``server.push_writes``); a
unique-key clash is SQLAlchemy's ``IntegrityError`` on both (the push retries on it); a changed
record whose version moved is not overwritten and the count says so (the lost-update check);
binary ``COPY`` stores every column as the text-format ``COPY`` before it did, and the documents
as PostgreSQL's parse of the canonical text."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from csec_desktop.domain import ScreeningStatus, utcnow
from csec_desktop.server import push_writes
from csec_desktop.server.canonical import canonical_text
from csec_desktop.server.schema import push_ops, record_youth, records, users
from tests.server.conftest import Harness, op, screening, youth
from tests.server.test_canonical_json import ADVERSARIAL_ANSWERS


def _owner(conn: Connection) -> tuple[int, int]:
    row = conn.execute(select(users.c.county_id, users.c.id)).one()
    return int(row.county_id), int(row.id)


def _record_row(county_id: int, user_id: int, seq: int, **changes: Any) -> dict[str, Any]:
    """A record row as ``push._decide`` builds it (payload as canonical JSON text)."""
    # What COPY's text format must escape (tab, newline, backslash) and text beyond ASCII.
    case = screening(uuid4(), notes="vive con su tía\ttab\nnew line \\ backslash \\N")
    row = {
        "record_type": "screening", "record_id": case.id, "county_id": county_id,
        "owner_user_id": user_id, "version": 1,
        "payload": canonical_text(case.model_dump(mode="json")), "content_hash": "a" * 64,
        "status": "submitted", "record_date": date(2026, 3, 4), "updated_at": utcnow(),
        "updated_by_device": uuid4(), "youth_id": case.youth_id, "owner_route": True,
        "feed_seq": seq,
    }  # fmt: skip
    row.update(changes)
    return row


def _stored(conn: Connection, record_id: UUID) -> dict[str, Any]:
    found = conn.execute(select(records).where(records.c.record_id == record_id)).one()
    return dict(found._mapping)


def _as_read(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "payload": json.loads(row["payload"])}


def test_written_rows_read_back_exactly_as_built(server: Harness) -> None:
    server.county()
    server.user("cw1")
    with server.engine.begin() as conn:
        county_id, user_id = _owner(conn)
        rows = [_record_row(county_id, user_id, seq) for seq in (1, 2)]
        rows[1]["owner_route"], rows[1]["youth_id"] = False, None
        push_writes.insert(conn, records, rows)
        links = [
            {"record_type": "screening", "record_id": r["record_id"], "youth_id": r["youth_id"]}
            for r in rows
            if r["youth_id"]
        ]
        push_writes.insert(conn, record_youth, links)
    with server.engine.connect() as conn:
        for row in rows:
            assert _stored(conn, row["record_id"]) == _as_read(row)
        stored_links = set(conn.execute(select(record_youth.c.record_id, record_youth.c.youth_id)))
        assert stored_links == {(rows[0]["record_id"], rows[0]["youth_id"])}


def test_a_unique_key_clash_is_an_integrity_error_and_writes_nothing(server: Harness) -> None:
    server.county()
    server.user("cw1")
    with server.engine.connect() as conn:
        _, user_id = _owner(conn)
    entry = {
        "op_id": uuid4(), "user_id": user_id, "device_id": uuid4(), "content_hash": "b" * 64,
        "status": "applied", "reason": "", "server_version": 1, "created_at": utcnow(),
    }  # fmt: skip
    with server.engine.begin() as conn:
        push_writes.insert(conn, push_ops, [entry])
    other = {**entry, "op_id": uuid4()}
    with pytest.raises(IntegrityError), server.engine.begin() as conn:
        push_writes.insert(conn, push_ops, [other, entry])  # another try stored it meanwhile
    with server.engine.connect() as conn:
        assert conn.execute(select(push_ops.c.op_id)).scalars().all() == [entry["op_id"]]


def test_a_changed_record_is_written_only_at_the_version_it_was_read_at(server: Harness) -> None:
    server.county()
    server.user("cw1")
    with server.engine.begin() as conn:
        county_id, user_id = _owner(conn)
        first, second = _record_row(county_id, user_id, 1), _record_row(county_id, user_id, 2)
        push_writes.insert(conn, records, [first, second])
    case = screening(first["youth_id"], notes="changed")
    later = {
        "version": 2, "payload": canonical_text(case.model_dump(mode="json")),
        "content_hash": "c" * 64, "status": "submitted", "record_date": date(2026, 3, 5),
        "updated_at": utcnow() + timedelta(minutes=1), "updated_by_device": uuid4(),
        "youth_id": first["youth_id"], "owner_route": False, "feed_seq": 3,
    }  # fmt: skip
    keys = {"key_type": "screening", "key_id": first["record_id"], "key_version": 1}
    stale = {**later, "feed_seq": 4, "key_type": "screening", "key_id": second["record_id"],
             "key_version": 7}  # fmt: skip
    with server.engine.begin() as conn:
        changed = push_writes.update_records(conn, records, [{**later, **keys}, stale])
    assert changed in (1, -1)  # -1: the driver cannot count (the push then trusts its locks)
    with server.engine.connect() as conn:
        assert _stored(conn, first["record_id"]) == _as_read({**first, **later})
        assert _stored(conn, second["record_id"]) == _as_read(second)


# --- binary COPY (issue 16, fifth milestone) ----------------------------------------------------

_EVERY_COLUMN_TYPE = "record_type, record_id, county_id, owner_user_id, version, payload::text, " \
    "content_hash, status, record_date, updated_at, updated_by_device, youth_id, feed_seq, " \
    "owner_route"  # fmt: skip


def _text_copy(conn: Connection, name: str, rows: list[dict[str, Any]]) -> None:
    """How rows were written before binary COPY: text-format ``COPY`` with psycopg choosing each
    value's dumper (written out here on purpose, as the reference)."""
    columns = tuple(rows[0])
    driver = conn.connection.driver_connection
    assert driver is not None
    sql = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    with driver.cursor() as cursor, cursor.copy(sql) as stream:
        for row in rows:
            stream.write_row(tuple(row[c] for c in columns))


@pytest.mark.postgres
def test_binary_copy_stores_every_column_as_text_copy_did(postgres_harness: Harness) -> None:
    """Normal and adversarial payloads (every number form ``json`` writes, escapes, non-ASCII,
    nesting), nulls, the largest versions and feed positions: the row binary ``COPY`` stores
    equals, column by column and the document as PostgreSQL's own text of it, the row the
    previous text-format ``COPY`` stored from the same values."""
    server = postgres_harness
    server.county()
    server.user("cw1")
    with server.engine.begin() as conn:
        county_id, user_id = _owner(conn)
        adversarial = screening(uuid4(), answers=ADVERSARIAL_ANSWERS, notes="\u2028 \\N \t\r\n é")
        rows = [
            _record_row(county_id, user_id, 1),
            _record_row(county_id, user_id, 2, payload=canonical_text(
                adversarial.model_dump(mode="json")), status=None, record_date=None,
                youth_id=None, owner_route=False, version=2**31 - 1),
            _record_row(county_id, user_id, 2**62, payload='{"a":[1,1.0,-0.0,1e-05,"\\u0001"]}'),
        ]  # fmt: skip
        push_writes.insert(conn, records, rows)
        conn.exec_driver_sql("CREATE TEMP TABLE records_as_text (LIKE records)")
        _text_copy(conn, "records_as_text", rows)
        binary = conn.exec_driver_sql(
            f"SELECT {_EVERY_COLUMN_TYPE} FROM records ORDER BY feed_seq"  # noqa: S608
        ).all()
        text = conn.exec_driver_sql(
            f"SELECT {_EVERY_COLUMN_TYPE} FROM records_as_text ORDER BY feed_seq"  # noqa: S608
        ).all()
        # And the document is PostgreSQL's parse of exactly the canonical text.
        parsed = [
            conn.exec_driver_sql("SELECT %s::jsonb::text", (row["payload"],)).scalar()
            for row in rows
        ]
    assert binary == text
    assert [row.payload for row in binary] == parsed


@pytest.mark.postgres
def test_pushed_records_and_conflicts_store_the_canonical_text_of_adversarial_payloads(
    postgres_harness: Harness,
) -> None:
    """Through the app: what lands in ``records`` and ``record_conflicts`` is PostgreSQL's parse
    of ``json.dumps`` of the record as the domain model writes it (computed here without the
    server's code), and the content hash is that text's SHA-256."""
    server = postgres_harness
    server.county()
    device = server.user("cw1")
    person = youth(given_name="Zoë \u00e9", family_name='O"Brien \\ \t \U0001f600')
    case = screening(
        person.id, answers=ADVERSARIAL_ANSWERS, notes="línea\nnueva \u2028 fin",
        status=ScreeningStatus.DRAFT,
    )  # fmt: skip
    assert [r["status"] for r in server.push(device, op(person), op(case))] == ["applied"] * 2
    # Based on a version the server never held: kept aside for a person to resolve.
    edited = case.model_copy(update={"version": 9, "notes": "\\N \x01 otra"})
    [conflict] = server.push(device, op(edited, base_version=7))
    assert conflict["status"] == "conflict"

    def dumped(record: Any) -> str:
        return json.dumps(
            record.model_dump(mode="json"),
            sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
        )  # fmt: skip

    with server.engine.connect() as conn:
        for record in (person, case):
            stored, content_hash = conn.exec_driver_sql(
                "SELECT payload::text, content_hash FROM records WHERE record_id = %s",
                (record.id,),
            ).one()
            expected = conn.exec_driver_sql("SELECT %s::jsonb::text", (dumped(record),)).scalar()
            assert stored == expected
            assert content_hash == hashlib.sha256(dumped(record).encode()).hexdigest()
        kept = conn.exec_driver_sql(
            "SELECT payload::text FROM record_conflicts WHERE record_id = %s", (case.id,)
        ).scalar()
        assert kept == conn.exec_driver_sql("SELECT %s::jsonb::text", (dumped(edited),)).scalar()
