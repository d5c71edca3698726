"""Small-count suppression before a report leaves the county: no count of 1-10 is published,
and no hidden count can be worked out by subtracting published counts from a published total
(complementary suppression). Properties over random reports, plus worked examples."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from csec_desktop.domain import CsecCategory, LaborFinding, ObligationKind, RiskLevel
from csec_desktop.domain.education import SessionAudience, TrainingAudience
from csec_desktop.domain.reporting import (
    HIDDEN_MARKER,
    CountyReport,
    ObligationFigures,
    ReportJurisdiction,
    TrainingFigures,
    additive_groups,
    suppress_small_counts,
)

count = st.integers(min_value=0, max_value=40)


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _split(draw: st.DrawFn, total: int, keys: list[Any]) -> dict[Any, int]:
    """``total`` cut into one count per key (a true partition)."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=len(keys) - 1,
                                max_size=len(keys) - 1)))  # fmt: skip
    bounds = [0, *cuts, total]
    return {key: bounds[i + 1] - bounds[i] for i, key in enumerate(keys)}


@st.composite
def reports(draw: st.DrawFn) -> CountyReport[int]:
    categories = {c: draw(count) for c in CsecCategory}
    children = sum(categories.values())
    victims = sum(n for c, n in categories.items() if c.is_victim)
    victims_by = _split(draw, victims, list(ReportJurisdiction))
    # The non-victims split by jurisdiction too; children per jurisdiction include the victims.
    others_by = _split(draw, children - victims, list(ReportJurisdiction))
    screened = draw(st.integers(0, children))
    labor = {f: draw(count) for f in LaborFinding}
    by_kind = {
        k: ObligationFigures[int](
            met_on_time=draw(count), met_late=draw(count),
            open_overdue=draw(count), open_not_yet_due=draw(count),
        )
        for k in ObligationKind
    }  # fmt: skip
    sessions = {a: draw(count) for a in SessionAudience}
    linked, anonymous = draw(count), draw(count)
    trained = {
        a: TrainingFigures[int](trainings=draw(count), attendees=draw(count))
        for a in TrainingAudience
    }
    return CountyReport[int](
        county="Fresno",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 4, 1),
        as_of=datetime(2026, 4, 2, tzinfo=UTC),
        children=children,
        children_by_category=categories,
        victim_children=victims,
        children_by_jurisdiction={j: victims_by[j] + others_by[j] for j in ReportJurisdiction},
        victims_by_jurisdiction=victims_by,
        children_identified=draw(st.integers(0, victims)),
        children_identified_more_than_once=draw(st.integers(0, 5)),
        eligible_children=draw(st.integers(0, children)),
        children_screened=screened,
        children_by_risk_level=_split(draw, screened, list(RiskLevel)),
        screenings=draw(st.integers(screened, screened + 40)),
        labor_children=sum(labor.values()),
        labor_children_by_finding=labor,
        labor_children_identified=draw(st.integers(0, labor[LaborFinding.IDENTIFIED])),
        labor_screenings=draw(count),
        obligations=ObligationFigures[int](
            **{
                field: sum(getattr(f, field) for f in by_kind.values())
                for field in ("met_on_time", "met_late", "open_overdue", "open_not_yet_due")
            }
        ),
        obligations_by_kind=by_kind,
        sessions=sum(sessions.values()),
        youth_reached=linked + anonymous,
        linked_youth_reached=linked,
        anonymous_attendees=anonymous,
        trainings=sum(t.trainings for t in trained.values()),
        trainings_by_audience=trained,
        sessions_by_audience=sessions,
        youth_reached_by_audience={a: draw(count) for a in SessionAudience},
    )


@settings(max_examples=300, deadline=None)
@given(reports())
def test_nothing_small_is_published_and_nothing_hidden_can_be_worked_out(
    exact: CountyReport[int],
) -> None:
    published = suppress_small_counts(exact)
    shown, truth = published.model_dump(), exact.model_dump()
    for total, parts in additive_groups(exact):
        cells = [total, *parts]
        assert _get(truth, total) == sum(_get(truth, part) for part in parts)  # a real identity
        hidden = [cell for cell in cells if not isinstance(_get(shown, cell), int)]
        assert len(hidden) != 1, f"{hidden[0]} = {total} minus the rest"
        for cell in cells:
            value, real = _get(shown, cell), _get(truth, cell)
            if isinstance(value, int):
                assert value == real and not 1 <= value <= 10
            elif value == "1-10":
                assert 1 <= real <= 10
            else:
                assert value == HIDDEN_MARKER and real > 10  # hidden only to protect another


def zero_report(**figures: Any) -> CountyReport[int]:
    empty = ObligationFigures[int](met_on_time=0, met_late=0, open_overdue=0, open_not_yet_due=0)
    values: dict[str, Any] = {
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 4, 1),
        "as_of": datetime(2026, 4, 2, tzinfo=UTC),
        "children": 0,
        "children_by_category": dict.fromkeys(CsecCategory, 0),
        "victim_children": 0,
        "children_by_jurisdiction": dict.fromkeys(ReportJurisdiction, 0),
        "victims_by_jurisdiction": dict.fromkeys(ReportJurisdiction, 0),
        "children_identified": 0,
        "children_identified_more_than_once": 0,
        "eligible_children": 0,
        "children_screened": 0,
        "children_by_risk_level": dict.fromkeys(RiskLevel, 0),
        "screenings": 0,
        "labor_children": 0,
        "labor_children_by_finding": dict.fromkeys(LaborFinding, 0),
        "labor_children_identified": 0,
        "labor_screenings": 0,
        "obligations": empty,
        "obligations_by_kind": dict.fromkeys(ObligationKind, empty),
        "sessions": 0,
        "youth_reached": 0,
        "linked_youth_reached": 0,
        "anonymous_attendees": 0,
        "trainings": 0,
        "trainings_by_audience": dict.fromkeys(
            TrainingAudience, TrainingFigures[int](trainings=0, attendees=0)
        ),
        "sessions_by_audience": dict.fromkeys(SessionAudience, 0),
        "youth_reached_by_audience": dict.fromkeys(SessionAudience, 0),
    }
    values.update(figures)
    return CountyReport[int](**values)


def test_the_smallest_other_part_is_hidden_with_a_small_one() -> None:
    sessions = {
        **dict.fromkeys(SessionAudience, 0),
        SessionAudience.FOSTER_YOUTH: 40,
        SessionAudience.GROUP_HOME_YOUTH: 15,
        SessionAudience.MIXED: 3,
    }
    published = suppress_small_counts(zero_report(sessions=58, sessions_by_audience=sessions))
    assert published.sessions == 58
    shown = published.sessions_by_audience
    assert shown[SessionAudience.MIXED] == "1-10"
    assert shown[SessionAudience.GROUP_HOME_YOUTH] == HIDDEN_MARKER  # 58 - 40 - 15 would be 3
    assert shown[SessionAudience.FOSTER_YOUTH] == 40
    assert shown[SessionAudience.PROBATION_YOUTH] == 0


def test_two_small_parts_protect_each_other_and_the_total_stays() -> None:
    published = suppress_small_counts(
        zero_report(youth_reached=14, linked_youth_reached=4, anonymous_attendees=10)
    )
    assert published.linked_youth_reached == published.anonymous_attendees == "1-10"
    assert published.youth_reached == 14  # two hidden parts: neither can be worked out


def _jurisdictions(**counts: int) -> dict[ReportJurisdiction, int]:
    return {**dict.fromkeys(ReportJurisdiction, 0), **{ReportJurisdiction(k): v for k, v in
                                                        counts.items()}}  # fmt: skip


def test_a_cell_in_two_totals_is_checked_against_both() -> None:
    """A victim category is a part of the children and of the identified victims."""
    categories = {
        **dict.fromkeys(CsecCategory, 0),
        CsecCategory.VICTIM_IN_CARE: 4,
        CsecCategory.VICTIM_BEFORE_CARE: 30,
        CsecCategory.AT_RISK: 50,
    }
    published = suppress_small_counts(
        zero_report(
            children=84,
            victim_children=34,
            children_by_category=categories,
            children_by_jurisdiction=_jurisdictions(dependent=84),
            victims_by_jurisdiction=_jurisdictions(dependent=34),
        )
    )
    shown = published.children_by_category
    assert shown[CsecCategory.VICTIM_IN_CARE] == "1-10"
    assert shown[CsecCategory.VICTIM_BEFORE_CARE] == HIDDEN_MARKER  # 34 - 30 would be 4
    assert shown[CsecCategory.AT_RISK] == 50  # two categories hidden: 84 - 50 gives only their sum
    assert (published.children, published.victim_children) == (84, 34)


def test_one_count_in_two_totals_protects_both_rather_than_one_more_in_each() -> None:
    categories = {
        **dict.fromkeys(CsecCategory, 0),
        CsecCategory.VICTIM_BEFORE_CARE: 5,
        CsecCategory.VICTIM_IN_CARE: 82,
        CsecCategory.VICTIM_WHILE_ABSENT: 20,
        CsecCategory.AT_RISK: 80,
        CsecCategory.NOT_IDENTIFIED: 15,
    }
    published = suppress_small_counts(
        zero_report(
            children=202,
            victim_children=107,
            children_by_category=categories,
            children_by_jurisdiction=_jurisdictions(ward=202),
            victims_by_jurisdiction=_jurisdictions(ward=107),
        )
    )
    shown = published.children_by_category
    assert shown[CsecCategory.VICTIM_BEFORE_CARE] == "1-10"
    assert shown[CsecCategory.VICTIM_WHILE_ABSENT] == HIDDEN_MARKER  # in both totals
    assert shown[CsecCategory.NOT_IDENTIFIED] == 15  # not hidden as well
    assert (published.children, published.victim_children) == (202, 107)


def test_child_counts_that_are_not_sums_are_not_listed_as_sums() -> None:
    """Children identified in the period, or more than once, or eligible, are subsets of the
    children, not parts that add up to a total: listing them would make suppression hide
    counts for nothing, or think a count protected that is not."""
    listed = {path for total, parts in additive_groups(zero_report()) for path in [total, *parts]}
    for figure in (
        "children_identified",
        "children_identified_more_than_once",
        "eligible_children",
        "screenings",
        "labor_children_identified",
    ):
        assert (figure,) not in listed
    assert not any(path[0] == "youth_reached_by_audience" for path in listed)
