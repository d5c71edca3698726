"""A push's ``feed_cursor`` (protocol 2) tells the server how far the laptop has applied its
feed: until it has applied a youth's removal, the changes it made to that youth before it knew
are still taken; once a push says it has, they are refused, in that same push. The position is
recorded in the push's own transaction (issue 16), so these tests go through the push alone:
the laptop's pulls never send the cursor that is past the removal."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from sqlalchemy import select

from csec_desktop.domain import ScreeningStatus
from csec_desktop.server.caseload_feed import FeedCursor
from csec_desktop.server.schema import devices
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening, youth


def _push(server: Harness, device: Device, cursor: str | None, *ops: dict[str, Any]) -> Any:
    body: dict[str, Any] = {"operations": list(ops)}
    if cursor is not None:
        body["feed_cursor"] = cursor
    answer = server.client.post("/api/v1/sync/push", json=body, headers=device.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _acked(server: Harness, device: Device) -> int | None:
    with server.engine.connect() as conn:
        found: int | None = conn.execute(
            select(devices.c.feed_acked_seq).where(devices.c.id == device.device_id)
        ).scalar_one()
    return found


def test_a_change_made_before_the_laptop_applied_a_move_is_taken_and_refused_once_it_has(
    server: Harness,
) -> None:
    server.county()
    one = server.user("cw1", team="A")
    server.user("cw2", team="A")
    sup = server.user("sup", Role.SUPERVISOR, team="A")
    child = youth()
    draft = screening(child.id, status=ScreeningStatus.DRAFT)
    assert [r["status"] for r in server.push(one, op(child), op(draft))] == ["applied"] * 2
    _, before_move = server.pull_all(one)
    move = {"action_id": str(uuid4()), "action": "reassign", "from_user": "cw1",
            "to_user": "cw2", "youth_ids": [str(child.id)]}  # fmt: skip
    answer = server.client.post("/api/v1/team/assignments", json=move, headers=sup.headers)
    assert answer.json()["applied"]
    # The laptop pulls the removal (its pull acknowledges only the cursor it sent, from before).
    changes, past_move = server.pull_all(one, before_move)
    assert "youth_removed" in [c["kind"] for c in changes]
    assert _acked(server, one) == FeedCursor.decode(before_move).base

    # Edited offline before the laptop applied the removal: still the laptop's to send.
    edited = draft.evolve(version=2, notes="written before the laptop knew")
    answer = _push(server, one, before_move, op(edited, base_version=1))
    assert [r["status"] for r in answer] == ["applied"]

    # This push says the removal is applied: recorded, and the change is refused at once.
    later = edited.evolve(version=3, notes="written after")
    answer = _push(server, one, past_move, op(later, base_version=2))
    assert [(r["status"], r["reason"]) for r in answer] == [
        ("rejected", "this youth is not in your caseload")
    ]
    assert _acked(server, one) == FeedCursor.decode(past_move).base


def test_a_push_never_moves_the_recorded_feed_position_back(server: Harness) -> None:
    server.county()
    one = server.user("cw1", team="A")
    child = youth()
    server.push(one, op(child))
    _, first = server.pull_all(one)
    server.push(one, op(youth()))
    _, second = server.pull_all(one, first)
    later = FeedCursor.decode(second).base
    assert _push(server, one, second, op(youth()))[0]["status"] == "applied"
    assert _acked(server, one) == later
    assert _push(server, one, first, op(youth()))[0]["status"] == "applied"
    assert _acked(server, one) == later
