"""The declarative instrument format (format 1): what a screening instrument file may say.

An instrument is data, not code. This module only describes the *shape* of a definition; the
cross-references (unknown items, duplicate ids, condition cycles) are checked in ``validation``
and the meaning (visibility, ratings, roll-up) lives in ``engine``.

Ratings use the three risk levels of the domain, ordered no < possible < clear concern. An item
gives a rating from its answer; an indicator rolls item ratings up (``max``, or ``sum`` of points
against thresholds, where possible concern counts 1 point and clear concern 2); risk rules turn
indicator and item ratings into the overall level, and the highest rule that fires wins.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    PrivateAttr,
    field_validator,
    model_validator,
)

from csec_desktop.domain.determination import ExploitationTiming, StatutoryElement
from csec_desktop.domain.screening import RiskLevel

FORMAT_VERSION = 1
LANGUAGES = ("en", "es")
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
VERSION_PATTERN = r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$"
MAX_TEXT = 5_000

RISK_ORDER: dict[RiskLevel, int] = {
    RiskLevel.NO_CONCERN: 0,
    RiskLevel.POSSIBLE_CONCERN: 1,
    RiskLevel.CLEAR_CONCERN: 2,
}


def rank(level: RiskLevel) -> int:
    """0, 1 or 2: the position of ``level`` in no < possible < clear concern."""
    return RISK_ORDER[level]


class _Definition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class LocalizedText(_Definition):
    """A text in every language the app speaks. Both are required: a screener in either language
    must be able to read every question, help text and label."""

    en: str = Field(min_length=1, max_length=MAX_TEXT)
    es: str = Field(min_length=1, max_length=MAX_TEXT)

    def get(self, language: str) -> str:
        return self.es if language == "es" else self.en


class ResponseType(StrEnum):
    YES_NO_UNKNOWN = "yes_no_unknown"
    CONCERN = "concern"  # the answer is itself a risk level
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    DATE = "date"
    NUMBER = "number"
    TEXT = "text"


CHOICE_TYPES = frozenset({ResponseType.SINGLE_CHOICE, ResponseType.MULTIPLE_CHOICE})
YES_NO_UNKNOWN_VALUES = ("yes", "no", "unknown")


class Condition(_Definition):
    """Skip logic. Either a combination (``all`` / ``any`` of conditions) or one test on one item:

    - ``{"item": "x", "equals": "yes"}``, ``{"item": "x", "in": ["a", "b"]}``
    - ``{"item": "x", "includes": "a"}`` (a multiple-choice answer contains ``a``)
    - ``{"item": "x", "answered": true}`` (or ``false``)
    - ``{"item": "x", "at_least": "possible_concern"}`` (the item's rating)
    - ``{"item": "x", "gte": 1}``, ``{"item": "x", "lte": 10}`` (numbers)

    An item that is hidden counts as unanswered, so a condition on it is false (``answered: false``
    is true). There is deliberately no ``not``: with only positive tests, answering a question
    with a higher concern can only show more questions, never hide ones that already counted.
    """

    all: list[Condition] | None = Field(default=None, min_length=1, max_length=100)
    any: list[Condition] | None = Field(default=None, min_length=1, max_length=100)
    item: str | None = Field(default=None, max_length=80)
    # JsonValue, not a union of scalars: a union would report one error per member.
    equals: JsonValue = None
    in_: list[JsonValue] | None = Field(default=None, alias="in", min_length=1, max_length=100)
    includes: str | None = None
    answered: bool | None = None
    at_least: RiskLevel | None = None
    gte: float | None = None
    lte: float | None = None

    @property
    def tests(self) -> list[str]:
        names = ("equals", "in_", "includes", "answered", "at_least", "gte", "lte")
        return [name.rstrip("_") for name in names if getattr(self, name) is not None]

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        for value in [self.equals, *(self.in_ or [])]:
            if isinstance(value, list | dict):
                raise ValueError("'equals' and 'in' compare with text, numbers or true/false")
        combinators = [name for name in ("all", "any") if getattr(self, name) is not None]
        tests = self.tests
        if combinators:
            if len(combinators) > 1 or self.item is not None or tests:
                raise ValueError("a condition is either 'all', 'any' or one test on one 'item'")
        elif self.item is None:
            raise ValueError("a condition needs 'all', 'any' or 'item'")
        elif len(tests) != 1:
            raise ValueError(
                "an item condition needs exactly one of "
                "'equals', 'in', 'includes', 'answered', 'at_least', 'gte', 'lte'"
            )
        return self

    def referenced_items(self) -> set[str]:
        """Every item id this condition reads, at any depth."""
        found: set[str] = set()
        if self.item is not None:
            found.add(self.item)
        for child in (self.all or []) + (self.any or []):
            found |= child.referenced_items()
        return found


class Option(_Definition):
    value: str = Field(pattern=ID_PATTERN, max_length=80)
    label: LocalizedText
    rating: RiskLevel | None = None


class NumberBand(_Definition):
    """A number answer at or above ``at_least`` rates ``rating`` (the highest band reached wins)."""

    at_least: float
    rating: RiskLevel


class Item(_Definition):
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    type: ResponseType
    text: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    confidential: bool = False  # redacted on print and export
    visible_if: Condition | None = None
    options: list[Option] | None = Field(default=None, min_length=2, max_length=100)
    # yes_no_unknown only: which answers rate a concern, e.g. {"yes": "clear_concern"}.
    ratings: dict[Literal["yes", "no", "unknown"], RiskLevel] | None = None
    # number only
    minimum: float | None = None
    maximum: float | None = None
    bands: list[NumberBand] | None = Field(default=None, min_length=1, max_length=20)
    # text only
    max_length: int = Field(default=MAX_TEXT, ge=1, le=20_000)

    @model_validator(mode="after")
    def _type_specific_fields(self) -> Self:
        problems = []
        if (self.type in CHOICE_TYPES) != (self.options is not None):
            problems.append(
                "'options' are required for choice items"
                if self.type in CHOICE_TYPES
                else f"'options' are not allowed for a {self.type} item"
            )
        if self.ratings is not None and self.type is not ResponseType.YES_NO_UNKNOWN:
            problems.append("'ratings' are only for yes_no_unknown items")
        if self.type is not ResponseType.NUMBER and (
            self.minimum is not None or self.maximum is not None or self.bands is not None
        ):
            problems.append("'minimum', 'maximum' and 'bands' are only for number items")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            problems.append("'minimum' is greater than 'maximum'")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def rated(self) -> bool:
        """Whether an answer to this item can carry a risk rating."""
        if self.type is ResponseType.CONCERN:
            return True
        if self.type is ResponseType.YES_NO_UNKNOWN:
            return bool(self.ratings)
        if self.type in CHOICE_TYPES:
            return any(option.rating is not None for option in self.options or [])
        if self.type is ResponseType.NUMBER:
            return bool(self.bands)
        return False


class Section(_Definition):
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: LocalizedText
    help: LocalizedText | None = None
    visible_if: Condition | None = None
    items: list[Item] = Field(min_length=1, max_length=500)


class Indicator(_Definition):
    """A risk indicator (a domain such as 'missing and runaway history') rolled up from items."""

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: LocalizedText
    help: LocalizedText | None = None
    items: list[str] = Field(min_length=1, max_length=500)
    combine: Literal["max", "sum"] = "max"
    # For "sum": points (possible concern = 1, clear concern = 2) needed for each level.
    possible_at: int | None = Field(default=None, ge=1)
    clear_at: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        if self.combine == "sum":
            if self.possible_at is None or self.clear_at is None:
                raise ValueError("a 'sum' indicator needs 'possible_at' and 'clear_at'")
            if self.possible_at > self.clear_at:
                raise ValueError("'possible_at' is greater than 'clear_at'")
        elif self.possible_at is not None or self.clear_at is not None:
            raise ValueError("'possible_at' and 'clear_at' are only for 'sum' indicators")
        return self


class RiskRule(_Definition):
    """If at least ``min_count`` of the named indicators and items rate ``at_least``, the overall
    risk is at least ``level``. With neither ``indicators`` nor ``items``, every indicator counts.
    """

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    description: LocalizedText
    level: RiskLevel
    at_least: RiskLevel
    min_count: int = Field(default=1, ge=1, le=500)
    indicators: list[str] | None = Field(default=None, min_length=1, max_length=500)
    items: list[str] | None = Field(default=None, min_length=1, max_length=500)

    @field_validator("level", "at_least")
    @classmethod
    def _a_concern(cls, value: RiskLevel) -> RiskLevel:
        if value is RiskLevel.NO_CONCERN:
            raise ValueError("must be possible_concern or clear_concern")
        return value


class ElementDefinition(_Definition):
    """One statutory eligibility element and the items that evidence it.

    The finding is *met* when ``met_when`` holds, *not met* when ``not_met_when`` holds, and
    *unknown* otherwise (the screener confirms every finding).
    """

    id: StatutoryElement
    title: LocalizedText
    help: LocalizedText | None = None
    evidence: list[str] = Field(min_length=1, max_length=100)
    met_when: Condition
    not_met_when: Condition | None = None


class DeterminationInputs(_Definition):
    """Items whose answers feed the CSEC category proposal (see ``domain.determination``).

    ``timing_item`` is a single-choice item whose option values are ``ExploitationTiming`` values;
    ``date_item`` is a date item (the approximate date of the most recent known exploitation).
    """

    timing_item: str | None = None
    date_item: str | None = None


class ScreensFor(StrEnum):
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    LABOR_TRAFFICKING = "labor_trafficking"


class Instrument(_Definition):
    format: Literal[1]
    id: str = Field(pattern=ID_PATTERN, max_length=80)
    version: str = Field(pattern=VERSION_PATTERN, max_length=20)
    title: LocalizedText
    description: LocalizedText | None = None
    license: str = Field(min_length=1, max_length=500)
    attribution: LocalizedText
    validated: bool
    disclaimer: LocalizedText
    languages: list[Literal["en", "es"]] = Field(min_length=1, max_length=10)
    screens_for: list[ScreensFor] = Field(min_length=1, max_length=5)
    sections: list[Section] = Field(min_length=1, max_length=200)
    indicators: list[Indicator] = Field(default_factory=list, max_length=200)
    risk_rules: list[RiskRule] = Field(default_factory=list, max_length=200)
    eligibility: list[ElementDefinition] = Field(default_factory=list, max_length=20)
    determination_inputs: DeterminationInputs = Field(default_factory=DeterminationInputs)

    # The compiled scoring plan, built on first use by ``engine.engine_for`` (not part of the data).
    _engine: object = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _every_language(self) -> Self:
        missing = [language for language in LANGUAGES if language not in self.languages]
        if missing:
            raise ValueError(f"'languages' must include {' and '.join(missing)}")
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def items(self) -> list[Item]:
        """Every item, in the order a screener meets them."""
        return [item for section in self.sections for item in section.items]

    def item(self, item_id: str) -> Item:
        for item in self.items():
            if item.id == item_id:
                return item
        raise KeyError(item_id)


def timing_values() -> frozenset[str]:
    return frozenset(timing.value for timing in ExploitationTiming)


__all__ = [
    "FORMAT_VERSION",
    "Condition",
    "DeterminationInputs",
    "ElementDefinition",
    "Indicator",
    "Instrument",
    "Item",
    "JsonValue",
    "LocalizedText",
    "NumberBand",
    "Option",
    "ResponseType",
    "RiskRule",
    "ScreensFor",
    "Section",
    "rank",
]
