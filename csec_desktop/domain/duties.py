"""One obligation per legal duty: what a duty is, and which candidate obligations are new.

A **duty** is what the law or the county's protocol requires once:

- per identification (one identified exploitation): the law-enforcement report, the
  documentation in the county system, the MDT referral, and on the labor track its report and
  follow-up: ``(kind, "identification", id)``;
- per missing episode: the reports to law enforcement and to NCMEC, the screening on return:
  ``(kind, "missing_episode", id)``;
- per youth: documenting (and, where the county says so, referring) a youth found at risk:
  ``(kind, "youth", id)``; the CSEC status in the county system does not change with each
  at-risk screening.

Every service that creates obligations goes through :func:`new_duties`: it keeps only the
candidates whose duty no existing obligation (open, done or voided) already discharges, and gives
each the id its duty determines (:func:`duty_id`). So a resubmission, an addendum, a re-screening,
the same records arriving twice by sync, or two laptops creating the same duty offline all end
with one obligation per duty: the second laptop's copy has the same id, and meets the first as a
version conflict, never as a twin.

Obligations stored before identifications existed name only their screening. ``identification_of``
(screening id → the identification its chain made, see ``ScreeningService``) files them under that
identification, so re-screening a child identified by the earlier release files no second report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID, uuid5

from csec_desktop.domain.obligation import Obligation, ObligationKind

DutyKey = tuple[str, str, str]

_DUTY_NAMESPACE = UUID("0b6c2f49-8d1e-4a35-9c7a-3e5f1d2b8a64")
# Duties that, coming from a screening that identified nobody, belong to the youth.
_YOUTH_DUTIES = frozenset({ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM, ObligationKind.REFER_TO_MDT})


def duty_key(
    obligation: Obligation, identification_of: Mapping[UUID, UUID] | None = None
) -> DutyKey:
    """The duty ``obligation`` discharges."""
    kind = obligation.kind
    if obligation.identification_id is not None:
        return (kind.value, "identification", str(obligation.identification_id))
    if obligation.missing_episode_id is not None:
        return (kind.value, "missing_episode", str(obligation.missing_episode_id))
    screening_id = obligation.screening_id
    assert screening_id is not None  # an Obligation always has a source (its validator)
    identification = (identification_of or {}).get(screening_id)
    if identification is not None:
        return (kind.value, "identification", str(identification))
    if kind in _YOUTH_DUTIES:
        return (kind.value, "youth", str(obligation.youth_id))
    return (kind.value, "screening", str(screening_id))


def duty_id(key: DutyKey) -> UUID:
    """The id of the obligation that discharges ``key`` (the same on every laptop)."""
    return uuid5(_DUTY_NAMESPACE, "|".join(key))


def new_duties(
    candidates: Iterable[Obligation],
    existing: Iterable[Obligation],
    identification_of: Mapping[UUID, UUID] | None = None,
) -> list[Obligation]:
    """The ``candidates`` whose duty no ``existing`` obligation discharges (each duty once),
    with the ids their duties determine."""
    seen = {duty_key(obligation, identification_of) for obligation in existing}
    new = []
    for candidate in candidates:
        key = duty_key(candidate, identification_of)
        if key in seen:
            continue
        seen.add(key)
        new.append(candidate.model_copy(update={"id": duty_id(key)}))
    return new


def open_duplicates(
    obligations: Iterable[Obligation], identification_of: Mapping[UUID, UUID] | None = None
) -> dict[DutyKey, list[Obligation]]:
    """Duties with more than one open obligation (what must never happen; for checks)."""
    by_duty: dict[DutyKey, list[Obligation]] = {}
    for obligation in obligations:
        if obligation.is_open:
            by_duty.setdefault(duty_key(obligation, identification_of), []).append(obligation)
    return {key: found for key, found in by_duty.items() if len(found) > 1}


__all__ = ["DutyKey", "duty_id", "duty_key", "new_duties", "open_duplicates"]
