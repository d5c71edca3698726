"""The declarative instrument format: what a screening instrument file may say.

Two formats load. **Format 1** (the first release) and **format 2**, which adds:

- answer ``"declined"`` (the youth chose not to answer): accepted by every declinable item
  (by default every item but ``concern`` and ``text`` ones, see ``Item.declinable``); it counts as
  answered, never rates a concern, never satisfies a test other than ``answered`` or an explicit
  ``equals: "declined"``, and is never evidence;
- ``time_frame`` on items (``ever``, ``since_last_screening``, ``current``): what period a question
  asks about, so that "ever" exploitation of a child identified long ago does not read as current;
- conditions on a **fact** the app knows about the child (``{"fact": "previously_identified",
  "equals": true}``: the child already has an identification on this instrument's track), e.g.
  to ask "new incident since the last report?" only of a child identified before;
- a risk rule may have ``when``: it fires only while that condition holds (a rule with ``when``
  and neither ``indicators`` nor ``items`` fires exactly when it holds);
- ``determination_inputs.current_item`` (is it happening now?) and ``new_incident_item`` (a new
  incident since the last report?), both yes/no items; the timing item may be multiple choice;
- exactly one ``screens_for`` track, which decides the elements it may define (the W&IC 300(b)(2)
  elements for sexual exploitation, ``labor_trafficked`` for labor trafficking).

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
from csec_desktop.domain.screening import RiskLevel, Track

FORMAT_VERSION = 2
FORMATS = (1, 2)
DECLINED = "declined"  # the answer of a youth who chose not to answer (format 2)
# Facts about the child a format-2 condition may test (the service supplies them).
FACTS = frozenset({"previously_identified"})
# Fields added to the model after format 1, all None by default. A stored screening names its
# definition by a fingerprint of the definition's content (``registry.fingerprint``), so these
# stay out of it while unset: a format-1 definition keeps the fingerprint it had. Every field a
# later release adds goes here too.
FIELDS_ADDED_LATER = frozenset(
    {"declinable", "time_frame", "fact", "when", "current_item", "new_incident_item"}
)
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
# Format 2: items of these types accept "declined" unless they say ``declinable: false``. A
# concern rating is the screener's own judgment, and a text left empty already says nothing.
DECLINABLE_BY_DEFAULT = frozenset(
    {
        ResponseType.YES_NO_UNKNOWN,
        ResponseType.SINGLE_CHOICE,
        ResponseType.MULTIPLE_CHOICE,
        ResponseType.DATE,
        ResponseType.NUMBER,
    }
)


class TimeFrame(StrEnum):
    """The period a (format 2) question asks about."""

    EVER = "ever"
    SINCE_LAST_SCREENING = "since_last_screening"
    CURRENT = "current"


class Condition(_Definition):
    """Skip logic. Either a combination (``all`` / ``any`` of conditions) or one test on one item:

    - ``{"item": "x", "equals": "yes"}``, ``{"item": "x", "in": ["a", "b"]}``
    - ``{"item": "x", "includes": "a"}`` (a multiple-choice answer contains ``a``)
    - ``{"item": "x", "answered": true}`` (or ``false``)
    - ``{"item": "x", "at_least": "possible_concern"}`` (the item's rating)
    - ``{"item": "x", "gte": 1}``, ``{"item": "x", "lte": 10}`` (numbers)
    - format 2: ``{"fact": "previously_identified", "equals": true}`` (see ``FACTS``)

    An item that is hidden counts as unanswered, so a condition on it is false (``answered: false``
    is true). There is deliberately no ``not``: with only positive tests, answering a question
    with a higher concern can only show more questions, never hide ones that already counted.
    """

    all: list[Condition] | None = Field(default=None, min_length=1, max_length=100)
    any: list[Condition] | None = Field(default=None, min_length=1, max_length=100)
    item: str | None = Field(default=None, max_length=80)
    fact: str | None = Field(default=None, max_length=80)
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
            if len(combinators) > 1 or self.item is not None or self.fact is not None or tests:
                raise ValueError("a condition is either 'all', 'any' or one test on one 'item'")
        elif self.fact is not None:
            if self.item is not None or tests != ["equals"]:
                raise ValueError("a 'fact' condition is one 'equals' test on that fact")
            if self.fact not in FACTS:
                raise ValueError(f"unknown fact (known: {', '.join(sorted(FACTS))})")
            if not isinstance(self.equals, bool):
                raise ValueError("a fact is true or false")
        elif self.item is None:
            raise ValueError("a condition needs 'all', 'any', 'item' or 'fact'")
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

    def uses_facts(self) -> bool:
        """Whether this condition (at any depth) tests a fact (a format-2 feature)."""
        return self.fact is not None or any(
            child.uses_facts() for child in (self.all or []) + (self.any or [])
        )


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
    # format 2 only
    declinable: bool | None = None  # None: by type (DECLINABLE_BY_DEFAULT)
    time_frame: TimeFrame | None = None

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

    def accepts_declined(self, format_version: int) -> bool:
        """Whether "declined" is an answer to this item in an instrument of ``format_version``."""
        if format_version < 2:
            return False
        if self.declinable is not None:
            return self.declinable
        return self.type in DECLINABLE_BY_DEFAULT

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
    risk is at least ``level``. With neither ``indicators`` nor ``items``, every indicator counts
    (format 1, or without ``when``). Format 2: with ``when``, the rule fires only while that
    condition holds; with ``when`` and neither ``indicators`` nor ``items``, exactly when it holds.
    """

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    description: LocalizedText
    level: RiskLevel
    at_least: RiskLevel
    min_count: int = Field(default=1, ge=1, le=500)
    indicators: list[str] | None = Field(default=None, min_length=1, max_length=500)
    items: list[str] | None = Field(default=None, min_length=1, max_length=500)
    when: Condition | None = None

    @property
    def only_when(self) -> bool:
        """Fires exactly when ``when`` holds (no indicators or items to count)."""
        return self.when is not None and self.indicators is None and self.items is None

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
    """Items whose answers feed the proposal (see ``domain.determination`` and
    ``domain.identifying``).

    ``timing_item`` is a choice item (single choice; format 2 also multiple choice) whose option
    values are ``ExploitationTiming`` values; ``date_item`` is a date item (the approximate date of
    the most recent known exploitation). Format 2: ``current_item`` (is the exploitation happening
    now?) and ``new_incident_item`` (a new incident since the last report?) are yes/no items.
    """

    timing_item: str | None = None
    date_item: str | None = None
    current_item: str | None = None
    new_incident_item: str | None = None


# What an instrument screens for is the domain's track (one name for one thing).
ScreensFor = Track


class Instrument(_Definition):
    format: Literal[1, 2]
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

    @model_validator(mode="after")
    def _format_features(self) -> Self:
        if self.format >= 2:
            return self._format_2_rules()
        used = []
        if any(i.declinable is not None or i.time_frame is not None for i in self.items()):
            used.append("'declinable' and 'time_frame'")
        conditions = [s.visible_if for s in self.sections] + [i.visible_if for i in self.items()]
        conditions += [e.met_when for e in self.eligibility]
        if any(c is not None and c.uses_facts() for c in conditions) or any(
            r.when is not None for r in self.risk_rules
        ):
            used.append("'fact' conditions and risk rules with 'when'")
        inputs = self.determination_inputs
        if inputs.current_item is not None or inputs.new_incident_item is not None:
            used.append("'current_item' and 'new_incident_item'")
        if any(e.id is StatutoryElement.LABOR_TRAFFICKED for e in self.eligibility):
            used.append("the 'labor_trafficked' element")
        if used:
            raise ValueError(f"{' and '.join(used)} need format 2")
        return self

    def _format_2_rules(self) -> Self:
        if len(self.screens_for) != 1:
            raise ValueError("a format-2 instrument screens for exactly one track")
        labor = self.track is Track.LABOR_TRAFFICKING
        wrong = [
            e.id.value
            for e in self.eligibility
            if (e.id is StatutoryElement.LABOR_TRAFFICKED) is not labor
        ]
        if wrong:
            raise ValueError(
                f"element '{wrong[0]}' does not belong to a {self.track.value} instrument"
            )
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    @property
    def track(self) -> Track:
        """What it screens for: its first ``screens_for`` (format 2 names exactly one)."""
        return self.screens_for[0]

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
    "DECLINED",
    "FACTS",
    "FIELDS_ADDED_LATER",
    "FORMATS",
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
    "TimeFrame",
    "rank",
]
