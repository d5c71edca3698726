"""Request bodies parsed and validated in one step (``edge.parse_body``, issue 16's sixth
milestone): pydantic's JSON parser straight into the request model, after the token lookup, in
the endpoint's thread; with the strict-JSON rules of ``edge.strict_loads`` and FastAPI's error
shape."""

from __future__ import annotations

import json
from typing import Any

import pytest

from csec_desktop.server import edge
from csec_desktop.server.edge import InvalidBody, parse_body
from csec_desktop.sync.protocol import AuditAnchor, PushRequest
from tests.server.conftest import Harness, op, youth

JSON = "application/json"
HASH = "a" * 64


def _errors(body: bytes, content_type: str | None = JSON) -> list[dict[str, Any]]:
    with pytest.raises(InvalidBody) as caught:
        parse_body(AuditAnchor, body, content_type)
    return list(caught.value.errors())


def test_a_valid_body_is_the_model() -> None:
    body = json.dumps({"seq": 3, "hash": HASH}).encode()
    assert parse_body(AuditAnchor, body, JSON) == AuditAnchor(seq=3, hash=HASH)
    assert parse_body(AuditAnchor, body, "application/vnd.csec+json; charset=utf-8").seq == 3


def test_what_is_not_json_is_refused_as_fastapi_refuses_it() -> None:
    not_json = [
        b'{"seq": NaN, "hash": "' + HASH.encode() + b'"}',
        b'{"seq": Infinity}',
        b'{"seq": -Infinity}',
        b'{"seq": 1, "hash": "\\ud800' + b"a" * 58 + b'"}',  # an unpaired surrogate
        b'{"seq": 1, "\\udc00": 2}',  # in a key too
        b'{"seq": 1, "hash": "\xff\xfe"}',  # not UTF-8
        b'{"seq": 1,',
    ]
    for body in not_json:
        assert _errors(body) == [
            {"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error"}
        ], body


def test_nan_and_infinity_inside_strings_are_text() -> None:
    body = {"operations": [op(youth(given_name="NaN Infinity"))]}
    parsed = parse_body(PushRequest, json.dumps(body).encode(), JSON)
    assert parsed.operations[0].payload["given_name"] == "NaN Infinity"


def test_schema_errors_name_the_field_under_body_without_the_value() -> None:
    errors = _errors(json.dumps({"seq": "Maria Lopez", "hash": HASH}).encode())
    assert [(e["loc"], e["type"]) for e in errors] == [(("body", "seq"), "int_type")]
    assert "Maria" not in repr(errors)
    assert _errors(b"") == [{"type": "missing", "loc": ("body",), "msg": "Field required"}]
    # Not sent as JSON: FastAPI validates the bytes themselves, which are no object.
    [error] = _errors(json.dumps({"seq": 1, "hash": HASH}).encode(), "text/plain")
    assert error["loc"] == ("body",)


def test_a_push_body_is_parsed_once_and_not_by_the_python_parser(
    server: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FastAPI parsed every body with ``strict_loads`` into Python objects, then validated
    those; now pydantic parses the bytes once, and the strict parser is asked only when the
    bytes hold NaN or Infinity."""
    server.county()
    device = server.user("cw1")
    calls: list[int] = []
    strict_loads = edge.strict_loads

    def counting(body: bytes) -> Any:
        calls.append(len(body))
        return strict_loads(body)

    monkeypatch.setattr(edge, "strict_loads", counting)
    [result] = server.push(device, op(youth()))
    assert result["status"] == "applied"
    assert calls == []
