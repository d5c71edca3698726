"""The scoring engine: from an instrument and answers to a risk level, eligibility and an account.

Nothing here knows any particular instrument. Given answers (``item id -> JSON value``):

1. each answer is checked against its item (a wrong answer counts as unanswered and is reported;
   format 2: "declined" is an answer, which never rates and never satisfies a test);
2. visibility is worked out in dependency order; a hidden item's answer is ignored, so it neither
   rates nor satisfies a condition; conditions on facts about the child read ``facts``;
3. each visible answered item rates no/possible/clear concern (if its definition rates at all);
4. indicators roll item ratings up (``max``, or ``sum`` of points against thresholds);
5. every risk rule whose count is reached (and whose ``when`` holds) fires; the overall level is
   the highest fired level;
6. each statutory element is met / not met / unknown from its conditions; its evidence is only
   the answers that support it (those its ``met_when`` tests find true), never an "unknown" or
   a declined answer;
7. required visible items without a usable answer are *missing* and block submission.

With the positive-only condition language (see ``Condition``), answering any item with a higher
concern never lowers the overall level, provided the instrument's conditions only open follow-up
questions on concerning answers — true of the shipped instruments and checked by property tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import JsonValue

from csec_desktop.domain.determination import (
    EXPLOITATION_ELEMENTS,
    LABOR_ELEMENTS,
    ExploitationTiming,
    eligibility_finding,
    exploitation_finding,
    latest_timing,
)
from csec_desktop.domain.screening import (
    CsecCategory,
    ElementFinding,
    EligibilityElement,
    LaborFinding,
    RiskLevel,
    ScreeningResult,
    Track,
)
from csec_desktop.instruments.model import (
    DECLINED,
    YES_NO_UNKNOWN_VALUES,
    Condition,
    Indicator,
    Instrument,
    Item,
    ResponseType,
    RiskRule,
    rank,
)

_RISK_VALUES = frozenset(level.value for level in RiskLevel)
_TIMING_VALUES = frozenset(timing.value for timing in ExploitationTiming)
_LEVEL_LABELS = {
    "en": {
        RiskLevel.NO_CONCERN: "no concern",
        RiskLevel.POSSIBLE_CONCERN: "possible concern",
        RiskLevel.CLEAR_CONCERN: "clear concern",
    },
    "es": {
        RiskLevel.NO_CONCERN: "sin preocupación",
        RiskLevel.POSSIBLE_CONCERN: "preocupación posible",
        RiskLevel.CLEAR_CONCERN: "preocupación clara",
    },
}
_FINDING_LABELS = {
    "en": {
        ElementFinding.MET: "met",
        ElementFinding.NOT_MET: "not met",
        ElementFinding.UNKNOWN: "unknown",
    },
    "es": {
        ElementFinding.MET: "se cumple",
        ElementFinding.NOT_MET: "no se cumple",
        ElementFinding.UNKNOWN: "se desconoce",
    },
}
_PHRASES = {
    "en": {
        "level": "Risk level: {level}.",
        "no_rule": "No risk rule applies.",
        "rule": "{rule} → {level}",
        "indicator": "- {title}: {level} (questions: {items})",
        "item": "- {item}: {level}",
        "element": "{title}: {finding}",
        "evidence": " (evidence: {items})",
        "missing": "Still to answer: {items}",
        "declined": "Declined to answer: {items}",
    },
    "es": {
        "level": "Nivel de riesgo: {level}.",
        "no_rule": "No se aplica ninguna regla de riesgo.",
        "rule": "{rule} → {level}",
        "indicator": "- {title}: {level} (preguntas: {items})",
        "item": "- {item}: {level}",
        "element": "{title}: {finding}",
        "evidence": " (evidencia: {items})",
        "missing": "Falta responder: {items}",
        "declined": "Prefirió no responder: {items}",
    },
}


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    item_id: str
    message: str  # never repeats the answer


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    id: str
    level: RiskLevel
    points: int
    driving_items: tuple[str, ...]  # the items that rated above no concern


@dataclass(frozen=True, slots=True)
class RuleHit:
    id: str
    level: RiskLevel
    matched_indicators: tuple[str, ...]
    matched_items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ElementResult:
    id: str
    finding: ElementFinding
    evidence_items: tuple[str, ...]  # the evidence items whose answers support the element


@dataclass(frozen=True, slots=True)
class InstrumentResult:
    """What the engine computed. Ids only: explanations are rendered with :func:`explain`."""

    instrument_id: str
    instrument_version: str
    risk_level: RiskLevel
    item_ratings: Mapping[str, RiskLevel]
    indicators: tuple[IndicatorResult, ...]
    rules_fired: tuple[RuleHit, ...]
    elements: tuple[ElementResult, ...]
    exploitation: ElementFinding
    eligibility: ElementFinding  # W&IC 300(b)(2) as a whole
    visible_items: frozenset[str]
    missing_required: tuple[str, ...]
    invalid_answers: tuple[AnswerProblem, ...]
    unknown_answers: tuple[str, ...]  # answers to ids the instrument does not have
    exploitation_timing: ExploitationTiming | None  # of several, the one a category rests on
    exploitation_date: date | None
    track: Track = Track.SEXUAL_EXPLOITATION
    declined_items: tuple[str, ...] = ()  # visible items the youth declined to answer
    exploitation_timings: tuple[ExploitationTiming, ...] = ()  # every timing answered
    exploitation_current: bool | None = None  # "happening now?": yes/no; None otherwise
    new_incident: bool | None = None  # "new incident since the last report?": yes/no; None

    @property
    def complete(self) -> bool:
        """Whether every required visible item has a usable answer (so it may be submitted)."""
        return not self.missing_required and not self.invalid_answers

    @property
    def driving_rules(self) -> tuple[RuleHit, ...]:
        """The fired rules that set the level (those at the overall level)."""
        return tuple(hit for hit in self.rules_fired if hit.level is self.risk_level)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        for found in self.indicators:
            if found.id == indicator_id:
                return found
        raise KeyError(indicator_id)

    def eligibility_elements(self) -> list[EligibilityElement]:
        """The element findings as domain values, for the screener to confirm."""
        return [
            EligibilityElement(
                element_id=element.id,
                finding=element.finding,
                evidence=(
                    "items: " + ", ".join(element.evidence_items) if element.evidence_items else ""
                ),
            )
            for element in self.elements
        ]


class _Declined:
    """The checked value of a declined answer: a marker no test but ``answered`` (or an explicit
    ``equals``/``in`` "declined") can mistake for an answer, even next to an option whose value
    happens to be "declined" in a format-1 instrument."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINED"


DECLINED_ANSWER = _Declined()


class _Answers:
    """Checked answers of the visible items and their ratings, filled in dependency order, and
    the facts about the child that conditions may test."""

    __slots__ = ("facts", "ratings", "values")

    def __init__(self, facts: Mapping[str, bool]) -> None:
        self.values: dict[str, Any] = {}
        self.ratings: dict[str, RiskLevel] = {}
        self.facts = facts


def _holds(condition: Condition, answers: _Answers) -> bool:
    if condition.all is not None:
        return all(_holds(child, answers) for child in condition.all)
    if condition.any is not None:
        return any(_holds(child, answers) for child in condition.any)
    if condition.fact is not None:
        return answers.facts.get(condition.fact, False) is condition.equals
    item_id = condition.item
    assert item_id is not None  # guaranteed by Condition's validator
    value = answers.values.get(item_id)
    if condition.answered is not None:
        return (value is not None) is condition.answered
    if value is None:
        return False
    if value is DECLINED_ANSWER:
        return condition.equals == DECLINED or DECLINED in (condition.in_ or ())
    if condition.at_least is not None:
        return rank(answers.ratings.get(item_id, RiskLevel.NO_CONCERN)) >= rank(condition.at_least)
    if condition.gte is not None:
        return isinstance(value, int | float) and value >= condition.gte
    if condition.lte is not None:
        return isinstance(value, int | float) and value <= condition.lte
    selected = value if isinstance(value, tuple) else (value,)
    if condition.includes is not None:
        return condition.includes in selected
    if condition.in_ is not None:
        return any(choice in condition.in_ for choice in selected)
    return condition.equals in selected


def _leaves(condition: Condition) -> Iterable[Condition]:
    if condition.item is not None or condition.fact is not None:
        yield condition
    for child in (condition.all or []) + (condition.any or []):
        yield from _leaves(child)


def _supporting(condition: Condition, answers: _Answers) -> set[str]:
    """The items whose own tests in ``condition`` hold: the answers that support it."""
    return {
        leaf.item
        for leaf in _leaves(condition)
        if leaf.item is not None and leaf.answered is None and _holds(leaf, answers)
    }


def _check_answer(item: Item, value: JsonValue, format_version: int = 1) -> tuple[Any, str | None]:
    """``(checked value or None, problem or None)``; ``None, None`` means unanswered."""
    if value is None:
        return None, None
    if value == DECLINED and item.accepts_declined(format_version):
        return DECLINED_ANSWER, None
    kind = item.type
    if kind is ResponseType.TEXT:
        if not isinstance(value, str):
            return None, "expected text"
        text = value.strip()
        if len(text) > item.max_length:
            return None, f"longer than {item.max_length} characters"
        return (text or None), None
    if kind is ResponseType.NUMBER:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            return None, "expected a number"
        if item.minimum is not None and value < item.minimum:
            return None, "below the smallest allowed number"
        if item.maximum is not None and value > item.maximum:
            return None, "above the largest allowed number"
        return value, None
    if kind is ResponseType.DATE:
        if not isinstance(value, str) or len(value) != 10:
            return None, "expected a date (YYYY-MM-DD)"
        try:
            return date.fromisoformat(value), None
        except ValueError:
            return None, "expected a date (YYYY-MM-DD)"
    if kind is ResponseType.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(isinstance(part, str) for part in value):
            return None, "expected a list of choices"
        allowed = {option.value for option in item.options or []}
        if len(set(value)) != len(value) or not set(value) <= allowed:
            return None, "not a list of this item's choices"
        return tuple(value), None
    if not isinstance(value, str):
        return None, "expected one of this item's answers"
    if kind is ResponseType.YES_NO_UNKNOWN:
        allowed_values: frozenset[str] | set[str] = frozenset(YES_NO_UNKNOWN_VALUES)
    elif kind is ResponseType.CONCERN:
        allowed_values = _RISK_VALUES
    else:
        allowed_values = {option.value for option in item.options or []}
    if value not in allowed_values:
        return None, "not one of this item's answers"
    return value, None


def _rating(item: Item, value: Any) -> RiskLevel | None:
    if value is DECLINED_ANSWER:
        return None  # a declined answer says nothing about risk
    kind = item.type
    if kind is ResponseType.CONCERN:
        return RiskLevel(value)
    if kind is ResponseType.YES_NO_UNKNOWN:
        return (item.ratings or {}).get(value, RiskLevel.NO_CONCERN) if item.ratings else None
    if kind in (ResponseType.SINGLE_CHOICE, ResponseType.MULTIPLE_CHOICE):
        chosen = set(value) if isinstance(value, tuple) else {value}
        levels = [
            option.rating
            for option in item.options or []
            if option.rating is not None and option.value in chosen
        ]
        if not item.rated:
            return None
        return max(levels, key=rank, default=RiskLevel.NO_CONCERN)
    if kind is ResponseType.NUMBER and item.bands:
        reached = [band.rating for band in item.bands if value >= band.at_least]
        return max(reached, key=rank, default=RiskLevel.NO_CONCERN)
    return None


def item_rating(item: Item, answer: JsonValue, format_version: int = 1) -> RiskLevel | None:
    """The rating ``answer`` gives ``item`` (``None``: unanswered, unusable, declined, or an
    unrated item)."""
    value, _problem = _check_answer(item, answer, format_version)
    return None if value is None else _rating(item, value)


def _yes_no(value: Any) -> bool | None:
    return True if value == "yes" else False if value == "no" else None


def _timings(value: Any) -> tuple[ExploitationTiming, ...]:
    chosen = value if isinstance(value, tuple) else (value,)
    return tuple(
        ExploitationTiming(v) for v in chosen if isinstance(v, str) and v in _TIMING_VALUES
    )


def _indicator_level(indicator: Indicator, ratings: Mapping[str, RiskLevel]) -> IndicatorResult:
    levels = [(item_id, ratings[item_id]) for item_id in indicator.items if item_id in ratings]
    driving = tuple(item_id for item_id, level in levels if level is not RiskLevel.NO_CONCERN)
    points = sum(rank(level) for _, level in levels)
    if indicator.combine == "max":
        level = max((level for _, level in levels), key=rank, default=RiskLevel.NO_CONCERN)
    else:
        assert indicator.possible_at is not None and indicator.clear_at is not None
        if points >= indicator.clear_at:
            level = RiskLevel.CLEAR_CONCERN
        elif points >= indicator.possible_at:
            level = RiskLevel.POSSIBLE_CONCERN
        else:
            level = RiskLevel.NO_CONCERN
    return IndicatorResult(indicator.id, level, points, driving)


class Engine:
    """An instrument compiled for scoring: items in the order their visibility can be decided."""

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.items: dict[str, Item] = {}
        self._conditions: dict[str, tuple[Condition, ...]] = {}
        depends_on: dict[str, set[str]] = {}
        for section in instrument.sections:
            for item in section.items:
                conditions = tuple(
                    condition
                    for condition in (section.visible_if, item.visible_if)
                    if condition is not None
                )
                self.items[item.id] = item
                self._conditions[item.id] = conditions
                depends_on[item.id] = set().union(
                    *(condition.referenced_items() for condition in conditions)
                )
        self._order = self._dependency_order(depends_on)
        self._all_indicator_ids = tuple(indicator.id for indicator in instrument.indicators)
        self._display_order = tuple(item.id for item in instrument.items())
        self._position = {item_id: index for index, item_id in enumerate(self._display_order)}

    @staticmethod
    def _dependency_order(depends_on: dict[str, set[str]]) -> tuple[str, ...]:
        order: list[str] = []
        done: set[str] = set()

        def place(item_id: str, trail: frozenset[str]) -> None:
            if item_id in done:
                return
            if item_id in trail:
                raise ValueError(f"visibility condition cycle through '{item_id}'")
            for needed in sorted(depends_on.get(item_id, ())):
                place(needed, trail | {item_id})
            done.add(item_id)
            order.append(item_id)

        for item_id in depends_on:
            place(item_id, frozenset())
        return tuple(order)

    def compute(
        self, answers: Mapping[str, JsonValue], facts: Mapping[str, bool] | None = None
    ) -> InstrumentResult:
        instrument = self.instrument
        checked = _Answers(facts or {})
        visible: set[str] = set()
        problems: list[AnswerProblem] = []
        for item_id in self._order:
            if not all(_holds(condition, checked) for condition in self._conditions[item_id]):
                continue
            visible.add(item_id)
            item = self.items[item_id]
            value, problem = _check_answer(item, answers.get(item_id), instrument.format)
            if problem is not None:
                problems.append(AnswerProblem(item_id, problem))
            if value is None:
                continue
            checked.values[item_id] = value
            rating = _rating(item, value)
            if rating is not None:
                checked.ratings[item_id] = rating

        ratings = checked.ratings
        indicators = tuple(
            _indicator_level(indicator, ratings) for indicator in instrument.indicators
        )
        indicator_levels = {result.id: result.level for result in indicators}
        hits = tuple(
            hit
            for rule in instrument.risk_rules
            if (hit := self._fire(rule, indicator_levels, ratings, checked)) is not None
        )
        level = max((hit.level for hit in hits), key=rank, default=RiskLevel.NO_CONCERN)

        elements = []
        for element in instrument.eligibility:
            supporting = _supporting(element.met_when, checked)
            elements.append(
                ElementResult(
                    element.id.value,
                    (
                        ElementFinding.MET
                        if _holds(element.met_when, checked)
                        else ElementFinding.NOT_MET
                        if element.not_met_when is not None
                        and _holds(element.not_met_when, checked)
                        else ElementFinding.UNKNOWN
                    ),
                    tuple(item_id for item_id in element.evidence if item_id in supporting),
                )
            )
        domain_elements = [EligibilityElement(element_id=e.id, finding=e.finding) for e in elements]
        inputs = instrument.determination_inputs

        def answer_of(item_id: str | None) -> Any:
            return checked.values.get(item_id) if item_id else None

        timings = _timings(answer_of(inputs.timing_item))
        date_value = answer_of(inputs.date_item)
        track = instrument.track
        exploitation_elements = (
            LABOR_ELEMENTS if track is Track.LABOR_TRAFFICKING else EXPLOITATION_ELEMENTS
        )
        return InstrumentResult(
            instrument_id=instrument.id,
            instrument_version=instrument.version,
            risk_level=level,
            item_ratings=dict(ratings),
            indicators=indicators,
            rules_fired=hits,
            elements=tuple(elements),
            exploitation=exploitation_finding(domain_elements, exploitation_elements),
            eligibility=eligibility_finding(domain_elements),
            visible_items=frozenset(visible),
            missing_required=tuple(
                item_id
                for item_id in self._display_order
                if item_id in visible
                and self.items[item_id].required
                and item_id not in checked.values
            ),
            invalid_answers=tuple(sorted(problems, key=lambda p: self._position[p.item_id])),
            unknown_answers=tuple(sorted(key for key in answers if key not in self.items)),
            exploitation_timing=latest_timing(timings),
            exploitation_date=date_value if isinstance(date_value, date) else None,
            track=track,
            declined_items=tuple(
                item_id
                for item_id in self._display_order
                if item_id in visible and checked.values.get(item_id) is DECLINED_ANSWER
            ),
            exploitation_timings=timings,
            exploitation_current=_yes_no(answer_of(inputs.current_item)),
            new_incident=_yes_no(answer_of(inputs.new_incident_item)),
        )

    def _fire(
        self,
        rule: RiskRule,
        indicator_levels: Mapping[str, RiskLevel],
        ratings: Mapping[str, RiskLevel],
        checked: _Answers,
    ) -> RuleHit | None:
        if rule.when is not None and not _holds(rule.when, checked):
            return None
        if rule.only_when:
            return RuleHit(rule.id, rule.level, (), ())
        threshold = rank(rule.at_least)
        named_indicators = rule.indicators
        if named_indicators is None and rule.items is None:
            named_indicators = list(self._all_indicator_ids)
        matched_indicators = tuple(
            name
            for name in named_indicators or ()
            if rank(indicator_levels.get(name, RiskLevel.NO_CONCERN)) >= threshold
        )
        matched_items = tuple(
            item_id
            for item_id in rule.items or ()
            if rank(ratings.get(item_id, RiskLevel.NO_CONCERN)) >= threshold
        )
        if len(matched_indicators) + len(matched_items) < rule.min_count:
            return None
        return RuleHit(rule.id, rule.level, matched_indicators, matched_items)


def engine_for(instrument: Instrument) -> Engine:
    """The compiled engine of ``instrument`` (built once per instrument object)."""
    engine = instrument._engine
    if not isinstance(engine, Engine):
        engine = Engine(instrument)
        instrument._engine = engine
    return engine


def compute(
    instrument: Instrument,
    answers: Mapping[str, JsonValue],
    facts: Mapping[str, bool] | None = None,
) -> InstrumentResult:
    """Score ``answers`` (item id → JSON answer) with ``instrument``; ``facts`` are what the app
    knows about the child for format-2 conditions (e.g. ``previously_identified``)."""
    return engine_for(instrument).compute(answers, facts)


_QUESTION_CHARS = 70


def _short(text: str) -> str:
    """A question shortened for a one-line explanation."""
    text = " ".join(text.split())
    return text if len(text) <= _QUESTION_CHARS else text[: _QUESTION_CHARS - 1].rstrip() + "…"


def explain(result: InstrumentResult, instrument: Instrument, language: str = "en") -> list[str]:
    """Plain lines saying which rules, indicators and items set the level, and element findings.

    Names items by their question, in ``language`` (shortened), never by an answer: free text
    and other answers stay out of explanations.
    """
    language = language if language in _PHRASES else "en"
    questions = {
        item.id: _short(item.text.get(language))
        for section in instrument.sections
        for item in section.items
    }

    def named(item_ids: Iterable[str]) -> str:
        return "; ".join(f"“{questions.get(item_id, item_id)}”" for item_id in item_ids)

    phrases = _PHRASES[language]
    levels = _LEVEL_LABELS[language]
    rules = {rule.id: rule for rule in instrument.risk_rules}
    indicators = {indicator.id: indicator for indicator in instrument.indicators}
    lines = [phrases["level"].format(level=levels[result.risk_level])]
    if not result.rules_fired:
        lines.append(phrases["no_rule"])
    ordered = sorted(result.rules_fired, key=lambda hit: -rank(hit.level))
    for hit in ordered:
        description = rules[hit.id].description.get(language)
        lines.append(phrases["rule"].format(rule=description, level=levels[hit.level]))
        for name in hit.matched_indicators:
            indicator_result = result.indicator(name)
            lines.append(
                phrases["indicator"].format(
                    title=indicators[name].title.get(language),
                    level=levels[indicator_result.level],
                    items=named(indicator_result.driving_items),
                )
            )
        for item_id in hit.matched_items:
            lines.append(
                phrases["item"].format(
                    item=named([item_id]), level=levels[result.item_ratings[item_id]]
                )
            )
    titles = {element.id.value: element.title.get(language) for element in instrument.eligibility}
    for element in result.elements:
        line = phrases["element"].format(
            title=titles[element.id], finding=_FINDING_LABELS[language][element.finding]
        )
        if element.evidence_items:
            line += phrases["evidence"].format(items=named(element.evidence_items))
        lines.append(line)
    if result.declined_items:
        lines.append(phrases["declined"].format(items=named(result.declined_items)))
    if result.missing_required:
        lines.append(phrases["missing"].format(items=named(result.missing_required)))
    return lines


def to_screening_result(
    result: InstrumentResult,
    instrument: Instrument,
    *,
    proposed_category: CsecCategory | None,
    computed_at: datetime,
    language: str = "en",
    proposed_labor_finding: LaborFinding | None = None,
) -> ScreeningResult:
    """The domain ``ScreeningResult`` stored with a screening."""
    return ScreeningResult(
        risk_level=result.risk_level,
        proposed_category=proposed_category,
        proposed_labor_finding=proposed_labor_finding,
        eligible=result.eligibility is ElementFinding.MET,
        explanation=explain(result, instrument, language),
        missing_required=list(result.missing_required),
        computed_at=computed_at,
    )


__all__ = [
    "AnswerProblem",
    "ElementResult",
    "Engine",
    "IndicatorResult",
    "InstrumentResult",
    "RuleHit",
    "compute",
    "engine_for",
    "explain",
    "item_rating",
    "to_screening_result",
]
