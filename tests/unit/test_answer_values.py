"""A screening's answers are validated by one walk in Python (``domain.screening.Answers``) instead
of pydantic's ``JsonValue`` callbacks, and accept, refuse, return and serialise exactly what
``dict[str, JsonValue]`` (the type before, issue 16's fifth milestone) does: compared here on
arbitrary values, JSON and not (subclasses, tuples, bytes, non-string keys, NaN, lone
surrogates, huge integers), and on whole screenings through their stored hashes."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date
from enum import Enum, IntEnum, StrEnum
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field, JsonValue, TypeAdapter, ValidationError

from csec_desktop.domain import Screening, ScreeningStatus
from csec_desktop.domain.screening import Answers, _copy_dict
from csec_desktop.instruments.registry import InstrumentRegistry, shipped_instruments_dir
from csec_desktop.services.demo import DEMO_INSTRUMENT, demo_answers
from tests.json_strategies import json_containers

BEFORE = TypeAdapter(dict[str, JsonValue])
NOW = TypeAdapter(Answers)


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


class Plain(Enum):
    A = 1


class Text(str):
    pass


class Number(float):
    pass


_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**90), max_value=2**90)
    | st.floats()  # NaN, infinities and -0.0 included
    | st.text(st.characters(codec=None, exclude_categories=()))  # lone surrogates included
)
_OTHER_LEAVES = (
    st.binary(max_size=4)
    | st.decimals(allow_nan=False, places=2)
    | st.uuids()
    | st.dates()
    | st.sampled_from([Colour.RED, Level.HIGH, Plain.A, Text("x"), Number(1.5), (1, 2), {3}])
    | st.tuples(st.integers())
)


_JSON = json_containers(_JSON_LEAVES)
_ANYTHING = json_containers(
    _JSON_LEAVES | _OTHER_LEAVES | st.sampled_from([" a", "b\u2028", "\x1c", "\xa0c", "\t"])
)
_ODD_KEYS = st.integers() | st.none() | st.sampled_from([Colour.RED, Text("k"), (1,)])


def _typed(value: Any) -> Any:
    """``value`` with every leaf's exact type and repr (``1``, ``True`` and ``1.0`` differ; NaN
    equals NaN) and every container's type, to compare results exactly."""
    if isinstance(value, dict):
        return ("dict", type(value), [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value), [_typed(v) for v in value])
    return (type(value), repr(value))


def _outcome(adapter: TypeAdapter[Any], value: Any) -> Any:
    try:
        validated = adapter.validate_python(value)
    except ValidationError as exc:
        return ("refused", exc.errors(include_url=False))
    try:
        written: Any = adapter.dump_json(validated)
    except ValueError as exc:  # a lone surrogate cannot be UTF-8
        written = (type(exc), str(exc))
    return (
        "accepted",
        _typed(validated),
        _typed(adapter.dump_python(validated)),
        _typed(adapter.dump_python(validated, mode="json")),
        written,
    )


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _JSON, max_size=6))
def test_json_answers_are_taken_and_written_exactly_as_json_value_does(answers: Any) -> None:
    assert _outcome(NOW, answers) == _outcome(BEFORE, answers)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8) | _ODD_KEYS, _ANYTHING, max_size=6))
def test_any_answers_are_accepted_or_refused_exactly_as_json_value_does(answers: Any) -> None:
    assert _outcome(NOW, answers) == _outcome(BEFORE, answers)


@settings(max_examples=100, deadline=None)
@given(_ANYTHING)
def test_answers_that_are_not_an_object_are_refused_as_before(value: Any) -> None:
    assert _outcome(NOW, value) == _outcome(BEFORE, value)


def test_nesting_deeper_than_the_walk_goes_is_decided_as_before() -> None:
    deep: Any = "leaf"
    for _ in range(3000):
        deep = [deep]
    assert _outcome(NOW, {"q": deep})[0] == _outcome(BEFORE, {"q": deep})[0]


def test_the_answers_are_copied_not_shared() -> None:
    """``JsonValue`` copies lists and objects; so does the walk (a later change to what was
    passed in must not change the screening)."""
    choices = ["a", "b"]
    validated = NOW.validate_python({"q": choices, "o": {"k": choices}})
    choices.append("c")
    assert validated == {"q": ["a", "b"], "o": {"k": ["a", "b"]}}


class _ScreeningBefore(Screening):
    """The screening model as it was, answers typed ``dict[str, JsonValue]``."""

    answers: dict[str, JsonValue] = Field(default_factory=dict)  # type: ignore[assignment]


def _canonical_hash(record: Screening) -> str:
    text = json.dumps(
        record.model_dump(mode="json"),
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()


def _screening_json(answers: Any) -> dict[str, Any]:
    return {
        "id": str(uuid4()),
        "created_at": "2026-03-04T10:00:00+00:00",
        "updated_at": "2026-03-04T10:05:00+00:00",
        "youth_id": str(uuid4()),
        "instrument_id": "csec-default",
        "instrument_version": "1.0",
        "screening_date": date(2026, 3, 4).isoformat(),
        "screener": "cw1",
        "status": ScreeningStatus.DRAFT.value,
        "answers": answers,
    }


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8) | _ODD_KEYS, _ANYTHING, max_size=6))
def test_a_screening_with_any_answers_validates_and_hashes_as_before(answers: Any) -> None:
    sent = _screening_json(answers)
    try:
        before = _ScreeningBefore.model_validate(sent)
    except ValidationError as exc:
        with pytest.raises(ValidationError) as now:
            Screening.model_validate(sent)
        assert now.value.errors(include_url=False) == exc.errors(include_url=False)
        return
    now = Screening.model_validate(sent)
    assert _typed(now.answers) == _typed(before.answers)
    assert now.model_dump_json() == before.model_dump_json()
    assert _canonical_hash(now) == _canonical_hash(before)


def test_demo_answers_of_the_shipped_instrument_take_the_walk_and_hash_as_before() -> None:
    """What a caseworker's laptop really sends: every item of the shipped instrument answered,
    as the push's body parser hands it over (``json.loads``)."""
    instrument = InstrumentRegistry(shipped_instruments_dir(), None).latest(DEMO_INSTRUMENT)
    rng = random.Random(16)
    for n in range(20):
        answers = json.loads(json.dumps(demo_answers(instrument, rng, f"case {n}")))
        assert _copy_dict(answers) == answers  # no fallback: the quick path is the one taken
        sent = _screening_json(answers)
        assert _canonical_hash(Screening.model_validate(sent)) == _canonical_hash(
            _ScreeningBefore.model_validate(sent)
        )


def test_the_answers_schema_is_json_values() -> None:
    for mode in ("validation", "serialization"):
        assert NOW.json_schema(mode=mode) == BEFORE.json_schema(mode=mode)
        before = _ScreeningBefore.model_json_schema(mode=mode)
        now = Screening.model_json_schema(mode=mode)
        assert now["properties"]["answers"] == before["properties"]["answers"]
        assert now["$defs"] == before["$defs"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8) | _ODD_KEYS, _ANYTHING, max_size=6))
def test_a_screening_as_json_is_its_model_dump_exactly(answers: Any) -> None:
    """``Screening.as_json`` (what a push stores and hashes) takes the validated answers instead
    of ``JsonValue``'s serialiser: the same keys in the same order, every value of the same type
    and repr, so the same stored text and hashes."""
    try:
        record = Screening.model_validate(_screening_json(answers))
    except ValidationError:
        return
    assert _typed(record.as_json()) == _typed(record.model_dump(mode="json"))
    written = json.dumps(
        record.as_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    assert _canonical_hash(record) == hashlib.sha256(written.encode()).hexdigest()


def test_the_shipped_instruments_demo_screenings_as_json_are_their_model_dump() -> None:
    instrument = InstrumentRegistry(shipped_instruments_dir(), None).latest(DEMO_INSTRUMENT)
    rng = random.Random(17)
    for n in range(20):
        answers = json.loads(json.dumps(demo_answers(instrument, rng, f"case {n}")))
        record = Screening.model_validate(_screening_json(answers))
        assert _typed(record.as_json()) == _typed(record.model_dump(mode="json"))
