"""Device tokens rotate (issue 14, finding 13): a device asks for a new token; the old one works
until the new one is first used, then never again. A lost answer costs nothing, only one new
token waits at a time, a revoked device gets none, and the audit names the device, not the
token."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from csec_desktop.server import accounts
from csec_desktop.server.schema import audit_events, devices
from tests.server.conftest import Device, Harness


def _me(server: Harness, device: Device) -> int:
    return server.client.get("/api/v1/me", headers=device.headers).status_code


def _rotate(server: Harness, device: Device) -> Device:
    answer = server.client.post("/api/v1/devices/token", headers=device.headers)
    assert answer.status_code == 200, answer.text
    return replace(device, token=answer.json()["device_token"])


def test_the_old_token_works_until_the_new_one_is_used_then_never_again(server: Harness) -> None:
    server.county()
    old = server.user("cw1")
    new = _rotate(server, old)
    assert new.token != old.token
    assert _me(server, old) == 200  # the answer could have been lost: the old one still works
    assert _me(server, new) == 200  # the first use of the new one...
    assert _me(server, old) == 401  # ...ends the old one
    assert _me(server, new) == 200
    with server.engine.connect() as conn:
        row = conn.execute(select(devices).where(devices.c.id == old.device_id)).one()
    assert row.next_token_hash is None and row.token_hash == accounts.hash_secret(new.token)
    assert row.token_issued_at is not None


def test_a_lost_answer_is_replaced_by_the_next_rotation(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    lost = _rotate(server, device)  # never reached the laptop
    kept = _rotate(server, device)  # asked again with the old token, which still works
    assert _me(server, lost) == 401  # only one new token waits at a time
    assert _me(server, kept) == 200 and _me(server, device) == 401


def test_a_revoked_device_gets_no_new_token_and_its_waiting_one_is_refused(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    waiting = _rotate(server, device)
    with server.engine.begin() as conn:
        accounts.revoke_device(conn, device.device_id)
    refused = server.client.post("/api/v1/devices/token", headers=device.headers)
    assert refused.status_code == 403
    assert _me(server, waiting) == 403


def test_a_rotation_is_audited_without_the_token(server: Harness) -> None:
    server.county()
    device = server.user("cw1")
    new = _rotate(server, device)
    with server.engine.connect() as conn:
        rows = conn.execute(
            select(audit_events.c.actor, audit_events.c.detail).where(
                audit_events.c.action == "device_token_rotate"
            )
        ).all()
    assert rows == [("cw1", f"device {device.device_id}")]
    with server.engine.connect() as conn:
        everything = str(conn.execute(select(audit_events)).all())
    assert new.token not in everything and device.token not in everything
