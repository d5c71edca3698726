"""What a pushed record may say, checked against what the server holds: the screening workflow,
who authored it, and what it links to. The laptop's word is never taken for any of these.

- **Workflow.** A screening is created as a draft or submitted. Its content changes only while
  it is a draft or returned. Submitted and resubmitted screenings wait for a supervisor: the
  only change the author's laptop may then push is the status the supervisor's review of exactly
  that version decided, with nothing else changed. An approved screening never changes again; a
  correction is an addendum, a new screening naming it in ``amends_id``, which goes back to review.
- **Authorship.** ``screener`` is the signed-in user (the device token's) when a screening is
  created, and stays who it was or becomes the caller afterwards; a determination that is new or
  changed is ``confirmed_by`` the caller. Nobody can name someone else as its author.
- **Links.** Every record a record points at (``LINKS``) must be a record of the caller's county,
  on the server or earlier in the same batch, and of the same youth.
- **Reviews.** Nobody decides on a screening they authored (:func:`authors_of`).

``push.py`` builds one :class:`WorkflowGate` per batch (three small reads), asks it about each
operation before applying it and tells it what was applied, so later operations of the batch see
earlier ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Select, bindparam, select

from csec_desktop.domain import ScreeningStatus
from csec_desktop.server.accounts import Caller
from csec_desktop.server.db import member_of
from csec_desktop.server.schema import audit_events, records, reviews, users
from csec_desktop.sync.protocol import RETRY_LATER

SCREENING = "screening"
_DRAFT, _SUBMITTED, _APPROVED, _RETURNED, _RESUBMITTED, _DISCARDED = (
    ScreeningStatus.DRAFT.value,
    ScreeningStatus.SUBMITTED.value,
    ScreeningStatus.APPROVED.value,
    ScreeningStatus.RETURNED.value,
    ScreeningStatus.RESUBMITTED.value,
    ScreeningStatus.DISCARDED.value,
)
_AWAITING_REVIEW = frozenset({_SUBMITTED, _RESUBMITTED})
_DECIDED = frozenset({_APPROVED, _RETURNED})
# The statuses a screening may be created with, and what may follow a status the author controls.
# A draft discarded before it ever reached the server arrives discarded; only a draft is.
_CREATED_AS = frozenset({_DRAFT, _SUBMITTED, _DISCARDED})
_AUTHOR_MAY_MOVE = {
    _DRAFT: frozenset({_DRAFT, _SUBMITTED, _DISCARDED}),
    _RETURNED: frozenset({_RETURNED, _RESUBMITTED}),
}
# What applying a review changes on the author's laptop (``Screening.with_status`` then a save).
_SET_BY_DECISION = frozenset({"status", "version", "updated_at"})
# What merging two records of a child changes on a screening (``services.youth_merge``).
_SET_BY_MERGE = frozenset({"youth_id", "version", "updated_at"})
YOUTH = "youth"

# The record each link field points at, per record type. A test checks that every UUID field of
# every pushed record type is listed here, so a new record type cannot slip past the link check.
LINKS: Mapping[str, Mapping[str, str]] = {
    "screening": {
        "youth_id": "youth",
        "amends_id": "screening",
        "missing_episode_id": "missing_episode",
    },
    "obligation": {
        "youth_id": "youth",
        "screening_id": "screening",
        "missing_episode_id": "missing_episode",
        "identification_id": "identification",
    },
    "missing_episode": {"youth_id": "youth"},
    "identification": {"youth_id": "youth", "screening_id": "screening"},
    "education_session": {"attendee_youth_ids": "youth"},
    "youth": {"merged_into": "youth"},
}
# The link fields whose target must be about the same youth as the record itself.
_NUMBER = attrgetter("int")  # a UUID's 128-bit number: sorting by it is sorting by its text
_SAME_YOUTH = frozenset({"screening_id", "missing_episode_id", "amends_id", "identification_id"})
IDENTIFICATION = "identification"


@dataclass(slots=True)
class _Known:
    """What the gate knows of one record of the caller's county."""

    version: int
    status: str | None
    youth_id: str | None
    payload: dict[str, Any] | None = None  # screenings in the batch only


def _linked_ids(record_type: str, payload: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """``(field, target type, target id)`` for each link ``payload`` makes."""
    for field, target in LINKS.get(record_type, {}).items():
        value = payload.get(field)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                yield field, target, str(item)


@dataclass(frozen=True)
class _Statements:
    """The gate's reads, built once per dialect: building a statement per batch cost more than
    running it, and an ``IN`` list of a batch's ids was compiled (and parsed by PostgreSQL)
    afresh on every push; the ids are one array parameter on PostgreSQL (``member_of``)."""

    linked: Select[Any]  # version, status and youth of the records the batch names
    payloads: Select[Any]  # the whole held payload of the batch's own authored records
    decided: Select[Any]  # the reviews of the batch's screenings
    merged: Select[Any]  # which youth were merged into which


def _statements(postgres: bool) -> _Statements:
    in_county = records.c.county_id == bindparam("county")
    # The type too, so the primary key (record_type, record_id) finds the rows.
    of_types = records.c.record_type.in_(bindparam("types", expanding=True))
    ids = member_of(records.c.record_id, "ids", postgres=postgres)
    return _Statements(
        linked=select(
            records.c.record_type,
            records.c.record_id,
            records.c.version,
            records.c.status,
            records.c.payload["youth_id"].as_string().label("youth_id"),
        ).where(in_county, of_types, ids),
        payloads=select(records.c.record_type, records.c.record_id, records.c.payload).where(
            in_county, of_types, ids
        ),
        decided=select(
            reviews.c.screening_id, reviews.c.screening_version, reviews.c.decision
        ).where(
            reviews.c.county_id == bindparam("county"),
            member_of(reviews.c.screening_id, "ids", postgres=postgres),
        ),
        merged=select(
            records.c.record_id,
            records.c.payload["merged_into"].as_string().label("merged_into"),
        ).where(in_county, records.c.record_type == YOUTH, ids),
    )


_STATEMENTS = {postgres: _statements(postgres) for postgres in (False, True)}


class WorkflowGate:
    """The checks for one push batch of one caller (see the module docstring)."""

    def __init__(
        self,
        caller: Caller,
        known: dict[tuple[str, str], _Known],
        decided: set[tuple[str, int, str]],
        merged: dict[str, str] | None = None,
    ) -> None:
        self._caller = caller
        self._known = known
        self._decided = decided  # (screening id, version, decision) of the server's reviews
        self._merged = merged or {}  # youth id -> the youth it was merged into

    @classmethod
    def load(
        cls, conn: Connection, caller: Caller, items: Sequence[tuple[str, UUID, Mapping[str, Any]]]
    ) -> WorkflowGate:
        """Read what the checks of ``items`` (record type, id, payload) need, in one go."""
        wanted: set[tuple[str, str]] = set()
        screenings: set[UUID] = set()
        identifications: set[UUID] = set()  # authored records, read whole like screenings
        for record_type, record_id, payload in items:
            if record_type == SCREENING:
                screenings.add(record_id)
            elif record_type == IDENTIFICATION:
                identifications.add(record_id)
            wanted.update(
                (target, target_id) for _f, target, target_id in _linked_ids(record_type, payload)
            )
        known: dict[tuple[str, str], _Known] = {}
        in_batch = {(SCREENING, str(i)): i for i in screenings}
        in_batch.update(((IDENTIFICATION, str(i)), i) for i in identifications)
        # Ids are UUIDs, so one list of every id serves all types; each row is then kept only
        # as the (type, id) asked for. Bound as one array on PostgreSQL (``member_of``). Sorted
        # by number, which is their text's order, without making each one's text (or comparing
        # by ``UUID.__lt__``, which is Python).
        every_id = sorted({UUID(i) for _t, i in wanted} | screenings | identifications, key=_NUMBER)
        statements = _STATEMENTS[conn.dialect.name == "postgresql"]
        county = caller.county_id
        if every_id:
            types = sorted({t for t, _i in wanted.union(in_batch)})
            rows = conn.execute(
                statements.linked, {"county": county, "types": types, "ids": every_id}
            )
            for row in rows:
                key = (row.record_type, str(row.record_id))
                if key in wanted or key in in_batch:
                    known[key] = _Known(row.version, row.status, row.youth_id)
        # The whole payload only of the batch's own screenings and identifications the server
        # holds (the checks compare with it), not of every record the batch links to: reading a
        # screening's answers for each obligation that names it was a tenth of a push's CPU.
        held_in_batch = sorted((i for key, i in in_batch.items() if key in known), key=_NUMBER)
        if held_in_batch:
            types = sorted({t for t, _i in in_batch})
            rows = conn.execute(
                statements.payloads, {"county": county, "types": types, "ids": held_in_batch}
            )
            for row in rows:
                key = (row.record_type, str(row.record_id))
                if key in in_batch:
                    known[key].payload = row.payload
        decided: set[tuple[str, int, str]] = set()
        if screenings:
            ids = sorted(screenings, key=_NUMBER)
            rows = conn.execute(statements.decided, {"county": county, "ids": ids})
            decided = {(str(r.screening_id), r.screening_version, r.decision) for r in rows}
        # The youth a held screening names now, when a pushed version names another: a merge
        # (the youth it leaves merged into the one it names) may re-point it, and only that.
        left = {
            held.youth_id
            for (record_type, record_id), held in known.items()
            if record_type == SCREENING and held.youth_id is not None
        }
        merged: dict[str, str] = {}
        if left:
            ids = sorted((UUID(y) for y in left), key=_NUMBER)
            rows = conn.execute(statements.merged, {"county": county, "ids": ids})
            merged = {str(r.record_id): r.merged_into for r in rows if r.merged_into}
        return cls(caller, known, decided, merged)

    def refusal(
        self, record_type: str, record_id: UUID, payload: Mapping[str, Any], *, stale: bool
    ) -> str | None:
        """Why this operation must be refused (plain language, no content), or None.

        ``stale`` is set when its base version is not the server's (it would be kept aside as a
        conflict): then only what does not depend on the held version is checked.
        """
        reason = self._link_refusal(record_type, payload)
        if reason:
            return reason
        if record_type == IDENTIFICATION:
            return self._identifier_refusal(
                payload, self._known.get((IDENTIFICATION, str(record_id)))
            )
        if record_type != SCREENING:
            return None
        held = self._known.get((SCREENING, str(record_id)))
        if self._merge_repoint(payload, held):
            return None  # only the youth it names changes, to the one its youth merged into
        if held is not None and held.status == _APPROVED:
            return (
                "this screening was approved and cannot be changed; "
                "correct it with an addendum, which goes to review"
            )
        if held is not None and held.status == _DISCARDED:
            return "this screening was discarded and cannot be changed"
        if stale:
            return self._author_refusal(payload, None)
        return self._transition_refusal(str(record_id), payload, held) or self._author_refusal(
            payload, held
        )

    def applied(self, record_type: str, record_id: UUID, payload: Mapping[str, Any]) -> None:
        """Carry an applied operation forward to the rest of the batch."""
        if record_type == YOUTH and payload.get("merged_into"):
            self._merged[str(record_id)] = str(payload["merged_into"])
        youth_id = payload.get("youth_id")
        self._known[(record_type, str(record_id))] = _Known(
            int(payload.get("version", 1)),
            payload.get("status") if record_type == SCREENING else None,
            str(youth_id) if youth_id is not None else None,
            dict(payload) if record_type in (SCREENING, IDENTIFICATION) else None,
        )

    # -- the checks ------------------------------------------------------------------------

    def _merge_repoint(self, payload: Mapping[str, Any], held: _Known | None) -> bool:
        """Whether this version of a held screening only re-points it from a youth that was
        merged to the youth it was merged into (whatever its workflow state: an approved or
        awaiting screening is about the same child, under the record that survives)."""
        if held is None or held.payload is None or held.youth_id is None:
            return False
        new_youth = payload.get("youth_id")
        if new_youth is None or str(new_youth) == held.youth_id:
            return False
        if self._merged.get(held.youth_id) != str(new_youth):
            return False
        return _without(payload, _SET_BY_MERGE) == _without(held.payload, _SET_BY_MERGE)

    def _link_refusal(self, record_type: str, payload: Mapping[str, Any]) -> str | None:
        youth_id = payload.get("youth_id")
        for field, target_type, target_id in _linked_ids(record_type, payload):
            target = self._known.get((target_type, target_id))
            if target is None:
                # Maybe not sent yet (its laptop holds it back until a conflict is resolved):
                # the laptop keeps this change and sends it again, unremembered here.
                return (
                    f"{field} does not name a {target_type} of this county on the server yet; "
                    + RETRY_LATER
                )
            if field in _SAME_YOUTH and youth_id is not None and target.youth_id != str(youth_id):
                return f"{field} names a {target_type} of another youth"
            if field == "amends_id" and target.status != _APPROVED:
                return "an addendum can only amend an approved screening"
        return None

    def _transition_refusal(
        self, screening_id: str, payload: Mapping[str, Any], held: _Known | None
    ) -> str | None:
        status = str(payload.get("status"))
        if held is None:
            if status not in _CREATED_AS:
                return f"a new screening cannot be {status}: only a supervisor's review decides it"
            return None
        assert held.status is not None
        if held.status in _AWAITING_REVIEW:
            if status not in _DECIDED:
                return (
                    f"this screening is {held.status} and waits for a supervisor; "
                    "it cannot be changed until it is returned"
                )
            if (screening_id, held.version, status) not in self._decided:
                return f"only a supervisor's review of this version can make a screening {status}"
            assert held.payload is not None
            if _without(payload, _SET_BY_DECISION) != _without(held.payload, _SET_BY_DECISION):
                return (
                    "a review decision changes only the status; the content must stay as reviewed"
                )
            return None
        allowed = _AUTHOR_MAY_MOVE.get(held.status, frozenset())
        if status not in allowed:
            if status in _DECIDED:
                return f"only a supervisor's review can make a screening {status}"
            return f"a {held.status} screening cannot become {status}"
        return None

    def _author_refusal(self, payload: Mapping[str, Any], held: _Known | None) -> str | None:
        me = self._caller.username
        held_payload = held.payload if held is not None else None
        screener = payload.get("screener")
        if screener != me and (held_payload is None or screener != held_payload.get("screener")):
            return f"the screener must be the signed-in user ({me})"
        determination = payload.get("determination")
        held_determination = held_payload.get("determination") if held_payload else None
        if (
            isinstance(determination, dict)
            and determination != held_determination
            and determination.get("confirmed_by") != me
        ):
            return f"a determination must be confirmed by the signed-in user ({me})"
        return None

    def _identifier_refusal(self, payload: Mapping[str, Any], held: _Known | None) -> str | None:
        """Who identified a child, and who voided the identification, is the signed-in user when
        it is written (an identification is made by one submission and changes only when
        voided)."""
        me = self._caller.username
        held_payload = held.payload if held is not None else None
        identified_by = payload.get("identified_by")
        if identified_by != me and (
            held_payload is None or identified_by != held_payload.get("identified_by")
        ):
            return f"an identification must be made by the signed-in user ({me})"
        voided_by = payload.get("voided_by")
        if (
            voided_by is not None
            and voided_by != me
            and (held_payload is None or voided_by != held_payload.get("voided_by"))
        ):
            return f"an identification must be voided by the signed-in user ({me})"
        return None


def _without(payload: Mapping[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key not in names}


def authors_of(
    conn: Connection, screening_id: UUID, owner_user_id: int, payload: Mapping[str, Any]
) -> set[str]:
    """Everyone who authored any part of a screening: whoever holds it, its screener, whoever
    confirmed its determination, and every user whose device pushed a version of it."""
    owner = conn.execute(select(users.c.username).where(users.c.id == owner_user_id)).scalar()
    pushed = conn.execute(
        select(audit_events.c.actor)
        .where(
            audit_events.c.record_type == SCREENING,
            audit_events.c.record_id == screening_id,
            audit_events.c.action.in_(("record_create", "record_update")),
        )
        .distinct()
    ).scalars()
    determination = payload.get("determination")
    named = {payload.get("screener")}
    if isinstance(determination, dict):
        named.add(determination.get("confirmed_by"))
    return {name for name in (owner, *pushed, *named) if isinstance(name, str)}
