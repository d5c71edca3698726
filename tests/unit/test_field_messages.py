"""Every rule the core can break is worded for the screens (and so translated): the kinds raised
by the domain's validators and by the services are all known to ``gui.field_messages``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csec_desktop.domain.errors import Problem
from csec_desktop.gui import field_messages
from csec_desktop.gui.field_messages import problem_text

PACKAGE = Path(__file__).resolve().parents[2] / "csec_desktop"
RAISED = re.compile(r'(?:PydanticCustomError|InvalidInput\.on)\(\s*(?:[\w"]+,\s*)?"(\w+)"', re.S)


def raised_kinds() -> set[str]:
    kinds: set[str] = set()
    for path in [
        *PACKAGE.joinpath("domain").rglob("*.py"),
        *PACKAGE.joinpath("services").rglob("*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        for match in RAISED.finditer(text):
            kinds.add(match.group(1))
    return kinds


def test_the_scan_finds_the_rules() -> None:
    assert {"birth_date_in_future", "agency_missing", "string_too_long"} <= raised_kinds()


@pytest.mark.parametrize("kind", sorted(raised_kinds()))
def test_every_rule_the_core_raises_has_its_own_sentence(kind: str, qapp: object) -> None:
    text = problem_text(Problem("field", "english line", kind, {"max_length": 3, "max_years": 25}))
    assert text != problem_text(Problem("field", "english line", "no_such_rule"))
    assert "english line" not in text


def test_bounds_are_in_the_sentence(qapp: object) -> None:
    assert problem_text(Problem("minutes", "", "less_than_equal", {"le": 600})).endswith("600.")
    assert "100" in problem_text(Problem("given_name", "", "string_too_long", {"max_length": 100}))
    assert field_messages.CLIENT_ID_PATTERN  # the youth client id rule is worded on its own
