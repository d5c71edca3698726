"""Checks that the store's report facts (``store/report_facts.py``) say what the records say.

``disagreements(store)``: every way the ``report_facts`` table differs from the facts derived
from the record bodies (a missing or extra row, a column or a parsed view that differs); empty
when they agree. ``report_from_bodies``: the county report computed by the same service from the
record bodies instead of the facts table (the reading the table replaced), to compare with
``ReportService.county_report``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from csec_desktop.domain.base import STORED, Record
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import (
    CountyReport,
    IdentificationFacts,
    ObligationFacts,
    ScreeningFacts,
    YouthFacts,
)
from csec_desktop.services.clock import Clock
from csec_desktop.services.reports import ReportService
from csec_desktop.store import Store
from csec_desktop.store.report_facts import REPORTED_TYPES

VIEWS: dict[str, type[Record]] = {
    view.record_type: view
    for view in (ScreeningFacts, IdentificationFacts, ObligationFacts, YouthFacts)
}
assert set(VIEWS) == REPORTED_TYPES

R = TypeVar("R", bound=Record)


def disagreements(store: Store) -> list[str]:
    def _read(conn: Any) -> tuple[list[Any], list[Any]]:
        records = conn.execute(
            "SELECT record_type, id, youth_id, status, event_date, body FROM records"
        ).fetchall()
        facts = conn.execute(
            "SELECT record_type, id, youth_id, status, event_date, facts FROM report_facts"
        ).fetchall()
        return records, facts

    records, facts = store.call(lambda: _read(store._connection()))
    expected = {(r[0], r[1]): r for r in records if r[0] in REPORTED_TYPES}
    held = {(f[0], f[1]): f for f in facts}
    problems = [f"no facts for {key}" for key in expected.keys() - held.keys()]
    problems += [f"facts of a record not held: {key}" for key in held.keys() - expected.keys()]
    for key in expected.keys() & held.keys():
        record, fact = expected[key], held[key]
        if record[2:5] != fact[2:5]:
            problems.append(f"{key}: columns {fact[2:5]} != {record[2:5]}")
        view = VIEWS[key[0]]
        from_body = view.model_validate_json(record[5], context=STORED)
        from_facts = view.model_validate_json(fact[5], context=STORED)
        if from_body != from_facts:
            problems.append(f"{key}: {from_facts!r} != {from_body!r}")
    return sorted(problems)


class _BodiesStore:
    """A store whose report reads go to the record bodies (``Store.records``), as before the
    facts table: everything else is the real store's."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def report_facts(self, model: type[R], **filters: Any) -> list[R]:
        return self._store.records(model, ordered=False, **filters)

    def report_facts_of(self, model: type[R], record_ids: Collection[UUID]) -> list[R]:
        return [self._store.get(model, i) for i in record_ids if self._store.exists(model, i)]


def report_from_bodies(
    store: Store, policy: CountyPolicy, clock: Clock, start: date, end: date, county: str | None
) -> CountyReport[int]:
    service = ReportService(_BodiesStore(store), policy, clock, county=county)  # type: ignore[arg-type]
    return service.county_report(start, end)


def report_from_facts(
    store: Store, policy: CountyPolicy, clock: Clock, start: date, end: date, county: str | None
) -> CountyReport[int]:
    return ReportService(store, policy, clock, county=county).county_report(start, end)
