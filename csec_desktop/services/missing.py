"""Missing-from-care episodes and the obligations they start.

Starting an episode creates the report to law enforcement / NCMEC (due 24 elapsed hours after the
youth went missing); ending it creates the screening of the returning youth. Each obligation is
created once per (episode, kind), in the same transaction as the episode change.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import MissingEpisode, Obligation, ObligationKind, Record, Youth
from csec_desktop.domain.deadlines import obligations_for_missing_episode
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput, InvalidState, store_errors
from csec_desktop.services.obligations import CLOCK_SKEW, missing_from
from csec_desktop.store import Store

_MAX_RECORDS = 10_000_000


class MissingEpisodeService:
    """Use cases on missing episodes, for one signed-in ``actor``."""

    def __init__(
        self,
        store: Store,
        policy: CountyPolicy,
        clock: Clock = system_clock,
        *,
        actor: str,
    ) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.policy = policy
        self.clock = clock
        self.actor = actor

    def for_youth(self, youth_id: UUID) -> list[MissingEpisode]:
        """The youth's episodes, newest first."""
        found = self.store.records(MissingEpisode, youth_id=youth_id, limit=_MAX_RECORDS)
        return sorted(found, key=lambda e: e.started_at, reverse=True)

    def get(self, episode_id: UUID) -> MissingEpisode:
        with store_errors():
            return self.store.get(MissingEpisode, episode_id)

    def start(
        self, youth_id: UUID, started_at: datetime | None = None, *, notes: str = ""
    ) -> tuple[MissingEpisode, list[Obligation]]:
        """Record that the youth went missing at ``started_at`` (default: now).

        Refused while the youth has an episode that has not ended. Saves the episode and its
        law-enforcement/NCMEC report obligation together; returns both.
        """
        with store_errors():
            self.store.get(Youth, youth_id)
        if any(episode.open for episode in self.for_youth(youth_id)):
            raise InvalidState("this youth is already recorded as missing; end that episode first")
        now = now_utc(self.clock)
        when = self._checked_time("started_at", started_at, now)
        try:
            episode = MissingEpisode(
                youth_id=youth_id, started_at=when, notes=notes, created_at=now, updated_at=now
            )
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        return self._save_with_obligations(episode)

    def record_report(
        self,
        episode: MissingEpisode,
        *,
        agency: str,
        reported_at: datetime | None = None,
        report_number: str | None = None,
        ncmec_report_number: str | None = None,
    ) -> tuple[MissingEpisode, list[Obligation]]:
        """Record the report to law enforcement / NCMEC on the episode, and mark the report
        obligation done with the same time, agency and number, in one transaction."""
        if not agency.strip():
            raise InvalidInput.on(
                "agency", "agency_missing", "say which law-enforcement agency received the report"
            )
        now = now_utc(self.clock)
        when = self._checked_time("reported_at", reported_at, now)
        if when < episode.started_at:
            raise InvalidInput.on(
                "reported_at", "before_missing", "is before the youth went missing"
            )
        updated = self._evolve(
            episode,
            reported_to_law_enforcement_at=when,
            law_enforcement_agency=agency,
            law_enforcement_report_number=report_number,
            ncmec_report_number=ncmec_report_number,
        )
        reports = [
            obligation.evolve(done_at=when, agency=updated.law_enforcement_agency,
                              reference=updated.law_enforcement_report_number)
            for obligation in self._obligations(episode)
            if obligation.kind is ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT
            and not obligation.done
        ]  # fmt: skip
        with store_errors():
            saved = self.store.save_many([updated, *reports], actor=self.actor)
        return self._split(saved)

    def end(
        self, episode: MissingEpisode, ended_at: datetime | None = None
    ) -> tuple[MissingEpisode, list[Obligation]]:
        """Record that the youth returned at ``ended_at`` (default: now). Saves the episode and
        the new 'screen the returning youth' obligation together; returns the episode and the
        obligations created."""
        if not episode.open:
            raise InvalidState("this episode has already ended")
        now = now_utc(self.clock)
        when = self._checked_time("ended_at", ended_at, now)
        if when < episode.started_at:
            raise InvalidInput.on("ended_at", "before_missing", "is before the youth went missing")
        return self._save_with_obligations(self._evolve(episode, ended_at=when))

    # -- helpers -------------------------------------------------------------------------

    def _obligations(self, episode: MissingEpisode) -> list[Obligation]:
        return [
            o
            for o in self.store.records(Obligation, youth_id=episode.youth_id, limit=_MAX_RECORDS)
            if o.missing_episode_id == episode.id
        ]

    def _save_with_obligations(
        self, episode: MissingEpisode
    ) -> tuple[MissingEpisode, list[Obligation]]:
        existing = self._obligations(episode) if episode.version > 1 else []
        new = missing_from(obligations_for_missing_episode(episode, policy=self.policy), existing)
        with store_errors():
            saved = self.store.save_many([episode, *new], actor=self.actor)
        return self._split(saved)

    @staticmethod
    def _split(saved: list[Record]) -> tuple[MissingEpisode, list[Obligation]]:
        episode = saved[0]
        assert isinstance(episode, MissingEpisode)
        return episode, [o for o in saved[1:] if isinstance(o, Obligation)]

    @staticmethod
    def _checked_time(name: str, moment: datetime | None, now: datetime) -> datetime:
        if moment is None:
            return now
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise InvalidInput.on(name, "needs_time_zone", "needs a time zone")
        if moment > now + CLOCK_SKEW:
            raise InvalidInput.on(name, "time_in_future", "is in the future")
        return moment

    @staticmethod
    def _evolve(episode: MissingEpisode, **changes: object) -> MissingEpisode:
        try:
            return episode.evolve(**changes)
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None


__all__ = ["MissingEpisodeService"]
