"""Cases about the child: missing episodes, labor trafficking, counting children, declined
answers, where the youth lives and under which jurisdiction, and the county's own date."""

from __future__ import annotations

from datetime import date

from csec_desktop.domain import (
    CsecCategory,
    Jurisdiction,
    LaborFinding,
    ObligationKind,
    PlacementType,
    RiskLevel,
    ScreeningContext,
)
from csec_desktop.domain.episode import DebriefAnswer
from tests.casebook.driver import (
    Case,
    Child,
    CountySets,
    Debriefs,
    Expect,
    GoesMissing,
    LogsTraining,
    MarkDone,
    ReportsMissing,
    ReportsToNcmec,
    Returns,
    Screen,
)
from tests.casebook.facts import LABOR, Fact

F = Fact
K = ObligationKind
LE, DOC, MDT = (
    K.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
    K.DOCUMENT_IN_COUNTY_SYSTEM,
    K.REFER_TO_MDT,
)
POLICE, NCMEC, RETURN = (
    K.REPORT_MISSING_TO_LAW_ENFORCEMENT,
    K.REPORT_MISSING_TO_NCMEC,
    K.SCREEN_RETURNING_YOUTH,
)
LABOR_REPORT, LABOR_FOLLOW_UP = (
    K.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT,
    K.LABOR_TRAFFICKING_FOLLOW_UP,
)
Q1 = (date(2025, 1, 1), date(2025, 4, 1))
Q2 = (date(2025, 4, 1), date(2025, 7, 1))
FORCED_FARM_WORK = frozenset(
    {
        F.WORKS_ON_A_FARM,
        F.MADE_TO_WORK_OFF_A_DEBT,
        F.PAPERS_KEPT_BY_EMPLOYER,
        F.WHILE_IN_PLACEMENT,
        F.LABOR_HAPPENING_NOW,
    }
)
AT_RISK_SIGNS = frozenset({F.MUCH_OLDER_PARTNER, F.SCREENER_POSSIBLY_CONCERNED})

CASES = [
    # -- missing from care ----------------------------------------------------------------------
    Case(
        "A 14-year-old runs from her foster home on Friday 7 March at 22:00 and is back on "
        "Saturday at 14:00 before anyone reported her missing; the caseworker reports her to the "
        "police and NCMEC at 15:00: one police report, made on time, counted once; her return "
        "screening is due 72 real hours after her return, across the spring clock change",
        finding=3,
        children=(
            Child(
                steps=(
                    GoesMissing("2025-03-08 13:00", since="2025-03-07 22:00"),
                    Returns("2025-03-08 14:30", back_at="2025-03-08 14:00"),
                    ReportsMissing("2025-03-08 15:00", ncmec_number="NCMEC-2025-1"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-08 15:00",
            obligations=(
                (POLICE, "2025-03-08 22:00", "on time"),
                (NCMEC, "2025-03-08 22:00", "on time"),
                (RETURN, "2025-03-11 15:00", "open"),
            ),
            period=Q1,
            report={
                ("obligations_met_on_time", POLICE.value): 1,
                ("obligations_met_on_time", NCMEC.value): 1,
                ("obligations_open_not_yet_due", RETURN.value): 1,
            },
        ),
    ),
    Case(
        "The police took the missing report on Monday morning but nobody told NCMEC: the NCMEC "
        "report is still owed, and overdue the next day",
        finding=7,
        children=(
            Child(
                steps=(
                    GoesMissing("2025-03-10 09:00", since="2025-03-10 08:00"),
                    ReportsMissing("2025-03-10 10:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-11 12:00",
            obligations=(
                (POLICE, "2025-03-11 08:00", "on time"),
                (NCMEC, "2025-03-11 08:00", "overdue"),
            ),
            period=Q1,
            report={("obligations_open_overdue", NCMEC.value): 1},
        ),
    ),
    Case(
        "The police reported the missing youth to NCMEC for the county and gave the NCMEC case "
        "number: both reports are done, the reason recorded",
        finding=7,
        children=(
            Child(
                steps=(
                    GoesMissing("2025-03-10 09:00", since="2025-03-10 08:00"),
                    ReportsMissing(
                        "2025-03-10 10:00", ncmec_number="NCMEC-2025-7", ncmec_by_police=True
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-10 10:00",
            obligations=(
                (POLICE, "2025-03-11 08:00", "on time"),
                (NCMEC, "2025-03-11 08:00", "on time"),
            ),
        ),
    ),
    Case(
        "The caseworker reports to NCMEC only the next afternoon: the NCMEC report counts as "
        "late, the police report on time",
        finding=7,
        children=(
            Child(
                steps=(
                    GoesMissing("2025-03-10 09:00", since="2025-03-10 08:00"),
                    ReportsMissing("2025-03-10 10:00"),
                    ReportsToNcmec("2025-03-11 15:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-11 15:00",
            obligations=(
                (POLICE, "2025-03-11 08:00", "on time"),
                (NCMEC, "2025-03-11 08:00", "late"),
            ),
            period=Q1,
            report={("obligations_met_late", NCMEC.value): 1},
        ),
    ),
    Case(
        "Missing from 01:30 on the night the clocks spring forward: both reports are due at "
        "02:30 the next night, 24 real hours later",
        children=(Child(steps=(GoesMissing("2025-03-09 06:00", since="2025-03-09 01:30"),)),),
        expect=Expect(
            now="2025-03-09 06:00",
            obligations=(
                (POLICE, "2025-03-10 02:30", "open"),
                (NCMEC, "2025-03-10 02:30", "open"),
            ),
        ),
    ),
    Case(
        "Back from three days away, a girl says in her debrief that she traded sex for a place "
        "to stay while gone; when exactly is not known: her return screening proposes a victim "
        "while absent and meets the return-screening task",
        children=(
            Child(
                steps=(
                    GoesMissing("2025-04-01 09:00", since="2025-04-01 07:00"),
                    ReportsMissing("2025-04-01 10:00", ncmec_number="NCMEC-2025-9"),
                    Returns("2025-04-04 18:00", back_at="2025-04-04 17:00"),
                    Debriefs("2025-04-05 10:00", DebriefAnswer.YES),
                    Screen(
                        "2025-04-05 11:00",
                        frozenset({F.SEX_FOR_A_PLACE_TO_STAY, F.TIMING_NOT_KNOWN, F.HAS_STOPPED}),
                        context=ScreeningContext.RETURN_FROM_MISSING,
                        on_return_from_missing=True,
                        received="2025-04-05 10:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-04-05 11:00",
            finding=CsecCategory.VICTIM_WHILE_ABSENT,
            obligations=(
                (DOC, "2025-04-08 10:00", "open"),
                (MDT, "2025-04-10 10:00", "open"),
                (POLICE, "2025-04-02 07:00", "on time"),
                (NCMEC, "2025-04-02 07:00", "on time"),
                (LE, "2025-04-06 10:00", "open"),
                (RETURN, "2025-04-07 17:00", "on time"),
            ),
            period=Q2,
            report={("children_by_category", "victim_while_absent"): 1},
        ),
    ),
    # -- labor trafficking ----------------------------------------------------------------------
    Case(
        "A 16-year-old placed with a relative works on a farm for a man who keeps his papers "
        "and says he owes for the trip: labor trafficking is identified, with a report to the "
        "police within 24 hours and a follow-up within 5 days; no CSEC task, category or figure",
        finding=4,
        children=(
            Child(
                placement=PlacementType.RELATIVE,
                steps=(
                    Screen(
                        "2025-05-06 11:00",
                        FORCED_FARM_WORK,
                        instrument=LABOR,
                        received="2025-05-06 09:00",
                    ),
                ),
            ),
        ),
        expect=Expect(
            now="2025-05-06 11:00",
            finding=LaborFinding.IDENTIFIED,
            risk=RiskLevel.CLEAR_CONCERN,
            status="ongoing",
            identifications=("labor_trafficking",),
            obligations=(
                (LABOR_FOLLOW_UP, "2025-05-11 09:00", "open"),
                (LABOR_REPORT, "2025-05-07 09:00", "open"),
            ),
            period=Q2,
            report={
                ("children", "total"): 0,
                ("labor_children", "total"): 1,
                ("labor_children_identified", "total"): 1,
                ("labor_children_by_finding", "identified"): 1,
                ("labor_screenings", "total"): 1,
                ("screenings", "total"): 0,
            },
            worklist=0,
        ),
    ),
    Case(
        "A boy works long hours on a farm on school days and the screener is somewhat worried, "
        "but nobody forces him: at risk on the labor track, no tasks, never a CSEC category",
        finding=4,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-05-06 11:00",
                        frozenset(
                            {F.WORKS_ON_A_FARM, F.WORKS_LONG_HOURS, F.SCREENER_POSSIBLY_CONCERNED}
                        ),
                        instrument=LABOR,
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-05-06 11:00",
            finding=LaborFinding.AT_RISK,
            risk=RiskLevel.POSSIBLE_CONCERN,
            obligations=(),
            period=Q2,
            report={
                ("children", "total"): 0,
                ("labor_children_by_finding", "at_risk"): 1,
                ("children_by_category", "at_risk"): 0,
            },
            worklist=0,
        ),
    ),
    Case(
        "The county's protocol asks for no labor follow-up: a youth made to work off a debt gets "
        "the police report only",
        children=(
            Child(
                steps=(
                    CountySets("2025-05-01 08:00", {"labor_follow_up": False}),
                    Screen(
                        "2025-05-06 11:00",
                        FORCED_FARM_WORK,
                        instrument=LABOR,
                        received="2025-05-06 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-05-06 11:00",
            finding=LaborFinding.IDENTIFIED,
            obligations=((LABOR_REPORT, "2025-05-07 09:00", "open"),),
        ),
    ),
    Case(
        "An adult makes a 15-year-old sell drugs for him (forced criminality): labor trafficking "
        "as described in Penal Code 236.1, reported like any other",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-05-06 11:00",
                        frozenset(
                            {F.MADE_TO_SELL_DRUGS, F.WHILE_IN_PLACEMENT, F.LABOR_HAS_STOPPED}
                        ),
                        instrument=LABOR,
                        received="2025-05-05 16:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-05-06 11:00",
            finding=LaborFinding.IDENTIFIED,
            status="stopped",
            obligations=(
                (LABOR_FOLLOW_UP, "2025-05-10 16:00", "open"),
                (LABOR_REPORT, "2025-05-06 16:00", "open"),
            ),
        ),
    ),
    Case(
        "A youth identified for labor trafficking in May, and for sexual exploitation in June: "
        "two tracks, two identifications, a report on each; each track counted apart",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-05-06 11:00",
                        FORCED_FARM_WORK,
                        instrument=LABOR,
                        received="2025-05-06 09:00",
                    ),
                    Screen(
                        "2025-06-03 11:00",
                        frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-06-03 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-06-03 11:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            identifications=("labor_trafficking", "victim_in_care"),
            obligations=(
                (DOC, "2025-06-06 09:00", "open"),
                (MDT, "2025-06-08 09:00", "open"),
                (LABOR_FOLLOW_UP, "2025-05-11 09:00", "overdue"),
                (LABOR_REPORT, "2025-05-07 09:00", "overdue"),
                (LE, "2025-06-04 09:00", "open"),
            ),
            period=Q2,
            report={
                ("children", "total"): 1,
                ("victim_children", "total"): 1,
                ("labor_children", "total"): 1,
            },
        ),
    ),
    # -- children, not screenings -----------------------------------------------------------------
    Case(
        "A boy screened three times in one quarter (at risk in January and February, no "
        "concern in March) is one child in the report, in March's category",
        finding=5,
        children=(
            Child(
                steps=(
                    Screen("2025-01-10 10:00", AT_RISK_SIGNS),
                    Screen("2025-02-10 10:00", AT_RISK_SIGNS),
                    Screen("2025-03-10 10:00", frozenset()),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-31 12:00",
            finding=CsecCategory.NOT_IDENTIFIED,
            period=Q1,
            report={
                ("children", "total"): 1,
                ("children_screened", "total"): 1,
                ("screenings", "total"): 3,
                ("children_by_category", "at_risk"): 0,
                ("children_by_category", "not_identified"): 1,
            },
        ),
    ),
    Case(
        "Two girls identified in the same quarter, one of them twice (two incidents, two "
        "reports): two children identified, one of them more than once",
        finding=5,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-01-14 10:00",
                        frozenset({F.PAID_FOR_SEX, F.BEFORE_ENTERING_CARE, F.HAS_STOPPED}),
                        received="2025-01-14 09:00",
                    ),
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {
                                F.PAID_FOR_SEX,
                                F.WHILE_IN_PLACEMENT,
                                F.HAPPENING_NOW,
                                F.NEW_INCIDENT_SINCE_REPORT,
                            }
                        ),
                        received="2025-03-04 09:00",
                    ),
                )
            ),
            Child(
                steps=(
                    Screen(
                        "2025-02-11 10:00",
                        frozenset({F.SEX_FOR_A_PLACE_TO_STAY, F.WHILE_MISSING, F.HAS_STOPPED}),
                        received="2025-02-11 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-31 12:00",
            identifications=("victim_before_care", "victim_while_absent", "victim_in_care"),
            period=Q1,
            report={
                ("children", "total"): 2,
                ("victim_children", "total"): 2,
                ("children_identified", "total"): 2,
                ("children_identified_more_than_once", "total"): 1,
                ("children_by_category", "victim_in_care"): 1,
                ("children_by_category", "victim_while_absent"): 1,
                ("children_by_category", "victim_before_care"): 0,
                ("screenings", "total"): 3,
            },
        ),
    ),
    Case(
        "A girl identified in January whose exploitation had stopped by May is counted in the "
        "second quarter as the victim she was identified as, not as at risk",
        finding=5,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-01-14 10:00",
                        frozenset({F.PAID_FOR_SEX, F.BEFORE_ENTERING_CARE, F.HAPPENING_NOW}),
                        received="2025-01-14 09:00",
                    ),
                    Screen(
                        "2025-05-14 10:00",
                        frozenset(
                            {
                                F.PAID_FOR_SEX,
                                F.BEFORE_ENTERING_CARE,
                                F.HAS_STOPPED,
                                F.NO_NEW_INCIDENT,
                                F.SCREENER_POSSIBLY_CONCERNED,
                            }
                        ),
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-05-14 10:00",
            finding=CsecCategory.VICTIM_BEFORE_CARE,
            status="stopped",
            period=Q2,
            report={
                ("children", "total"): 1,
                ("children_by_category", "victim_before_care"): 1,
                ("children_by_category", "at_risk"): 0,
                ("children_identified", "total"): 0,
            },
        ),
    ),
    Case(
        "A dependent, a ward and a dual-status youth identified in one quarter, and one youth "
        "screened with no concern: dependents and wards are counted apart",
        children=(
            Child(
                jurisdiction=Jurisdiction.DEPENDENT,
                steps=(
                    Screen(
                        "2025-02-03 10:00",
                        frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-02-03 09:00",
                    ),
                ),
            ),
            Child(
                jurisdiction=Jurisdiction.WARD,
                placement=PlacementType.JUVENILE_HALL,
                steps=(
                    Screen(
                        "2025-02-04 10:00",
                        frozenset({F.SEXUAL_IMAGES_SOLD, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-02-04 09:00",
                    ),
                ),
            ),
            Child(
                jurisdiction=Jurisdiction.DUAL_STATUS,
                steps=(
                    Screen(
                        "2025-02-05 10:00",
                        frozenset(
                            {
                                F.PRESSURED_INTO_SEX_FOR_MONEY,
                                F.BEFORE_ENTERING_CARE,
                                F.NOT_KNOWN_IF_STILL_HAPPENING,
                            }
                        ),
                        received="2025-02-05 09:00",
                    ),
                ),
            ),
            Child(jurisdiction=None, steps=(Screen("2025-02-06 10:00", frozenset()),)),
        ),
        expect=Expect(
            now="2025-03-31 12:00",
            period=Q1,
            report={
                ("children", "total"): 4,
                ("victim_children", "total"): 3,
                ("victims_by_jurisdiction", "dependent"): 1,
                ("victims_by_jurisdiction", "ward"): 1,
                ("victims_by_jurisdiction", "dual_status"): 1,
                ("children_by_jurisdiction", "not_recorded"): 1,
                ("eligible_children", "total"): 0,
            },
        ),
    ),
    # -- declined answers and evidence ------------------------------------------------------------
    Case(
        "A youth declines to say whether anyone paid her for sex acts and nothing else points "
        "to exploitation: the screening is complete, she is not identified, and her refusal is "
        "no evidence of anything",
        finding=9,
        children=(
            Child(steps=(Screen("2025-03-04 10:00", frozenset({F.DECLINED_WHETHER_PAID})),)),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.NOT_IDENTIFIED,
            risk=RiskLevel.NO_CONCERN,
            obligations=(),
            evidence={"exchange_for_sexual_acts": 0, "sexually_trafficked": 0},
            declined=1,
        ),
    ),
    Case(
        "A girl was paid for sex acts, and nobody knows whether images of her were sold: only "
        "the payment is evidence; the unknown is not listed as evidence of trafficking",
        finding=9,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {
                                F.PAID_FOR_SEX,
                                F.NOT_KNOWN_WHETHER_IMAGES_SOLD,
                                F.WHILE_IN_PLACEMENT,
                                F.HAS_STOPPED,
                            }
                        ),
                        received="2025-03-04 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            evidence={"exchange_for_sexual_acts": 1, "sexually_trafficked": 0},
        ),
    ),
    # -- where the youth lives, when it happened, the county's date -----------------------------
    Case(
        "A dependent living in her mother's home under court supervision was paid for sex acts; "
        "when is not known: she is not in foster care, so the proposal is a victim before care",
        finding=10,
        children=(
            Child(
                placement=PlacementType.HOME_OF_PARENT,
                entered_care=None,
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset({F.PAID_FOR_SEX, F.TIMING_NOT_KNOWN, F.HAS_STOPPED}),
                        received="2025-03-04 09:00",
                    ),
                ),
            ),
        ),
        expect=Expect(now="2025-03-04 10:00", finding=CsecCategory.VICTIM_BEFORE_CARE),
    ),
    Case(
        "A girl exploited both before she entered care and while she was missing from her "
        "placement: both timings are kept, and she is counted a victim while absent",
        finding=10,
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {
                                F.SEX_FOR_A_PLACE_TO_STAY,
                                F.BEFORE_ENTERING_CARE,
                                F.WHILE_MISSING,
                                F.HAS_STOPPED,
                            }
                        ),
                        received="2025-03-04 09:00",
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.VICTIM_WHILE_ABSENT,
            identifications=("victim_while_absent: before_care, while_absent",),
        ),
    ),
    Case(
        "A ward under W&IC 602 in juvenile hall, sexual images of whom were sold while he was "
        "there: a victim in care, counted among the wards",
        children=(
            Child(
                placement=PlacementType.JUVENILE_HALL,
                jurisdiction=Jurisdiction.WARD,
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset({F.SEXUAL_IMAGES_SOLD, F.TIMING_NOT_KNOWN, F.HAS_STOPPED}),
                        received="2025-03-04 09:00",
                    ),
                ),
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.VICTIM_IN_CARE,
            period=Q1,
            report={("victims_by_jurisdiction", "ward"): 1},
        ),
    ),
    Case(
        "A youth not under the court's jurisdiction whose record says she lives with a relative "
        "traded sex for a place to stay; when is not known: a victim before care",
        finding=10,
        children=(
            Child(
                placement=PlacementType.RELATIVE,
                jurisdiction=Jurisdiction.NOT_UNDER_JURISDICTION,
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset({F.SEX_FOR_A_PLACE_TO_STAY, F.TIMING_NOT_KNOWN, F.HAS_STOPPED}),
                        received="2025-03-04 09:00",
                    ),
                ),
            ),
        ),
        expect=Expect(now="2025-03-04 10:00", finding=CsecCategory.VICTIM_BEFORE_CARE),
    ),
    Case(
        "At 20:00 on Monday 3 March in California (already Tuesday in UTC) a caseworker logs a "
        "foster-parent training for Tuesday: refused, it is still Monday in the county",
        finding=10,
        children=(Child(steps=(LogsTraining("2025-03-03 20:00", on=date(2025, 3, 4)),)),),
        expect=Expect(now="2025-03-03 20:00", refused="date is in the future"),
    ),
    Case(
        "At 23:30 on Monday 3 March in California a caseworker logs that evening's training: "
        "accepted and counted, though UTC has moved on to Tuesday",
        children=(Child(steps=(LogsTraining("2025-03-03 23:30", on=date(2025, 3, 3)),)),),
        expect=Expect(
            now="2025-03-03 23:30",
            period=Q1,
            report={("trainings", "total"): 1, ("trainings_by_audience", "foster_parents"): 1},
        ),
    ),
    # -- everyday screenings ----------------------------------------------------------------------
    Case(
        "A routine screening of a youth with no concerns at all: not identified, nothing to do",
        children=(Child(steps=(Screen("2025-03-04 10:00", frozenset()),)),),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.NOT_IDENTIFIED,
            risk=RiskLevel.NO_CONCERN,
            status="not_identified",
            obligations=(),
            worklist=0,
        ),
    ),
    Case(
        "A girl with a much older boyfriend, unexplained money and several phones, the screener "
        "somewhat worried: at risk, documented in the county system within 3 days",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {
                                F.MUCH_OLDER_PARTNER,
                                F.UNEXPLAINED_MONEY,
                                F.SEVERAL_PHONES,
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
            obligations=((DOC, "2025-03-07 10:00", "open"),),
            period=Q1,
            report={("children_by_category", "at_risk"): 1, ("victim_children", "total"): 0},
            worklist=1,
        ),
    ),
    Case(
        "A boy who ran away twice this year, found with motel keys, the screener clearly "
        "worried, but no exploitation known: at risk with a clear concern, asked to look again "
        "at the exploitation questions",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset(
                            {F.RAN_AWAY_TWICE_THIS_YEAR, F.HOTEL_KEYS, F.SCREENER_CLEARLY_CONCERNED}
                        ),
                    ),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00",
            finding=CsecCategory.AT_RISK,
            risk=RiskLevel.CLEAR_CONCERN,
            obligations=((DOC, "2025-03-07 10:00", "open"),),
        ),
    ),
    Case(
        "The county does not document at-risk youth: an at-risk screening creates no task and "
        "puts nobody on the CWS/CMS worklist",
        finding=6,
        children=(
            Child(
                steps=(
                    CountySets("2025-03-01 08:00", {"document_at_risk": False}),
                    Screen("2025-03-04 10:00", AT_RISK_SIGNS),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-04 10:00", finding=CsecCategory.AT_RISK, obligations=(), worklist=0
        ),
    ),
    Case(
        "The caseworker records the police report on the day it was made although she enters "
        "it two days later: the report counts as made on time",
        children=(
            Child(
                steps=(
                    Screen(
                        "2025-03-04 10:00",
                        frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                        received="2025-03-04 09:00",
                    ),
                    MarkDone("2025-03-06 16:00", LE, done_at="2025-03-04 15:00"),
                )
            ),
        ),
        expect=Expect(
            now="2025-03-06 16:00",
            obligations=(
                (DOC, "2025-03-07 09:00", "open"),
                (MDT, "2025-03-09 09:00", "open"),
                (LE, "2025-03-05 09:00", "on time"),
            ),
            period=Q1,
            report={("obligations_met_on_time", LE.value): 1},
        ),
    ),
]
