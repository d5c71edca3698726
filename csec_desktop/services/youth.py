"""Youth records: create (warning of possible duplicates first), update, find, and one overview.

Reads that show a youth's details to a person (:meth:`YouthService.view`,
:meth:`YouthService.overview`) are audited as VIEW; :meth:`YouthService.get` is for code that
only needs the record (it is not audited).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, ValidationError

from csec_desktop.domain import (
    AuditAction,
    DomainModel,
    EducationSession,
    MissingEpisode,
    Obligation,
    Screening,
    Youth,
)
from csec_desktop.domain.base import today_context
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.errors import Conflict, InvalidInput, NotFound, store_errors
from csec_desktop.services.ordering import by_urgency
from csec_desktop.store import RecordNotFound, Store

# Fields a caller may not set through ``update``: identity and bookkeeping belong to the store.
_PROTECTED_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
SEARCH_LIMIT = 50


class YouthCreated(DomainModel):
    """A newly saved youth, with the possible duplicates that existed before it was saved."""

    youth: Youth
    possible_duplicates: list[Youth]


class YouthOverview(DomainModel):
    """Everything the youth's page shows, read at ``as_of``.

    ``screenings`` and ``missing_episodes`` are newest first; ``open_obligations`` are in the
    order of :func:`csec_desktop.services.ordering.by_urgency` (24-hour clocks first).
    """

    youth: Youth
    screenings: list[Screening]
    missing_episodes: list[MissingEpisode]
    education_sessions: list[EducationSession]
    open_obligations: list[Obligation]
    overdue_obligations: int
    as_of: AwareDatetime

    @property
    def open_missing_episode(self) -> MissingEpisode | None:
        """The episode still running (the youth is missing now), if any."""
        return next((episode for episode in self.missing_episodes if episode.open), None)


def validated(model: type[Youth], data: Mapping[str, Any], today: date | None = None) -> Youth:
    """``data`` as a ``model``, checked against ``today`` (the county's date; see
    ``domain.base.today_for``); ``InvalidInput`` naming each bad field."""
    try:
        return model.model_validate(dict(data), context=today_context(today) if today else None)
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


class YouthService:
    """Use cases on youth records, for one signed-in ``actor`` (named in the audit log)."""

    def __init__(self, store: Store, *, actor: str, clock: Clock = system_clock) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.actor = actor
        self.clock = clock

    # -- creating ------------------------------------------------------------------------

    def draft(self, fields: Mapping[str, Any]) -> Youth:
        """A new, unsaved youth from form input; ``InvalidInput`` naming each bad field."""
        unknown = set(fields) & _PROTECTED_FIELDS
        if unknown:
            raise InvalidInput(f"these fields are set by the app: {', '.join(sorted(unknown))}")
        return validated(Youth, fields, self.today())

    def today(self) -> date:
        """Today in the county's time zone (not the computer's): what "in the future" means."""
        return now_utc(self.clock).astimezone(county_policy(self.store).zone).date()

    def check_duplicates(self, draft: Youth) -> list[Youth]:
        """Saved youth with the same names and date of birth as ``draft`` (not ``draft`` itself).

        Call this before :meth:`create` to warn the screener; a match is a question, not an
        error (two youth may share a name and birthday).
        """
        return [y for y in self.store.possible_duplicates(draft) if y.merged_into is None]

    def create(self, youth: Youth) -> YouthCreated:
        """Save ``youth`` as a new record. Returns it with the duplicates found before saving."""
        if youth.version != 1 or self._exists(youth.id):
            raise Conflict("this youth is already saved; open it to change it")
        duplicates = [y for y in self.store.possible_duplicates(youth) if y.merged_into is None]
        with store_errors():
            saved = self.store.save(youth, actor=self.actor)
        return YouthCreated(youth=saved, possible_duplicates=duplicates)

    # -- changing ------------------------------------------------------------------------

    def update(self, youth: Youth, **changes: Any) -> Youth:
        """Save ``youth`` (as read, with ``changes`` applied) as the next version.

        ``Conflict`` if someone saved it since it was read; ``InvalidInput`` for bad changes.
        """
        protected = set(changes) & _PROTECTED_FIELDS
        if protected:
            raise InvalidInput(f"these fields are set by the app: {', '.join(sorted(protected))}")
        if not self._exists(youth.id):
            raise NotFound("no such youth record")
        if changes:
            data = youth.model_dump()
            data.update(changes)
            youth = validated(Youth, data, self.today())
        with store_errors():
            return self.store.save(youth, actor=self.actor)

    # -- reading -------------------------------------------------------------------------

    def get(self, youth_id: UUID) -> Youth:
        """The current version (not audited: for code, not for showing to a person)."""
        with store_errors():
            return self.store.get(Youth, youth_id)

    def view(self, youth_id: UUID) -> Youth:
        """The current version, audited as a VIEW by the actor."""
        youth = self.get(youth_id)
        self.store.record_event(AuditAction.VIEW, actor=self.actor, record=youth)
        return youth

    def search(self, text: str, *, limit: int = SEARCH_LIMIT) -> list[Youth]:
        """Youth by name prefixes, date of birth or county client id (``Store.search_youth``)."""
        found = self.store.search_youth(text, limit=limit)
        return [y for y in found if y.merged_into is None]  # never a merged record's tombstone

    def overview(self, youth_id: UUID) -> YouthOverview:
        """The youth with screenings, missing episodes, sessions attended and open obligations.

        Audited as a VIEW of the youth.
        """
        youth = self.view(youth_id)
        now = now_utc(self.clock)
        screenings = self.store.records(Screening, youth_id=youth_id)
        screenings.sort(key=lambda s: (s.screening_date, s.created_at), reverse=True)
        episodes = self.store.records(MissingEpisode, youth_id=youth_id)
        episodes.sort(key=lambda e: e.started_at, reverse=True)
        # Sessions list attendees inside the record (no youth_id column), so they are filtered
        # here; a county logs far fewer sessions than screenings.
        sessions = [
            session
            for session in self.store.records(EducationSession, limit=1_000_000)
            if youth_id in session.attendee_youth_ids
        ]
        sessions.sort(key=lambda s: (s.session_date, s.created_at), reverse=True)
        open_obligations = by_urgency(
            [o for o in self.store.records(Obligation, youth_id=youth_id) if o.is_open]
        )
        return YouthOverview(
            youth=youth,
            screenings=screenings,
            missing_episodes=episodes,
            education_sessions=sessions,
            open_obligations=open_obligations,
            overdue_obligations=sum(1 for o in open_obligations if o.overdue(now)),
            as_of=now,
        )

    def _exists(self, youth_id: UUID) -> bool:
        try:
            self.store.get(Youth, youth_id)
        except RecordNotFound:
            return False
        return True


__all__ = ["YouthCreated", "YouthOverview", "YouthService"]
