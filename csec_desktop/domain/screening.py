"""A CSEC screening: answers to one instrument version, its result and the determination."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, GetCoreSchemaHandler, JsonValue, model_validator
from pydantic_core import CoreSchema, core_schema

from csec_desktop.domain.base import DomainModel, Record


class RiskLevel(StrEnum):
    """The overall level a screening instrument computes."""

    NO_CONCERN = "no_concern"
    POSSIBLE_CONCERN = "possible_concern"
    CLEAR_CONCERN = "clear_concern"


class CsecCategory(StrEnum):
    """W&IC 16501.45 reporting categories."""

    VICTIM_BEFORE_CARE = "victim_before_care"
    VICTIM_IN_CARE = "victim_in_care"
    VICTIM_WHILE_ABSENT = "victim_while_absent"
    AT_RISK = "at_risk"
    NOT_IDENTIFIED = "not_identified"

    @property
    def is_victim(self) -> bool:
        return self in _VICTIM_CATEGORIES


_VICTIM_CATEGORIES = frozenset(
    {CsecCategory.VICTIM_BEFORE_CARE, CsecCategory.VICTIM_IN_CARE, CsecCategory.VICTIM_WHILE_ABSENT}
)


class Track(StrEnum):
    """What a screening instrument screens for. Labor trafficking is its own track, with its own
    identifications, obligations and report section: never a CSEC category."""

    SEXUAL_EXPLOITATION = "sexual_exploitation"
    LABOR_TRAFFICKING = "labor_trafficking"


# The only labor-trafficking instrument of format 1. Its screenings were stored before screenings
# said their track, and were (wrongly) given a CSEC category; ``track_of`` files them under labor.
LEGACY_LABOR_INSTRUMENTS = frozenset({"child-labor-trafficking-screen"})


def track_of(instrument_id: str, track: Track | None) -> Track:
    """The track of a screening: the one it recorded, else (stored before tracks) by instrument."""
    if track is not None:
        return track
    if instrument_id in LEGACY_LABOR_INSTRUMENTS:
        return Track.LABOR_TRAFFICKING
    return Track.SEXUAL_EXPLOITATION


class LaborFinding(StrEnum):
    """The result of a labor-trafficking screening (the labor track's own "category")."""

    IDENTIFIED = "identified"  # a labor-trafficking victim
    AT_RISK = "at_risk"
    NOT_IDENTIFIED = "not_identified"


def labor_finding_of(category: CsecCategory) -> LaborFinding:
    """A format-1 labor screening's stored CSEC category read as the labor finding it meant."""
    if category.is_victim:
        return LaborFinding.IDENTIFIED
    if category is CsecCategory.AT_RISK:
        return LaborFinding.AT_RISK
    return LaborFinding.NOT_IDENTIFIED


class ExploitationStatus(StrEnum):
    """What a screening says about now (kept apart from the identification history)."""

    ONGOING = "ongoing"  # exploitation is happening now
    STOPPED = "stopped"  # identified, and it is not happening now
    NOT_KNOWN = "not_known"  # identified; whether it is happening now is unknown or declined
    AT_RISK = "at_risk"
    NOT_IDENTIFIED = "not_identified"


class ExploitationTiming(StrEnum):
    """When the exploitation happened, relative to entering care and to missing episodes."""

    BEFORE_CARE = "before_care"
    WHILE_IN_CARE = "while_in_care"
    WHILE_ABSENT = "while_absent"  # missing or runaway from placement
    UNKNOWN = "unknown"


class ScreeningContext(StrEnum):
    """Why the screening was done."""

    ROUTINE = "routine"
    NEW_PLACEMENT = "new_placement"
    RETURN_FROM_MISSING = "return_from_missing"
    REFERRAL = "referral"
    OTHER = "other"


class ScreeningStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    # A draft the caseworker gave up on: kept (never deleted: it may hold what a youth said),
    # read only, listed as discarded, counted nowhere.
    DISCARDED = "discarded"


# Which status may follow which. An approved screening is final: changes go in an addendum.
ALLOWED_TRANSITIONS: dict[ScreeningStatus, frozenset[ScreeningStatus]] = {
    ScreeningStatus.DRAFT: frozenset({ScreeningStatus.SUBMITTED, ScreeningStatus.DISCARDED}),
    ScreeningStatus.SUBMITTED: frozenset({ScreeningStatus.APPROVED, ScreeningStatus.RETURNED}),
    ScreeningStatus.RETURNED: frozenset({ScreeningStatus.RESUBMITTED}),
    ScreeningStatus.RESUBMITTED: frozenset({ScreeningStatus.APPROVED, ScreeningStatus.RETURNED}),
    ScreeningStatus.APPROVED: frozenset(),
    ScreeningStatus.DISCARDED: frozenset(),
}

EDITABLE_STATUSES = frozenset({ScreeningStatus.DRAFT, ScreeningStatus.RETURNED})


class InvalidTransition(ValueError):
    """A status change the workflow does not allow."""


class ElementFinding(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class EligibilityElement(DomainModel):
    """One statutory element (e.g. W&IC 300(b)(2) 'sexually trafficked') with its evidence."""

    element_id: str = Field(min_length=1, max_length=80)
    finding: ElementFinding = ElementFinding.UNKNOWN
    evidence: str = Field(default="", max_length=10_000)


class ScreeningResult(DomainModel):
    """What the instrument engine computed from the answers (and the proposal made from them:
    a CSEC category, or for a labor-trafficking screening a labor finding)."""

    risk_level: RiskLevel
    proposed_category: CsecCategory | None
    proposed_labor_finding: LaborFinding | None = None
    eligible: bool
    explanation: list[str] = Field(default_factory=list)
    missing_required: list[str] = Field(default_factory=list)
    computed_at: AwareDatetime


class Determination(DomainModel):
    """The screener's confirmed result. A category other than the proposed one needs a reason.

    A sexual-exploitation screening has a ``category``; a labor-trafficking one a
    ``labor_finding`` and no category. ``track`` is None on determinations stored before tracks
    (see :func:`track_of`). A determination that identifies a victim names the identification it
    makes (``new_identification``) or confirms, and when the agency received the information.
    """

    category: CsecCategory | None
    risk_level: RiskLevel
    override_reason: str | None = Field(default=None, max_length=5_000)
    confirmed_by: str = Field(min_length=1, max_length=100)
    confirmed_at: AwareDatetime
    # When the exploitation happened (victims only), and whether that was assumed for want of an
    # answer or a date, so a reviewer can see what the category rests on.
    timing: ExploitationTiming | None = None
    timing_assumed: bool = False
    timings: list[ExploitationTiming] = Field(default_factory=list, max_length=4)
    track: Track | None = None
    labor_finding: LaborFinding | None = None
    information_received_at: AwareDatetime | None = None
    identification_id: UUID | None = None
    new_identification: bool = False
    status: ExploitationStatus | None = None

    @model_validator(mode="after")
    def _one_track(self) -> Self:
        if self.track is Track.LABOR_TRAFFICKING:
            if self.category is not None or self.labor_finding is None:
                raise ValueError("a labor-trafficking determination has a labor finding only")
        elif self.category is None or self.labor_finding is not None:
            raise ValueError("a sexual-exploitation determination has a CSEC category only")
        if self.new_identification and (
            self.identification_id is None or self.information_received_at is None
        ):
            raise ValueError("a new identification needs its id and when the information came")
        return self

    @property
    def identifies_victim(self) -> bool:
        """Whether this determination says the child is an identified victim (either track)."""
        if self.category is not None:
            return self.category.is_victim
        return self.labor_finding is LaborFinding.IDENTIFIED


AnswerValue = JsonValue

_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


class _NotPlainJson(Exception):
    """A value that is not made of exactly JSON's Python types: pydantic's ``JsonValue``
    decides it."""


# Text is taken as is only when ``str.strip`` leaves it alone, i.e. returns the very same object
# (what CPython does for an unchanged ``str``; a new object would only send the value to
# ``JsonValue``). Python's whitespace includes every character pydantic's
# ``str_strip_whitespace`` (which a record has) strips, checked over all of Unicode.


def _copy_list(values: list[Any]) -> list[Any]:
    copied = []
    for value in values:
        kind = type(value)
        if kind is str:
            if value.strip() is not value:
                raise _NotPlainJson
            copied.append(value)
        elif kind in _JSON_SCALARS:
            copied.append(value)
        elif kind is list:
            copied.append(_copy_list(value))
        elif kind is dict:
            copied.append(_copy_dict(value))
        else:
            raise _NotPlainJson
    return copied


def _copy_dict(values: dict[Any, Any]) -> dict[str, Any]:
    copied = {}
    for key, value in values.items():
        kind = type(value)
        if type(key) is not str or key.strip() is not key:
            raise _NotPlainJson
        if kind is str:
            if value.strip() is not value:
                raise _NotPlainJson
            copied[key] = value
        elif kind in _JSON_SCALARS:
            copied[key] = value
        elif kind is list:
            copied[key] = _copy_list(value)
        elif kind is dict:
            copied[key] = _copy_dict(value)
        else:
            raise _NotPlainJson
    return copied


class _PlainJsonFirst:
    """``dict[str, JsonValue]`` validated by one walk in Python when it is made of exactly
    JSON's Python types (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``, ``None``: what
    ``json.loads`` and the desktop's answer widgets make), and by ``JsonValue`` itself otherwise.

    ``JsonValue`` calls back into Python for every value to choose its union member (issue 16:
    ~17 µs for a pushed screening's ~50 answers, validated and serialised). For exactly-typed
    values its result is a copy of the containers with the same leaves, which is what the walk
    returns; anything else (a subclass, a tuple, a non-string key, text with whitespace at either
    end, which a record's ``str_strip_whitespace`` strips, nesting deeper than Python's recursion
    allows) goes to ``JsonValue``, so what is accepted, refused and returned is the same
    (``tests/unit/test_answer_values.py`` compares both on arbitrary values)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        def validate(value: Any, json_value: core_schema.ValidatorFunctionWrapHandler) -> Any:
            if type(value) is dict:
                try:
                    return _copy_dict(value)
                except (_NotPlainJson, RecursionError):
                    pass
            return json_value(value)

        # Serialised by ``JsonValue``'s own serialiser: inference by type would write an infinite
        # float differently in ``mode="json"`` (``None`` instead of the float).
        return core_schema.no_info_wrap_validator_function(validate, handler(source))


_ANSWERS = {"answers"}  # what ``Screening.as_json`` leaves to the validated answers

# A screening's answers: what the instrument's items hold (text, numbers, yes/no, lists of
# choices), as JSON.
Answers = Annotated[dict[str, AnswerValue], _PlainJsonFirst()]


class Screening(Record):
    record_type: ClassVar[str] = "screening"

    youth_id: UUID
    instrument_id: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    instrument_version: str = Field(min_length=1, max_length=20)
    # SHA-256 of the definition the screening started with: proves which content it was scored on.
    instrument_fingerprint: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    context: ScreeningContext = ScreeningContext.ROUTINE
    screening_date: date
    screener: str = Field(min_length=1, max_length=100)
    answers: Answers = Field(default_factory=dict)
    eligibility: list[EligibilityElement] = Field(default_factory=list)
    notes: str = Field(default="", max_length=20_000)
    result: ScreeningResult | None = None
    determination: Determination | None = None
    status: ScreeningStatus = ScreeningStatus.DRAFT
    submitted_at: AwareDatetime | None = None
    amends_id: UUID | None = None  # an addendum names the approved screening it amends
    missing_episode_id: UUID | None = None  # set for a return-from-missing screening
    # What the instrument screens for; None on screenings stored before tracks (``track_of``).
    track: Track | None = None
    # When the agency received the information this screening is about: kept when answers
    # change, so editing never moves the clock it starts.
    information_received_at: AwareDatetime | None = None

    def as_json(self) -> dict[str, Any]:
        """``model_dump(mode="json")``, with the answers as validated rather than written again.

        ``JsonValue``'s serialiser calls back into Python for every answer to choose its union
        member (~35 µs of a pushed screening on the server, issue 16's sixth milestone), and
        gives back a copy of the validated answers with the same types and values (whichever
        way ``Answers`` validated them, they are exactly JSON's Python types).
        ``tests/unit/test_answer_values.py`` compares this with ``model_dump`` on arbitrary
        answers. The answers are this record's own (immutable record, shared dict): do not
        change them."""
        written = self.model_dump(mode="json", exclude=_ANSWERS)
        answers = self.answers
        return {
            name: answers if name == "answers" else written[name]
            for name in type(self).model_fields
        }

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        unsubmitted = (ScreeningStatus.DRAFT, ScreeningStatus.DISCARDED)
        if self.status not in unsubmitted and self.determination is None:
            raise ValueError("a submitted screening needs a confirmed determination")
        if self.determination and self.result:
            overridden = (self.determination.category, self.determination.labor_finding) != (
                self.result.proposed_category,
                self.result.proposed_labor_finding,
            )
            if overridden and not (self.determination.override_reason or "").strip():
                raise ValueError("a category other than the proposed one needs a written reason")
        ids = [e.element_id for e in self.eligibility]
        if len(ids) != len(set(ids)):
            raise ValueError("an eligibility element is recorded twice")
        return self

    @property
    def screening_track(self) -> Track:
        """What this screening screens for (see :func:`track_of`)."""
        return track_of(self.instrument_id, self.track)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def with_status(self, new_status: ScreeningStatus) -> Screening:
        """This screening moved to ``new_status``, or ``InvalidTransition``."""
        if new_status not in ALLOWED_TRANSITIONS[self.status]:
            raise InvalidTransition(f"a {self.status} screening cannot become {new_status}")
        return self.evolve(status=new_status)
