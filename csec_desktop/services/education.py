"""Youth risk-education sessions and caregiver/staff trainings: log, list, correct."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import EducationSession, Record, Training, Youth
from csec_desktop.domain.base import today_context
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.errors import Conflict, InvalidInput, NotFound, store_errors
from csec_desktop.store import RecordNotFound, Store

R = TypeVar("R", bound=Record)

_PROTECTED_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})
_MAX_RECORDS = 10_000_000


def _validated(model: type[R], data: Mapping[str, Any], today: date) -> R:
    protected = set(data) & _PROTECTED_FIELDS
    if protected:
        raise InvalidInput(f"these fields are set by the app: {', '.join(sorted(protected))}")
    try:
        return model.model_validate(dict(data), context=today_context(today))
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None


def _in_period(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day < end)


class EducationService:
    """Logs the county's education duty, for one signed-in ``actor``."""

    def __init__(self, store: Store, *, actor: str, clock: Clock = system_clock) -> None:
        if not actor.strip():
            raise ValueError("a service needs the name of the person using it")
        self.store = store
        self.actor = actor
        self.clock = clock

    # -- youth risk-education sessions ---------------------------------------------------

    def today(self) -> date:
        """Today in the county's time zone: a session or training may not be dated after it
        (whatever the computer's own zone says)."""
        return now_utc(self.clock).astimezone(county_policy(self.store).zone).date()

    def draft_session(self, fields: Mapping[str, Any]) -> EducationSession:
        """An unsaved session from form input; ``InvalidInput`` naming each bad field."""
        return _validated(EducationSession, fields, self.today())

    def log_session(self, session: EducationSession) -> EducationSession:
        """Save a new session. Every linked attendee must be a youth of this vault; the date
        may not be after today in the county."""
        self._require_new(session)
        self._require_not_after_today("session_date", session.session_date)
        self._require_youth(session.attendee_youth_ids)
        with store_errors():
            return self.store.save(session, actor=self.actor)

    def update_session(self, session: EducationSession, **changes: Any) -> EducationSession:
        """Save ``session`` (as read, with ``changes``) as its next version."""
        updated = self._changed(session, changes)
        self._require_youth(updated.attendee_youth_ids)
        with store_errors():
            self.store.get(EducationSession, session.id)
            return self.store.save(updated, actor=self.actor)

    def sessions(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        youth_id: UUID | None = None,
    ) -> list[EducationSession]:
        """Sessions in ``[start, end)`` (either open), optionally those a youth attended;
        newest first."""
        found = [
            session
            for session in self.store.records(EducationSession, limit=_MAX_RECORDS)
            if _in_period(session.session_date, start, end)
            and (youth_id is None or youth_id in session.attendee_youth_ids)
        ]
        return sorted(found, key=lambda s: (s.session_date, s.created_at), reverse=True)

    def void_session(self, session: EducationSession, *, reason: str) -> EducationSession:
        """Void a session logged by mistake (twice, wrong youth), with a written ``reason``:
        a new version, audited and synced; it stays listed (marked) and counts in no report."""
        text = reason.strip()
        if not text:
            raise InvalidInput.on(
                "void_reason", "session_void_needs_reason", "say why the session is voided"
            )
        if session.voided:
            raise InvalidInput.on("session", "already_voided", "is already voided")
        now = now_utc(self.clock)
        voided = self._changed(
            session, {"voided_at": now, "voided_by": self.actor, "void_reason": text}
        )
        with store_errors():
            return self.store.save(voided, actor=self.actor)

    def get_session(self, session_id: UUID) -> EducationSession:
        with store_errors():
            return self.store.get(EducationSession, session_id)

    # -- caregiver and staff trainings ------------------------------------------------------

    def draft_training(self, fields: Mapping[str, Any]) -> Training:
        """An unsaved training from form input; ``InvalidInput`` naming each bad field."""
        return _validated(Training, fields, self.today())

    def log_training(self, training: Training) -> Training:
        """Save a new training; the date may not be after today in the county."""
        self._require_new(training)
        self._require_not_after_today("training_date", training.training_date)
        with store_errors():
            return self.store.save(training, actor=self.actor)

    def update_training(self, training: Training, **changes: Any) -> Training:
        updated = self._changed(training, changes)
        with store_errors():
            self.store.get(Training, training.id)
            return self.store.save(updated, actor=self.actor)

    def trainings(self, *, start: date | None = None, end: date | None = None) -> list[Training]:
        """Trainings in ``[start, end)`` (either open), newest first."""
        found = [
            training
            for training in self.store.records(Training, limit=_MAX_RECORDS)
            if _in_period(training.training_date, start, end)
        ]
        return sorted(found, key=lambda t: (t.training_date, t.created_at), reverse=True)

    def get_training(self, training_id: UUID) -> Training:
        with store_errors():
            return self.store.get(Training, training_id)

    # -- helpers -------------------------------------------------------------------------

    def _require_new(self, record: Record) -> None:
        try:
            self.store.get(type(record), record.id)
        except RecordNotFound:
            if record.version == 1:
                return
        raise Conflict(f"this {record.record_type} is already saved; open it to change it")

    def _require_not_after_today(self, field: str, day: date) -> None:
        if day > self.today():
            raise InvalidInput.on(field, "date_in_future", "date is in the future")

    def _require_youth(self, youth_ids: list[UUID]) -> None:
        for youth_id in youth_ids:
            try:
                self.store.get(Youth, youth_id)
            except RecordNotFound:
                raise NotFound("an attendee is not a youth of this vault") from None

    def _changed(self, record: R, changes: Mapping[str, Any]) -> R:
        if not changes:
            return record
        data = record.model_dump()
        data.update(changes)
        protected = set(changes) & _PROTECTED_FIELDS
        if protected:
            raise InvalidInput(f"these fields are set by the app: {', '.join(sorted(protected))}")
        try:
            return type(record).model_validate(data, context=today_context(self.today()))
        except ValidationError as exc:
            raise InvalidInput.from_validation(exc) from None


__all__ = ["EducationService"]
