"""Checking an instrument file: every problem as one plain line with its JSON path.

Two passes. pydantic checks the shape (types, required fields, translations); then a tolerant walk
over the raw JSON checks what pydantic cannot see: duplicate ids, references to unknown items or
indicators, tests that do not fit the item they test, and cycles in visibility conditions. The
walk runs even when the shape is wrong, so one run reports as much as it can.

Messages never repeat the rejected input (``include_input=False``): an instrument is not personal
data, but a file handed to the wrong command might be.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from csec_desktop.domain.determination import ExploitationTiming
from csec_desktop.domain.screening import RiskLevel
from csec_desktop.instruments.model import (
    DECLINABLE_BY_DEFAULT,
    DECLINED,
    LANGUAGES,
    YES_NO_UNKNOWN_VALUES,
    Instrument,
    ResponseType,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 200
MAX_CONDITION_DEPTH = 32
FILE = "(file)"
ROOT = "(root)"
_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
_RISK_VALUES = frozenset(level.value for level in RiskLevel)


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InstrumentInvalid(ValueError):
    """An instrument definition that cannot be used; ``problems`` says why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid instrument"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _decode(data: bytes) -> tuple[Any, str, list[Problem]]:
    if not data.strip():
        return None, "", [Problem(FILE, "the file is empty")]
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, "", [Problem(FILE, f"the file is larger than {limit} MiB")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "", [Problem(FILE, "not UTF-8 text")]
    try:
        return json.loads(text, parse_constant=_reject_constant), text, []
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return None, "", [Problem(FILE, f"not JSON: {exc.msg} ({where})")]
    except ValueError as exc:
        return None, "", [Problem(FILE, f"not JSON: {exc}")]
    except RecursionError:
        return None, "", [Problem(FILE, "not usable JSON: nested too deeply")]


def json_path(loc: tuple[int | str, ...]) -> str:
    """``('sections', 2, 'items', 4, 'id')`` → ``sections[2].items[4].id``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part == "[key]":
            continue
        else:
            path += f".{part}" if path else str(part)
    return path or ROOT


def _shape_problems(error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        loc = tuple(item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        if loc and loc[-1] in LANGUAGES and item["type"] in {"missing", "string_too_short"}:
            message = f"missing translation ({_LANGUAGE_NAMES[str(loc[-1])]})"
        elif "[key]" in loc:
            message = f"key: {message}"
        problems.append(Problem(json_path(loc), message))
    return problems


# --- the reference walk over raw JSON ---------------------------------------------------------


def _entries(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _id(value: Any) -> str | None:
    found = _obj(value).get("id")
    return found if isinstance(found, str) else None


@dataclass
class _ItemInfo:
    path: str
    raw: dict[str, Any]
    format: int = 1

    @property
    def type(self) -> str | None:
        found = self.raw.get("type")
        return found if isinstance(found, str) else None

    def option_values(self) -> set[str]:
        return {
            value
            for _, option in _entries(self.raw.get("options"))
            if isinstance(value := _obj(option).get("value"), str)
        }

    @property
    def declinable(self) -> bool:
        if self.format < 2:
            return False
        stated = self.raw.get("declinable")
        if isinstance(stated, bool):
            return stated
        return self.type in {kind.value for kind in DECLINABLE_BY_DEFAULT}

    def allowed_values(self) -> set[str] | None:
        declined = {DECLINED} if self.declinable else set()
        if self.type == "yes_no_unknown":
            return set(YES_NO_UNKNOWN_VALUES) | declined
        if self.type == "concern":
            return set(_RISK_VALUES)
        if self.type in {"single_choice", "multiple_choice"}:
            return self.option_values() | declined
        return None

    @property
    def rated(self) -> bool:
        kind = self.type
        if kind == "concern":
            return True
        if kind == "yes_no_unknown":
            return bool(self.raw.get("ratings"))
        if kind in {"single_choice", "multiple_choice"}:
            return any(
                _obj(option).get("rating") is not None
                for _, option in _entries(self.raw.get("options"))
            )
        if kind == "number":
            return bool(self.raw.get("bands"))
        return False


class _ReferenceCheck:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        found = data.get("format")
        self.format = found if isinstance(found, int) and not isinstance(found, bool) else 1
        self.problems: list[Problem] = []
        self.items: dict[str, _ItemInfo] = {}
        self.indicators: set[str] = set()
        # item id -> the items its visibility reads (own condition and its section's)
        self.depends_on: dict[str, set[str]] = {}
        self.condition_path: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def run(self) -> list[Problem]:
        self._collect()
        self._check_conditions()
        self._check_indicators_and_rules()
        self._check_eligibility()
        self._check_determination_inputs()
        self._check_cycles()
        return self.problems

    def _unique(self, seen: set[str], value: str | None, path: str, what: str = "id") -> None:
        if value is None:
            return
        if value in seen:
            self.add(path, f"duplicate {what} '{value}'")
        seen.add(value)

    def _collect(self) -> None:
        section_ids: set[str] = set()
        item_ids: set[str] = set()
        for s_index, section in _entries(self.data.get("sections")):
            section_path = f"sections[{s_index}]"
            self._unique(section_ids, _id(section), f"{section_path}.id")
            for i_index, item in _entries(_obj(section).get("items")):
                path = f"{section_path}.items[{i_index}]"
                item_id = _id(item)
                self._unique(item_ids, item_id, f"{path}.id")
                if item_id is not None and item_id not in self.items:
                    self.items[item_id] = _ItemInfo(path, _obj(item), self.format)
                info = _ItemInfo(path, _obj(item), self.format)
                if info.declinable and DECLINED in info.option_values():
                    self.add(
                        f"{path}.options",
                        f"'{DECLINED}' is the answer of a youth who declines: not an option value",
                    )
                values: set[str] = set()
                for o_index, option in _entries(_obj(item).get("options")):
                    value = _obj(option).get("value")
                    self._unique(
                        values,
                        value if isinstance(value, str) else None,
                        f"{path}.options[{o_index}].value",
                        "option value",
                    )
        indicator_ids: set[str] = set()
        for index, indicator in _entries(self.data.get("indicators")):
            self._unique(indicator_ids, _id(indicator), f"indicators[{index}].id")
        self.indicators = indicator_ids
        rule_ids: set[str] = set()
        for index, rule in _entries(self.data.get("risk_rules")):
            self._unique(rule_ids, _id(rule), f"risk_rules[{index}].id")
        element_ids: set[str] = set()
        for index, element in _entries(self.data.get("eligibility")):
            self._unique(element_ids, _id(element), f"eligibility[{index}].id")

    def _item_ref(self, value: Any, path: str) -> _ItemInfo | None:
        if not isinstance(value, str):
            return None
        found = self.items.get(value)
        if found is None:
            self.add(path, f"unknown item '{value}'")
        return found

    def _walk(
        self, condition: Any, path: str, visit: Callable[[str], None], depth: int = 0
    ) -> None:
        if depth > MAX_CONDITION_DEPTH:
            self.add(path, f"condition nested more than {MAX_CONDITION_DEPTH} levels deep")
            return
        condition = _obj(condition)
        if "item" in condition:
            info = self._item_ref(condition["item"], f"{path}.item")
            if info is not None:
                self._check_test(condition, info, path)
                visit(condition["item"])
        for key in ("all", "any"):
            for index, child in _entries(condition.get(key)):
                self._walk(child, f"{path}.{key}[{index}]", visit, depth + 1)

    def _check_test(self, condition: dict[str, Any], info: _ItemInfo, path: str) -> None:
        kind = info.type
        item_id = condition["item"]
        if "at_least" in condition and not info.rated:
            self.add(f"{path}.at_least", f"item '{item_id}' never rates a concern")
        if ("gte" in condition or "lte" in condition) and kind != "number":
            self.add(path, f"'gte' and 'lte' need a number item; '{item_id}' is {kind}")
        if "includes" in condition and kind != "multiple_choice":
            self.add(
                f"{path}.includes",
                f"'includes' needs a multiple_choice item; '{item_id}' is {kind}",
            )
        allowed = info.allowed_values()
        if "includes" in condition:
            values = [condition["includes"]]
        else:
            values = [condition["equals"]] if "equals" in condition else []
            values += [value for _, value in _entries(condition.get("in"))]
        if allowed is not None:
            for value in values:
                if isinstance(value, str) and value not in allowed:
                    self.add(path, f"'{value}' is not an answer of item '{item_id}'")

    def _check_conditions(self) -> None:
        for s_index, section in _entries(self.data.get("sections")):
            section_path = f"sections[{s_index}]"
            section_refs: set[str] = set()
            if "visible_if" in _obj(section):
                self._walk(
                    _obj(section)["visible_if"], f"{section_path}.visible_if", section_refs.add
                )
            for i_index, item in _entries(_obj(section).get("items")):
                item_id = _id(item)
                refs = set(section_refs)
                path = f"{section_path}.items[{i_index}].visible_if"
                if "visible_if" in _obj(item):
                    self._walk(_obj(item)["visible_if"], path, refs.add)
                    if item_id is not None:
                        self.condition_path.setdefault(item_id, path)
                elif item_id is not None and section_refs:
                    self.condition_path.setdefault(item_id, f"{section_path}.visible_if")
                if item_id is not None and item_id in self.items:
                    self.depends_on.setdefault(item_id, set()).update(refs)

    def _check_indicators_and_rules(self) -> None:
        for index, indicator in _entries(self.data.get("indicators")):
            for i_index, item_id in _entries(_obj(indicator).get("items")):
                path = f"indicators[{index}].items[{i_index}]"
                info = self._item_ref(item_id, path)
                if info is not None and not info.rated:
                    self.add(path, f"item '{item_id}' never rates a concern")
        for index, rule in _entries(self.data.get("risk_rules")):
            if "when" in _obj(rule):
                self._walk(_obj(rule)["when"], f"risk_rules[{index}].when", lambda _item: None)
            for i_index, name in _entries(_obj(rule).get("indicators")):
                if isinstance(name, str) and name not in self.indicators:
                    self.add(
                        f"risk_rules[{index}].indicators[{i_index}]", f"unknown indicator '{name}'"
                    )
            for i_index, item_id in _entries(_obj(rule).get("items")):
                path = f"risk_rules[{index}].items[{i_index}]"
                info = self._item_ref(item_id, path)
                if info is not None and not info.rated:
                    self.add(path, f"item '{item_id}' never rates a concern")

    def _check_eligibility(self) -> None:
        for index, element in _entries(self.data.get("eligibility")):
            path = f"eligibility[{index}]"
            for e_index, item_id in _entries(_obj(element).get("evidence")):
                self._item_ref(item_id, f"{path}.evidence[{e_index}]")
            for key in ("met_when", "not_met_when"):
                if key in _obj(element):
                    self._walk(_obj(element)[key], f"{path}.{key}", lambda _item: None)

    def _check_determination_inputs(self) -> None:
        inputs = _obj(self.data.get("determination_inputs"))
        path = "determination_inputs"
        timing = self._item_ref(inputs.get("timing_item"), f"{path}.timing_item")
        if timing is not None:
            known = {value.value for value in ExploitationTiming}
            choices = {"single_choice"} | ({"multiple_choice"} if self.format >= 2 else set())
            if timing.type not in choices:
                self.add(
                    f"{path}.timing_item",
                    "the timing item must be a "
                    + (" or ".join(sorted(choices)) if len(choices) > 1 else "single_choice")
                    + " item",
                )
            elif not timing.option_values() <= known:
                self.add(
                    f"{path}.timing_item",
                    "the timing item's option values must be among " + ", ".join(sorted(known)),
                )
        dated = self._item_ref(inputs.get("date_item"), f"{path}.date_item")
        if dated is not None and dated.type != "date":
            self.add(f"{path}.date_item", "the date item must be a date item")
        for name in ("current_item", "new_incident_item"):
            found = self._item_ref(inputs.get(name), f"{path}.{name}")
            if found is not None and found.type != ResponseType.YES_NO_UNKNOWN.value:
                self.add(
                    f"{path}.{name}", f"the {name.replace('_', ' ')} must be a yes_no_unknown item"
                )

    def _check_cycles(self) -> None:
        reported: set[frozenset[str]] = set()
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        stack: list[str] = []

        def visit(node: str) -> None:
            state[node] = 1
            stack.append(node)
            for target in sorted(self.depends_on.get(node, ())):
                if state.get(target) == 1:
                    cycle = [*stack[stack.index(target) :], target]
                    members = frozenset(cycle)
                    if members not in reported:
                        reported.add(members)
                        where = self.condition_path.get(node, self.items[node].path)
                        self.add(where, "visibility condition cycle: " + " -> ".join(cycle))
                elif target not in state and target in self.items:
                    visit(target)
            stack.pop()
            state[node] = 2

        for node in self.depends_on:
            if node not in state:
                visit(node)


def check_instrument_bytes(data: bytes) -> tuple[Instrument | None, list[Problem]]:
    """The instrument in ``data``, or ``None`` and every problem found (at most MAX_PROBLEMS)."""
    raw, text, problems = _decode(data)
    if problems:
        return None, problems
    if not isinstance(raw, dict):
        return None, [Problem(ROOT, "expected a JSON object")]
    instrument: Instrument | None = None
    try:
        # Strict JSON validation: "yes" is not a boolean and "3" is not a number here.
        instrument = Instrument.model_validate_json(text, strict=True)
    except ValidationError as exc:
        problems.extend(_shape_problems(exc))
    except RecursionError:
        problems.append(Problem(ROOT, "nested too deeply"))
    try:
        problems.extend(_ReferenceCheck(raw).run())
    except RecursionError:
        problems.append(Problem(ROOT, "nested too deeply"))
    unique = list(dict.fromkeys(problems))
    if len(unique) > MAX_PROBLEMS:
        extra = len(unique) - MAX_PROBLEMS
        unique = [*unique[:MAX_PROBLEMS], Problem(FILE, f"and {extra} more problems")]
    return (instrument if not unique else None), unique


def parse_instrument(data: bytes) -> Instrument:
    """The instrument in ``data``; ``InstrumentInvalid`` with every problem otherwise."""
    instrument, problems = check_instrument_bytes(data)
    if instrument is None:
        raise InstrumentInvalid(problems)
    return instrument


def read_instrument_bytes(path: Path) -> bytes:
    """The bytes of an instrument file, refusing over-size files before reading them whole."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InstrumentInvalid([Problem(FILE, f"cannot read the file: {reason}")]) from None
    return data


def load_instrument_file(path: Path) -> Instrument:
    """The instrument in the file at ``path``, or ``InstrumentInvalid``."""
    return parse_instrument(read_instrument_bytes(path))
