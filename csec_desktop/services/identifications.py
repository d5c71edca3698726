"""A child's identification history: list it, say what is current, void a mistaken one.

Identifications are made by ``ScreeningService.submit`` (a determination that identifies a
victim in a new incident); this service reads them and voids them. The history of a youth is
every identification ever made for them, newest first, voided ones included (marked): nothing
erases one. Identifications made by the earlier release exist only as its screenings' victim
determinations; they are listed too (``legacy``), read from those screenings, and get a record of
their own the first time one is voided.

Voiding (a supervisor's correction of a mistaken identification) needs a written reason. The
identification stays, with who voided it, when and why; it is no longer counted or followed up:
its open obligations are voided with it, in the same transaction. Done ones stay done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import (
    ExploitationStatus,
    Identification,
    Obligation,
    Record,
    Screening,
    Track,
)
from csec_desktop.domain.duties import duty_key
from csec_desktop.domain.identification import legacy_identification
from csec_desktop.domain.obligation import REPORT_KINDS
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import COUNTED_STATUSES, effective_screenings
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.errors import InvalidInput, NotFound, store_errors
from csec_desktop.store import Store

_MAX_RECORDS = 10_000_000


@dataclass(frozen=True)
class IdentificationEntry:
    """One identification as the youth page shows it: the record, whether it was read from the
    earlier release's screenings, and its obligations (the law-enforcement report among them)."""

    identification: Identification
    legacy: bool
    obligations: tuple[Obligation, ...]

    @property
    def report(self) -> Obligation | None:
        """The report to law enforcement made (or owed) for it, if its track has one."""
        return next((o for o in self.obligations if o.kind in REPORT_KINDS), None)


class IdentificationService:
    """Reads and corrects identification history, for one signed-in ``actor``."""

    def __init__(
        self,
        store: Store,
        policy: CountyPolicy | None = None,
        clock: Clock = system_clock,
        *,
        actor: str,
    ) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.policy = policy or county_policy(store)
        self.clock = clock
        self.actor = actor

    # -- reading -------------------------------------------------------------------------

    def _screenings(self, youth_id: UUID) -> list[Screening]:
        return self.store.records(Screening, youth_id=youth_id, limit=_MAX_RECORDS)

    def legacy(
        self, youth_id: UUID, screenings: Sequence[Screening] | None = None
    ) -> dict[UUID, tuple[Identification, set[UUID]]]:
        """The earlier release's identifications of the youth: id → (identification, the
        screenings of its chain)."""
        found = screenings if screenings is not None else self._screenings(youth_id)
        counted = [s for s in found if s.status in COUNTED_STATUSES]
        chains: dict[UUID, tuple[Identification, set[UUID]]] = {}
        by_root: dict[UUID, set[UUID]] = {}
        for screening in counted:
            by_root.setdefault(self._root(screening, counted), set()).add(screening.id)
        for first, newest in effective_screenings(counted, date.min, date.max):
            made = legacy_identification(first, newest)
            if made is not None:
                chains[made.id] = (made, by_root.get(first.id, {first.id}))
        return chains

    @staticmethod
    def _root(screening: Screening, screenings: Sequence[Screening]) -> UUID:
        by_id = {s.id: s for s in screenings}
        seen = {screening.id}
        while screening.amends_id is not None and screening.amends_id in by_id:
            if screening.amends_id in seen:
                break
            screening = by_id[screening.amends_id]
            seen.add(screening.id)
        return screening.id

    def identification_of(
        self, youth_id: UUID, screenings: Sequence[Screening] | None = None
    ) -> dict[UUID, UUID]:
        """Screening id → the identification its chain made, for the earlier release's
        screenings (whose obligations name only the screening; see ``domain.duties``)."""
        return {
            screening_id: identification.id
            for identification, members in self.legacy(youth_id, screenings).values()
            for screening_id in members
        }

    def all_for(
        self, youth_id: UUID, screenings: Sequence[Screening] | None = None
    ) -> list[Identification]:
        """Every identification of the youth (stored, and read from the earlier release's
        screenings), voided ones included; oldest first."""
        stored = {
            i.id: i
            for i in self.store.records(Identification, youth_id=youth_id, limit=_MAX_RECORDS)
        }
        for identification, _members in self.legacy(youth_id, screenings).values():
            stored.setdefault(identification.id, identification)
        return sorted(
            stored.values(), key=lambda i: (i.information_received_at, i.created_at, str(i.id))
        )

    def counted(self, youth_id: UUID, track: Track | None = None) -> list[Identification]:
        """The identifications that count (not voided), of one track or all; oldest first."""
        return [
            i for i in self.all_for(youth_id) if i.counted and (track is None or i.track is track)
        ]

    def history(self, youth_id: UUID) -> list[IdentificationEntry]:
        """The youth's identification history, newest first, voided ones included."""
        screenings = self._screenings(youth_id)
        mapping = self.identification_of(youth_id, screenings)
        obligations = self.store.records(Obligation, youth_id=youth_id, limit=_MAX_RECORDS)
        entries = []
        stored_ids = {
            i.id for i in self.store.records(Identification, youth_id=youth_id, limit=_MAX_RECORDS)
        }
        for identification in reversed(self.all_for(youth_id, screenings)):
            own = tuple(
                sorted(
                    (
                        o
                        for o in obligations
                        if duty_key(o, mapping)[1:] == ("identification", str(identification.id))
                    ),
                    key=lambda o: (o.due_at, o.kind.value),
                )
            )
            entries.append(
                IdentificationEntry(identification, identification.id not in stored_ids, own)
            )
        return entries

    def get(self, identification_id: UUID, youth_id: UUID) -> Identification:
        """One identification of the youth (stored, or read from the earlier release)."""
        for identification in self.all_for(youth_id):
            if identification.id == identification_id:
                return identification
        raise NotFound("no such identification of this youth")

    def current_status(self, youth_id: UUID) -> dict[Track, ExploitationStatus]:
        """What the youth's latest submitted screening of each track says about now (a track
        never screened is left out)."""
        found: dict[Track, ExploitationStatus] = {}
        latest = sorted(
            (s for s in self._screenings(youth_id) if s.status in COUNTED_STATUSES),
            key=lambda s: (s.screening_date, s.created_at),
        )
        for screening in latest:
            determination = screening.determination
            if determination is not None and determination.status is not None:
                found[screening.screening_track] = determination.status
        return found

    # -- voiding -------------------------------------------------------------------------

    def void(self, identification: Identification, *, reason: str) -> Identification:
        """Void a mistaken identification with a written ``reason``; its open obligations are
        voided with it, in one transaction. The identification stays in the history."""
        text = reason.strip()
        if not text:
            raise InvalidInput.on("void_reason", "reason_missing", "say why it is voided")
        if identification.voided:
            raise InvalidInput.on("identification", "already_voided", "is already voided")
        now = now_utc(self.clock)
        youth_id = identification.youth_id
        screenings = self._screenings(youth_id)
        mapping = self.identification_of(youth_id, screenings)
        try:
            voided = identification.evolve(voided_at=now, voided_by=self.actor, void_reason=text)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        key = ("identification", str(identification.id))
        follow_ups: list[Record] = [
            o.evolve(voided_at=now, void_reason=f"identification voided: {text}"[:2_000])
            for o in self.store.records(Obligation, youth_id=youth_id, limit=_MAX_RECORDS)
            if o.is_open and duty_key(o, mapping)[1:] == key
        ]
        if not self.store.exists(Identification, identification.id):
            # Read from the earlier release's screenings: its record starts here, voided.
            voided = voided.model_copy(update={"version": 1})
        with store_errors():
            saved = self.store.save_many([voided, *follow_ups], actor=self.actor)
        result = saved[0]
        assert isinstance(result, Identification)
        return result


__all__ = ["IdentificationEntry", "IdentificationService"]
