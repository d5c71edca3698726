"""County CSEC Program figures for a period, and small-count suppression before they leave.

What is counted is written once, in ``domain/reporting.py`` (children, not screenings: each child
once, in the W&IC 16501.45 category of their latest identification in the period; labor
trafficking apart; obligations late counted from when the information was received; see its
docstring). This service feeds it the vault's records; the county server feeds it its rows
(``server/reports.py``); both publish through :func:`suppress_small_counts` and lay the report
out with ``domain.report_table`` (one column list, one CSV writer).

Reports read slim views (:class:`ScreeningFacts`, :class:`ObligationFacts`, ...) that keep only
what is counted, and read them from the store's facts table (``store/report_facts.py``): a few
hundred bytes per record kept beside it by the store, instead of bodies of ~5 KB whose answers a
report never counts (reading those bodies was most of a year's report). They read only the period
(indexed event dates), plus the few screenings an amendment chain needs from outside it, the
identifications received by the end of the period, and the youth counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from csec_desktop.domain import EducationSession, Training
from csec_desktop.domain import reporting as _rules
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import (
    COUNTED_STATUSES,
    HIDDEN_MARKER,
    SUPPRESS_HIGH,
    SUPPRESS_LOW,
    CountyReport,
    DeterminationFacts,
    IdentificationFacts,
    ObligationFacts,
    ObligationFigures,
    ScreeningFacts,
    TrainingFigures,
    YouthFacts,
    effective_screenings,
    period_bounds,
    suppress_small_counts,
)
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput
from csec_desktop.store import Store


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
    identifications: Iterable[IdentificationFacts] = (),
    youth: Iterable[YouthFacts] = (),
    county: str | None = None,
) -> CountyReport[int]:
    """The county report from already-loaded records (``domain.reporting.aggregate``)."""
    if not start < end:
        raise InvalidInput("the period must end after it starts")
    return _rules.aggregate(
        start=start, end=end, as_of=as_of, policy=policy, screenings=screenings,
        identifications=identifications, youth=youth, obligations=obligations,
        sessions=sessions, trainings=trainings, county=county,
    )  # fmt: skip


# -- the service ---------------------------------------------------------------------------


class ReportService:
    """Computes county reports from the local store."""

    def __init__(
        self,
        store: Store,
        policy: CountyPolicy,
        clock: Clock = system_clock,
        *,
        county: str | None = None,
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock = clock
        self.county = county

    def county_report(self, start: date, end: date) -> CountyReport[int]:
        """Figures for ``[start, end)`` as of now (see the module docstring)."""
        if not start < end:
            raise InvalidInput("the period must end after it starts")
        period_from, period_to = period_bounds(start, end, self.policy)
        screenings = self._screenings(start, end)
        identifications = self.store.report_facts(
            IdentificationFacts, event_before=period_to.isoformat()
        )
        counted = {s.youth_id for s in screenings} | {i.youth_id for i in identifications}
        youth = self.store.report_facts_of(YouthFacts, counted)
        return aggregate(
            start=start,
            end=end,
            as_of=now_utc(self.clock),
            policy=self.policy,
            screenings=screenings,
            identifications=identifications,
            youth=youth,
            obligations=self.store.report_facts(
                ObligationFacts,
                event_from=period_from.isoformat(),
                event_before=period_to.isoformat(),
            ),
            sessions=self.store.records(
                EducationSession,
                event_from=start.isoformat(),
                event_before=end.isoformat(),
                ordered=False,
            ),
            trainings=self.store.records(
                Training,
                event_from=start.isoformat(),
                event_before=end.isoformat(),
                ordered=False,
            ),
            county=self.county,
        )

    def _counted(self, *, event_from: str | None, event_before: str | None) -> list[ScreeningFacts]:
        # The facts' (type, status, event date) index serves this.
        return self.store.report_facts(
            ScreeningFacts,
            statuses=[status.value for status in COUNTED_STATUSES],
            event_from=event_from,
            event_before=event_before,
        )

    def _screenings(self, start: date, end: date) -> list[ScreeningFacts]:
        """The counted screenings of the period, with what their amendment chains need.

        An addendum done after the period still replaces a screening of the period, and an
        addendum of the period whose chain began earlier belongs to the earlier period: so the
        later addenda are read too, and every screening an addendum amends, walking up.
        """
        found = {s.id: s for s in self._counted(event_from=start.isoformat(), event_before=None)}
        found = {
            key: s for key, s in found.items() if s.screening_date < end or s.amends_id is not None
        }
        wanted = {s.amends_id for s in found.values() if s.amends_id is not None} - set(found)
        while wanted:  # one read per step up the chains
            amended = self.store.report_facts_of(ScreeningFacts, wanted)
            found.update((screening.id, screening) for screening in amended)
            wanted = {s.amends_id for s in amended if s.amends_id is not None} - set(found)
        # A chain's root that is no longer counted (e.g. returned) is only a link, not a count.
        return [s for s in found.values() if s.status in COUNTED_STATUSES]


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
    "ReportService",
    "ScreeningFacts",
    "TrainingFigures",
    "YouthFacts",
    "aggregate",
    "effective_screenings",
    "period_bounds",
    "suppress_small_counts",
]
