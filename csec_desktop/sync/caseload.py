"""Which youth a record belongs to: the one rule the server routes records by and a laptop
removes them by. Generic over ``domain.RECORD_TYPES``, so a new record type travels as soon as
its fields say whose it is:

- a youth is its own;
- a record with a ``youth_id`` is about that youth (a screening, an obligation, an episode, ...);
- a record with a list field ending in ``_youth_ids`` names those youth too (a session's
  ``attendee_youth_ids``): it belongs to each of them, but is about none;
- a record naming no youth but a screening (``screening_id``: a review) belongs to that
  screening's youth, which the caller looks up (:attr:`YouthLinks.via_screening`);
- a record naming nobody (a caregiver training) belongs to its author's caseload: it travels to
  the author's devices only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

YOUTH_RECORD_TYPE = "youth"


@dataclass(frozen=True, slots=True)
class YouthLinks:
    subject: UUID | None  # the youth the record is about
    named: frozenset[UUID]  # every youth it belongs to (the subject included)
    via_screening: UUID | None = None  # about that screening's youth (looked up by the caller)

    @property
    def about_one_youth(self) -> bool:
        """True when the record is about one youth: whoever holds that youth may write it.
        Otherwise only its author may (a session, a training)."""
        return self.subject is not None or self.via_screening is not None


def _uuid(value: Any) -> UUID | None:
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        try:
            return UUID(value)
        except ValueError:
            return None
    return None


def youth_links(record_type: str, record_id: UUID, payload: Mapping[str, Any]) -> YouthLinks:
    """The youth ``payload`` (a record as JSON) belongs to."""
    subject = record_id if record_type == YOUTH_RECORD_TYPE else _uuid(payload.get("youth_id"))
    named = {subject} if subject is not None else set()
    for field, value in payload.items():
        if field.endswith("_youth_ids") and isinstance(value, list):
            named.update(u for u in (_uuid(v) for v in value) if u is not None)
    via = None
    if subject is None and not named:
        via = _uuid(payload.get("screening_id"))
    return YouthLinks(subject, frozenset(named), via)
