"""Proposing the CSEC category, table-driven over every category, and confirming it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from csec_desktop.domain.determination import (
    CategoryProposal,
    ExploitationTiming,
    OverrideNeedsReason,
    StatutoryElement,
    confirm,
    eligibility_finding,
    exploitation_finding,
    propose_category,
)
from csec_desktop.domain.episode import MissingEpisode
from csec_desktop.domain.screening import (
    CsecCategory,
    ElementFinding,
    EligibilityElement,
    RiskLevel,
    ScreeningContext,
)
from csec_desktop.domain.youth import PlacementType

MET, NOT_MET, UNKNOWN = ElementFinding.MET, ElementFinding.NOT_MET, ElementFinding.UNKNOWN
NO, POSSIBLE, CLEAR = RiskLevel.NO_CONCERN, RiskLevel.POSSIBLE_CONCERN, RiskLevel.CLEAR_CONCERN
FOSTER, HOME = PlacementType.FOSTER_FAMILY, PlacementType.NOT_IN_CARE
YOUTH = uuid4()


def elements(
    trafficked: ElementFinding = NOT_MET,
    exchange: ElementFinding = NOT_MET,
    protect: ElementFinding = UNKNOWN,
) -> list[EligibilityElement]:
    return [
        EligibilityElement(element_id=StatutoryElement.SEXUALLY_TRAFFICKED, finding=trafficked),
        EligibilityElement(element_id=StatutoryElement.EXCHANGE_FOR_SEXUAL_ACTS, finding=exchange),
        EligibilityElement(element_id=StatutoryElement.FAILURE_TO_PROTECT, finding=protect),
    ]


def episode(start: str, end: str | None) -> MissingEpisode:
    def at(day: str) -> datetime:
        return datetime.fromisoformat(day).replace(hour=20, tzinfo=UTC)  # 12:00/13:00 in LA

    return MissingEpisode(youth_id=YOUTH, started_at=at(start), ended_at=at(end) if end else None)


@dataclass
class Case:
    name: str
    expected: CsecCategory
    elements: list[EligibilityElement]
    risk: RiskLevel = CLEAR
    placement: PlacementType = FOSTER
    timing: ExploitationTiming | None = None
    exploited_on: date | None = None
    entered_care_on: date | None = None
    episodes: list[MissingEpisode] = field(default_factory=list)
    context: ScreeningContext = ScreeningContext.ROUTINE
    assumed: bool = False


CASES = [
    Case("no concern, nothing met", CsecCategory.NOT_IDENTIFIED, elements(), risk=NO),
    Case(
        "no concern, elements unknown",
        CsecCategory.NOT_IDENTIFIED,
        elements(UNKNOWN, UNKNOWN),
        risk=NO,
    ),
    Case("possible concern", CsecCategory.AT_RISK, elements(), risk=POSSIBLE),
    Case("clear concern, no element met", CsecCategory.AT_RISK, elements(UNKNOWN, NOT_MET)),
    Case(
        "failure to protect alone is not exploitation",
        CsecCategory.AT_RISK,
        elements(protect=MET),
        risk=POSSIBLE,
    ),
    Case(
        "screener says before care",
        CsecCategory.VICTIM_BEFORE_CARE,
        elements(trafficked=MET),
        timing=ExploitationTiming.BEFORE_CARE,
    ),
    Case(
        "screener says in care",
        CsecCategory.VICTIM_IN_CARE,
        elements(exchange=MET),
        timing=ExploitationTiming.WHILE_IN_CARE,
    ),
    Case(
        "screener says while absent",
        CsecCategory.VICTIM_WHILE_ABSENT,
        elements(exchange=MET),
        timing=ExploitationTiming.WHILE_ABSENT,
    ),
    Case(
        "screener's answer beats the date",
        CsecCategory.VICTIM_IN_CARE,
        elements(exchange=MET),
        timing=ExploitationTiming.WHILE_IN_CARE,
        exploited_on=date(2024, 1, 1),
        entered_care_on=date(2025, 1, 1),
    ),
    Case(
        "date before entry to care",
        CsecCategory.VICTIM_BEFORE_CARE,
        elements(trafficked=MET),
        exploited_on=date(2024, 12, 31),
        entered_care_on=date(2025, 1, 1),
    ),
    Case(
        "date after entry to care",
        CsecCategory.VICTIM_IN_CARE,
        elements(trafficked=MET),
        exploited_on=date(2025, 2, 1),
        entered_care_on=date(2025, 1, 1),
    ),
    Case(
        "date inside a closed missing episode",
        CsecCategory.VICTIM_WHILE_ABSENT,
        elements(trafficked=MET),
        exploited_on=date(2025, 3, 4),
        entered_care_on=date(2025, 1, 1),
        episodes=[episode("2025-03-02", "2025-03-05")],
    ),
    Case(
        "date inside an open missing episode",
        CsecCategory.VICTIM_WHILE_ABSENT,
        elements(trafficked=MET),
        exploited_on=date(2025, 3, 10),
        episodes=[episode("2025-03-02", None)],
    ),
    Case(
        "date after a missing episode ended",
        CsecCategory.VICTIM_IN_CARE,
        elements(trafficked=MET),
        exploited_on=date(2025, 3, 6),
        entered_care_on=date(2025, 1, 1),
        episodes=[episode("2025-03-02", "2025-03-05")],
    ),
    Case(
        "date, not in care, no entry date",
        CsecCategory.VICTIM_BEFORE_CARE,
        elements(exchange=MET),
        placement=HOME,
        exploited_on=date(2025, 3, 6),
    ),
    Case(
        "timing unknown, not in care",
        CsecCategory.VICTIM_BEFORE_CARE,
        elements(exchange=MET),
        placement=HOME,
        timing=ExploitationTiming.UNKNOWN,
        assumed=True,
    ),
    Case(
        "timing unknown, in care",
        CsecCategory.VICTIM_IN_CARE,
        elements(exchange=MET),
        placement=PlacementType.STRTP,
        assumed=True,
    ),
    Case(
        "timing unknown, returning from missing",
        CsecCategory.VICTIM_WHILE_ABSENT,
        elements(trafficked=MET),
        context=ScreeningContext.RETURN_FROM_MISSING,
        assumed=True,
    ),
    Case(
        "date but no entry date, in care",
        CsecCategory.VICTIM_IN_CARE,
        elements(trafficked=MET),
        exploited_on=date(2025, 3, 6),
        assumed=True,
    ),
    Case(
        "a victim even at no concern",
        CsecCategory.VICTIM_BEFORE_CARE,
        elements(trafficked=MET),
        risk=NO,
        placement=HOME,
        assumed=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_propose_category(case: Case) -> None:
    proposal = propose_category(
        case.elements,
        case.risk,
        case.placement,
        timing=case.timing,
        exploited_on=case.exploited_on,
        entered_care_on=case.entered_care_on,
        missing_episodes=case.episodes,
        context=case.context,
        today=date(2025, 3, 20),
    )
    assert proposal.category is case.expected
    assert proposal.timing_assumed is case.assumed
    assert proposal.reasons
    assert proposal.exploitation is (MET if case.expected.is_victim else proposal.exploitation)


def test_every_category_is_covered_by_the_table() -> None:
    assert {case.expected for case in CASES} == set(CsecCategory)


@pytest.mark.parametrize(
    ("trafficked", "exchange", "protect", "exploitation", "eligible"),
    [
        (MET, NOT_MET, MET, MET, MET),
        (NOT_MET, MET, MET, MET, MET),
        (MET, MET, NOT_MET, MET, NOT_MET),
        (MET, NOT_MET, UNKNOWN, MET, UNKNOWN),
        (NOT_MET, NOT_MET, MET, NOT_MET, NOT_MET),
        (UNKNOWN, NOT_MET, MET, UNKNOWN, UNKNOWN),
    ],
)
def test_elements_combine_as_the_statute_says(
    trafficked: ElementFinding,
    exchange: ElementFinding,
    protect: ElementFinding,
    exploitation: ElementFinding,
    eligible: ElementFinding,
) -> None:
    found = elements(trafficked, exchange, protect)
    assert exploitation_finding(found) is exploitation
    assert eligibility_finding(found) is eligible


def test_no_elements_recorded_is_unknown() -> None:
    assert exploitation_finding([]) is UNKNOWN
    assert propose_category([], POSSIBLE, FOSTER).category is CsecCategory.AT_RISK


AT = datetime(2025, 3, 20, 18, tzinfo=UTC)


def test_confirming_the_proposal_needs_no_reason() -> None:
    proposal = CategoryProposal(category=CsecCategory.AT_RISK, exploitation=UNKNOWN)
    determination = confirm(proposal, POSSIBLE, confirmed_by="worker1", confirmed_at=AT)
    assert determination.category is CsecCategory.AT_RISK
    assert determination.override_reason is None


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_an_override_without_a_reason_is_refused(reason: str | None) -> None:
    proposal = CategoryProposal(category=CsecCategory.AT_RISK, exploitation=UNKNOWN)
    with pytest.raises(OverrideNeedsReason):
        confirm(
            proposal,
            POSSIBLE,
            confirmed_by="worker1",
            confirmed_at=AT,
            category=CsecCategory.NOT_IDENTIFIED,
            override_reason=reason,
        )


def test_an_override_with_a_reason_is_kept_with_the_determination() -> None:
    proposal = propose_category(elements(exchange=MET), CLEAR, FOSTER)
    assert proposal.category is CsecCategory.VICTIM_IN_CARE
    determination = confirm(
        proposal,
        CLEAR,
        confirmed_by="worker1",
        confirmed_at=AT,
        category=CsecCategory.VICTIM_BEFORE_CARE,
        override_reason="Law enforcement report dates the exploitation before placement.",
    )
    assert determination.category is CsecCategory.VICTIM_BEFORE_CARE
    assert determination.override_reason is not None
    assert determination.override_reason.startswith("Law enforcement")
