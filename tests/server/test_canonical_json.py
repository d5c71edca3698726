"""A push encodes each payload once (``server/canonical.py``), and what the server stores and hashes
is still exactly what ``json.dumps`` made before: the push log's operation hash of every operation,
normal or adversarial, equals the hash of ``json.dumps`` of the operation as sent, computed here
without the server's code; and ``same_json``, which lets the push skip the second encoding, never
says "same" of two values ``json`` writes differently."""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from csec_desktop.domain import AuditAction
from csec_desktop.server import audit, canonical
from csec_desktop.server.canonical import (
    canonical_and_same,
    canonical_bytes,
    canonical_hash,
    canonical_text,
    operation_fields,
    operation_hash_from,
    same_json,
)
from csec_desktop.server.schema import push_ops, records
from tests.json_strategies import json_containers
from tests.server.conftest import Harness, op, screening, youth


def _json_dumps_hash(value: Any) -> str:
    """The definition the stored hashes were made by, written out here on purpose."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _as_sent(operation: dict[str, Any]) -> dict[str, Any]:
    """The operation as the server parses it from the request body."""
    parsed: dict[str, Any] = json.loads(json.dumps(operation))
    return parsed


# What ``json`` and orjson write differently, and what equality alone cannot tell apart.
ADVERSARIAL_ANSWERS: dict[str, Any] = {
    "tiny": 1e-05,  # json: 1e-05, orjson: 0.00001
    "small_exponent": -7.1850441006303285e-09,  # json: e-09, orjson: e-9
    "negative_zero": -0.0,
    "float_one": 1.0,
    "huge": 1e300,
    "big_int": 2**70,  # beyond orjson's 64 bits
    "just_64_bits": 2**63 - 1,
    "flag": True,
    "nested": {"z": [1, [2.5, {"é": None}]], "a": "\u2028 \u00e9 \U0001f600 \x7f"},
    "escapes": 'quote " backslash \\ tab \t newline \n nul-free \x01 \x1f',
    "non_ascii_key_\u00e9": "valeur",
}


def test_the_push_log_keeps_json_dumps_operation_hashes_for_normal_and_adversarial_payloads(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    person = youth(given_name="Zoë \u00e9\u00e8", family_name='O"Brien \\ \t Núñez \U0001f600')
    case = screening(person.id, answers=ADVERSARIAL_ANSWERS, notes="línea\nnueva \u2028 fin")
    plain = screening(person.id, answers={"q1": "yes", "q2": 3, "q3": ["a", "b"]})
    reordered = op(plain)
    # The same record with its keys in reverse order: equal, but not the normalised text.
    reordered["payload"] = dict(reversed(list(reordered["payload"].items())))
    retyped = op(screening(person.id, answers={"count": 2}))
    retyped["payload"]["answers"] = {"count": 2.0}  # a float where an int was: another text
    # ``true`` for version 1: the model reads it as 1, equal in Python, another text in JSON.
    flagged = op(youth(given_name="Ana"))
    flagged["payload"]["version"] = True
    invalid = op(screening(person.id))
    del invalid["payload"]["screener"]  # rejected before it is normalised
    unknown = dict(op(youth()), record_type="not-a-type-\u00e9")
    sent = [op(person), op(case), reordered, retyped, flagged, invalid, unknown]

    results = server.push(device, *sent)

    assert [r["status"] for r in results] == [
        "applied", "applied", "applied", "applied", "applied", "rejected", "rejected",
    ]  # fmt: skip
    with server.engine.connect() as conn:
        stored = {row.op_id: row.content_hash for row in conn.execute(select(push_ops))}
        payloads = dict(conn.execute(select(records.c.record_id, records.c.content_hash)).all())
    for operation in map(_as_sent, sent):
        expected = _json_dumps_hash(
            {
                "record_type": operation["record_type"],
                "record_id": operation["record_id"],
                "base_version": operation["base_version"],
                "version": operation["version"],
                "payload": operation["payload"],
            }
        )
        assert stored[UUID(operation["op_id"])] == expected, operation["record_type"]
    # The stored content hash is still json.dumps of the record as the domain model writes it.
    assert payloads[case.id] == _json_dumps_hash(case.model_dump(mode="json"))
    assert payloads[person.id] == _json_dumps_hash(person.model_dump(mode="json"))


def test_a_retry_of_a_batch_with_adversarial_payloads_is_answered_from_the_push_log(
    server: Harness,
) -> None:
    server.county()
    device = server.user("cw1")
    person = youth(given_name="Zoë")
    sent = [op(person), op(screening(person.id, answers=ADVERSARIAL_ANSWERS))]
    first = server.push(device, *sent)
    again = server.push(device, *sent)
    assert [(r["status"], r["replayed"]) for r in again] == [("applied", True)] * 2
    assert [r["server_version"] for r in again] == [r["server_version"] for r in first]


def test_a_normalised_payload_takes_the_single_encoding() -> None:
    """The shortcut is taken for what real clients send (else it saves nothing)."""
    person = youth(given_name="Zoë")
    for record in (person, screening(person.id, answers={"q1": "yes", "q2": [1, 2]})):
        payload = record.model_dump(mode="json")
        assert same_json(_as_sent(op(record))["payload"], payload)


# JSON values as ``json.loads`` makes them, and the values ``json`` alone can write (NaN,
# infinities, big integers, lone surrogates).
_UTF8_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**66)
    | st.floats()
    | st.sampled_from([0.0, -0.0, 1.0, 1e-05, 1e16, 1e-09, math.inf, -math.inf, math.nan])
    | st.text()  # any character but a lone surrogate
)
_WITH_SURROGATES = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF))


_VALUES = json_containers(_UTF8_LEAVES | _WITH_SURROGATES)
_UTF8_VALUES = json_containers(_UTF8_LEAVES)


def _retyped(value: Any) -> Any:
    """``value`` with its numbers swapped for equal numbers of another type (1 → 1.0 → True)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return float(value) if abs(value) < 2**53 else value
    if isinstance(value, float):
        return -value if value == 0 else (int(value) if value.is_integer() else value)
    if isinstance(value, list):
        return [_retyped(v) for v in value]
    if isinstance(value, dict):
        return {k: _retyped(v) for k, v in reversed(list(value.items()))}
    return value


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_VALUES)
def test_same_json_never_says_same_of_values_json_writes_differently(value: Any) -> None:
    for other in (value, _retyped(value), json.loads(json.dumps(value))):
        if same_json(value, other):
            assert canonical_text(value) == canonical_text(other)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.text(min_size=1, max_size=40),
    st.none() | st.integers(min_value=1, max_value=2**31),
    st.integers(min_value=1, max_value=2**31),
    st.dictionaries(st.text(max_size=8), _UTF8_VALUES, max_size=5),
)
def test_the_operation_hash_around_the_payload_text_is_the_hash_of_the_whole_operation(
    record_type: str, base_version: int | None, version: int, payload: dict[str, Any]
) -> None:
    record_id = str(uuid4())
    text = canonical_text(payload).encode()
    fields = operation_fields(record_type, record_id, base_version, version, payload)
    expected = _json_dumps_hash(fields)
    assert operation_hash_from(record_type, record_id, base_version, version, text) == expected
    assert canonical_hash(fields) == expected


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dictionaries(st.text(max_size=12), _UTF8_VALUES, max_size=9), st.text(max_size=64))
def test_an_audit_entry_hash_is_still_json_dumps_with_ascii_escapes(
    fields: dict[str, Any], prev_hash: str
) -> None:
    """The audit encoder made once writes what ``json.dumps`` wrote per entry (ASCII escapes,
    ``default=str``): every stored chain still verifies."""
    fields = {**fields, "at": "2026-12-02T06:00:00+00:00", "record_id": uuid4()}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    expected = hashlib.sha256((prev_hash + text).encode()).hexdigest()
    assert audit.entry_hash(prev_hash, fields) == expected


# Plain JSON values without floats: the ones ``canonical_bytes`` writes with orjson.
_PLAIN_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**62, max_value=2**66)
    | st.integers(min_value=-(2**66), max_value=-(2**62))
    | st.text()
    | st.sampled_from(["\u2028", "\x7f", "\x00", '"\\', "\U0001f600", "\uffff", "\ud7ff"])
)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(json_containers(_PLAIN_LEAVES) | _VALUES)
def test_canonical_bytes_are_the_canonical_text_of_any_value(value: Any) -> None:
    """Whichever path makes them (orjson for plain values, ``json`` for the rest: floats,
    big integers, lone surrogates), the bytes are the stored definition's, and what that cannot
    encode (a lone surrogate in UTF-8) fails alike."""
    for whole in (value, {"payload": value}):
        try:
            expected = canonical_text(whole).encode()
        except UnicodeEncodeError:
            with pytest.raises(UnicodeEncodeError):
                canonical_bytes(whole)
        else:
            assert canonical_bytes(whole) == expected


def test_canonical_bytes_take_orjson_only_for_plain_values(monkeypatch: Any) -> None:
    """The quick path is taken for a record as a push normalises it, and never for a float, a
    subclass, a tuple or a non-string key (orjson writes floats differently)."""
    person = youth(given_name="Zoë", family_name='O"Brien \\ \t')
    plain = screening(person.id, answers={"q1": "yes", "q2": [1, 2], "q3": {"a": None}})
    slow: list[Any] = []
    monkeypatch.setattr(canonical, "canonical_text", lambda v: slow.append(v) or "")
    for record in (person, plain):
        canonical_bytes(record.model_dump(mode="json"))
    assert slow == []
    for odd in ({"a": 1.0}, {"a": [0.5]}, {"a": (1,)}, {1: "a"}, {"a": True, "b": [{"c": -0.0}]}):
        canonical_bytes(odd)
    assert len(slow) == 5


@settings(max_examples=400, deadline=None, derandomize=True)
@given(json_containers(_PLAIN_LEAVES) | _VALUES)
def test_canonical_and_same_never_says_same_of_values_json_writes_differently(value: Any) -> None:
    """The text is the canonical one, and "same" is only said of what ``json`` writes alike,
    whichever path (orjson's text made once, or ``same_json``) decided it."""
    for other in (value, _retyped(value), json.loads(json.dumps(value))):
        try:
            expected = canonical_text(value).encode()
        except UnicodeEncodeError:
            continue
        text, same = canonical_and_same(value, other)
        assert text == expected
        if same:
            assert canonical_text(other) == canonical_text(value)


def test_canonical_and_same_says_same_of_a_normalised_payload_in_any_key_order() -> None:
    person = youth(given_name="Zoë")
    plain = screening(person.id, answers={"q1": "yes", "q2": [1, 2], "q3": {"a": None}})
    for record in (person, plain):
        payload = record.model_dump(mode="json")
        sent = _as_sent(op(record))["payload"]
        assert canonical_and_same(payload, sent)[1]
        assert canonical_and_same(payload, dict(reversed(list(sent.items()))))[1]


_TEXT = st.text() | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.fixed_dictionaries(
        {
            "actor": _TEXT,
            "action": _TEXT | st.sampled_from(list(AuditAction)),  # a StrEnum: not exactly str
            "record_type": st.none() | _TEXT,
            "record_id": st.none() | st.uuids(),
            "record_version": st.none() | st.integers() | st.booleans(),
            "detail": _TEXT,
        }
    ),
    st.integers(min_value=1, max_value=2**63),
    st.text(),  # a hash: UTF-8 (the hash of a lone surrogate could not be made before either)
    st.datetimes(timezones=st.just(UTC)),
)
def test_an_audit_entry_is_hashed_as_json_dumps_of_its_fields(
    entry: dict[str, Any], seq: int, prev_hash: str, at: datetime
) -> None:
    """``_entry`` writes its fields' text without the encoder's dict walk; the hash is still
    ``json.dumps`` (sorted keys, ASCII escapes) of the fields, which ``verify_chain`` checks."""
    row = audit._entry(f"user:{seq}", seq, prev_hash, county_id=1, at=at, **entry)
    fields = {
        "chain": f"user:{seq}",
        "seq": seq,
        "at": at.isoformat(),
        "actor": entry["actor"],
        "action": entry["action"],
        "record_type": entry["record_type"],
        "record_id": str(entry["record_id"]) if entry["record_id"] else None,
        "record_version": entry["record_version"],
        "detail": entry["detail"],
    }
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    assert row["hash"] == hashlib.sha256((prev_hash + text).encode()).hexdigest()
    assert row["hash"] == audit.entry_hash(prev_hash, fields)
