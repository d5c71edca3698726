"""Errors the services raise. Each message is one plain line and never contains personal data.

The GUI shows ``str(error)`` as is, and logs may record it, so a message names fields, record
types and item ids, never a name, an answer or a note. pydantic's own messages repeat the rejected
input, so validation errors go through :func:`csec_desktop.domain.errors.describe`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from csec_desktop.domain.errors import Problem, describe, field_errors, problems
from csec_desktop.store import RecordNotFound, RecordTooLarge, StaleVersion


class ServiceError(Exception):
    """Base of every error a service raises on purpose."""


class InvalidInput(ServiceError):
    """Input that does not make a valid record. ``problems`` holds ``(field, message)`` pairs."""

    def __init__(
        self,
        message: str,
        problems: list[tuple[str, str]] | None = None,
        *,
        details: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.problems = problems or []
        # The same problems as data (rule and bounds), for a screen to word in its language.
        self.details = details or [Problem(f, m, "value_error") for f, m in self.problems]

    @classmethod
    def on(cls, field: str, kind: str, message: str, **limits: int) -> InvalidInput:
        """One problem with one field: ``kind`` names the rule (and ``limits`` its bounds) for a
        screen to word it in its language; ``message`` is the English line."""
        detail = Problem(field, message, kind, dict(limits))
        return cls(f"{field}: {message}", [(field, message)], details=[detail])

    @classmethod
    def from_validation(cls, error: ValidationError) -> InvalidInput:
        return cls(describe(error), field_errors(error), details=problems(error))


class NotFound(ServiceError):
    """The record asked for does not exist in this vault."""


class Conflict(ServiceError):
    """The record changed since it was read (a stale version): reload, then decide."""

    def __init__(self, message: str, *, expected: int = 0, current: int = 0) -> None:
        super().__init__(message)
        self.expected = expected
        self.current = current


class NotEditable(ServiceError):
    """The record is in a state that does not allow this change (e.g. a submitted screening)."""


class InvalidState(ServiceError):
    """The action does not fit the record's workflow state (e.g. approving a draft)."""


class IncompleteScreening(ServiceError):
    """Required visible items are unanswered (or answers are unusable): submission is refused."""

    def __init__(self, missing: list[str], invalid: list[str]) -> None:
        parts = []
        if missing:
            parts.append("still to answer: " + ", ".join(missing))
        if invalid:
            parts.append("answers to correct: " + ", ".join(invalid))
        super().__init__("the screening is not complete (" + "; ".join(parts) + ")")
        self.missing = missing
        self.invalid = invalid


class OverrideNeedsReason(ServiceError):
    """A category other than the proposed one was chosen without a written reason."""


class InvalidAnswers(ServiceError):
    """Answers that do not fit the instrument. ``problems`` holds ``(item id, message)`` pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{item}: {message}" for item, message in problems))
        self.problems = problems


class UnknownInstrumentError(ServiceError):
    """The instrument (or the exact version a screening names) is not installed here."""


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn the store's not-found, stale-version and too-large errors into service errors."""
    try:
        yield
    except RecordTooLarge as exc:
        raise InvalidInput(str(exc)) from None
    except RecordNotFound as exc:
        raise NotFound(str(exc)) from None
    except StaleVersion as exc:
        raise Conflict(str(exc), expected=exc.expected, current=exc.current) from None


__all__ = [
    "Conflict",
    "IncompleteScreening",
    "InvalidAnswers",
    "InvalidInput",
    "InvalidState",
    "NotEditable",
    "NotFound",
    "OverrideNeedsReason",
    "ServiceError",
    "UnknownInstrumentError",
    "store_errors",
]
