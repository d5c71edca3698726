"""What must be documented in the county's case-management system for each identified youth.

California counties record a CSEC identification in their child-welfare system (today CWS/CMS:
the CSEC grid and special project code; tomorrow CARES). The worklist is the same facts for any
system (:class:`WorklistEntry`); a :class:`CountySystemAdapter` lays them out the way one system's
data entry wants them. A new system is one more adapter in ``ADAPTERS``.

The worklist stays in the county (it names youth, by design: the caseworker must find the client),
so nothing in it is suppressed; its default file name names no one.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from csec_desktop.domain import (
    CsecCategory,
    Obligation,
    ObligationKind,
    Screening,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services.reports import COUNTED_STATUSES, ScreeningFacts, effective_screenings
from csec_desktop.store import Store

# Categories the county documents: every victim category, and at risk (CountyPolicy decides).
_DOCUMENTED_VICTIMS = frozenset(c for c in CsecCategory if c.is_victim)


@dataclass(frozen=True, slots=True)
class WorklistEntry:
    """One identified youth to document: who, which category, and the dates that matter."""

    county_client_id: str | None
    family_name: str
    given_name: str
    date_of_birth: date
    category: CsecCategory
    screening_date: date
    identified_on: date  # when the screener confirmed the determination (county date)
    exploitation_timing: str | None
    document_by: datetime | None  # the documentation obligation's due time
    documented_at: datetime | None
    documented_reference: str | None


class CountySystemAdapter(ABC):
    """Lays a worklist out for one county system's data entry."""

    system: ClassVar[str]  # a short id, used in file names and audit details

    @abstractmethod
    def header(self) -> list[str]: ...

    @abstractmethod
    def row(self, entry: WorklistEntry) -> list[str]: ...

    def render(self, entries: Sequence[WorklistEntry]) -> bytes:
        """The worklist as UTF-8 CSV, oldest identification first."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header())
        for entry in sorted(entries, key=lambda e: (e.identified_on, e.family_name, e.given_name)):
            writer.writerow(self.row(entry))
        return out.getvalue().encode("utf-8")

    def file_name(self, start: date, end: date) -> str:
        """A default file name: the system and the period, never a youth."""
        return f"{self.system}-worklist-{start.isoformat()}-to-{end.isoformat()}.csv"


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="minutes")


class CwsCmsAdapter(CountySystemAdapter):
    """CWS/CMS: the client's CSEC grid entry (category, identification date) per client id.

    The category wording follows the W&IC 16501.45 categories as the CSEC grid lists them; a
    county whose grid differs changes ``GRID_LABELS`` (or adds its own adapter).
    """

    system = "cws-cms"
    GRID_LABELS: ClassVar[dict[CsecCategory, str]] = {
        CsecCategory.VICTIM_BEFORE_CARE: "Victim - before entering foster care",
        CsecCategory.VICTIM_IN_CARE: "Victim - while in foster care",
        CsecCategory.VICTIM_WHILE_ABSENT: "Victim - while absent from placement",
        CsecCategory.AT_RISK: "At risk",
        CsecCategory.NOT_IDENTIFIED: "Not identified",
    }

    def header(self) -> list[str]:
        return [
            "client_id",
            "last_name",
            "first_name",
            "birth_date",
            "csec_grid_category",
            "csec_category_code",
            "identified_on",
            "screening_date",
            "exploitation_timing",
            "document_by",
            "documented_at",
            "documented_reference",
        ]

    def row(self, entry: WorklistEntry) -> list[str]:
        return [
            entry.county_client_id or "",
            entry.family_name,
            entry.given_name,
            entry.date_of_birth.isoformat(),
            self.GRID_LABELS[entry.category],
            entry.category.value,
            entry.identified_on.isoformat(),
            entry.screening_date.isoformat(),
            entry.exploitation_timing or "",
            _when(entry.document_by),
            _when(entry.documented_at),
            entry.documented_reference or "",
        ]


ADAPTERS: dict[str, type[CountySystemAdapter]] = {CwsCmsAdapter.system: CwsCmsAdapter}


def worklist_entries(
    store: Store, policy: CountyPolicy, start: date, end: date
) -> list[WorklistEntry]:
    """Youth identified in ``[start, end)`` (newest counted determination of each chain) whom
    the county documents: victims always, at risk when ``policy.document_at_risk``."""
    documented = set(_DOCUMENTED_VICTIMS)
    if policy.document_at_risk:
        documented.add(CsecCategory.AT_RISK)
    facts = [
        s
        for status in COUNTED_STATUSES
        for s in store.records(
            ScreeningFacts,
            status=status.value,
            event_from=start.isoformat(),
            event_before=end.isoformat(),
        )
    ]
    entries = []
    for _first, counted in effective_screenings(facts, start, end):
        if counted.determination is None or counted.determination.category not in documented:
            continue
        screening = store.get(Screening, counted.id)
        youth = store.get(Youth, screening.youth_id)
        determination = screening.determination
        assert determination is not None  # counted screenings have one
        task = next(
            (
                o
                for o in store.records(Obligation, referencing=("screening", screening.id))
                if o.kind is ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM
            ),
            None,
        )
        entries.append(
            WorklistEntry(
                county_client_id=youth.county_client_id,
                family_name=youth.family_name,
                given_name=youth.given_name,
                date_of_birth=youth.date_of_birth,
                category=determination.category,
                screening_date=screening.screening_date,
                identified_on=determination.confirmed_at.astimezone(policy.zone).date(),
                exploitation_timing=determination.timing.value if determination.timing else None,
                document_by=task.due_at if task else None,
                documented_at=task.done_at if task else None,
                documented_reference=task.reference if task else None,
            )
        )
    return entries
