"""What needs the caseworker now, and the caseload as a list: read-only use cases for the screen
the app opens on and for the youth list.

* :meth:`TodayService.today`: obligations overdue or due within a day (and every open 24-hour
  report, urgent from its first minute), screenings to finish (drafts) and to correct (returned
  by the supervisor), youth missing from care now; with counts for the side list and status bar.
* :meth:`TodayService.caseload`: the youth list before anything is typed, by family name, with
  each youth's latest risk level and screening date and open obligations.
* :meth:`TodayService.search`: a typed search (``Store.search_youth``) with the same columns.

Nothing here writes; nothing is audited (names in a list, as in search results; opening a
youth's page is audited by ``YouthService.overview``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from csec_desktop.domain import (
    MissingEpisode,
    Obligation,
    RiskLevel,
    ScreeningStatus,
    Youth,
)
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.ordering import TWENTY_FOUR_HOUR_KINDS, by_urgency
from csec_desktop.store import Store
from csec_desktop.store.youth_facts import YouthFacts

URGENT_WITHIN = timedelta(hours=24)
CASELOAD_LIMIT = 500  # far above a caseworker's caseload; a larger vault is searched instead
SEARCH_LIMIT = 50
_RISK_VALUES = frozenset(level.value for level in RiskLevel)


def youth_label(youth: Youth) -> str:
    """How a youth is listed: family name first, the name they go by."""
    return f"{youth.family_name}, {youth.preferred_name or youth.given_name}"


def is_urgent(obligation: Obligation, now: datetime) -> bool:
    """Open, and overdue, due within a day, or a 24-hour report (urgent from the start)."""
    if obligation.done:
        return False
    return obligation.kind in TWENTY_FOUR_HOUR_KINDS or obligation.due_at - now <= URGENT_WITHIN


@dataclass(frozen=True)
class DueItem:
    obligation: Obligation
    youth_name: str


@dataclass(frozen=True)
class ScreeningItem:
    """A screening to finish (its answers are not read for the list)."""

    screening_id: UUID
    youth_id: UUID
    status: ScreeningStatus
    screening_date: date
    youth_name: str

    @property
    def returned(self) -> bool:
        return self.status is ScreeningStatus.RETURNED


@dataclass(frozen=True)
class MissingItem:
    episode: MissingEpisode
    youth_name: str


@dataclass(frozen=True)
class TodayView:
    """Everything the Today screen shows, read at ``as_of``."""

    as_of: datetime
    due: list[DueItem] = field(default_factory=list)  # urgent first (``by_urgency``)
    to_finish: list[ScreeningItem] = field(default_factory=list)  # returned first, then drafts
    missing: list[MissingItem] = field(default_factory=list)  # longest missing first
    open_obligations: int = 0

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.due if item.obligation.overdue(self.as_of))

    @property
    def returned(self) -> int:
        return sum(1 for item in self.to_finish if item.returned)

    @property
    def needs_you(self) -> int:
        """How many rows ask something of the caseworker (the count beside "Today")."""
        return len(self.due) + len(self.to_finish) + len(self.missing)


@dataclass(frozen=True)
class CaseloadRow:
    youth: Youth
    facts: YouthFacts

    @property
    def risk_level(self) -> RiskLevel | None:
        value = self.facts.risk_level
        return RiskLevel(value) if value is not None and value in _RISK_VALUES else None

    @property
    def last_screening(self) -> date | None:
        return self.facts.last_screening


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    total: int  # youth in the vault; more than ``len(rows)`` when the list was cut

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


class TodayService:
    def __init__(self, store: Store, *, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    def today(self) -> TodayView:
        """Read only what is open: done obligations, ended episodes and the answers of the
        screenings to finish are never parsed (this is what unlocking waits for)."""
        now = now_utc(self.clock)
        open_obligations = self.store.open_obligations()
        urgent = by_urgency([o for o in open_obligations if is_urgent(o, now)])
        to_finish = self.store.screenings_to_finish(
            (ScreeningStatus.RETURNED.value, ScreeningStatus.DRAFT.value)
        )
        missing = sorted(self.store.open_missing_episodes(), key=lambda e: e.started_at)
        names = {
            youth_id: f"{family}, {given}"
            for youth_id, (family, given) in self.store.youth_names(
                {o.youth_id for o in urgent}
                | {UUID(s.youth_id) for s in to_finish}
                | {e.youth_id for e in missing}
            ).items()
        }
        return TodayView(
            as_of=now,
            due=[DueItem(o, names.get(o.youth_id, "")) for o in urgent],
            to_finish=[
                ScreeningItem(
                    UUID(s.screening_id),
                    UUID(s.youth_id),
                    ScreeningStatus(s.status),
                    s.screening_date,
                    names.get(UUID(s.youth_id), ""),
                )
                for s in to_finish
            ],
            missing=[MissingItem(e, names.get(e.youth_id, "")) for e in missing],
            open_obligations=len(open_obligations),
        )

    def caseload(self, limit: int = CASELOAD_LIMIT) -> Caseload:
        youth, total = self.store.listed_youth(limit)
        # A record merged into another (a tombstone) is no child of the caseload.
        shown = [y for y in youth if y.merged_into is None]
        return Caseload(self._with_facts(shown), total - (len(youth) - len(shown)))

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[CaseloadRow]:
        found = self.store.search_youth(text, limit=limit)
        return self._with_facts([y for y in found if y.merged_into is None])

    def _with_facts(self, youth: list[Youth]) -> list[CaseloadRow]:
        facts = self.store.youth_facts([y.id for y in youth], now_utc(self.clock))
        return [CaseloadRow(y, facts.get(y.id, YouthFacts())) for y in youth]


__all__ = [
    "CASELOAD_LIMIT",
    "Caseload",
    "CaseloadRow",
    "DueItem",
    "MissingItem",
    "ScreeningItem",
    "TodayService",
    "TodayView",
    "YouthFacts",
    "is_urgent",
    "youth_label",
]
