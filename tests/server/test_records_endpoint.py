"""``GET /records/{record_type}/{record_id}``: the server's current copy of a record, for a device
resolving a sync conflict. Scoping is in the authorization matrix; this covers the answer itself."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import select

from csec_desktop.server.schema import audit_events
from csec_desktop.sync.protocol import RecordCopy, Role
from tests.server.conftest import Harness, op, youth


def test_the_owner_reads_the_current_version_and_the_read_is_audited(server: Harness) -> None:
    server.county("Fresno")
    device = server.user("cw1")
    supervisor = server.user("sup1", Role.SUPERVISOR)
    first = youth(preferred_name="first")
    assert server.push(device, op(first))[0]["status"] == "applied"
    second = first.model_copy(update={"version": 2, "preferred_name": "second"})
    assert server.push(device, op(second, base_version=1))[0]["status"] == "applied"

    answer = server.client.get(f"/api/v1/records/youth/{first.id}", headers=device.headers)
    assert answer.status_code == 200, answer.text
    copy = RecordCopy.model_validate(answer.json())
    assert (copy.record_type, copy.record_id, copy.version) == ("youth", first.id, 2)
    assert copy.payload["preferred_name"] == "second"

    by_supervisor = server.client.get(
        f"/api/v1/records/youth/{first.id}", headers=supervisor.headers
    )
    assert by_supervisor.status_code == 200
    with server.engine.connect() as conn:
        viewed = conn.execute(
            select(audit_events.c.actor, audit_events.c.record_id, audit_events.c.record_version)
            .where(audit_events.c.action == "record_view")
            .order_by(audit_events.c.at)
        ).all()
    assert [(r.actor, r.record_id, r.record_version) for r in viewed] == [
        ("cw1", first.id, 2),
        ("sup1", first.id, 2),
    ]


def test_unknown_records_and_types_are_not_found_without_content(server: Harness) -> None:
    server.county("Fresno")
    device = server.user("cw1")
    held = youth(preferred_name="kept private")
    server.push(device, op(held))
    for path in (
        f"/api/v1/records/youth/{uuid4()}",
        f"/api/v1/records/screening/{held.id}",  # the id exists, but not as a screening
        f"/api/v1/records/no_such_type/{held.id}",
    ):
        answer = server.client.get(path, headers=device.headers)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "not_found"
        assert "kept private" not in answer.text
    bad_id = server.client.get("/api/v1/records/youth/not-a-uuid", headers=device.headers)
    assert bad_id.status_code == 400
    no_token = server.client.get(f"/api/v1/records/youth/{held.id}")
    assert no_token.status_code in (400, 401)
    assert "kept private" not in no_token.text
