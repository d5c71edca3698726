"""Follow-up obligations: what is due, overdue and done, and marking one done.

Every list is in the order of :func:`csec_desktop.services.ordering.by_urgency`: the 24-hour
reports first, then by due time. Obligations are created by the screening and missing-episode
services, one per legal duty (``domain.duties``). A voided obligation (its identification was
voided) is neither open, due, overdue nor done: it is listed by :meth:`ObligationService.voided`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import Obligation, ObligationKind
from csec_desktop.domain.deadlines import NCMEC
from csec_desktop.domain.duties import duty_key, new_duties
from csec_desktop.domain.obligation import REPORT_KINDS
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput, InvalidState, store_errors
from csec_desktop.services.ordering import by_urgency
from csec_desktop.store import Store

_MAX_RECORDS = 10_000_000
# A report made now, typed on a laptop whose clock is a little behind, must still be accepted.
CLOCK_SKEW = timedelta(minutes=5)
# Reports to an outside agency: marked done with the agency they were made to.
LAW_ENFORCEMENT_KINDS = REPORT_KINDS


def missing_from(
    candidates: Iterable[Obligation], existing: Iterable[Obligation]
) -> list[Obligation]:
    """The ``candidates`` whose duty no ``existing`` obligation discharges (``new_duties``)."""
    return new_duties(candidates, existing)


class ObligationService:
    """Lists and completes obligations, for one signed-in ``actor``."""

    def __init__(self, store: Store, *, actor: str, clock: Clock = system_clock) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.actor = actor
        self.clock = clock

    def _all(self, youth_id: UUID | None) -> list[Obligation]:
        return self.store.records(Obligation, youth_id=youth_id, limit=_MAX_RECORDS)

    def get(self, obligation_id: UUID) -> Obligation:
        with store_errors():
            return self.store.get(Obligation, obligation_id)

    def open(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Not yet done nor voided (due or overdue), of one youth or of everyone."""
        return by_urgency([o for o in self._all(youth_id) if o.is_open])

    def due(
        self, youth_id: UUID | None = None, *, within: timedelta | None = None
    ) -> list[Obligation]:
        """Open and not yet overdue; with ``within``, only those due in that time from now."""
        now = now_utc(self.clock)
        horizon = None if within is None else now + within
        return by_urgency(
            [
                o
                for o in self._all(youth_id)
                if o.is_open and not o.overdue(now) and (horizon is None or o.due_at <= horizon)
            ]
        )

    def overdue(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Open and past their due time."""
        now = now_utc(self.clock)
        return by_urgency([o for o in self._all(youth_id) if o.overdue(now)])

    def done(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Fulfilled (on time or late; see ``Obligation.met_on_time``)."""
        return by_urgency([o for o in self._all(youth_id) if o.done])

    def voided(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Voided with the identification they followed up (kept, never counted)."""
        return by_urgency([o for o in self._all(youth_id) if o.voided and not o.done])

    def for_source(self, source_id: UUID, youth_id: UUID) -> list[Obligation]:
        """The obligations an identification, a screening or a missing episode created."""
        sources = ("identification_id", "screening_id", "missing_episode_id")
        return by_urgency(
            [o for o in self._all(youth_id) if source_id in (getattr(o, s) for s in sources)]
        )

    def duty_of(self, obligation: Obligation) -> tuple[str, str, str]:
        """The legal duty ``obligation`` discharges (``domain.duties``)."""
        return duty_key(obligation)

    def ensure(self, candidates: list[Obligation]) -> list[Obligation]:
        """Save the ``candidates`` whose duty no obligation discharges yet, in one transaction;
        returns those saved. Calling it twice with the same candidates saves nothing the
        second time."""
        existing = [o for youth_id in {c.youth_id for c in candidates} for o in self._all(youth_id)]
        new = new_duties(candidates, existing)
        if not new:
            return []
        with store_errors():
            return self.store.save_many(new, actor=self.actor)

    def mark_done(
        self,
        obligation: Obligation,
        *,
        done_at: datetime | None = None,
        agency: str | None = None,
        reference: str | None = None,
        notes: str | None = None,
    ) -> Obligation:
        """Record that ``obligation`` was fulfilled at ``done_at`` (default: now).

        A report needs the ``agency`` it was made to; ``reference`` is its report number
        (optional for law enforcement: it is not always given at once; required for NCMEC,
        whose case number is the proof, and ``agency`` may then be the law-enforcement agency
        that reported to NCMEC). ``done_at`` may not be in the future.
        """
        if obligation.done:
            raise InvalidState("this obligation is already done")
        if obligation.voided:
            raise InvalidState("this obligation was voided; it is no longer owed")
        now = now_utc(self.clock)
        when = now if done_at is None else done_at
        if when.tzinfo is None or when.utcoffset() is None:
            raise InvalidInput.on("done_at", "needs_time_zone", "needs a time zone")
        if when > now + CLOCK_SKEW:
            raise InvalidInput.on("done_at", "time_in_future", "is in the future")
        agency = (agency or "").strip() or None
        if obligation.kind is ObligationKind.REPORT_MISSING_TO_NCMEC and agency is None:
            agency = NCMEC  # made by the caseworker; or the agency that reported to NCMEC
        if obligation.kind in LAW_ENFORCEMENT_KINDS and agency is None:
            raise InvalidInput.on(
                "agency", "agency_missing", "say which law-enforcement agency received the report"
            )
        if (
            obligation.kind is ObligationKind.REPORT_MISSING_TO_NCMEC
            and not (reference or "").strip()
        ):
            raise InvalidInput.on("reference", "number_missing", "give the NCMEC case number")
        changes: dict[str, object] = {
            "done_at": when,
            "agency": agency,
            "reference": (reference or "").strip() or None,
        }
        if notes is not None:
            changes["notes"] = notes
        try:
            updated = obligation.evolve(**changes)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with store_errors():
            return self.store.save(updated, actor=self.actor)

    # -- corrections (never a silent change: each is a new version, audited, synced) ----------

    def _report_details(
        self, obligation: Obligation, agency: str | None, reference: str | None
    ) -> tuple[str | None, str | None]:
        agency = (agency or "").strip() or None
        reference = (reference or "").strip() or None
        if obligation.kind is ObligationKind.REPORT_MISSING_TO_NCMEC and agency is None:
            agency = NCMEC
        if obligation.kind in LAW_ENFORCEMENT_KINDS and agency is None:
            raise InvalidInput.on(
                "agency", "agency_missing", "say which law-enforcement agency received the report"
            )
        if obligation.kind is ObligationKind.REPORT_MISSING_TO_NCMEC and reference is None:
            raise InvalidInput.on("reference", "number_missing", "give the NCMEC case number")
        return agency, reference

    def correct_done(
        self,
        obligation: Obligation,
        *,
        agency: str | None,
        reference: str | None,
        notes: str,
    ) -> Obligation:
        """Correct a done obligation's details: the agency, the report number (often known only
        later) and the notes. When it was done stays as recorded (reopen it if it was not
        done). ``Conflict`` if it changed since it was read."""
        if not obligation.done:
            raise InvalidState("only a done obligation's details are corrected; mark it done")
        agency, reference = self._report_details(obligation, agency, reference)
        try:
            updated = obligation.evolve(agency=agency, reference=reference, notes=notes)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with store_errors():
            return self.store.save(updated, actor=self.actor)

    def reopen(self, obligation: Obligation, *, reason: str) -> Obligation:
        """A done obligation marked done by mistake is owed again, with a written ``reason``.

        Its clock is the one it was created with (an entry after the deadline is overdue at
        once). Nothing recorded is lost: the earlier details stay in the record's history and
        the reason, with who reopened it, is added to its notes."""
        text = reason.strip()
        if not text:
            raise InvalidInput.on("reopen_reason", "reopen_needs_reason", "say why it is reopened")
        if not obligation.done:
            raise InvalidState("this obligation is not done")
        note = f"Reopened by {self.actor}: {text}"
        notes = f"{obligation.notes}\n{note}" if obligation.notes.strip() else note
        try:
            updated = obligation.evolve(done_at=None, notes=notes[-5_000:])
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with store_errors():
            return self.store.save(updated, actor=self.actor)


__all__ = ["ObligationService", "missing_from"]
