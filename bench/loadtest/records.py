"""Push bodies made of realistic records: the project's demo seeder, run into a list.

A device's push holds what a caseworker's laptop holds after a day: youth, screenings (most of them
submitted), their obligations, missing-from-care episodes, education sessions and trainings. Every
name and note carries the demo marker, so nothing here can pass for a real youth. Records are put in
the order their references need (a screening after its youth, an obligation after its screening),
so a batch cut anywhere never names a record the server has not been sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from csec_desktop.domain import Record
from csec_desktop.instruments import Instrument
from csec_desktop.instruments.registry import InstrumentRegistry, shipped_instruments_dir
from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder

MARKER = "BENCH"
# The author the seeder writes into screenings (screener, confirmed_by, identified_by). The server
# takes a screening only from its author (issue 14's workflow gate), and a device's user is known
# only once it is enrolled: ``authored`` puts that user's name in place of this one.
AUTHOR = "bench-caseworker"
# The order in which references are satisfied (what a record names comes earlier).
_TYPE_ORDER = (
    "youth",
    "missing_episode",
    "screening",
    "identification",  # names its screening; a 24-hour report names it
    "obligation",
    "education_session",
    "training",
)


class _Collector:
    """Stands in for the store: the seeder only calls ``save_many``."""

    def __init__(self) -> None:
        self.records: list[Record] = []

    def save_many(self, records: Iterable[Record], actor: str) -> None:
        self.records.extend(records)


@cache
def _instrument() -> Instrument:
    return InstrumentRegistry(shipped_instruments_dir(), None).latest(DEMO_INSTRUMENT)


def device_records(
    county: str, seed: int, youth: int, screenings: int, sessions: int
) -> list[Record]:
    """One laptop's records, seeded (the same seed gives the same content, with fresh ids)."""
    collector = _Collector()
    seeder = DemoSeeder(
        collector,  # type: ignore[arg-type]
        _instrument(),
        marker=MARKER,
        county=county,
        screener=AUTHOR,
        seed=seed,
    )
    seeder.seed(youth=youth, screenings=screenings, sessions=sessions)
    rank = {name: n for n, name in enumerate(_TYPE_ORDER)}
    return sorted(collector.records, key=lambda r: rank.get(r.record_type, len(rank)))


def new_operation(record: Record, op_id: str) -> dict[str, Any]:
    """The push operation a laptop sends for a record it created."""
    return {
        "op_id": op_id,
        "record_type": record.record_type,
        "record_id": str(record.id),
        "base_version": None,
        "version": record.version,
        "payload": record.model_dump(mode="json"),
    }


def push_body(operations: list[dict[str, Any]]) -> str:
    return json.dumps({"operations": operations}, separators=(",", ":"))


def authored(body: str, username: str) -> str:
    """``body`` (JSON text) with the device user ``username`` as the author of its records."""
    return body.replace(json.dumps(AUTHOR), json.dumps(username)) if body else body


def authored_operations(operations: list[dict[str, Any]], username: str) -> list[dict[str, Any]]:
    """``operations`` with ``username`` as the author of their records."""
    found: list[dict[str, Any]] = json.loads(authored(json.dumps(operations), username))
    return found
