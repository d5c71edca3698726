"""Instrument format 2: declined answers, time frames, facts about the child, rules with
``when``, the current / new-incident inputs, evidence that supports, and what format 1 may not
use. Worked examples on the shipped 2.0.0 definitions, and properties over random answers."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from csec_desktop.domain import ElementFinding, ExploitationTiming, RiskLevel, Track
from csec_desktop.instruments import (
    InstrumentInvalid,
    compute,
    explain,
    load_instrument_file,
    parse_instrument,
)
from csec_desktop.instruments.engine import item_rating
from csec_desktop.instruments.model import DECLINED, Instrument, Item, ResponseType, rank
from csec_desktop.paths import resources_dir
from tests.unit.test_instruments_validation import minimal_definition, text

SHIPPED = resources_dir() / "instruments"
CSEC = load_instrument_file(SHIPPED / "ca-csec-eligibility-risk@2.0.0.json")
LABOR = load_instrument_file(SHIPPED / "child-labor-trafficking-screen@2.0.0.json")
CSEC_1 = load_instrument_file(SHIPPED / "ca-csec-eligibility-risk@1.0.0.json")
EVER = ("induced_commercial_sex", "sexual_images_for_gain", "sex_for_food_or_shelter",
        "paid_for_sexual_acts")  # fmt: skip
NEW = {"previously_identified": False}
KNOWN = {"previously_identified": True}


def quiet(instrument: Instrument) -> dict[str, Any]:
    """Every required item that shows by default answered with its least concerning answer."""
    answers: dict[str, Any] = {}
    for section in instrument.sections:
        for item in section.items:
            if item.visible_if is not None or section.visible_if is not None:
                continue
            if item.type is ResponseType.YES_NO_UNKNOWN:
                answers[item.id] = "no"
            elif item.type is ResponseType.CONCERN:
                answers[item.id] = "no_concern"
            elif item.type is ResponseType.NUMBER:
                answers[item.id] = 0
            elif item.type is ResponseType.MULTIPLE_CHOICE and item.required:
                answers[item.id] = [(item.options or [])[0].value]
    return answers


def encode(definition: dict[str, Any]) -> bytes:
    return json.dumps(definition).encode()


def format_2(**changes: Any) -> dict[str, Any]:
    definition = minimal_definition()
    definition.update(format=2, **changes)
    return definition


# -- declined ------------------------------------------------------------------------------------


def test_a_declined_answer_is_an_answer_that_says_nothing() -> None:
    answers = quiet(CSEC) | {"paid_for_sexual_acts": DECLINED}
    result = compute(CSEC, answers, NEW)
    assert result.complete  # a required question the youth declined is answered
    assert result.declined_items == ("paid_for_sexual_acts",)
    assert "paid_for_sexual_acts" not in result.item_ratings
    assert result.risk_level is RiskLevel.NO_CONCERN
    exchange = next(e for e in result.elements if e.id == "exchange_for_sexual_acts")
    assert exchange.finding is ElementFinding.UNKNOWN and exchange.evidence_items == ()
    assert any(line.startswith("Declined to answer:") for line in explain(result, CSEC))
    assert any(line.startswith("Prefirió no responder:") for line in explain(result, CSEC, "es"))


def test_declined_is_not_an_answer_to_a_judgment_or_in_format_1() -> None:
    concern = compute(CSEC, quiet(CSEC) | {"screener_concern": DECLINED}, NEW)
    assert [p.item_id for p in concern.invalid_answers] == ["screener_concern"]
    old = compute(CSEC_1, {"paid_for_sexual_acts": DECLINED})
    assert [p.item_id for p in old.invalid_answers] == ["paid_for_sexual_acts"]


def test_evidence_lists_only_the_answers_that_support_the_element() -> None:
    answers = quiet(CSEC) | {
        "paid_for_sexual_acts": "yes",
        "sex_for_food_or_shelter": "unknown",
        "sexual_images_for_gain": "unknown",
        "exploitation_timing": ["before_care"],
        "exploitation_current": "no",
    }
    result = compute(CSEC, answers, NEW)
    evidence = {e.id: e.evidence_items for e in result.elements}
    assert evidence["exchange_for_sexual_acts"] == ("paid_for_sexual_acts",)
    assert evidence["sexually_trafficked"] == ()


# -- time frames and facts ---------------------------------------------------------------------


def test_the_new_incident_question_is_asked_only_of_a_child_identified_before() -> None:
    answers = quiet(CSEC) | {"paid_for_sexual_acts": "yes"}
    assert "new_incident_since_report" not in compute(CSEC, answers, NEW).visible_items
    assert "new_incident_since_report" in compute(CSEC, answers, KNOWN).visible_items
    assert CSEC.item("new_incident_since_report").time_frame is not None


@pytest.mark.parametrize(
    ("facts", "changes", "level"),
    [
        (NEW, {"exploitation_current": "no"}, RiskLevel.CLEAR_CONCERN),
        (KNOWN, {"exploitation_current": "no", "new_incident_since_report": "no"},
         RiskLevel.POSSIBLE_CONCERN),
        (KNOWN, {"exploitation_current": "yes", "new_incident_since_report": "no"},
         RiskLevel.CLEAR_CONCERN),
        (KNOWN, {"exploitation_current": "no", "new_incident_since_report": "yes"},
         RiskLevel.CLEAR_CONCERN),
    ],
    ids=["first-identification", "identified-before-stopped", "ongoing", "new-incident"],
)  # fmt: skip
def test_past_exploitation_of_a_child_identified_before_is_no_longer_a_clear_concern(
    facts: dict[str, bool], changes: dict[str, str], level: RiskLevel
) -> None:
    answers = quiet(CSEC) | {"paid_for_sexual_acts": "yes", "parent_failed_to_protect": "no",
                             "exploitation_timing": ["while_in_care"]} | changes  # fmt: skip
    result = compute(CSEC, answers, facts)
    assert result.complete
    assert result.risk_level is level


def test_current_and_new_incident_answers_reach_the_proposal() -> None:
    answers = quiet(CSEC) | {
        "paid_for_sexual_acts": "yes",
        "exploitation_timing": ["before_care", "while_absent"],
        "exploitation_current": "unknown",
        "new_incident_since_report": "yes",
    }
    result = compute(CSEC, answers, KNOWN)
    assert result.exploitation_timings == (
        ExploitationTiming.BEFORE_CARE,
        ExploitationTiming.WHILE_ABSENT,
    )
    assert result.exploitation_timing is ExploitationTiming.WHILE_ABSENT
    assert (result.exploitation_current, result.new_incident) == (None, True)


def test_the_labor_screen_finds_labor_trafficking_on_its_own_track() -> None:
    answers = quiet(LABOR) | {"forced_labor_or_services": "yes", "labor_timing": ["while_in_care"],
                              "labor_exploitation_current": "yes"}  # fmt: skip
    result = compute(LABOR, answers, NEW)
    assert result.track is Track.LABOR_TRAFFICKING
    assert result.exploitation is ElementFinding.MET
    assert [e.id for e in result.elements] == ["labor_trafficked"]
    assert result.risk_level is RiskLevel.CLEAR_CONCERN


# -- the format's rules --------------------------------------------------------------------------


def _problems(definition: dict[str, Any]) -> list[str]:
    with pytest.raises(InstrumentInvalid) as caught:
        parse_instrument(encode(definition))
    return caught.value.lines()


def test_format_1_may_not_use_format_2_features() -> None:
    definition = minimal_definition()
    definition["sections"][0]["items"][0]["time_frame"] = "ever"
    assert any("need format 2" in line for line in _problems(definition))
    definition = minimal_definition()
    definition["risk_rules"][0]["when"] = {"fact": "previously_identified", "equals": True}
    assert any("need format 2" in line for line in _problems(definition))


def test_format_2_definitions_are_checked() -> None:
    two_tracks = format_2(screens_for=["sexual_exploitation", "labor_trafficking"])
    assert any("exactly one track" in line for line in _problems(two_tracks))
    labor_element = format_2()
    labor_element["eligibility"] = [
        {"id": "labor_trafficked", "title": text("l"), "evidence": ["q1"],
         "met_when": {"item": "q1", "equals": "yes"}}
    ]  # fmt: skip
    assert any("does not belong" in line for line in _problems(labor_element))
    current_not_yes_no = format_2(determination_inputs={"current_item": "q2"})
    assert any("must be a yes_no_unknown item" in line for line in _problems(current_not_yes_no))
    declined_option = format_2()
    declined_option["sections"][0]["items"][3]["options"][0]["value"] = DECLINED
    assert any("not an option value" in line for line in _problems(declined_option))
    unknown_fact = format_2()
    unknown_fact["sections"][0]["items"][2]["visible_if"] = {"fact": "is_tall", "equals": True}
    assert any("unknown fact" in line for line in _problems(unknown_fact))


def test_a_rule_with_when_fires_only_while_it_holds() -> None:
    definition = format_2()
    definition["risk_rules"] = [
        {"id": "first", "description": text("first"), "level": "clear_concern",
         "at_least": "clear_concern",
         "when": {"all": [{"fact": "previously_identified", "equals": False},
                          {"item": "q1", "equals": "yes"}]}},
    ]  # fmt: skip
    instrument = parse_instrument(encode(definition))
    assert compute(instrument, {"q1": "yes"}, NEW).risk_level is RiskLevel.CLEAR_CONCERN
    assert compute(instrument, {"q1": "yes"}, KNOWN).risk_level is RiskLevel.NO_CONCERN
    assert compute(instrument, {"q1": "no"}, NEW).risk_level is RiskLevel.NO_CONCERN


def test_the_shipped_format_1_definitions_are_unchanged_beside_the_new_versions() -> None:
    for name in ("ca-csec-eligibility-risk", "child-labor-trafficking-screen"):
        old = json.loads((SHIPPED / f"{name}@1.0.0.json").read_text(encoding="utf-8"))
        new = json.loads((SHIPPED / f"{name}@2.0.0.json").read_text(encoding="utf-8"))
        assert (old["format"], old["version"], new["format"], new["version"]) == (
            1, "1.0.0", 2, "2.0.0",
        )  # fmt: skip


# -- properties ----------------------------------------------------------------------------------

FORMAT_2 = {"csec": CSEC, "labor": LABOR}
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _answer(item: Item) -> st.SearchStrategy[Any]:
    declined = [DECLINED] if item.accepts_declined(2) else []
    if item.type is ResponseType.YES_NO_UNKNOWN:
        return st.sampled_from(["yes", "no", "unknown", *declined])
    if item.type is ResponseType.CONCERN:
        return st.sampled_from([level.value for level in RiskLevel])
    values = [option.value for option in item.options or []]
    if item.type is ResponseType.SINGLE_CHOICE:
        return st.sampled_from([*values, *declined])
    if item.type is ResponseType.MULTIPLE_CHOICE:
        chosen: st.SearchStrategy[Any] = st.lists(st.sampled_from(values), unique=True)
        return st.one_of(chosen, st.sampled_from(declined)) if declined else chosen
    if item.type is ResponseType.NUMBER:
        return st.one_of(st.integers(0, 20), st.sampled_from(declined or [0]))
    return st.just("x")


@st.composite
def _answers(draw: st.DrawFn, name: str) -> tuple[dict[str, Any], dict[str, bool]]:
    instrument = FORMAT_2[name]
    answers = {item.id: draw(_answer(item)) for item in instrument.items() if draw(st.booleans())}
    return answers, {"previously_identified": draw(st.booleans())}


@pytest.mark.parametrize("name", sorted(FORMAT_2))
@SETTINGS
@given(data=st.data())
def test_declining_scores_exactly_like_not_answering(name: str, data: st.DataObject) -> None:
    """A declined answer is never evidence and never a concern: the level, every indicator and
    every element finding are those of the same answers with that question left unanswered."""
    instrument = FORMAT_2[name]
    answers, facts = data.draw(_answers(name))
    declinable = [i.id for i in instrument.items() if i.accepts_declined(2)]
    item_id = data.draw(st.sampled_from(declinable))
    declined = compute(instrument, answers | {item_id: DECLINED}, facts)
    blank = compute(instrument, {k: v for k, v in answers.items() if k != item_id}, facts)
    assert declined.risk_level is blank.risk_level
    assert declined.indicators == blank.indicators
    assert declined.elements == blank.elements
    assert declined.visible_items == blank.visible_items


@pytest.mark.parametrize("name", sorted(FORMAT_2))
@SETTINGS
@given(data=st.data())
def test_for_the_same_child_a_higher_concern_never_lowers_the_level(
    name: str, data: st.DataObject
) -> None:
    instrument = FORMAT_2[name]
    answers, facts = data.draw(_answers(name))
    rated = [item for item in instrument.items() if item.rated]
    item = data.draw(st.sampled_from(rated))
    before = item_rating(item, answers.get(item.id), 2) or RiskLevel.NO_CONCERN
    higher = [
        value
        for value in (
            "yes",
            "possible_concern",
            "clear_concern",
            *[o.value for o in item.options or []],
        )
        if rank(item_rating(item, value, 2) or RiskLevel.NO_CONCERN) > rank(before)
    ]
    assume(higher)
    raised = copy.deepcopy(answers) | {item.id: data.draw(st.sampled_from(higher))}
    assert rank(compute(instrument, raised, facts).risk_level) >= rank(
        compute(instrument, answers, facts).risk_level
    )
