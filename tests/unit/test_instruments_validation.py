"""The instrument validator: one plain line per problem, with its JSON path, never a traceback."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from csec_desktop.instruments import (
    MAX_FILE_BYTES,
    InstrumentInvalid,
    check_instrument_bytes,
    load_instrument_file,
    parse_instrument,
)
from csec_desktop.paths import resources_dir

SHIPPED = sorted((resources_dir() / "instruments").glob("*.json"))


def text(label: str = "x") -> dict[str, str]:
    return {"en": f"{label} (en)", "es": f"{label} (es)"}


def minimal_definition() -> dict[str, Any]:
    """A small valid instrument that uses every feature the checks look at."""
    return {
        "format": 1,
        "id": "test-screen",
        "version": "1.0",
        "title": text("Test screen"),
        "license": "test only",
        "attribution": text("attribution"),
        "validated": False,
        "disclaimer": text("not validated"),
        "languages": ["en", "es"],
        "screens_for": ["sexual_exploitation"],
        "sections": [
            {
                "id": "s1",
                "title": text("Section"),
                "items": [
                    {
                        "id": "q1",
                        "type": "yes_no_unknown",
                        "text": text("q1"),
                        "required": True,
                        "ratings": {"yes": "clear_concern"},
                    },
                    {"id": "q2", "type": "concern", "text": text("q2"), "required": True},
                    {
                        "id": "q3",
                        "type": "number",
                        "text": text("q3"),
                        "required": True,
                        "visible_if": {"item": "q1", "equals": "yes"},
                        "bands": [{"at_least": 2, "rating": "possible_concern"}],
                    },
                    {
                        "id": "q4",
                        "type": "single_choice",
                        "text": text("q4"),
                        "options": [
                            {"value": "before_care", "label": text("a")},
                            {"value": "while_in_care", "label": text("b")},
                        ],
                    },
                    {"id": "q5", "type": "text", "text": text("q5"), "confidential": True},
                    {"id": "q6", "type": "date", "text": text("q6")},
                ],
            }
        ],
        "indicators": [
            {"id": "i1", "title": text("i1"), "items": ["q1", "q3"], "combine": "max"},
            {
                "id": "i2",
                "title": text("i2"),
                "items": ["q2", "q3"],
                "combine": "sum",
                "possible_at": 1,
                "clear_at": 3,
            },
        ],
        "risk_rules": [
            {
                "id": "r1",
                "description": text("r1"),
                "level": "clear_concern",
                "at_least": "clear_concern",
                "indicators": ["i1"],
            },
            {
                "id": "r2",
                "description": text("r2"),
                "level": "possible_concern",
                "at_least": "possible_concern",
                "min_count": 1,
            },
        ],
        "eligibility": [
            {
                "id": "sexually_trafficked",
                "title": text("trafficked"),
                "evidence": ["q1"],
                "met_when": {"item": "q1", "equals": "yes"},
                "not_met_when": {"item": "q1", "equals": "no"},
            }
        ],
        "determination_inputs": {"timing_item": "q4", "date_item": "q6"},
    }


def encode(definition: Any) -> bytes:
    return json.dumps(definition, ensure_ascii=False).encode("utf-8")


def problems_of(definition: Any) -> list[str]:
    instrument, problems = check_instrument_bytes(encode(definition))
    assert instrument is None
    return [str(problem) for problem in problems]


def item(definition: dict[str, Any], index: int) -> dict[str, Any]:
    found: dict[str, Any] = definition["sections"][0]["items"][index]
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_shipped_instruments_are_valid_and_labelled_not_validated(path: Path) -> None:
    instrument = load_instrument_file(path)
    assert instrument.validated is False
    assert "NOT A VALIDATED" in instrument.disclaimer.en
    assert "NO ES UN INSTRUMENTO VALIDADO" in instrument.disclaimer.es
    assert path.name == f"{instrument.id}@{instrument.version}.json"


def test_the_minimal_definition_is_valid() -> None:
    instrument = parse_instrument(encode(minimal_definition()))
    assert instrument.key == ("test-screen", "1.0")


def _dup_item(d: dict[str, Any]) -> None:
    item(d, 1)["id"] = "q1"


def _dup_section(d: dict[str, Any]) -> None:
    d["sections"].append(copy.deepcopy(d["sections"][0]))
    for index, entry in enumerate(d["sections"][1]["items"]):
        entry["id"] = f"other{index}"
        entry.pop("visible_if", None)


def _dup_option(d: dict[str, Any]) -> None:
    item(d, 3)["options"][1]["value"] = "before_care"


def _dup_indicator(d: dict[str, Any]) -> None:
    d["indicators"][1]["id"] = "i1"


def _dup_rule(d: dict[str, Any]) -> None:
    d["risk_rules"][1]["id"] = "r1"


def _dup_element(d: dict[str, Any]) -> None:
    d["eligibility"].append(copy.deepcopy(d["eligibility"][0]))


def _unknown_in_condition(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {"item": "nope", "equals": "yes"}


def _unknown_in_nested_condition(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {
        "any": [{"item": "q1", "equals": "yes"}, {"item": "ghost", "answered": True}]
    }


def _unknown_in_indicator(d: dict[str, Any]) -> None:
    d["indicators"][0]["items"][0] = "ghost"


def _unknown_indicator_in_rule(d: dict[str, Any]) -> None:
    d["risk_rules"][0]["indicators"] = ["ghost"]


def _unknown_item_in_rule(d: dict[str, Any]) -> None:
    d["risk_rules"][0]["items"] = ["ghost"]


def _unknown_evidence(d: dict[str, Any]) -> None:
    d["eligibility"][0]["evidence"] = ["ghost"]


def _unknown_in_element_condition(d: dict[str, Any]) -> None:
    d["eligibility"][0]["met_when"] = {"item": "ghost", "equals": "yes"}


def _unknown_timing_item(d: dict[str, Any]) -> None:
    d["determination_inputs"]["timing_item"] = "ghost"


def _cycle(d: dict[str, Any]) -> None:
    item(d, 0)["visible_if"] = {"item": "q3", "answered": True}


def _self_cycle(d: dict[str, Any]) -> None:
    item(d, 1)["visible_if"] = {"item": "q2", "answered": True}


def _section_cycle(d: dict[str, Any]) -> None:
    d["sections"][0]["visible_if"] = {"item": "q2", "answered": True}


def _missing_spanish(d: dict[str, Any]) -> None:
    del item(d, 1)["text"]["es"]


def _empty_english(d: dict[str, Any]) -> None:
    d["title"]["en"] = "   "


def _missing_language(d: dict[str, Any]) -> None:
    d["languages"] = ["en"]


def _wrong_bool(d: dict[str, Any]) -> None:
    item(d, 0)["required"] = "yes"


def _wrong_number(d: dict[str, Any]) -> None:
    item(d, 2)["bands"][0]["at_least"] = "2"


def _wrong_type_name(d: dict[str, Any]) -> None:
    item(d, 0)["type"] = "checkbox"


def _unknown_field(d: dict[str, Any]) -> None:
    item(d, 0)["colour"] = "red"


def _missing_field(d: dict[str, Any]) -> None:
    del d["disclaimer"]


def _bad_format(d: dict[str, Any]) -> None:
    d["format"] = 3


def _bad_version(d: dict[str, Any]) -> None:
    d["version"] = "v1 beta"


def _choice_without_options(d: dict[str, Any]) -> None:
    del item(d, 3)["options"]


def _sum_without_thresholds(d: dict[str, Any]) -> None:
    del d["indicators"][1]["clear_at"]


def _rule_to_no_concern(d: dict[str, Any]) -> None:
    d["risk_rules"][0]["level"] = "no_concern"


def _condition_two_tests(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {"item": "q1", "equals": "yes", "answered": True}


def _at_least_on_unrated(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {"item": "q5", "at_least": "possible_concern"}


def _equals_not_an_answer(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {"item": "q1", "equals": "maybe"}


def _gte_on_text(d: dict[str, Any]) -> None:
    item(d, 2)["visible_if"] = {"item": "q5", "gte": 1}


def _indicator_on_unrated_item(d: dict[str, Any]) -> None:
    d["indicators"][0]["items"] = ["q5"]


def _timing_item_not_choice(d: dict[str, Any]) -> None:
    d["determination_inputs"]["timing_item"] = "q1"


def _timing_options_unknown(d: dict[str, Any]) -> None:
    item(d, 3)["options"][0]["value"] = "last_summer"


def _date_item_not_date(d: dict[str, Any]) -> None:
    d["determination_inputs"]["date_item"] = "q5"


def _unknown_element(d: dict[str, Any]) -> None:
    d["eligibility"][0]["id"] = "felt_unsafe"


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("duplicate item id", _dup_item, "sections[0].items[1].id: duplicate id 'q1'"),
    ("duplicate section id", _dup_section, "sections[1].id: duplicate id 's1'"),
    (
        "duplicate option",
        _dup_option,
        "sections[0].items[3].options[1].value: duplicate option value",
    ),
    ("duplicate indicator", _dup_indicator, "indicators[1].id: duplicate id 'i1'"),
    ("duplicate rule", _dup_rule, "risk_rules[1].id: duplicate id 'r1'"),
    ("duplicate element", _dup_element, "eligibility[1].id: duplicate id 'sexually_trafficked'"),
    (
        "condition unknown item",
        _unknown_in_condition,
        "sections[0].items[2].visible_if.item: unknown item 'nope'",
    ),
    (
        "nested condition unknown item",
        _unknown_in_nested_condition,
        "sections[0].items[2].visible_if.any[1].item: unknown item 'ghost'",
    ),
    (
        "indicator unknown item",
        _unknown_in_indicator,
        "indicators[0].items[0]: unknown item 'ghost'",
    ),
    (
        "rule unknown indicator",
        _unknown_indicator_in_rule,
        "risk_rules[0].indicators[0]: unknown indicator 'ghost'",
    ),
    ("rule unknown item", _unknown_item_in_rule, "risk_rules[0].items[0]: unknown item 'ghost'"),
    (
        "evidence unknown item",
        _unknown_evidence,
        "eligibility[0].evidence[0]: unknown item 'ghost'",
    ),
    (
        "element condition unknown item",
        _unknown_in_element_condition,
        "eligibility[0].met_when.item: unknown item 'ghost'",
    ),
    (
        "timing item unknown",
        _unknown_timing_item,
        "determination_inputs.timing_item: unknown item 'ghost'",
    ),
    ("cycle", _cycle, "visibility condition cycle: q1 -> q3 -> q1"),
    (
        "self cycle",
        _self_cycle,
        "sections[0].items[1].visible_if: visibility condition cycle: q2 -> q2",
    ),
    (
        "section condition cycle",
        _section_cycle,
        "sections[0].visible_if: visibility condition cycle: q2 -> q2",
    ),
    (
        "missing Spanish",
        _missing_spanish,
        "sections[0].items[1].text.es: missing translation (Spanish)",
    ),
    ("empty English", _empty_english, "title.en: missing translation (English)"),
    ("languages", _missing_language, "(root): 'languages' must include es"),
    (
        "wrong boolean",
        _wrong_bool,
        "sections[0].items[0].required: Input should be a valid boolean",
    ),
    (
        "wrong number",
        _wrong_number,
        "sections[0].items[2].bands[0].at_least: Input should be a valid number",
    ),
    ("unknown response type", _wrong_type_name, "sections[0].items[0].type: Input should be"),
    (
        "unknown field",
        _unknown_field,
        "sections[0].items[0].colour: Extra inputs are not permitted",
    ),
    ("missing field", _missing_field, "disclaimer: Field required"),
    ("format version", _bad_format, "format: Input should be 1 or 2"),
    ("version pattern", _bad_version, "version: String should match pattern"),
    (
        "choice without options",
        _choice_without_options,
        "sections[0].items[3]: 'options' are required",
    ),
    ("sum without thresholds", _sum_without_thresholds, "indicators[1]: a 'sum' indicator needs"),
    (
        "rule at no concern",
        _rule_to_no_concern,
        "risk_rules[0].level: must be possible_concern or clear_concern",
    ),
    (
        "two tests in a condition",
        _condition_two_tests,
        "sections[0].items[2].visible_if: an item condition needs exactly one",
    ),
    (
        "at_least on unrated",
        _at_least_on_unrated,
        "sections[0].items[2].visible_if.at_least: item 'q5' never rates",
    ),
    (
        "equals a non-answer",
        _equals_not_an_answer,
        "sections[0].items[2].visible_if: 'maybe' is not an answer of item 'q1'",
    ),
    ("gte on text", _gte_on_text, "'gte' and 'lte' need a number item"),
    (
        "indicator on unrated item",
        _indicator_on_unrated_item,
        "indicators[0].items[0]: item 'q5' never rates a concern",
    ),
    (
        "timing item type",
        _timing_item_not_choice,
        "determination_inputs.timing_item: the timing item must be a single_choice",
    ),
    (
        "timing options",
        _timing_options_unknown,
        "determination_inputs.timing_item: the timing item's option values",
    ),
    (
        "date item type",
        _date_item_not_date,
        "determination_inputs.date_item: the date item must be a date item",
    ),
    ("unknown statutory element", _unknown_element, "eligibility[0].id: Input should be"),
]


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_one_plain_line_with_its_path(
    mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    definition = minimal_definition()
    mutate(definition)
    lines = problems_of(definition)
    assert any(line.startswith(expected) or expected in line for line in lines), lines
    assert all("\n" not in line and "Traceback" not in line for line in lines)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "(file): the file is empty"),
        (b"  \n\t ", "(file): the file is empty"),
        (b'{"format": 1,', "(file): not JSON: "),
        (b"\xff\xfe{}", "(file): not UTF-8 text"),
        (b'{"a": NaN}', "(file): not JSON: NaN is not a JSON number"),
        (b"[1, 2]", "(root): expected a JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "(file): not usable JSON: nested too deeply"),
        (b" " * (MAX_FILE_BYTES + 1) + b"{}", "(file): the file is larger than 2 MiB"),
    ],
    ids=["empty", "blank", "truncated", "not-utf8", "nan", "array", "deep", "oversize"],
)
def test_unreadable_files_are_one_line(data: bytes, expected: str) -> None:
    instrument, problems = check_instrument_bytes(data)
    assert instrument is None
    assert str(problems[0]).startswith(expected)
    assert len(problems) == 1


def test_deeply_nested_conditions_are_a_problem_not_a_crash() -> None:
    definition = minimal_definition()
    condition: dict[str, Any] = {"item": "q1", "equals": "yes"}
    for _ in range(200):
        condition = {"all": [condition]}
    item(definition, 2)["visible_if"] = condition
    assert problems_of(definition)


def test_every_problem_is_reported_in_one_run() -> None:
    definition = minimal_definition()
    _dup_item(definition)
    _missing_spanish(definition)
    _unknown_indicator_in_rule(definition)
    _wrong_bool(definition)
    lines = problems_of(definition)
    assert len(lines) >= 4, lines


def test_messages_never_repeat_the_rejected_input() -> None:
    definition = minimal_definition()
    secret = "Maria Lopez 1234 Elm St"
    item(definition, 0)["required"] = secret
    item(definition, 1)["type"] = secret
    definition["version"] = secret
    definition["title"] = secret
    lines = problems_of(definition)
    assert lines
    assert not any(secret in line for line in lines)


def test_parse_instrument_raises_with_all_lines() -> None:
    definition = minimal_definition()
    _dup_option(definition)
    _unknown_evidence(definition)
    with pytest.raises(InstrumentInvalid) as caught:
        parse_instrument(encode(definition))
    assert len(caught.value.lines()) == 2
    assert "(and 1 more)" in str(caught.value)


def test_shipped_instruments_validate_a_byte_order_mark() -> None:
    data = SHIPPED[0].read_bytes()
    assert parse_instrument(b"\xef\xbb\xbf" + data).id
