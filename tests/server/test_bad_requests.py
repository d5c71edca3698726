"""Malformed bodies, oversize batches and bodies, wrong protocol versions: each a 4xx with a clear
message that never repeats the request's content."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from csec_desktop.server.app import create_app
from csec_desktop.sync.protocol import MAX_PUSH_OPERATIONS, PROTOCOL_HEADER
from tests.server.conftest import Device, Harness, op, youth

PUSH = "/api/v1/sync/push"


def _error(answer: Any, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    error: dict[str, Any] = answer.json()["error"]
    assert error["code"] == code
    assert error["message"]
    return error


@pytest.fixture
def device(server: Harness) -> Device:
    server.county()
    return server.user("cw1")


def _malformed() -> list[tuple[Any, str]]:
    return [
        ({}, "operations"),
        ({"operations": []}, "operations"),
        ({"operations": "Maria Lopez"}, "operations"),
        ([{"op_id": "Maria Lopez"}], "body"),
        ({"operations": [{"op_id": "Maria Lopez", "record_type": "youth"}]}, "op_id"),
        ({"operations": [op(youth()) | {"version": 0}]}, "version"),
        ({"operations": [op(youth()) | {"base_version": "Maria"}]}, "base_version"),
        ({"operations": [op(youth()) | {"payload": ["Maria Lopez"]}]}, "payload"),
        ({"operations": [op(youth()) | {"unknown": "Maria Lopez"}]}, "unknown"),
        ({"operations": [op(youth())], "extra": "Maria Lopez"}, "extra"),
    ]


def test_malformed_push_is_a_400_naming_the_field_not_the_value(
    server: Harness, device: Device
) -> None:
    for body, field in _malformed():
        answer = server.client.post(PUSH, json=body, headers=device.headers)
        error = _error(answer, 400, "bad_request")
        assert field in error["message"], (body, error)
        assert "Maria" not in answer.text


def test_unparseable_push_body_is_a_400(server: Harness, device: Device) -> None:
    headers = {**device.headers, "Content-Type": "application/json"}
    for content in [b"", b"{not json", b"\xff\xfe\x00", b'{"operations": [', b"null", b"1e999"]:
        answer = server.client.post(PUSH, content=content, headers=headers)
        _error(answer, 400, "bad_request")


def test_oversize_batch_is_a_400_naming_the_limit(server: Harness, device: Device) -> None:
    operations = [op(youth()) for _ in range(MAX_PUSH_OPERATIONS + 1)]
    answer = server.client.post(PUSH, json={"operations": operations}, headers=device.headers)
    error = _error(answer, 400, "bad_request")
    assert "operations" in error["message"]
    assert str(MAX_PUSH_OPERATIONS) in error["message"]


@pytest.fixture
def small_limit(database_url: str) -> Iterator[TestClient]:
    """A server refusing bodies over 4 KiB, so that oversize bodies stay small in tests."""
    app = create_app(database_url, max_body_bytes=4096)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def test_body_over_the_limit_with_content_length_is_a_413(
    server: Harness, device: Device, small_limit: TestClient
) -> None:
    body = json.dumps({"operations": [op(youth()) for _ in range(20)]}).encode()
    assert len(body) > 4096
    answer = small_limit.post(PUSH, content=body, headers=device.headers)
    error = _error(answer, 413, "too_large")
    assert "too large" in error["message"]


def test_chunked_body_over_the_limit_is_a_413(
    server: Harness, device: Device, small_limit: TestClient
) -> None:
    body = json.dumps({"operations": [op(youth()) for _ in range(20)]}).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    answer = small_limit.post(PUSH, content=chunks(), headers=device.headers)
    _error(answer, 413, "too_large")


def test_body_under_the_limit_is_served(
    server: Harness, device: Device, small_limit: TestClient
) -> None:
    answer = small_limit.post(PUSH, json={"operations": [op(youth())]}, headers=device.headers)
    assert answer.status_code == 200, answer.text


def test_wrong_protocol_version_is_a_clear_400(server: Harness, device: Device) -> None:
    versions = [None, "", "0", "3", "v1", "1.0", "-1", "99999999999999999999"]
    for method, path in [("POST", PUSH), ("GET", "/api/v1/sync/pull"), ("POST", "/api/v1/enroll")]:
        for version in versions:
            headers = {"Authorization": device.headers["Authorization"]}
            if version is not None:
                headers[PROTOCOL_HEADER] = version
            body = {"operations": [op(youth())]} if path == PUSH else {"code": "X"}
            answer = server.client.request(method, path, json=body, headers=headers)
            error = _error(answer, 400, "unsupported_protocol")
            assert "version" in error["message"]
            assert "speaks 1, 2" in error["message"] or "version 1" in error["message"]


def test_nothing_is_stored_by_a_refused_request(server: Harness, device: Device) -> None:
    record = youth()
    headers = {"Authorization": device.headers["Authorization"], PROTOCOL_HEADER: "3"}
    server.client.post(PUSH, json={"operations": [op(record)]}, headers=headers)
    [result] = server.push(device, op(record))
    assert result["status"] == "applied"
    assert result["replayed"] is False
