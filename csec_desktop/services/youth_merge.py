"""Merge two records of the same child: the duplicate becomes a tombstone naming the survivor,
and every record that named the duplicate names the survivor instead.

Nothing is erased. The tombstone keeps the duplicate's details (``merged_into`` set); each
re-pointed record is a new version whose only change is the youth it names (the history keeps
the old one); everything is saved in one transaction, audited, and queued for the county server
in an order the server can check link by link: the tombstone first (the server allows a
re-pointed screening only when the youth it left is merged into the one it names), then missing
episodes, screenings (originals before addenda), identifications, obligations and education
sessions. The county report then counts one child.

Refused: merging a youth into itself, a youth already merged (either side), or records of two
counties.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from csec_desktop.domain import (
    EducationSession,
    Identification,
    MissingEpisode,
    Obligation,
    Record,
    Screening,
    Youth,
)
from csec_desktop.services.clock import Clock, system_clock
from csec_desktop.services.errors import InvalidInput, InvalidState, store_errors
from csec_desktop.store import Store

_MAX_RECORDS = 10_000_000
_BY_YOUTH: tuple[type[Record], ...] = (MissingEpisode, Screening, Identification, Obligation)


@dataclass(frozen=True)
class MergePlan:
    """What a merge would re-point, per record type (for the confirmation a person reads)."""

    duplicate: Youth
    survivor: Youth
    screenings: int
    identifications: int
    obligations: int
    missing_episodes: int
    sessions: int


@dataclass(frozen=True)
class MergeOutcome:
    tombstone: Youth
    survivor: Youth
    repointed: int  # records that now name the survivor


class YouthMergeService:
    """Merges duplicate youth records for one signed-in ``actor``."""

    def __init__(self, store: Store, *, actor: str, clock: Clock = system_clock) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.actor = actor
        self.clock = clock

    def _pair(self, duplicate_id: UUID, survivor_id: UUID) -> tuple[Youth, Youth]:
        if duplicate_id == survivor_id:
            raise InvalidInput.on("survivor", "merge_same_youth", "is the same youth record")
        with store_errors():
            duplicate = self.store.get(Youth, duplicate_id)
            survivor = self.store.get(Youth, survivor_id)
        if duplicate.merged_into is not None or survivor.merged_into is not None:
            raise InvalidState("one of these youth records was already merged")
        if duplicate.county != survivor.county:
            raise InvalidInput.on("survivor", "merge_other_county", "is a youth of another county")
        return duplicate, survivor

    def _naming(self, youth_id: UUID) -> tuple[list[Record], list[EducationSession]]:
        by_youth: list[Record] = []
        for model in _BY_YOUTH:
            found = self.store.records(model, youth_id=youth_id, limit=_MAX_RECORDS)
            if model is Screening:  # an addendum after the screening it amends
                found = sorted(found, key=lambda s: (s.created_at, str(s.id)))
            by_youth.extend(found)
        sessions = [
            s
            for s in self.store.records(EducationSession, limit=_MAX_RECORDS)
            if youth_id in s.attendee_youth_ids
        ]
        return by_youth, sessions

    def plan(self, duplicate_id: UUID, survivor_id: UUID) -> MergePlan:
        duplicate, survivor = self._pair(duplicate_id, survivor_id)
        by_youth, sessions = self._naming(duplicate.id)

        def count(model: type[Record]) -> int:
            return sum(1 for r in by_youth if isinstance(r, model))

        return MergePlan(
            duplicate,
            survivor,
            screenings=count(Screening),
            identifications=count(Identification),
            obligations=count(Obligation),
            missing_episodes=count(MissingEpisode),
            sessions=len(sessions),
        )

    def merge(self, duplicate_id: UUID, survivor_id: UUID) -> MergeOutcome:
        """Merge the duplicate into the survivor (see the module docstring)."""
        duplicate, survivor = self._pair(duplicate_id, survivor_id)
        by_youth, sessions = self._naming(duplicate.id)
        tombstone = duplicate.evolve(merged_into=survivor.id)
        changes: list[Record] = [tombstone]
        changes += [record.evolve(youth_id=survivor.id) for record in by_youth]
        for session in sessions:
            attendees = [
                survivor.id if youth_id == duplicate.id else youth_id
                for youth_id in session.attendee_youth_ids
            ]
            changes.append(session.evolve(attendee_youth_ids=list(dict.fromkeys(attendees))))
        with store_errors():
            saved = self.store.save_many(changes, actor=self.actor)
        first = saved[0]
        assert isinstance(first, Youth)
        return MergeOutcome(first, survivor, repointed=len(saved) - 1)


__all__ = ["MergeOutcome", "MergePlan", "YouthMergeService"]
