"""County CSEC Program figures: the counting rules and small-count suppression (pure).

The one implementation of what a county report counts (see ``services/reports.py`` for the rules
in words). The desktop app feeds it records from its vault (``services.reports.ReportService``),
the county server feeds it rows from its database (``server/reports.py``); both publish through
:func:`suppress_small_counts`. No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from csec_desktop.domain.base import Record
from csec_desktop.domain.education import (
    EducationSession,
    SessionAudience,
    Training,
    TrainingAudience,
)
from csec_desktop.domain.obligation import ObligationKind
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import CsecCategory, RiskLevel, ScreeningStatus

N = TypeVar("N")

COUNTED_STATUSES = (
    ScreeningStatus.SUBMITTED,
    ScreeningStatus.RESUBMITTED,
    ScreeningStatus.APPROVED,
)
# Counts from 1 to 10 can point at a person: hidden in any report that leaves the county.
SUPPRESS_LOW, SUPPRESS_HIGH = 1, 10

# -- slim read views -----------------------------------------------------------------------


class _Facts(Record):
    """A read-only view of a stored record that ignores the fields a report does not count."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class DeterminationFacts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    category: CsecCategory
    risk_level: RiskLevel


class ScreeningFacts(_Facts):
    record_type: ClassVar[str] = "screening"

    youth_id: UUID
    screening_date: date
    status: ScreeningStatus
    determination: DeterminationFacts | None = None
    amends_id: UUID | None = None


class ObligationFacts(_Facts):
    record_type: ClassVar[str] = "obligation"

    kind: ObligationKind
    due_at: AwareDatetime
    done_at: AwareDatetime | None = None


# -- the report ----------------------------------------------------------------------------


class _Figures(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ObligationFigures(_Figures, Generic[N]):
    met_on_time: N
    met_late: N
    open_overdue: N
    open_not_yet_due: N


class TrainingFigures(_Figures, Generic[N]):
    trainings: N
    attendees: N


class CountyReport(_Figures, Generic[N]):
    """County figures for ``[period_start, period_end)``. ``CountyReport[int]`` as computed;
    ``CountyReport[int | str]`` after :func:`suppress_small_counts` (``suppressed`` is True)."""

    county: str | None = None
    period_start: date
    period_end: date
    as_of: AwareDatetime
    suppressed: bool = False
    youth_screened: N
    screenings: N
    identified_victims: N  # the screenings whose category is a victim category
    undetermined: N  # counted screenings without a determination (in neither breakdown)
    by_category: dict[CsecCategory, N]
    by_risk_level: dict[RiskLevel, N]
    obligations: ObligationFigures[N]
    obligations_by_kind: dict[ObligationKind, ObligationFigures[N]]
    sessions: N
    youth_reached: N
    linked_youth_reached: N
    anonymous_attendees: N
    trainings: N
    trainings_by_audience: dict[TrainingAudience, TrainingFigures[N]]
    # Per audience; a youth at sessions of two audiences counts in each.
    sessions_by_audience: dict[SessionAudience, N] = Field(default_factory=dict)
    youth_reached_by_audience: dict[SessionAudience, N] = Field(default_factory=dict)


# -- aggregation (pure) --------------------------------------------------------------------


def effective_screenings(
    screenings: Iterable[ScreeningFacts], start: date, end: date
) -> list[tuple[ScreeningFacts, ScreeningFacts]]:
    """``(first of chain, newest counted)`` for each chain whose first screening is in the period.

    ``screenings`` are the counted ones (see ``COUNTED_STATUSES``).
    """
    by_id = {s.id: s for s in screenings}

    def root(screening: ScreeningFacts) -> ScreeningFacts:
        seen = {screening.id}
        while screening.amends_id is not None and screening.amends_id in by_id:
            if screening.amends_id in seen:
                break
            screening = by_id[screening.amends_id]
            seen.add(screening.id)
        return screening

    newest: dict[UUID, tuple[ScreeningFacts, ScreeningFacts]] = {}
    for screening in by_id.values():
        first = root(screening)
        if not start <= first.screening_date < end:
            continue
        current = newest.get(first.id)
        if current is None or (screening.created_at, str(screening.id)) > (
            current[1].created_at,
            str(current[1].id),
        ):
            newest[first.id] = (first, screening)
    return list(newest.values())


def _obligation_figures(
    obligations: Sequence[ObligationFacts], as_of: datetime
) -> ObligationFigures[int]:
    on_time = late = overdue = not_due = 0
    for obligation in obligations:
        if obligation.done_at is not None:
            if obligation.done_at <= obligation.due_at:
                on_time += 1
            else:
                late += 1
        elif as_of > obligation.due_at:
            overdue += 1
        else:
            not_due += 1
    return ObligationFigures[int](
        met_on_time=on_time, met_late=late, open_overdue=overdue, open_not_yet_due=not_due
    )


def aggregate(
    *,
    start: date,
    end: date,
    as_of: datetime,
    policy: CountyPolicy,
    screenings: Iterable[ScreeningFacts],
    obligations: Iterable[ObligationFacts],
    sessions: Iterable[EducationSession],
    trainings: Iterable[Training],
    county: str | None = None,
) -> CountyReport[int]:
    """The county report from already-loaded records (see the module docstring for the rules)."""
    if not start < end:
        raise ValueError("the period must end after it starts")
    chains = effective_screenings(screenings, start, end)
    by_category = dict.fromkeys(CsecCategory, 0)
    by_risk = dict.fromkeys(RiskLevel, 0)
    youth: set[UUID] = set()
    for _first, counted in chains:
        youth.add(counted.youth_id)
        if counted.determination is not None:
            by_category[counted.determination.category] += 1
            by_risk[counted.determination.risk_level] += 1

    zone = policy.zone
    period_from = datetime.combine(start, time(0), zone)
    period_to = datetime.combine(end, time(0), zone)
    due = [o for o in obligations if period_from <= o.due_at < period_to]
    by_kind: dict[ObligationKind, list[ObligationFacts]] = {kind: [] for kind in ObligationKind}
    for obligation in due:
        by_kind[obligation.kind].append(obligation)
    per_kind = {kind: _obligation_figures(found, as_of) for kind, found in by_kind.items()}

    held = [s for s in sessions if start <= s.session_date < end]
    linked = {youth_id for s in held for youth_id in s.attendee_youth_ids}
    anonymous = sum(s.anonymous_attendee_count for s in held)
    sessions_by_audience = dict.fromkeys(SessionAudience, 0)
    youth_by_audience = dict.fromkeys(SessionAudience, 0)
    for audience in SessionAudience:
        of_audience = [s for s in held if s.audience is audience]
        sessions_by_audience[audience] = len(of_audience)
        youth_by_audience[audience] = len(
            {youth_id for s in of_audience for youth_id in s.attendee_youth_ids}
        ) + sum(s.anonymous_attendee_count for s in of_audience)

    trained = [t for t in trainings if start <= t.training_date < end]
    per_audience = {
        audience: TrainingFigures[int](
            trainings=sum(1 for t in trained if t.audience_type is audience),
            attendees=sum(t.attendee_count for t in trained if t.audience_type is audience),
        )
        for audience in TrainingAudience
    }
    return CountyReport[int](
        county=county,
        period_start=start,
        period_end=end,
        as_of=as_of,
        youth_screened=len(youth),
        screenings=len(chains),
        identified_victims=sum(n for category, n in by_category.items() if category.is_victim),
        undetermined=len(chains) - sum(by_category.values()),
        by_category=by_category,
        by_risk_level=by_risk,
        obligations=ObligationFigures[int](
            met_on_time=sum(f.met_on_time for f in per_kind.values()),
            met_late=sum(f.met_late for f in per_kind.values()),
            open_overdue=sum(f.open_overdue for f in per_kind.values()),
            open_not_yet_due=sum(f.open_not_yet_due for f in per_kind.values()),
        ),
        obligations_by_kind=per_kind,
        sessions=len(held),
        youth_reached=len(linked) + anonymous,
        linked_youth_reached=len(linked),
        anonymous_attendees=anonymous,
        trainings=len(trained),
        trainings_by_audience=per_audience,
        sessions_by_audience=sessions_by_audience,
        youth_reached_by_audience=youth_by_audience,
    )


def period_bounds(start: date, end: date, policy: CountyPolicy) -> tuple[datetime, datetime]:
    """``[start, end)`` as UTC times: midnights in the county's time zone."""
    zone = policy.zone
    return (
        datetime.combine(start, time(0), zone).astimezone(UTC),
        datetime.combine(end, time(0), zone).astimezone(UTC),
    )


# -- suppression ---------------------------------------------------------------------------


# A count hidden without saying its range: one hidden only to protect a small count elsewhere
# (complementary suppression), or one a report received already hidden.
HIDDEN_MARKER = "hidden"

Path = tuple[Any, ...]  # a count's place in ``CountyReport.model_dump()``


def additive_groups(report: CountyReport[Any]) -> list[tuple[Path, list[Path]]]:
    """``(total, parts)``: the places where a published total is the sum of published parts,
    so that hiding one part alone would let anyone work it out by subtraction."""
    categories = [("by_category", c) for c in CsecCategory]
    victims = [("by_category", c) for c in CsecCategory if c.is_victim]
    groups: list[tuple[Path, list[Path]]] = [
        (("screenings",), [*categories, ("undetermined",)]),
        (("screenings",), [*[("by_risk_level", r) for r in RiskLevel], ("undetermined",)]),
        (("identified_victims",), victims),
        (("youth_reached",), [("linked_youth_reached",), ("anonymous_attendees",)]),
        (("sessions",), [("sessions_by_audience", a) for a in SessionAudience]),
        (("trainings",), [("trainings_by_audience", a, "trainings") for a in TrainingAudience]),
    ]
    for field in ("met_on_time", "met_late", "open_overdue", "open_not_yet_due"):
        groups.append(
            (("obligations", field), [("obligations_by_kind", k, field) for k in ObligationKind])
        )
    return groups


def _get(data: dict[str, Any], path: Path) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key, 0) if isinstance(value, dict) else 0
    return value


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def suppress_small_counts(
    report: CountyReport[int],
    low: int = SUPPRESS_LOW,
    high: int = SUPPRESS_HIGH,
    marker: str | None = None,
) -> CountyReport[int | str]:
    """``report`` as it may leave the county: every count from ``low`` to ``high`` replaced by
    ``marker`` (default ``"1-10"``); zero stays zero.

    Then complementary suppression: wherever a total and its parts are published together
    (``additive_groups``) and exactly one of them is hidden, one more non-zero count of that
    group is hidden, shown as ``HIDDEN_MARKER`` (a part rather than the total; one that also
    protects another such group first; then the smallest), until no hidden count can be worked
    out by subtraction.
    """
    if low < 1 or high < low:
        raise ValueError("the suppressed range must be 1 or more and not empty")
    shown = marker if marker is not None else f"{low}-{high}"
    exact = report.model_dump()
    dates = ("period_start", "period_end", "as_of")

    def primary(value: Any, path: Path) -> Any:
        if isinstance(value, bool) or path[0] in dates:
            return value
        if isinstance(value, int):
            return shown if low <= value <= high else value
        if isinstance(value, dict):
            return {key: primary(item, (*path, key)) for key, item in value.items()}
        return value

    data = {name: primary(value, (name,)) for name, value in exact.items()}  # new dicts
    groups = [
        (total, parts)
        for total, parts in additive_groups(report)
        if _get(exact, total) == sum(_get(exact, part) for part in parts)
    ]

    def hidden_in(cells: list[Path]) -> list[Path]:
        return [cell for cell in cells if not isinstance(_get(data, cell), int)]

    def exposed() -> list[list[Path]]:
        """The groups in which exactly one count is hidden (it could be worked out)."""
        return [cells for total, parts in groups if len(hidden_in(cells := [total, *parts])) == 1]

    while weak := exposed():
        cells = weak[0]
        # Hide one more count of this group: a part rather than the total (totals are what
        # readers need most), preferably one that also protects another exposed group (a count
        # in two totals), then the smallest.
        candidates = [cell for cell in cells if cell not in hidden_in(cells)]
        choice = min(
            (cell for cell in candidates if _get(exact, cell) > 0),
            key=lambda cell: (
                cell == cells[0],
                -sum(cell in other for other in weak[1:]),
                _get(exact, cell),
            ),
            default=None,
        )
        if choice is None:  # only zeros beside it: then the hidden one is zero too (never hidden)
            raise AssertionError("a hidden count beside only zeros")
        _set(data, choice, HIDDEN_MARKER)
    data["suppressed"] = True
    return CountyReport[int | str].model_validate(data)


__all__ = [
    "COUNTED_STATUSES",
    "HIDDEN_MARKER",
    "SUPPRESS_HIGH",
    "SUPPRESS_LOW",
    "CountyReport",
    "DeterminationFacts",
    "ObligationFacts",
    "ObligationFigures",
    "ScreeningFacts",
    "TrainingFigures",
    "additive_groups",
    "aggregate",
    "effective_screenings",
    "period_bounds",
    "suppress_small_counts",
]
