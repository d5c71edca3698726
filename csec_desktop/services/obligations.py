"""Follow-up obligations: what is due, overdue and done, and marking one done.

Every list is in the order of :func:`csec_desktop.services.ordering.by_urgency`: the 24-hour
law-enforcement reports first, then by due time. Obligations are created by the screening and
missing-episode services, at most once per (source, kind) — see :func:`missing_from`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import Obligation, ObligationKind
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput, InvalidState, store_errors
from csec_desktop.services.ordering import TWENTY_FOUR_HOUR_KINDS, by_urgency
from csec_desktop.store import Store

_MAX_RECORDS = 10_000_000
# A report made now, typed on a laptop whose clock is a little behind, must still be accepted.
CLOCK_SKEW = timedelta(minutes=5)
LAW_ENFORCEMENT_KINDS = TWENTY_FOUR_HOUR_KINDS


def source_key(obligation: Obligation) -> tuple[UUID, ObligationKind]:
    """What makes an obligation unique: the screening or episode it comes from, and its kind."""
    source = obligation.screening_id or obligation.missing_episode_id
    assert source is not None  # an Obligation always has one (its validator)
    return source, obligation.kind


def missing_from(
    candidates: Iterable[Obligation], existing: Iterable[Obligation]
) -> list[Obligation]:
    """The ``candidates`` whose (source, kind) is not among ``existing`` (nor repeated)."""
    seen = {source_key(obligation) for obligation in existing}
    new = []
    for candidate in candidates:
        key = source_key(candidate)
        if key not in seen:
            seen.add(key)
            new.append(candidate)
    return new


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
        """Not yet done (due or overdue), of one youth or of everyone."""
        return by_urgency([o for o in self._all(youth_id) if not o.done])

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
                if not o.done and not o.overdue(now) and (horizon is None or o.due_at <= horizon)
            ]
        )

    def overdue(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Open and past their due time."""
        now = now_utc(self.clock)
        return by_urgency([o for o in self._all(youth_id) if o.overdue(now)])

    def done(self, youth_id: UUID | None = None) -> list[Obligation]:
        """Fulfilled (on time or late; see ``Obligation.met_on_time``)."""
        return by_urgency([o for o in self._all(youth_id) if o.done])

    def for_source(self, source_id: UUID, youth_id: UUID) -> list[Obligation]:
        """The obligations a screening or missing episode created."""
        return by_urgency(
            [o for o in self._all(youth_id) if source_id in (o.screening_id, o.missing_episode_id)]
        )

    def ensure(self, candidates: list[Obligation]) -> list[Obligation]:
        """Save the ``candidates`` not already created for their (source, kind), in one
        transaction; returns those saved. Calling it twice with the same candidates saves
        nothing the second time."""
        existing = [o for youth_id in {c.youth_id for c in candidates} for o in self._all(youth_id)]
        new = missing_from(candidates, existing)
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

        A law-enforcement report needs the ``agency`` it was made to; ``reference`` is its report
        number (optional: it is not always given at once). ``done_at`` may not be in the future.
        """
        if obligation.done:
            raise InvalidState("this obligation is already done")
        now = now_utc(self.clock)
        when = now if done_at is None else done_at
        if when.tzinfo is None or when.utcoffset() is None:
            raise InvalidInput.on("done_at", "needs_time_zone", "needs a time zone")
        if when > now + CLOCK_SKEW:
            raise InvalidInput.on("done_at", "time_in_future", "is in the future")
        agency = (agency or "").strip() or None
        if obligation.kind in LAW_ENFORCEMENT_KINDS and agency is None:
            raise InvalidInput.on(
                "agency", "agency_missing", "say which law-enforcement agency received the report"
            )
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


__all__ = ["ObligationService", "missing_from", "source_key"]
