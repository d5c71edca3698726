"""A batch is decided set-wise: the effects of earlier items carry to later ones in the same batch,
and a row another user's transaction stores meanwhile makes the batch be decided again."""

from __future__ import annotations

import socket
from typing import Any

from sqlalchemy import func, select

from csec_desktop.domain import utcnow
from csec_desktop.server import accounts, push
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.schema import (
    assignments,
    audit_events,
    push_ops,
    record_conflicts,
    records,
)
from csec_desktop.server.serving import TcpConfig
from csec_desktop.sync.protocol import PushOperation
from tests.server.conftest import Harness, op, youth


def _count(server: Harness, table: Any) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_create_then_updates_in_one_batch(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    v1 = youth()
    v2 = v1.evolve(version=2, family_name="Two")
    v3 = v2.evolve(version=3, family_name="Three")
    results = server.push(device, op(v1), op(v2, base_version=1), op(v3, base_version=2))
    assert [(r["status"], r["server_version"]) for r in results] == [
        ("applied", 1),
        ("applied", 2),
        ("applied", 3),
    ]
    with server.engine.connect() as conn:
        stored = conn.execute(select(records.c.version, records.c.payload)).one()
        actions = conn.execute(select(audit_events.c.action).order_by(audit_events.c.seq))
        assert [a for a in actions.scalars() if a.startswith("record")] == [
            "record_create",
            "record_update",
            "record_update",
        ]
    assert (stored.version, stored.payload["family_name"]) == (3, "Three")


def test_updates_of_a_stored_record_in_one_batch(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    v1 = youth()
    server.push(device, op(v1))
    v2 = v1.evolve(version=2, family_name="Two")
    stale = v1.evolve(version=2, family_name="Stale")
    v3 = v2.evolve(version=3, family_name="Three")
    results = server.push(
        device, op(v2, base_version=1), op(stale, base_version=1), op(v3, base_version=2)
    )
    assert [r["status"] for r in results] == ["applied", "conflict", "applied"]
    assert results[1]["server_version"] == 2
    with server.engine.connect() as conn:
        assert conn.execute(select(records.c.version)).scalar_one() == 3
        kept = conn.execute(select(record_conflicts.c.payload)).scalar_one()
    assert kept["family_name"] == "Stale"


def test_repeated_operation_id_in_one_batch_is_answered_once(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    first = op(record)
    changed = dict(first, payload=record.evolve(family_name="Other").model_dump(mode="json"))
    results = server.push(device, first, first, changed)
    assert [(r["status"], r["replayed"]) for r in results] == [
        ("applied", False),
        ("applied", True),
        ("rejected", False),
    ]
    assert "different content" in results[2]["reason"]
    assert _count(server, push_ops) == 1
    assert _count(server, records) == 1


def test_same_version_twice_in_one_batch_is_a_duplicate(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    results = server.push(device, op(record), op(record))
    assert [r["status"] for r in results] == ["applied", "duplicate"]


def test_a_record_another_user_creates_meanwhile_is_seen_on_the_retry(
    postgres_harness: Harness, monkeypatch: Any
) -> None:
    """On PostgreSQL another user's transaction can commit a record between this batch's read and
    its write; the unique key refuses the write and the batch is decided again on a fresh read.
    (SQLite cannot interleave: a writer holds the database-wide lock from its first statement.)"""
    server = postgres_harness
    server.county()
    mine, theirs = server.user("cw1"), server.user("cw2")
    with server.engine.connect() as conn:
        caller = accounts.caller_for_token(conn, mine.token)
        other = accounts.caller_for_token(conn, theirs.token)
    assert caller is not None and other is not None
    contested, free = youth(), youth()
    real_write = push._write_placed  # where the records are written
    calls = []

    def write_after_a_rival(conn: Any, *args: Any) -> None:
        calls.append(1)
        if len(calls) == 1:  # the rival commits first, from its own connection
            rival = create_db_engine(server.url)
            try:
                with rival.begin() as rival_conn:
                    rival_conn.execute(
                        records.insert(),
                        {
                            "record_type": "youth",
                            "record_id": contested.id,
                            "county_id": other.county_id,
                            "owner_user_id": other.user_id,
                            "version": 1,
                            "payload": contested.model_dump(mode="json"),
                            "content_hash": "0" * 64,
                            "updated_at": utcnow(),
                            "youth_id": contested.id,
                            "feed_seq": 10_000,
                        },
                    )
                    rival_conn.execute(  # the creator becomes the youth's caseworker
                        assignments.insert(),
                        {
                            "county_id": other.county_id,
                            "youth_id": contested.id,
                            "user_id": other.user_id,
                            "kind": "primary",
                            "start_seq": 10_000,
                            "started_at": utcnow(),
                            "reason": "created",
                            "set_by": "rival",
                        },
                    )
            finally:
                rival.dispose()
        real_write(conn, *args)

    monkeypatch.setattr(push, "_write_placed", write_after_a_rival)
    operations = [PushOperation.model_validate(op(r)) for r in (free, contested)]
    results = push.push_batch(server.engine, caller, operations)
    assert len(calls) == 2
    assert [r.status for r in results] == ["applied", "rejected"]
    assert results[1].reason == "this youth is not in your caseload"
    assert _count(server, push_ops) == 2
    assert _count(server, records) == 2


def test_listening_socket_keeps_tcp_nodelay_for_workers() -> None:
    config = TcpConfig("csec_desktop.server.app:app_from_environment", host="127.0.0.1", port=0)
    sock = config.bind_socket()
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.get_inheritable()
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
