"""Cases about clocks and duties: when the agency learned, daylight saving, county policy,
re-screening an identified child, corrections. All times are in Los Angeles; 2025's clocks
spring forward on Sunday 9 March and fall back on Sunday 2 November."""

from __future__ import annotations

from datetime import date

from csec_desktop.domain import CsecCategory, ObligationKind, PlacementType, RiskLevel
from tests.casebook.driver import (
    Amend,
    Case,
    Child,
    CountySets,
    Edit,
    Expect,
    MarkDone,
    Review,
    Screen,
    VoidsIdentification,
)
from tests.casebook.facts import Fact

F = Fact
K = ObligationKind
LE, DOC, MDT = (
    K.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
    K.DOCUMENT_IN_COUNTY_SYSTEM,
    K.REFER_TO_MDT,
)
PAID_IN_PLACEMENT_NOW = frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAPPENING_NOW})
Q1 = (date(2025, 1, 1), date(2025, 4, 1))
Q2 = (date(2025, 4, 1), date(2025, 7, 1))
IN_FOSTER_CARE = Child(placement=PlacementType.FOSTER_FAMILY)


def victim_in_march(*more: object) -> Child:
    """Paid for sex acts in her foster home, disclosed Tuesday 4 March 09:00, entered at 10:00."""
    return Child(
        steps=(
            Screen("2025-03-04 10:00", PAID_IN_PLACEMENT_NOW, received="2025-03-04 09:00"),
            *more,  # type: ignore[arg-type]
        )
    )


def reported_and_done() -> tuple[object, ...]:
    """The report made at noon, documented and referred the next day; approved."""
    return (
        MarkDone("2025-03-04 12:00", LE),
        MarkDone("2025-03-05 09:00", DOC, agency="CWS/CMS", reference="GRID-1"),
        MarkDone("2025-03-05 09:30", MDT, agency="MDT coordinator", reference=None),
        Review("2025-03-05 10:00"),
    )


CASES = [
    Case(
        "A 15-year-old in a foster home told her caseworker on Monday 3 March at 09:00 that a "
        "man paid her for sex acts there; the screening was entered Tuesday at 15:00, so the "
        "24-hour report is already overdue",
        finding=1,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 15:00",
                        frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-03-03 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 15:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            risk=RiskLevel.CLEAR_CONCERN,
            status="stopped",
            obligations=(
                (LE, "2025-03-04 09:00", "overdue"),
                (DOC, "2025-03-06 09:00", "open"),
                (MDT, "2025-03-08 09:00", "open"),
            ),
            period=Q1,
            report={
                ("children", "total"): 1,
                ("victim_children", "total"): 1,
                ("children_identified", "total"): 1,
                ("obligations_open_overdue", LE.value): 1,
            },
        ),
    ),
    Case(
        "The same late entry, and the report to the police made Tuesday at 16:00: the county "
        "report counts it as late, 31 hours after the disclosure",
        finding=1,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 15:00",
                        frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-03-03 09:00",
                    ),
                    MarkDone("2025-03-04 16:00", LE),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-10 12:00",
            obligations=(
                (LE, "2025-03-04 09:00", "late"),
                (DOC, "2025-03-06 09:00", "overdue"),
                (MDT, "2025-03-08 09:00", "overdue"),
            ),
            period=Q1,
            report={
                ("obligations_met_late", LE.value): 1,
                ("obligations_met_on_time", "total"): 0,
                ("obligations_open_overdue", "total"): 2,
            },
        ),
    ),
    Case(
        "The agency heard on Monday at 08:30 that a youth traded sex for a place to stay before "
        "entering care; the caseworker confirmed on Tuesday, then corrected an unrelated answer "
        "on Thursday: the clocks still run from Monday 08:30",
        finding=1,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {F.SEX_FOR_A_PLACE_TO_STAY, F.BEFORE_ENTERING_CARE, F.HAS_STOPPED}
                        ),
                        received="2025-03-03 08:30",
                        submit=False,
                    ),
                    Edit(
                        "2025-03-06 11:00",
                        frozenset(
                            {
                                F.SEX_FOR_A_PLACE_TO_STAY,
                                F.BEFORE_ENTERING_CARE,
                                F.HAS_STOPPED,
                                F.MUCH_OLDER_PARTNER,
                            }
                        ),
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-06 11:00",
            finding=CsecCategory.VICTIM_BEFORE_CARE,
            obligations=(
                (LE, "2025-03-04 08:30", "overdue"),
                (DOC, "2025-03-06 08:30", "overdue"),
                (MDT, "2025-03-08 08:30", "open"),
            ),
        ),
    ),
    Case(
        "A supervisor returns an identification for a missing detail and the caseworker "
        "resubmits two days later: still one report, due from the first disclosure",
        finding=1,
        children=(
            victim_in_march(
                Review("2025-03-04 14:00", approve=False, comment="say how we learned of it"),
                Edit("2025-03-06 09:30", PAID_IN_PLACEMENT_NOW | {F.UNEXPLAINED_MONEY}),
            ),
        ),
        expect=Expect(
            now="2025-03-06 09:30",
            finding=CsecCategory.VICTIM_IN_CARE,
            risk=RiskLevel.CLEAR_CONCERN,
            status="ongoing",
            obligations=(
                (LE, "2025-03-05 09:00", "overdue"),
                (DOC, "2025-03-07 09:00", "open"),
                (MDT, "2025-03-09 09:00", "open"),
            ),
            identifications=("victim_in_care",),
        ),
    ),
    Case(
        "A caseworker types tomorrow's date as when the agency learned of the exploitation: "
        "refused in one line, nothing saved",
        children=(
            Child(
                steps=(
                    Screen("2025-03-04 10:00", PAID_IN_PLACEMENT_NOW, received="2025-03-05 10:00"),
                )
            ),
        ),
        expect=Expect(now="2025-03-04 10:00", obligations=(), refused="is in the future"),
    ),
    Case(
        "A caseworker types a year before the youth was born as when the agency learned of it: "
        "refused in one line, nothing saved",
        children=(
            Child(
                steps=(
                    Screen("2025-03-04 10:00", PAID_IN_PLACEMENT_NOW, received="2008-01-01 10:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00", obligations=(), refused="before the youth's date of birth"
        ),
    ),
    Case(
        "A disclosure on Saturday 8 March at 10:00, the night before the clocks spring forward: "
        "the report is due 24 real hours later, Sunday at 11:00; documentation Tuesday 10:00",
        children=(
            Child(
                steps=(
                    Screen("2025-03-08 11:00", PAID_IN_PLACEMENT_NOW, received="2025-03-08 10:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-08 11:00",
            obligations=(
                (LE, "2025-03-09 11:00", "open"),
                (DOC, "2025-03-11 10:00", "open"),
                (MDT, "2025-03-13 10:00", "open"),
            ),
        ),
    ),
    Case(
        "A disclosure on Saturday 1 November at 12:00, the day before the clocks fall back: "
        "the report is due Sunday at 11:00 standard time; the referral Thursday at 12:00",
        children=(
            Child(
                steps=(
                    Screen("2025-11-01 13:00", PAID_IN_PLACEMENT_NOW, received="2025-11-01 12:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-11-01 13:00",
            obligations=(
                (LE, "2025-11-02 11:00", "open"),
                (DOC, "2025-11-04 12:00", "open"),
                (MDT, "2025-11-06 12:00", "open"),
            ),
        ),
    ),
    Case(
        "A call at 01:30 in the repeated hour of the November change (the first 01:30): the "
        "report is due at 00:30 the next night, 24 real hours later",
        children=(
            Child(
                steps=(
                    Screen("2025-11-02 03:00", PAID_IN_PLACEMENT_NOW, received="2025-11-02 01:30"),
                )
            ),
        ),
        expect=Expect(
            now="2025-11-02 03:00",
            obligations=(
                (LE, "2025-11-03 00:30", "open"),
                (DOC, "2025-11-05 01:30", "open"),
                (MDT, "2025-11-07 01:30", "open"),
            ),
        ),
    ),
    Case(
        "The county sets a 1-day documentation deadline and a 10-day MDT referral on its "
        "server; the next victim the caseworker identifies gets the county's deadlines",
        finding=6,
        children=(
            Child(
                steps=(
                    CountySets(
                        "2025-03-01 08:00", {"document_within_days": 1, "mdt_referral_days": 10}
                    ),
                    Screen("2025-03-04 10:00", PAID_IN_PLACEMENT_NOW, received="2025-03-04 09:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            obligations=(
                (LE, "2025-03-05 09:00", "open"),
                (DOC, "2025-03-05 09:00", "open"),
                (MDT, "2025-03-14 09:00", "open"),
            ),
        ),
    ),
    Case(
        "The county refers at-risk youth to its MDT: a boy with a much older partner and "
        "unexplained money, about whom the screener is somewhat worried, is documented and "
        "referred",
        finding=6,
        children=(
            Child(
                steps=(
                    CountySets("2025-03-01 08:00", {"refer_at_risk_to_mdt": True}),
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {
                                F.MUCH_OLDER_PARTNER,
                                F.UNEXPLAINED_MONEY,
                                F.SCREENER_POSSIBLY_CONCERNED,
                            }
                        ),
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.AT_RISK,
            status="at_risk",
            obligations=((DOC, "2025-03-07 10:00", "open"), (MDT, "2025-03-09 10:00", "open")),
            worklist=1,
        ),
    ),
    Case(
        "The county shortens the report to 12 hours after a girl was identified: her first "
        "report keeps its 24-hour due time; a new incident she discloses later gets 12 hours",
        children=(
            victim_in_march(
                *reported_and_done(),
                CountySets("2025-03-10 08:00", {"victim_report_hours": 12}),
                Screen(
                    "2025-03-20 10:00",
                    PAID_IN_PLACEMENT_NOW | {F.NEW_INCIDENT_SINCE_REPORT},
                    received="2025-03-20 09:00",
                ),
            ),
        ),
        expect=Expect(
            now="2025-03-20 10:00",
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (DOC, "2025-03-23 09:00", "open"),
                (MDT, "2025-03-09 09:00", "on time"),
                (MDT, "2025-03-25 09:00", "open"),
                (LE, "2025-03-05 09:00", "on time"),
                (LE, "2025-03-20 21:00", "open"),
            ),
            identifications=("victim_in_care", "victim_in_care"),
        ),
    ),
    Case(
        "A girl identified in March as exploited in her foster home is screened again in June: "
        "it has stopped and nothing new happened; no second report, she stays a victim in "
        "care, and her risk is a possible concern, not a clear one",
        finding=(2, 8),
        children=(
            victim_in_march(
                *reported_and_done(),
                Screen(
                    "2025-06-10 10:00",
                    frozenset(
                        {F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED, F.NO_NEW_INCIDENT}
                    ),
                ),
            ),
        ),
        expect=Expect(
            now="2025-06-10 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            risk=RiskLevel.POSSIBLE_CONCERN,
            status="stopped",
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (MDT, "2025-03-09 09:00", "on time"),
                (LE, "2025-03-05 09:00", "on time"),
            ),
            identifications=("victim_in_care",),
            period=Q2,
            report={
                ("children", "total"): 1,
                ("children_by_category", "victim_in_care"): 1,
                ("children_identified", "total"): 0,
                ("children_by_risk_level", "possible_concern"): 1,
                ("screenings", "total"): 1,
            },
            worklist=0,
        ),
    ),
    Case(
        "The same girl says in June that it happened again since it was reported: a second "
        "identification and a second report, due 24 hours from the June disclosure",
        finding=2,
        children=(
            victim_in_march(
                *reported_and_done(),
                Screen(
                    "2025-06-10 10:00",
                    PAID_IN_PLACEMENT_NOW | {F.NEW_INCIDENT_SINCE_REPORT},
                    received="2025-06-10 08:00",
                ),
            ),
        ),
        expect=Expect(
            now="2025-06-10 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            risk=RiskLevel.CLEAR_CONCERN,
            status="ongoing",
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (DOC, "2025-06-13 08:00", "open"),
                (MDT, "2025-03-09 09:00", "on time"),
                (MDT, "2025-06-15 08:00", "open"),
                (LE, "2025-03-05 09:00", "on time"),
                (LE, "2025-06-11 08:00", "open"),
            ),
            identifications=("victim_in_care", "victim_in_care"),
            period=(date(2025, 1, 1), date(2026, 1, 1)),
            report={
                ("children", "total"): 1,
                ("children_identified", "total"): 1,
                ("children_identified_more_than_once", "total"): 1,
            },
        ),
    ),
    Case(
        "Nobody knows whether anything happened since her report: the June screening confirms "
        "the March identification and files no second report",
        finding=2,
        children=(
            victim_in_march(
                *reported_and_done(),
                Screen(
                    "2025-06-10 10:00",
                    PAID_IN_PLACEMENT_NOW | {F.NOT_KNOWN_IF_NEW_INCIDENT},
                ),
            ),
        ),
        expect=Expect(
            now="2025-06-10 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            risk=RiskLevel.CLEAR_CONCERN,
            status="ongoing",
            identifications=("victim_in_care",),
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (MDT, "2025-03-09 09:00", "on time"),
                (LE, "2025-03-05 09:00", "on time"),
            ),
        ),
    ),
    Case(
        "A detective tells the caseworker of a new incident after the youth said nothing new: "
        "the screener records it as a new incident, and a new report is owed",
        finding=2,
        children=(
            victim_in_march(
                *reported_and_done(),
                Screen(
                    "2025-06-10 10:00",
                    frozenset(
                        {F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED, F.NO_NEW_INCIDENT}
                    ),
                    received="2025-06-09 17:00",
                    new_incident=True,
                ),
            ),
        ),
        expect=Expect(
            now="2025-06-10 10:00",
            identifications=("victim_in_care", "victim_in_care"),
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (DOC, "2025-06-12 17:00", "open"),
                (MDT, "2025-03-09 09:00", "on time"),
                (MDT, "2025-06-14 17:00", "open"),
                (LE, "2025-03-05 09:00", "on time"),
                (LE, "2025-06-10 17:00", "open"),
            ),
        ),
    ),
    Case(
        "Screened again twice in the same week after her identification, nothing new either "
        "time: still one report, one documentation, one referral",
        finding=2,
        children=(
            victim_in_march(
                Screen(
                    "2025-03-06 10:00",
                    PAID_IN_PLACEMENT_NOW | {F.NO_NEW_INCIDENT},
                ),
                Screen(
                    "2025-03-07 10:00",
                    frozenset(
                        {F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED, F.NO_NEW_INCIDENT}
                    ),
                ),
            ),
        ),
        expect=Expect(
            now="2025-03-07 10:00",
            status="stopped",
            obligations=(
                (DOC, "2025-03-07 09:00", "overdue"),
                (MDT, "2025-03-09 09:00", "open"),
                (LE, "2025-03-05 09:00", "overdue"),
            ),
            period=Q1,
            report={("children", "total"): 1, ("screenings", "total"): 3},
        ),
    ),
    Case(
        "An approved identification amended a week later with an older partner's details: one "
        "screening chain, one report, counted once",
        children=(
            victim_in_march(
                *reported_and_done(),
                Amend("2025-03-11 10:00", PAID_IN_PLACEMENT_NOW | {F.MUCH_OLDER_PARTNER}),
            ),
        ),
        expect=Expect(
            now="2025-03-11 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            identifications=("victim_in_care",),
            obligations=(
                (DOC, "2025-03-07 09:00", "on time"),
                (MDT, "2025-03-09 09:00", "on time"),
                (LE, "2025-03-05 09:00", "on time"),
            ),
            period=Q1,
            report={
                ("children", "total"): 1,
                ("screenings", "total"): 1,
                ("children_identified", "total"): 1,
            },
        ),
    ),
    Case(
        "A supervisor voids an identification entered on the wrong youth's record: it stays in "
        "her history, is no longer counted, and its open report is voided",
        children=(
            victim_in_march(
                VoidsIdentification("2025-03-04 12:00", "entered on the wrong youth's record"),
            ),
        ),
        expect=Expect(
            now="2025-03-04 12:00",
            identifications=("victim_in_care (voided)",),
            obligations=(
                (DOC, "2025-03-07 09:00", "voided"),
                (MDT, "2025-03-09 09:00", "voided"),
                (LE, "2025-03-05 09:00", "voided"),
            ),
            period=Q1,
            report={
                ("children", "total"): 1,
                ("victim_children", "total"): 0,
                ("children_identified", "total"): 0,
                ("children_by_category", "at_risk"): 1,
                ("obligations_open_not_yet_due", "total"): 0,
            },
        ),
    ),
    Case(
        "A screening returned because the disclosure was about another youth, corrected to no "
        "exploitation and resubmitted: its identification is voided with the reason, and so "
        "are its open tasks",
        children=(
            victim_in_march(
                Review("2025-03-04 11:00", approve=False, comment="this was about her cousin"),
                Edit("2025-03-04 12:00", frozenset()),
            ),
        ),
        expect=Expect(
            now="2025-03-04 12:00",
            finding=CsecCategory.NOT_IDENTIFIED,
            risk=RiskLevel.NO_CONCERN,
            identifications=("victim_in_care (voided)",),
            obligations=(
                (DOC, "2025-03-07 09:00", "voided"),
                (MDT, "2025-03-09 09:00", "voided"),
                (LE, "2025-03-05 09:00", "voided"),
            ),
        ),
    ),
    Case(
        "A boy found at risk on Monday discloses on Wednesday that he was paid for sex acts "
        "before entering care: the at-risk documentation is replaced by the victim's, not "
        "done twice",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-03 10:00",
                        frozenset({F.MUCH_OLDER_PARTNER, F.SCREENER_POSSIBLY_CONCERNED}),
                    ),
                    Screen(
                        "2025-03-05 10:00",
                        frozenset({F.PAID_FOR_SEX, F.BEFORE_ENTERING_CARE, F.HAS_STOPPED}),
                        received="2025-03-05 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-05 10:00",
            finding=CsecCategory.VICTIM_BEFORE_CARE,
            obligations=(
                (DOC, "2025-03-06 10:00", "voided"),
                (DOC, "2025-03-08 09:00", "open"),
                (MDT, "2025-03-10 09:00", "open"),
                (LE, "2025-03-06 09:00", "open"),
            ),
            period=Q1,
            report={
                ("children", "total"): 1,
                ("children_by_category", "victim_before_care"): 1,
                ("children_by_category", "at_risk"): 0,
            },
            worklist=1,
        ),
    ),
]
