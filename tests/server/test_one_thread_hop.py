"""Each authenticated request goes to the thread pool once: the token lookup runs in the
endpoint's own thread (issue 16, sixth milestone). Handing work to a pool thread and back costs
CPU on every request (waking the thread, ``Condition.notify``); with the lookup as a plain
dependency and FastAPI validating a plain endpoint's answer in the pool, a request took three
hops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio.to_thread
import pytest

from csec_desktop.sync.protocol import Role
from tests.server.conftest import Harness, op, youth


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions each hop to the thread pool ran, in order."""
    seen: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counting(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(function, "__name__", repr(function)))
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return seen


def test_every_authenticated_request_is_one_hop_to_the_thread_pool(
    server: Harness, hops: list[str]
) -> None:
    server.county()
    device = server.user("cw1")
    supervisor = server.user("sup", Role.SUPERVISOR)
    record = server.screening_by(device)
    requests: list[tuple[str, str, Any, Any]] = [
        ("POST", "/api/v1/sync/push", {"operations": [op(youth())]}, device),
        ("GET", "/api/v1/sync/pull", None, device),
        ("POST", "/api/v1/sync/audit-anchor", {"seq": 1, "hash": "a" * 64}, device),
        ("GET", "/api/v1/me", None, device),
        ("GET", "/api/v1/reviews/screenings", None, supervisor),
        ("GET", f"/api/v1/reviews/screenings/{record.id}", None, supervisor),
        (
            "POST",
            f"/api/v1/reviews/screenings/{record.id}/decision",
            {"screening_version": 1, "decision": "approved"},
            supervisor,
        ),
    ]
    for method, path, body, caller in requests:
        hops.clear()
        answer = server.client.request(method, path, json=body, headers=caller.headers)
        assert answer.status_code == 200, (path, answer.text)
        assert len(hops) == 1, (path, hops)
