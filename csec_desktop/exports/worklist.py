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
from uuid import UUID

from csec_desktop.domain import (
    CsecCategory,
    Obligation,
    ObligationKind,
    Screening,
    Track,
    Youth,
)
from csec_desktop.domain.duties import duty_key
from csec_desktop.domain.identification import identification_id_for
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services.reports import COUNTED_STATUSES, ScreeningFacts, effective_screenings
from csec_desktop.store import Store


@dataclass(frozen=True, slots=True)
class WorklistEntry:
    """One identified youth to document: who, which category, and the dates that matter."""

    youth_id: UUID
    county_client_id: str | None
    family_name: str
    given_name: str
    date_of_birth: date
    category: CsecCategory
    screening_date: date
    identified_on: date  # when the agency received the information (county date)
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
    """Youth to document for screenings of ``[start, end)`` (newest counted version of each
    chain): each new identification of sexual exploitation (a screening that confirms an earlier
    one adds nothing: it was documented when made), and at-risk youth when
    ``policy.document_at_risk``, once, and only if not identified in the period (the victim's
    entry replaces it). Labor trafficking is its own track: never on this CSEC list."""
    facts = store.records(
        ScreeningFacts,
        statuses=[status.value for status in COUNTED_STATUSES],
        event_from=start.isoformat(),
        event_before=end.isoformat(),
    )
    entries = []
    for first, counted in effective_screenings(facts, start, end):
        determination = counted.determination
        if determination is None or counted.screening_track is not Track.SEXUAL_EXPLOITATION:
            continue
        category = determination.category
        if category is None:
            continue
        made_id = identification_id_for(first.id, Track.SEXUAL_EXPLOITATION)
        if category.is_victim:
            # The earlier release made an identification with every victim determination.
            legacy = determination.identification_id is None
            if not legacy and determination.identification_id != made_id:
                continue  # confirms an earlier identification
            duty = ("identification", str(made_id))
        elif category is CsecCategory.AT_RISK and policy.document_at_risk:
            duty = ("youth", str(counted.youth_id))
        else:
            continue
        screening = store.get(Screening, counted.id)
        youth = store.get(Youth, screening.youth_id)
        full = screening.determination
        assert full is not None  # counted screenings have one
        mapping = {first.id: made_id, counted.id: made_id} if category.is_victim else {}
        task = next(
            (
                o
                for o in store.records(Obligation, youth_id=youth.id)
                if o.kind is ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM
                and duty_key(o, mapping)[1:] == duty
            ),
            None,
        )
        received = full.information_received_at or full.confirmed_at
        entries.append(
            WorklistEntry(
                youth_id=youth.id,
                county_client_id=youth.county_client_id,
                family_name=youth.family_name,
                given_name=youth.given_name,
                date_of_birth=youth.date_of_birth,
                category=category,
                screening_date=screening.screening_date,
                identified_on=received.astimezone(policy.zone).date(),
                exploitation_timing=full.timing.value if full.timing else None,
                document_by=task.due_at if task else None,
                documented_at=task.done_at if task else None,
                documented_reference=task.reference if task else None,
            )
        )
    identified = {e.youth_id for e in entries if e.category.is_victim}
    at_risk: dict[UUID, WorklistEntry] = {}
    for entry in entries:
        if not entry.category.is_victim and entry.youth_id not in identified:
            held = at_risk.get(entry.youth_id)
            if held is None or entry.screening_date > held.screening_date:
                at_risk[entry.youth_id] = entry
    return [e for e in entries if e.category.is_victim] + list(at_risk.values())
