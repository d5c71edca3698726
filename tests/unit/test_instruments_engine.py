"""The scoring engine: levels, indicators, eligibility, explanations and what is still missing."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from csec_desktop.domain.determination import ExploitationTiming
from csec_desktop.domain.screening import CsecCategory, ElementFinding, RiskLevel
from csec_desktop.instruments import (
    Instrument,
    Item,
    ResponseType,
    compute,
    explain,
    item_rating,
    load_instrument_file,
    parse_instrument,
    to_screening_result,
)
from csec_desktop.instruments.model import rank
from csec_desktop.paths import resources_dir
from tests.unit.test_instruments_validation import encode, minimal_definition

INSTRUMENTS_DIR = resources_dir() / "instruments"
CSEC = load_instrument_file(INSTRUMENTS_DIR / "ca-csec-eligibility-risk@1.0.0.json")
LABOR = load_instrument_file(INSTRUMENTS_DIR / "child-labor-trafficking-screen@1.0.0.json")
MINIMAL = parse_instrument(encode(minimal_definition()))
ALL = {"csec": CSEC, "labor": LABOR, "minimal": MINIMAL}


def baseline(instrument: Instrument) -> dict[str, Any]:
    """Every item without a condition answered with its least concerning answer."""
    answers: dict[str, Any] = {}
    for section in instrument.sections:
        if section.visible_if is None:
            for item in section.items:
                if item.visible_if is None:
                    answers[item.id] = _least(item)
    return {key: value for key, value in answers.items() if value is not None}


def _least(item: Item) -> Any:
    if item.type is ResponseType.YES_NO_UNKNOWN:
        return "no"
    if item.type is ResponseType.CONCERN:
        return "no_concern"
    if item.type is ResponseType.NUMBER:
        return item.minimum or 0
    if item.type is ResponseType.SINGLE_CHOICE:
        return (item.options or [])[-1].value
    if item.type is ResponseType.MULTIPLE_CHOICE:
        return [(item.options or [])[0].value]
    return None


# --- examples --------------------------------------------------------------------------------


def test_a_complete_low_concern_screening_is_no_concern_and_complete() -> None:
    result = compute(CSEC, baseline(CSEC))
    assert result.risk_level is RiskLevel.NO_CONCERN
    assert result.complete
    assert result.exploitation is ElementFinding.NOT_MET
    assert result.eligibility is ElementFinding.NOT_MET
    assert "parent_failed_to_protect" not in result.visible_items


def test_a_reported_exchange_is_clear_concern_and_opens_the_follow_ups() -> None:
    answers = baseline(CSEC) | {"sex_for_food_or_shelter": "yes"}
    result = compute(CSEC, answers)
    assert result.risk_level is RiskLevel.CLEAR_CONCERN
    assert [hit.id for hit in result.driving_rules] == ["exploitation_reported"]
    assert result.exploitation is ElementFinding.MET
    assert result.eligibility is ElementFinding.UNKNOWN  # the parent element is still open
    assert result.missing_required == ("exploitation_timing", "parent_failed_to_protect")
    assert not result.complete

    answers |= {
        "exploitation_timing": "while_absent",
        "exploitation_date": "2025-03-01",
        "parent_failed_to_protect": "yes",
    }
    result = compute(CSEC, answers)
    assert result.complete
    assert result.eligibility is ElementFinding.MET
    assert result.exploitation_timing is ExploitationTiming.WHILE_ABSENT
    assert result.exploitation_date == date(2025, 3, 1)
    elements = {element.element_id: element for element in result.eligibility_elements()}
    assert elements["exchange_for_sexual_acts"].finding is ElementFinding.MET
    assert "sex_for_food_or_shelter" in elements["exchange_for_sexual_acts"].evidence
    assert elements["sexually_trafficked"].finding is ElementFinding.NOT_MET


def test_indicators_add_up_points_against_thresholds() -> None:
    answers = baseline(CSEC) | {
        "ever_missing": "yes",  # 1 point
        "missing_overnight": "yes",  # 1
        "missing_episodes_past_year": 5,  # clear: 2
    }
    result = compute(CSEC, answers)
    missing = result.indicator("missing_runaway")
    assert missing.points == 4
    assert missing.level is RiskLevel.CLEAR_CONCERN
    assert set(missing.driving_items) == {
        "ever_missing",
        "missing_overnight",
        "missing_episodes_past_year",
    }
    assert result.risk_level is RiskLevel.POSSIBLE_CONCERN  # one area at clear concern
    assert [hit.id for hit in result.driving_rules] == ["one_domain_clear"]


def test_hidden_answers_do_not_count() -> None:
    answers = baseline(CSEC) | {"ever_missing": "no", "found_far_or_in_hotel": "yes"}
    result = compute(CSEC, answers)
    assert "found_far_or_in_hotel" not in result.visible_items
    assert "found_far_or_in_hotel" not in result.item_ratings
    assert result.risk_level is RiskLevel.NO_CONCERN


def test_unusable_answers_are_reported_without_their_value_and_count_as_missing() -> None:
    answers = baseline(MINIMAL) | {"q1": "Maria said yes", "q2": 7, "q6": "yesterday"}
    result = compute(MINIMAL, answers | {"not_an_item": "x"})
    assert [problem.item_id for problem in result.invalid_answers] == ["q1", "q2", "q6"]
    assert not any("Maria" in problem.message for problem in result.invalid_answers)
    assert {"q1", "q2"} <= set(result.missing_required)
    assert result.unknown_answers == ("not_an_item",)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, None),
        (True, None),
        (1.5, None),
        (math.inf, None),
        (-1, None),
        (0, RiskLevel.NO_CONCERN),
        (2, RiskLevel.POSSIBLE_CONCERN),
        (4, RiskLevel.CLEAR_CONCERN),
        (500, RiskLevel.CLEAR_CONCERN),
        (501, None),
    ],
)
def test_number_bands(answer: Any, expected: RiskLevel | None) -> None:
    item = CSEC.item("missing_episodes_past_year")
    if answer == 1.5:
        expected = RiskLevel.NO_CONCERN
    assert item_rating(item, answer) == expected


def test_multiple_choice_rates_its_most_concerning_choice() -> None:
    item = LABOR.item("kind_of_work")
    assert item_rating(item, ["agriculture"]) is RiskLevel.NO_CONCERN
    assert item_rating(item, ["agriculture", "drug_sales"]) is RiskLevel.CLEAR_CONCERN
    assert item_rating(item, ["drug_sales", "drug_sales"]) is None  # a choice twice is unusable


def test_labor_screen_coercion_is_clear_concern_without_eligibility() -> None:
    answers = baseline(LABOR) | {"does_work": "yes", "papers_kept": "yes"}
    result = compute(LABOR, answers)
    assert result.risk_level is RiskLevel.CLEAR_CONCERN
    assert result.elements == ()
    assert result.exploitation is ElementFinding.UNKNOWN


def test_explanations_name_rules_indicators_and_items_in_both_languages() -> None:
    answers = baseline(CSEC) | {"paid_for_sexual_acts": "yes", "observations": "private words"}
    result = compute(CSEC, answers)
    english = explain(result, CSEC, "en")
    spanish = explain(result, CSEC, "es")
    assert english[0] == "Risk level: clear concern."
    assert spanish[0] == "Nivel de riesgo: preocupación clara."
    assert any("Exploitation is reported" in line for line in english)
    # Items are named by their question (shortened), in the reader's language, not by an id.
    assert any("“Has the youth, or anyone else, been paid with money" in line for line in english)
    assert any("“¿Se le ha pagado al joven o a la joven" in line for line in spanish)
    assert not any("paid_for_sexual_acts" in line for line in english + spanish)
    assert not any("private words" in line for line in english + spanish)


def test_to_screening_result() -> None:
    result = compute(CSEC, {"sex_for_food_or_shelter": "yes"})
    at = datetime(2025, 5, 1, 12, tzinfo=UTC)
    stored = to_screening_result(
        result, CSEC, proposed_category=CsecCategory.VICTIM_IN_CARE, computed_at=at
    )
    assert stored.risk_level is RiskLevel.CLEAR_CONCERN
    assert stored.eligible is False
    assert stored.missing_required == list(result.missing_required)
    assert stored.explanation == explain(result, CSEC)


def test_the_engine_is_compiled_once_per_instrument() -> None:
    from csec_desktop.instruments import engine_for

    assert engine_for(CSEC) is engine_for(CSEC)


# --- properties ------------------------------------------------------------------------------


def answer_strategy(item: Item) -> st.SearchStrategy[Any]:
    kind = item.type
    if kind is ResponseType.YES_NO_UNKNOWN:
        return st.sampled_from(["yes", "no", "unknown"])
    if kind is ResponseType.CONCERN:
        return st.sampled_from([level.value for level in RiskLevel])
    values = [option.value for option in item.options or []]
    if kind is ResponseType.SINGLE_CHOICE:
        return st.sampled_from(values)
    if kind is ResponseType.MULTIPLE_CHOICE:
        return st.lists(st.sampled_from(values), unique=True)
    if kind is ResponseType.NUMBER:
        low = int(item.minimum if item.minimum is not None else 0)
        high = int(item.maximum if item.maximum is not None else 1000)
        return st.integers(low, high)
    if kind is ResponseType.DATE:
        return st.dates(date(2000, 1, 1), date(2030, 12, 31)).map(date.isoformat)
    return st.text(max_size=30)


@st.composite
def answers_for(draw: st.DrawFn, name: str) -> dict[str, Any]:
    instrument = ALL[name]  # by name: hypothesis would print a whole instrument otherwise
    answers = {}
    for item in instrument.items():
        if draw(st.booleans()):
            answers[item.id] = draw(answer_strategy(item))
    return answers


def raised_answers(item: Item, current: Any) -> list[Any]:
    """Answers to ``item`` that rate strictly higher than ``current``."""
    before = item_rating(item, current) or RiskLevel.NO_CONCERN
    if item.type is ResponseType.MULTIPLE_CHOICE:
        chosen = list(current or [])
        candidates: list[Any] = [
            [*chosen, option.value] for option in item.options or [] if option.value not in chosen
        ]
    elif item.type is ResponseType.NUMBER:
        candidates = [math.ceil(band.at_least) for band in item.bands or []]
    elif item.type is ResponseType.YES_NO_UNKNOWN:
        candidates = ["yes", "no", "unknown"]
    elif item.type is ResponseType.CONCERN:
        candidates = [level.value for level in RiskLevel]
    else:
        candidates = [option.value for option in item.options or []]
    return [
        value
        for value in candidates
        if rank(item_rating(item, value) or RiskLevel.NO_CONCERN) > rank(before)
    ]


@st.composite
def a_raise(draw: st.DrawFn, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    instrument = ALL[name]
    answers = draw(answers_for(name))
    rated = [item for item in instrument.items() if item.rated]
    item = draw(st.sampled_from(rated))
    options = raised_answers(item, answers.get(item.id))
    assume(options)
    return answers, answers | {item.id: draw(st.sampled_from(options))}


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize("name", sorted(ALL))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_raising_any_items_concern_never_lowers_the_level(name: str, data: st.DataObject) -> None:
    instrument = ALL[name]
    before_answers, after_answers = data.draw(a_raise(name))
    before = compute(instrument, before_answers)
    after = compute(instrument, after_answers)
    assert rank(after.risk_level) >= rank(before.risk_level)
    for old, new in zip(before.indicators, after.indicators, strict=True):
        assert rank(new.level) >= rank(old.level)


@pytest.mark.parametrize("name", sorted(ALL))
@PROPERTY_SETTINGS
@given(data=st.data())
def test_unanswered_required_visible_items_are_always_missing(
    name: str, data: st.DataObject
) -> None:
    instrument = ALL[name]
    answers = data.draw(answers_for(name))
    result = compute(instrument, answers)
    for item in instrument.items():
        unanswered = item.id not in answers or (
            item.type is ResponseType.TEXT and not str(answers[item.id]).strip()
        )
        should_block = item.required and item.id in result.visible_items and unanswered
        assert (item.id in result.missing_required) == should_block
    # Items no condition can hide are always visible, so always checked.
    sections_without_condition = [s for s in instrument.sections if s.visible_if is None]
    for section in sections_without_condition:
        for item in section.items:
            if item.visible_if is None:
                assert item.id in result.visible_items
    assert result.complete == (not result.missing_required and not result.invalid_answers)
