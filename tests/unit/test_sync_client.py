"""SyncClient on httpx.MockTransport: what is retried, how long it waits, what refusals mean."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import httpx
import pytest

from csec_desktop.sync.client import (
    CancelToken,
    DeviceRevoked,
    NotAuthenticated,
    RetryPolicy,
    ServerRefused,
    ServerUnreachable,
    SyncCancelled,
    SyncClient,
)
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, PushOperation

PULL_OK = {
    "changes": [],
    "next_cursor": "0",
    "has_more": False,
    "device_status": "active",
    "config": {
        "county": "Fresno",
        "mdt_referral_days": 30,
        "offline_lease_days": 30,
        "config_version": 1,
    },
}


def _client(
    handler: Callable[[httpx.Request], httpx.Response],
    delays: list[float] | None = None,
    cancel: CancelToken | None = None,
    attempts: int = 4,
) -> SyncClient:
    waits = delays if delays is not None else []
    return SyncClient(
        "https://county.example",
        token="device-token",
        retry=RetryPolicy(attempts=attempts, base_delay=0.5, max_delay=3.0),
        sleep=waits.append,
        rand=lambda: 1.0,
        cancel=cancel,
        transport=httpx.MockTransport(handler),
    )


def _error(status: int, code: str, message: str = "no") -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": message, "fields": []}})


def test_requests_carry_the_protocol_header_and_the_token() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=PULL_OK)

    _client(handler).pull("17")
    [request] = seen
    assert request.headers[PROTOCOL_HEADER] == str(PROTOCOL_VERSION) == "2"
    assert request.headers["Authorization"] == "Bearer device-token"
    assert request.url.path == "/api/v1/sync/pull" and request.url.params["cursor"] == "17"


def test_server_errors_are_retried_with_exponential_backoff() -> None:
    answers = iter([503, 502, 500, 200])
    delays: list[float] = []

    def handler(_request: httpx.Request) -> httpx.Response:
        status = next(answers)
        return httpx.Response(200, json=PULL_OK) if status == 200 else httpx.Response(status)

    assert _client(handler, delays).pull(None).next_cursor == "0"
    assert delays == [0.5, 1.0, 2.0]  # rand() = 1: the cap of each full-jitter window


def test_jitter_spreads_the_waits_and_the_cap_holds() -> None:
    policy = RetryPolicy(attempts=10, base_delay=0.5, max_delay=3.0)
    assert policy.delay(0, lambda: 0.5) == 0.25
    assert policy.delay(8, lambda: 1.0) == 3.0
    assert policy.delay(3, lambda: 0.0) == 0.0


def test_giving_up_says_why_and_keeps_the_last_status() -> None:
    with pytest.raises(ServerUnreachable, match=r"answered 503 \(tried 4 times\)") as caught:
        _client(lambda _r: httpx.Response(503)).pull(None)
    assert caught.value.status == 503


def test_a_lost_connection_is_retried_for_idempotent_requests() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            raise httpx.ReadError("connection reset", request=request)
        return httpx.Response(200, json={"results": []})

    op = PushOperation(
        op_id=uuid4(), record_type="youth", record_id=uuid4(), version=1, payload={"a": 1}
    )
    assert _client(handler).push([op]).results == []
    assert len(calls) == 3


def test_a_truncated_answer_is_asked_again() -> None:
    answers = iter([httpx.Response(200, content=b'{"changes": [')])

    def handler(_request: httpx.Request) -> httpx.Response:
        return next(answers, httpx.Response(200, json=PULL_OK))

    assert _client(handler).pull(None).has_more is False


def test_enrollment_is_not_repeated_once_the_request_may_have_arrived() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ReadTimeout("no answer", request=request)

    with pytest.raises(ServerUnreachable, match="in time"):
        _client(handler).enroll("ABCD-EFGH")
    assert len(calls) == 1  # a second try would find the code spent


def test_enrollment_is_retried_when_the_connection_never_opened() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ServerUnreachable, match="cannot connect"):
        _client(handler).enroll("ABCD-EFGH")
    assert len(calls) == 4


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (_error(403, "device_revoked"), DeviceRevoked),
        (_error(401, "not_authenticated"), NotAuthenticated),
        (_error(400, "bad_request", "the request is not valid"), ServerRefused),
        (_error(413, "too_large"), ServerRefused),
        (httpx.Response(404, text="<html>"), ServerRefused),
    ],
)
def test_refusals_are_not_retried(response: httpx.Response, error: type[Exception]) -> None:
    calls = []

    def handler(_request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return response

    with pytest.raises(error):
        _client(handler).pull(None)
    assert len(calls) == 1


def test_cancelling_during_backoff_stops_at_once() -> None:
    cancel = CancelToken()

    def handler(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    def sleep_and_cancel(_seconds: float) -> None:
        cancel.cancel()  # the user presses Cancel while the client waits

    client = SyncClient(
        "https://county.example",
        token="t",
        sleep=sleep_and_cancel,
        cancel=cancel,
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(SyncCancelled):
        client.pull(None)


def test_the_default_backoff_wakes_when_cancelled() -> None:
    cancel = CancelToken()
    calls = []

    def handler(_request: httpx.Request) -> httpx.Response:
        calls.append(1)
        cancel.cancel()
        return httpx.Response(503)

    client = SyncClient(
        "https://county.example",
        token="t",
        retry=RetryPolicy(attempts=3, base_delay=3600, max_delay=3600),
        rand=lambda: 1.0,
        cancel=cancel,
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(SyncCancelled):
        client.pull(None)  # would wait an hour if the wait ignored the token
    assert len(calls) == 1


def test_without_a_token_nothing_is_sent() -> None:
    client = SyncClient("https://county.example", transport=httpx.MockTransport(lambda r: 1 / 0))
    with pytest.raises(NotAuthenticated, match="not enrolled"):
        client.pull(None)
