"""Missing-from-care episodes, the reports they require, and the return debrief.

P.L. 113-183 and W&IC 16501.35: starting an episode creates two 24-hour duties (from when the
youth went missing): the report to law enforcement and the report to NCMEC. Each closes only with
its own report: the law-enforcement one with the agency (and its number when given), the NCMEC
one with the NCMEC case number, made by the caseworker or, as a recorded reason, by law
enforcement ("law enforcement reported to NCMEC", with the number it gave). Ending the episode
creates the screening of the returning youth; the debrief records why the youth left, where they
were and whether they were exploited while away (which the category proposal reads).

Every change saves the episode and its obligations in one transaction, and creates each duty's
obligation once (``domain.duties``), whatever the order of report, return and edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import MissingEpisode, Obligation, ObligationKind, Record, Youth
from csec_desktop.domain.deadlines import (
    ncmec_report_fields,
    obligations_for_missing_episode,
)
from csec_desktop.domain.duties import new_duties
from csec_desktop.domain.episode import DebriefAnswer, LeftBecause, ReturnDebrief, StayedWhere
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import InvalidInput, InvalidState, store_errors
from csec_desktop.services.obligations import CLOCK_SKEW
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
        two report obligations (law enforcement, NCMEC) together; returns both.
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
        ncmec_reported_by_law_enforcement: bool = False,
    ) -> tuple[MissingEpisode, list[Obligation]]:
        """Record the report to law enforcement (``agency``, at ``reported_at``, default now)
        and mark its obligation done with the same time, agency and number. With an
        ``ncmec_report_number`` the NCMEC report is recorded too, made at the same time (by law
        enforcement when ``ncmec_reported_by_law_enforcement``); without one it stays owed.
        One transaction; returns the episode and the obligations created or closed."""
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
        changes: dict[str, object] = {
            "reported_to_law_enforcement_at": when,
            "law_enforcement_agency": agency,
            "law_enforcement_report_number": report_number,
        }
        number = (ncmec_report_number or "").strip() or None
        if number is not None:
            changes.update(
                ncmec_report_number=number,
                ncmec_reported_at=when,
                ncmec_reported_by_law_enforcement=ncmec_reported_by_law_enforcement,
            )
        return self._save_with_obligations(self._evolve(episode, **changes))

    def record_ncmec_report(
        self,
        episode: MissingEpisode,
        *,
        report_number: str,
        reported_at: datetime | None = None,
        by_law_enforcement: bool = False,
    ) -> tuple[MissingEpisode, list[Obligation]]:
        """Record the report to NCMEC (its case number, at ``reported_at``, default now), made by
        the caseworker or, with ``by_law_enforcement``, by the law-enforcement agency (the
        recorded reason). Closes the NCMEC obligation, in one transaction."""
        number = report_number.strip()
        if not number:
            raise InvalidInput.on(
                "ncmec_report_number", "number_missing", "give the NCMEC case number"
            )
        now = now_utc(self.clock)
        when = self._checked_time("ncmec_reported_at", reported_at, now)
        if when < episode.started_at:
            raise InvalidInput.on(
                "ncmec_reported_at", "before_missing", "is before the youth went missing"
            )
        return self._save_with_obligations(
            self._evolve(
                episode,
                ncmec_report_number=number,
                ncmec_reported_at=when,
                ncmec_reported_by_law_enforcement=by_law_enforcement,
            )
        )

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

    def record_debrief(
        self,
        episode: MissingEpisode,
        *,
        left_because: Sequence[LeftBecause],
        stayed: Sequence[StayedWhere],
        exploited_while_away: DebriefAnswer,
        notes: str = "",
        debriefed_at: datetime | None = None,
    ) -> MissingEpisode:
        """Record the return debrief (once the youth is back): why they left, where they were,
        whether they were exploited while away. "Exploited: yes" makes the return screening
        propose the category *victim while absent*."""
        if episode.open:
            raise InvalidState("record the youth's return before the debrief")
        now = now_utc(self.clock)
        when = self._checked_time("debriefed_at", debriefed_at, now)
        try:
            debrief = ReturnDebrief(
                debriefed_at=when,
                left_because=list(left_because),
                stayed=list(stayed),
                exploited_while_away=exploited_while_away,
                notes=notes,
            )
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None
        with store_errors():
            return self.store.save(self._evolve(episode, debrief=debrief), actor=self.actor)

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
        """Save ``episode`` with the obligations of its duties not yet created, and close the
        report obligations it now records as made. Always against what is stored: an episode
        whose first saved version already ended must not create its report twice."""
        existing = self._obligations(episode)
        new = new_duties(obligations_for_missing_episode(episode, policy=self.policy), existing)
        closed = self._reports_now_made(episode, existing)
        with store_errors():
            saved = self.store.save_many([episode, *new, *closed], actor=self.actor)
        return self._split(saved)

    @staticmethod
    def _reports_now_made(
        episode: MissingEpisode, existing: Sequence[Obligation]
    ) -> list[Obligation]:
        """The open report obligations the episode now records as made, marked done."""
        made: dict[ObligationKind, dict[str, object]] = {}
        if episode.reported_to_law_enforcement_at is not None:
            made[ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT] = {
                "done_at": episode.reported_to_law_enforcement_at,
                "agency": episode.law_enforcement_agency,
                "reference": episode.law_enforcement_report_number,
            }
        ncmec = ncmec_report_fields(episode)
        if ncmec:
            made[ObligationKind.REPORT_MISSING_TO_NCMEC] = ncmec
        return [
            obligation.evolve(**made[obligation.kind])
            for obligation in existing
            if obligation.is_open and obligation.kind in made
        ]

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
