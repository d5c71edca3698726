"""County CSEC Program figures: the one report model and its counting rules (pure).

The desktop app feeds :func:`aggregate` records from its vault (``services.reports``), the county
server rows from its database (``server/reports.py``); both render the same :class:`CountyReport`
(CSV through ``domain.report_table``, PDF, the dashboard) and publish through
:func:`suppress_small_counts`. No I/O here.

**The child is the unit** (W&IC 16501.45 counts children). For the period ``[start, end)`` (local
calendar dates in the county):

- A **screening** counts when submitted, resubmitted or approved, in the period of the first
  screening of its amendment chain; an addendum replaces what it amends (each chain counts once,
  with its newest counted version). ``screenings`` is the number of such chains, a figure apart.
- A **child** is in the sexual-exploitation figures when screened for it in the period or
  identified in the period, **once**, in one W&IC 16501.45 category: that of the child's latest
  identification received in the period; else that of the child's latest screening of the period
  (a child identified earlier stays in their victim category: their screenings confirm it).
  ``children_by_category`` therefore adds up to ``children``; so do ``children_by_jurisdiction``
  (dependents, wards, dual status, ... as the youth record says now).
- ``children_identified``: children with an identification received in the period (a new
  identified exploitation); ``children_identified_more_than_once``: of those, children with two or
  more identifications received by the end of the period. Voided identifications never count.
- ``eligible_children``: children whose latest screening of the period found W&IC 300(b)(2) met.
- ``children_screened`` and ``children_by_risk_level``: children screened in the period, by the
  risk level of their latest screening.
- **Labor trafficking** is counted apart (``labor_*``), by the same rules, in its own findings
  (identified, at risk, not identified); it is never a CSEC category. Labor screenings stored
  before tracks existed (with a CSEC category) are read as the labor finding they meant.
- **Obligations** due in the period (voided ones left out): met on time, met late, open and overdue
  at ``as_of``, open and not yet due; overall and per kind. Due times run from when the agency
  received the information, so an entry made after the deadline counts as late.
- **Education** and **trainings** held in the period, as before: youth reached is distinct linked
  youth plus anonymous attendees (who cannot be de-duplicated).

Identifications made by the earlier release exist only as its screenings' victim determinations:
they are read as identifications of their screening chain (:func:`identifications_of_chains`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, ClassVar, Generic, Protocol, TypeVar
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from csec_desktop.domain.base import Record
from csec_desktop.domain.education import (
    EducationSession,
    SessionAudience,
    Training,
    TrainingAudience,
)
from csec_desktop.domain.identification import (
    Identification,
    identification_id_for,
    legacy_identification,
)
from csec_desktop.domain.obligation import ObligationKind
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import (
    CsecCategory,
    ExploitationTiming,
    LaborFinding,
    RiskLevel,
    ScreeningStatus,
    Track,
    labor_finding_of,
    track_of,
)
from csec_desktop.domain.youth import Jurisdiction

N = TypeVar("N")

COUNTED_STATUSES = (
    ScreeningStatus.SUBMITTED,
    ScreeningStatus.RESUBMITTED,
    ScreeningStatus.APPROVED,
)
# Counts from 1 to 10 can point at a person: hidden in any report that leaves the county.
SUPPRESS_LOW, SUPPRESS_HIGH = 1, 10


class ReportJurisdiction(StrEnum):
    """A youth's jurisdiction as the report shows it (``not_recorded``: the record says none)."""

    DEPENDENT = Jurisdiction.DEPENDENT.value
    WARD = Jurisdiction.WARD.value
    DUAL_STATUS = Jurisdiction.DUAL_STATUS.value
    NOT_UNDER_JURISDICTION = Jurisdiction.NOT_UNDER_JURISDICTION.value
    NOT_RECORDED = "not_recorded"


# -- slim read views -----------------------------------------------------------------------


class _Facts(Record):
    """A read-only view of a stored record that ignores the fields a report does not count."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class DeterminationFacts(_Part):
    category: CsecCategory | None = None
    risk_level: RiskLevel
    confirmed_at: AwareDatetime
    confirmed_by: str = ""
    timing: ExploitationTiming | None = None
    track: Track | None = None
    labor_finding: LaborFinding | None = None
    identification_id: UUID | None = None


class ResultFacts(_Part):
    eligible: bool


class ScreeningFacts(_Facts):
    record_type: ClassVar[str] = "screening"
    # What the store need not parse for a report (JSON paths; the store drops them in SQL).
    unread_paths: ClassVar[tuple[str, ...]] = (
        "$.answers",
        "$.eligibility",
        "$.notes",
        "$.result.explanation",
        "$.result.missing_required",
        "$.determination.override_reason",
    )

    youth_id: UUID
    instrument_id: str
    screening_date: date
    status: ScreeningStatus
    determination: DeterminationFacts | None = None
    result: ResultFacts | None = None
    amends_id: UUID | None = None
    track: Track | None = None

    @property
    def screening_track(self) -> Track:
        return track_of(self.instrument_id, self.track)

    @property
    def eligible(self) -> bool:
        return self.result is not None and self.result.eligible


class IdentificationFacts(_Facts):
    record_type: ClassVar[str] = "identification"

    youth_id: UUID
    track: Track
    category: CsecCategory | None = None
    information_received_at: AwareDatetime
    voided_at: AwareDatetime | None = None

    @property
    def counted(self) -> bool:
        return self.voided_at is None


class YouthFacts(_Facts):
    record_type: ClassVar[str] = "youth"

    jurisdiction: Jurisdiction | None = None


class ObligationFacts(_Facts):
    record_type: ClassVar[str] = "obligation"

    kind: ObligationKind
    due_at: AwareDatetime
    done_at: AwareDatetime | None = None
    voided_at: AwareDatetime | None = None


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
    """County figures for ``[period_start, period_end)`` (see the module docstring).
    ``CountyReport[int]`` as computed; ``CountyReport[int | str]`` after
    :func:`suppress_small_counts` (``suppressed`` is True)."""

    county: str | None = None
    period_start: date
    period_end: date
    as_of: AwareDatetime
    suppressed: bool = False
    # Sexual exploitation: children, each once.
    children: N
    children_by_category: dict[CsecCategory, N]
    victim_children: N
    children_by_jurisdiction: dict[ReportJurisdiction, N]
    victims_by_jurisdiction: dict[ReportJurisdiction, N]
    children_identified: N
    children_identified_more_than_once: N
    eligible_children: N
    children_screened: N
    children_by_risk_level: dict[RiskLevel, N]
    screenings: N
    # Labor trafficking, apart.
    labor_children: N
    labor_children_by_finding: dict[LaborFinding, N]
    labor_children_identified: N
    labor_screenings: N
    # Follow-up.
    obligations: ObligationFigures[N]
    obligations_by_kind: dict[ObligationKind, ObligationFigures[N]]
    # Education.
    sessions: N
    youth_reached: N
    linked_youth_reached: N
    anonymous_attendees: N
    trainings: N
    trainings_by_audience: dict[TrainingAudience, TrainingFigures[N]]
    sessions_by_audience: dict[SessionAudience, N] = Field(default_factory=dict)
    # Per audience; a youth at sessions of two audiences counts in each (not additive).
    youth_reached_by_audience: dict[SessionAudience, N] = Field(default_factory=dict)


# -- aggregation (pure) --------------------------------------------------------------------


class ChainLink(Protocol):
    """What chaining screenings reads: a ``Screening`` or a ``ScreeningFacts``."""

    @property
    def id(self) -> UUID: ...
    @property
    def amends_id(self) -> UUID | None: ...
    @property
    def screening_date(self) -> date: ...
    @property
    def created_at(self) -> datetime: ...


S = TypeVar("S", bound=ChainLink)
Chain = tuple[ScreeningFacts, ScreeningFacts]


def effective_screenings(screenings: Iterable[S], start: date, end: date) -> list[tuple[S, S]]:
    """``(first of chain, newest counted)`` for each chain whose first screening is in the period.

    ``screenings`` are the counted ones (see ``COUNTED_STATUSES``).
    """
    by_id = {s.id: s for s in screenings}

    def root(screening: S) -> S:
        seen = {screening.id}
        while screening.amends_id is not None and screening.amends_id in by_id:
            if screening.amends_id in seen:
                break
            screening = by_id[screening.amends_id]
            seen.add(screening.id)
        return screening

    newest: dict[UUID, tuple[S, S]] = {}
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


def identifications_of_chains(chains: Iterable[Chain]) -> list[Identification]:
    """The identifications screening chains of the earlier release made without a record
    (``domain.identification.legacy_identification``)."""
    return [
        found
        for first, newest in chains
        if (found := legacy_identification(first, newest)) is not None
    ]


def _latest_by_youth(chains: Iterable[Chain]) -> dict[UUID, Chain]:
    latest: dict[UUID, Chain] = {}
    for chain in chains:
        newest = chain[1]
        held = latest.get(newest.youth_id)
        key = (newest.screening_date, newest.created_at, str(newest.id))
        if held is None or key > (held[1].screening_date, held[1].created_at, str(held[1].id)):
            latest[newest.youth_id] = chain
    return latest


def _screening_category(chain: Chain, voided: set[UUID]) -> CsecCategory:
    """A chain's CSEC category for the report: its newest determination's, except that a victim
    category resting on an identification since voided counts by risk instead (at risk, or not
    identified): a voided identification is never counted, in any form."""
    first, newest = chain
    determination = newest.determination
    if determination is None or determination.category is None:
        return CsecCategory.NOT_IDENTIFIED  # a counted CSEC screening always has one
    category = determination.category
    if category.is_victim:
        made = determination.identification_id or identification_id_for(
            first.id, Track.SEXUAL_EXPLOITATION
        )
        if made in voided:
            if determination.risk_level is RiskLevel.NO_CONCERN:
                return CsecCategory.NOT_IDENTIFIED
            return CsecCategory.AT_RISK
    return category


Counted = IdentificationFacts | Identification


def _received_key(identification: Counted) -> tuple[datetime, str]:
    return identification.information_received_at, str(identification.id)


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


class _Track:
    """One track's children for the period: who was screened, who identified, and the
    latest of each."""

    def __init__(
        self,
        track: Track,
        chains: list[Chain],
        identifications: list[Counted],
        start: datetime,
        end: datetime,
    ) -> None:
        self.chains = [c for c in chains if c[1].screening_track is track]
        self.screened = _latest_by_youth(self.chains)
        history = [i for i in identifications if i.track is track and i.counted]
        self.identified: dict[UUID, Counted] = {}
        by_youth: dict[UUID, int] = {}
        for identification in sorted(history, key=_received_key):
            received = identification.information_received_at
            if received < end:
                by_youth[identification.youth_id] = by_youth.get(identification.youth_id, 0) + 1
            if start <= received < end:
                self.identified[identification.youth_id] = identification  # the latest wins
        self.more_than_once = sum(1 for y in self.identified if by_youth.get(y, 0) > 1)
        self.children = set(self.screened) | set(self.identified)


def aggregate(
    *,
    start: date,
    end: date,
    as_of: datetime,
    policy: CountyPolicy,
    screenings: Iterable[ScreeningFacts],
    identifications: Iterable[IdentificationFacts] = (),
    youth: Iterable[YouthFacts] = (),
    obligations: Iterable[ObligationFacts],
    sessions: Iterable[EducationSession],
    trainings: Iterable[Training],
    county: str | None = None,
) -> CountyReport[int]:
    """The county report from already-loaded records (see the module docstring).

    ``screenings``: the counted ones of the period and what their chains need;
    ``identifications``: the stored ones received by the end of the period (earlier ones too:
    "identified more than once" looks back); ``youth``: at least the children counted (for their
    jurisdiction); ``obligations``, ``sessions``, ``trainings``: at least those of the period.
    """
    if not start < end:
        raise ValueError("the period must end after it starts")
    period_from, period_to = period_bounds(start, end, policy)
    chains = effective_screenings(screenings, start, end)
    stored: dict[UUID, Counted] = {i.id: i for i in identifications}
    derived = [i for i in identifications_of_chains(chains) if i.id not in stored]
    every_identification: list[Counted] = [*stored.values(), *derived]
    csec = _Track(Track.SEXUAL_EXPLOITATION, chains, every_identification, period_from, period_to)
    labor = _Track(Track.LABOR_TRAFFICKING, chains, every_identification, period_from, period_to)
    jurisdiction_of = {y.id: y.jurisdiction for y in youth}

    by_category = dict.fromkeys(CsecCategory, 0)
    by_jurisdiction = dict.fromkeys(ReportJurisdiction, 0)
    victims_by_jurisdiction = dict.fromkeys(ReportJurisdiction, 0)
    voided = {i.id for i in every_identification if not i.counted}
    for child in csec.children:
        identified = csec.identified.get(child)
        screened = csec.screened.get(child)
        category = identified.category if identified is not None else None
        if category is None and screened is not None:
            category = _screening_category(screened, voided)
        category = category or CsecCategory.NOT_IDENTIFIED
        by_category[category] += 1
        where = jurisdiction_of.get(child)
        key = ReportJurisdiction(where.value) if where else ReportJurisdiction.NOT_RECORDED
        by_jurisdiction[key] += 1
        if category.is_victim:
            victims_by_jurisdiction[key] += 1
    by_risk = dict.fromkeys(RiskLevel, 0)
    for _first, newest in csec.screened.values():
        if newest.determination is not None:
            by_risk[newest.determination.risk_level] += 1

    by_finding = dict.fromkeys(LaborFinding, 0)
    for child in labor.children:
        chain = labor.screened.get(child)
        labor_latest = chain[1] if chain else None
        if child in labor.identified:
            finding = LaborFinding.IDENTIFIED
        elif labor_latest is not None and labor_latest.determination is not None:
            determination = labor_latest.determination
            finding = determination.labor_finding or (
                labor_finding_of(determination.category)
                if determination.category
                else LaborFinding.NOT_IDENTIFIED
            )
        else:
            finding = LaborFinding.NOT_IDENTIFIED
        by_finding[finding] += 1

    due = [o for o in obligations if o.voided_at is None and period_from <= o.due_at < period_to]
    by_kind: dict[ObligationKind, list[ObligationFacts]] = {kind: [] for kind in ObligationKind}
    for obligation in due:
        by_kind[obligation.kind].append(obligation)
    per_kind = {kind: _obligation_figures(found, as_of) for kind, found in by_kind.items()}

    held = [s for s in sessions if start <= s.session_date < end and not s.voided]
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
        children=len(csec.children),
        children_by_category=by_category,
        victim_children=sum(n for c, n in by_category.items() if c.is_victim),
        children_by_jurisdiction=by_jurisdiction,
        victims_by_jurisdiction=victims_by_jurisdiction,
        children_identified=len(csec.identified),
        children_identified_more_than_once=csec.more_than_once,
        eligible_children=sum(1 for _first, s in csec.screened.values() if s.eligible),
        children_screened=len(csec.screened),
        children_by_risk_level=by_risk,
        screenings=len(csec.chains),
        labor_children=len(labor.children),
        labor_children_by_finding=by_finding,
        labor_children_identified=len(labor.identified),
        labor_screenings=len(labor.chains),
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
    so that hiding one part alone would let anyone work it out by subtraction.

    Only true partitions are listed. Child counts that are not sums are left out on purpose:
    ``children_identified`` (a subset of the children, not split by category),
    ``children_identified_more_than_once``, ``eligible_children``, ``screenings`` (screenings,
    not children), and ``youth_reached_by_audience`` (a youth at two audiences counts in each).
    """
    victims = [("children_by_category", c) for c in CsecCategory if c.is_victim]
    groups: list[tuple[Path, list[Path]]] = [
        (("children",), [("children_by_category", c) for c in CsecCategory]),
        (("children",), [("children_by_jurisdiction", j) for j in ReportJurisdiction]),
        (("victim_children",), victims),
        (("victim_children",), [("victims_by_jurisdiction", j) for j in ReportJurisdiction]),
        (("children_screened",), [("children_by_risk_level", r) for r in RiskLevel]),
        (("labor_children",), [("labor_children_by_finding", f) for f in LaborFinding]),
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
    "IdentificationFacts",
    "ObligationFacts",
    "ObligationFigures",
    "ReportJurisdiction",
    "ScreeningFacts",
    "TrainingFigures",
    "YouthFacts",
    "additive_groups",
    "aggregate",
    "effective_screenings",
    "identifications_of_chains",
    "period_bounds",
    "suppress_small_counts",
]
