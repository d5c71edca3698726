"""Push: idempotency per operation id, conflicts keep both versions, per-item results."""

from __future__ import annotations

import random
import threading
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import func, select

from csec_desktop.domain import (
    ScreeningStatus,
    Training,
    TrainingAudience,
    TrainingType,
    Youth,
)
from csec_desktop.server import accounts, audit, push
from csec_desktop.server.schema import audit_events, push_ops, record_conflicts, records
from csec_desktop.sync.protocol import MAX_PUSH_OPERATIONS, PushOperation, Role
from tests.server.conftest import PROTOCOL, Device, Harness, op, screening, youth


def _stored(server: Harness, record: Youth) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(
            select(records.c.version, records.c.payload).where(records.c.record_id == record.id)
        ).one()


def test_new_record_is_applied_and_audited(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    [result] = server.push(device, op(record))
    assert result["status"] == "applied"
    assert result["server_version"] == 1
    assert result["replayed"] is False
    assert _stored(server, record).payload["given_name"] == "Test"
    with server.engine.connect() as conn:
        actions = conn.execute(select(audit_events.c.action)).scalars().all()
        chains = conn.execute(select(audit_events.c.chain).distinct()).scalars().all()
        assert chains
        assert all(audit.verify_chain(conn, chain) for chain in chains)
    assert "record_create" in actions


def test_retry_replays_the_first_result(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    operation = op(youth())
    first = server.push(device, operation)[0]
    again = server.push(device, operation)[0]
    assert again["status"] == first["status"] == "applied"
    assert again["server_version"] == first["server_version"]
    assert again["replayed"] is True
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(push_ops)).scalar_one() == 1


def test_rejected_result_is_replayed_too(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    operation = op(youth(), record_type="spaceship")
    first = server.push(device, operation)[0]
    again = server.push(device, operation)[0]
    assert first["status"] == again["status"] == "rejected"
    assert again["replayed"] is True


def test_same_operation_id_with_different_content_is_rejected(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    operation = op(record)
    server.push(device, operation)
    changed = dict(operation, payload=record.evolve(family_name="Other").model_dump(mode="json"))
    [result] = server.push(device, changed)
    assert result["status"] == "rejected"
    assert "different content" in result["reason"]
    assert _stored(server, record).payload["family_name"] == "Youth"


def test_operation_id_of_another_user_is_not_replayed(server: Harness) -> None:
    server.county()
    first, second = server.user("cw1"), server.user("cw2")
    operation = op(youth())
    server.push(first, operation)
    [result] = server.push(second, operation)
    assert result["status"] == "rejected"


def test_update_on_current_base_is_applied(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    server.push(device, op(record))
    newer = record.evolve(version=2, family_name="Changed")
    [result] = server.push(device, op(newer, base_version=1))
    assert result["status"] == "applied"
    assert result["server_version"] == 2
    assert _stored(server, record).payload["family_name"] == "Changed"


def test_stale_base_version_is_a_conflict_and_both_versions_are_kept(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    server.push(device, op(record))
    server.push(device, op(record.evolve(version=2, family_name="Server"), base_version=1))
    losing = record.evolve(version=2, family_name="Laptop")
    [result] = server.push(device, op(losing, base_version=1))
    assert result["status"] == "conflict"
    assert result["server_version"] == 2
    assert "both versions are kept" in result["reason"]
    assert _stored(server, record).payload["family_name"] == "Server"
    with server.engine.connect() as conn:
        kept = conn.execute(select(record_conflicts)).one()
    assert kept.payload["family_name"] == "Laptop"
    assert (kept.base_version, kept.version, kept.server_version) == (1, 2, 2)


def test_county_it_lists_the_conflicts_without_their_content(server: Harness) -> None:
    server.county()
    server.county("Kern")
    first = server.user("cw1")
    with server.engine.begin() as conn:  # the same caseworker's second laptop
        code = accounts.issue_enrollment_code(conn, "cw1")
    enrolled = server.client.post(
        "/api/v1/enroll", json={"code": code, "device_name": "laptop 2"}, headers=PROTOCOL
    ).json()
    second = Device(UUID(enrolled["device_id"]), enrolled["device_token"], "cw1")
    admin = server.user("admin", Role.COUNTY_ADMIN)
    other_admin = server.user("admin2", Role.COUNTY_ADMIN, county="Kern")
    record = youth()
    server.push(first, op(record))
    server.push(first, op(record.evolve(version=2, family_name="First"), base_version=1))
    [result] = server.push(
        second, op(record.evolve(version=2, family_name="Secret"), base_version=1)
    )
    assert result["status"] == "conflict"

    answer = server.client.get("/api/v1/county/conflicts", headers=admin.headers)
    assert answer.status_code == 200
    [conflict] = answer.json()["conflicts"]
    assert conflict["record_id"] == str(record.id)
    assert (conflict["username"], conflict["device_id"]) == ("cw1", str(second.device_id))
    assert (conflict["base_version"], conflict["version"]) == (1, 2)
    assert conflict["server_version"] == conflict["current_version"] == 2
    assert "Secret" not in answer.text and "First" not in answer.text

    # Someone resolved it (a newer version reached the server): the list shows it moved on.
    server.push(first, op(record.evolve(version=3, family_name="Merged"), base_version=2))
    [moved] = server.client.get("/api/v1/county/conflicts", headers=admin.headers).json()[
        "conflicts"
    ]
    assert moved["current_version"] == 3
    elsewhere = server.client.get("/api/v1/county/conflicts", headers=other_admin.headers)
    assert elsewhere.json()["conflicts"] == []  # another county sees none of them


def test_create_of_a_record_the_server_has_is_a_conflict(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    server.push(device, op(record))
    [result] = server.push(device, op(record.evolve(family_name="Again")))
    assert result["status"] == "conflict"


def test_same_version_and_content_under_a_new_operation_id_is_a_duplicate(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    server.push(device, op(record))
    [result] = server.push(device, op(record))
    assert result["status"] == "duplicate"
    assert result["server_version"] == 1


def test_one_bad_item_never_fails_the_batch(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    good_first, good_last = youth(), youth()
    bad_payload = youth().model_dump(mode="json") | {
        "given_name": "Maria" * 40,
        "date_of_birth": "2999-01-01",
    }
    operations = [
        op(good_first),
        op(youth(), payload=bad_payload),
        op(youth(), record_type="spaceship"),
        op(youth(), record_id=str(uuid4())),
        op(youth(county="Kern")),
        op(good_last),
    ]
    results = server.push(device, *operations)
    assert [r["op_id"] for r in results] == [o["op_id"] for o in operations]
    assert [r["status"] for r in results] == [
        "applied",
        "rejected",
        "rejected",
        "rejected",
        "rejected",
        "applied",
    ]
    reason = results[1]["reason"]
    assert "given_name" in reason
    assert "date_of_birth" in reason
    assert "Maria" not in reason
    assert "2999" not in reason
    assert "county" in results[4]["reason"]


def test_a_youth_of_another_caseload_cannot_be_overwritten(server: Harness) -> None:
    server.county()
    owner, other = server.user("cw1"), server.user("cw2")
    record = youth()
    server.push(owner, op(record))
    [result] = server.push(other, op(record.evolve(version=2), base_version=1))
    assert result["status"] == "rejected"
    assert "not in your caseload" in result["reason"]
    [result] = server.push(other, op(screening(record.id)))
    assert (result["status"], result["reason"]) == (
        "rejected",
        "this youth is not in your caseload",
    )


def test_a_training_of_another_user_cannot_be_overwritten(server: Harness) -> None:
    server.county()
    owner, other = server.user("cw1"), server.user("cw2")
    record = Training(
        training_date=date(2026, 3, 2),
        training_type=TrainingType.CSEC_101,
        audience_type=TrainingAudience.FOSTER_PARENTS,
        attendee_count=12,
        minutes=90,
    )
    assert server.push(owner, op(record))[0]["status"] == "applied"
    [result] = server.push(other, op(record.evolve(version=2), base_version=1))
    assert result["status"] == "rejected"
    assert "another user" in result["reason"]


def test_only_a_review_can_approve_a_screening(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    approved = screening(server.youth_of(device), status=ScreeningStatus.APPROVED)
    [result] = server.push(device, op(approved))
    assert result["status"] == "rejected"
    assert "supervisor" in result["reason"]


def test_state_analyst_cannot_push(server: Harness) -> None:
    server.county()
    analyst = server.user("analyst", Role.STATE_ANALYST)
    answer = server.client.post(
        "/api/v1/sync/push", json={"operations": [op(youth())]}, headers=analyst.headers
    )
    assert answer.status_code == 403


def test_oversize_batch_is_a_clear_400(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    operations = [op(youth()) for _ in range(MAX_PUSH_OPERATIONS + 1)]
    answer = server.client.post(
        "/api/v1/sync/push", json={"operations": operations}, headers=device.headers
    )
    assert answer.status_code == 400
    assert "operations" in answer.json()["error"]["message"]


def test_concurrent_pushes_of_one_operation_store_it_once(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    with server.engine.connect() as conn:
        caller = accounts.caller_for_token(conn, device.token)
    assert caller is not None
    operation = PushOperation.model_validate(op(youth()))
    barrier = threading.Barrier(2)
    answers: list[Any] = []

    def push_it() -> None:
        barrier.wait()
        answers.append(push.push_batch(server.engine, caller, [operation])[0])

    threads = [threading.Thread(target=push_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.replayed for a in answers) == [False, True]
    assert {a.status for a in answers} == {"applied"}
    with server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(push_ops)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(records)).scalar_one() == 1


def test_replaying_every_request_in_shuffled_order_leaves_the_same_state(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    record = youth()
    batches = [
        [op(record), op(youth())],
        [op(record.evolve(version=2, family_name="Two"), base_version=1)],
        [
            op(record.evolve(version=3, family_name="Three"), base_version=2),
            op(screening(record.id)),
        ],
    ]
    for batch in batches:
        server.push(device, *batch)

    def snapshot() -> Any:
        with server.engine.connect() as conn:
            stored = conn.execute(
                select(records.c.record_id, records.c.version, records.c.content_hash).order_by(
                    records.c.record_id
                )
            ).all()
            ops = conn.execute(
                select(push_ops.c.op_id, push_ops.c.status, push_ops.c.server_version).order_by(
                    push_ops.c.op_id
                )
            ).all()
            conflicts = conn.execute(select(func.count()).select_from(record_conflicts)).scalar()
        return stored, ops, conflicts

    before = snapshot()
    replays = [batch for batch in batches for _ in range(3)]
    random.Random(7).shuffle(replays)
    for batch in replays:
        assert all(r["replayed"] for r in server.push(device, *batch))
    assert snapshot() == before


def test_the_server_keeps_each_devices_audit_head_and_refuses_one_that_goes_back(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    other = server.user("cw2")

    def send(who: Device, seq: int, digest: str) -> Any:
        answer = server.client.post(
            "/api/v1/sync/audit-anchor", json={"seq": seq, "hash": digest}, headers=who.headers
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    assert send(device, 5, "a" * 64) == {"previous": None, "accepted": True}
    assert send(device, 9, "b" * 64) == {"previous": {"seq": 5, "hash": "a" * 64}, "accepted": True}
    assert send(other, 2, "c" * 64)["previous"] is None  # per device
    rewound = send(device, 7, "d" * 64)
    assert rewound == {"previous": {"seq": 9, "hash": "b" * 64}, "accepted": False}
    rewritten = send(device, 9, "e" * 64)  # same place, another history
    assert rewritten["accepted"] is False
    assert send(device, 12, "f" * 64)["previous"] == {"seq": 9, "hash": "b" * 64}  # kept
    with server.engine.connect() as conn:
        flagged = (
            conn.execute(
                select(audit_events.c.detail).where(audit_events.c.action == "audit_chain_rewound")
            )
            .scalars()
            .all()
        )
    assert len(flagged) == 2 and all(str(device.device_id) in d for d in flagged)
    bad = server.client.post(
        "/api/v1/sync/audit-anchor", json={"seq": 1, "hash": "not hex"}, headers=device.headers
    )
    assert bad.status_code == 400
