"""Replaying every request three times, in shuffled order, leaves the database as the first run
left it: what a device retrying after lost answers (or a proxy repeating requests) must be able
to do safely."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select

from csec_desktop.domain import ScreeningStatus
from csec_desktop.server import accounts, audit
from csec_desktop.server.schema import audit_events, auth_failures, devices, metadata, users
from csec_desktop.sync.protocol import Role
from tests.server.conftest import PROTOCOL, Harness, op, screening, youth

Request = tuple[str, str, dict[str, str], Any]


def _snapshot(server: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, except what a repeated request legitimately adds: the audit
    entry of each read of a screening (and so the reader's chain head), a device's last contact,
    and each failed enrollment counted for the rate limit (a spent code sent again fails)."""
    # The head of the reader's audit chain moves with each audited read.
    skipped = {devices.c.last_seen_at, users.c.audit_seq, users.c.audit_head}
    state = {}
    with server.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table is auth_failures:
                continue
            columns = [c for c in table.c if c not in skipped]
            query = select(*columns)
            if table is audit_events:
                query = query.where(audit_events.c.action != "screening_view")
            state[table.name] = sorted((tuple(row) for row in conn.execute(query)), key=repr)
    return state


def test_every_request_replayed_three_times_shuffled_leaves_the_same_state(
    server: Harness,
) -> None:
    server.county()
    author = server.user("cw1")
    supervisor = server.user("sup1", Role.SUPERVISOR)
    admin = server.user("admin", Role.COUNTY_ADMIN)
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", "cw2", Role.CASEWORKER, "A")
        code = accounts.issue_enrollment_code(conn, "cw2")

    record = youth()
    submitted = screening(record.id)
    stale = record.evolve(version=2, family_name="Laptop")
    requests: list[Request] = [
        ("POST", "/api/v1/enroll", PROTOCOL, {"code": code, "device_name": "laptop"}),
        ("POST", "/api/v1/sync/push", author.headers, {"operations": [op(record), op(submitted)]}),
        (
            "POST",
            "/api/v1/sync/push",
            author.headers,
            {
                "operations": [
                    op(record.evolve(version=2, family_name="Two"), base_version=1),
                    op(youth(), record_type="spaceship"),
                    op(record),  # version 1 again, under a new operation id
                ]
            },
        ),
        ("POST", "/api/v1/sync/push", author.headers, {"operations": [op(stale, base_version=1)]}),
        ("GET", f"/api/v1/reviews/screenings/{submitted.id}", supervisor.headers, None),
        (
            "POST",
            f"/api/v1/reviews/screenings/{submitted.id}/decision",
            supervisor.headers,
            {"screening_version": 1, "decision": "approved"},
        ),
        (
            "POST",
            "/api/v1/sync/push",
            author.headers,
            {
                "operations": [
                    op(submitted.evolve(version=2, status=ScreeningStatus.APPROVED), base_version=1)
                ]
            },
        ),
        (
            "PUT",
            "/api/v1/county/config",
            admin.headers,
            {"mdt_referral_days": 10, "offline_lease_days": 5},
        ),
        ("GET", "/api/v1/sync/pull", author.headers, None),
        ("GET", "/api/v1/reviews/screenings", supervisor.headers, None),
    ]

    def send(request: Request) -> int:
        method, path, headers, body = request
        answer = server.client.request(method, path, headers=headers, json=body)
        assert answer.status_code < 500, answer.text
        return answer.status_code

    first = [send(request) for request in requests]
    assert first == [200] * len(requests)
    before = _snapshot(server)
    assert len(before["record_conflicts"]) == 2  # the stale edit, and version 1 after version 2

    replays = requests * 3
    random.Random(4).shuffle(replays)
    answers = [send(request) for request in replays]
    # Only the one-time code and the decided review refuse a repeat; everything else answers
    # as the first time did (pushes with their stored results).
    assert set(answers) <= {200, 401, 409}
    assert _snapshot(server) == before
    with server.engine.connect() as conn:
        chains = conn.execute(select(audit_events.c.chain).distinct()).scalars().all()
        assert all(audit.verify_chain(conn, chain) for chain in chains)
