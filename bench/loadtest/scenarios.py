"""The scenarios' devices: what each one pushes and when, ready for Locust's plan file.

Bodies are made once per run number and reused on every database, so SQLite and PostgreSQL get the
same records (fresh devices are enrolled for every run, so every run starts with empty cursors).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import plan
from .harness import enroll_devices
from .records import authored, device_records, new_operation, push_body

BURST_COUNTY = "Fresno"
MAX_BATCH = 500


@dataclass(frozen=True)
class Pushes:
    """One device's pushes: encoded bodies, their record counts, and the operations themselves."""

    bodies: list[str]
    records: list[int]
    operations: list[dict[str, Any]]


def _pushes(batches: list[list[Any]]) -> Pushes:
    bodies, counts, every = [], [], []
    for batch in batches:
        operations = [new_operation(r, str(uuid.uuid4())) for r in batch]
        bodies.append(push_body(operations) if operations else "")
        counts.append(len(operations))
        every.extend(operations)
    return Pushes(bodies, counts, every)


@cache
def burst_pushes(
    devices: int, records: int, run: int, youth_only: bool = False
) -> tuple[Pushes, ...]:
    """Each device's one push of ``records`` records (a day of a caseworker's work; with
    ``youth_only``, bare youth records as issue 4's benchmark pushed)."""
    found = []
    for n in range(devices):
        size, made = max(1, records // 5), []
        while len(made) < records:  # a day's work of about the mix the seeder makes, cut at N
            made = device_records(
                BURST_COUNTY,
                seed=run * 100_003 + n,
                youth=records if youth_only else size,
                screenings=0 if youth_only else size * 3 // 2,
                sessions=0 if youth_only else max(1, size // 4),
            )
            size += 1
        found.append(_pushes([made[:records]]))
    return tuple(found)


@cache
def ingest_pushes(total: int, run: int, youth_only: bool = False) -> Pushes:
    """One device's ``total`` records in batches of the protocol's maximum."""
    scale = total / 9_000
    made = device_records(
        BURST_COUNTY,
        seed=7_000_000 + run,
        youth=total if youth_only else int(1650 * scale) + 1,
        screenings=0 if youth_only else int(2750 * scale) + 1,
        sessions=0 if youth_only else int(330 * scale) + 1,
    )
    made = made[:total]
    return _pushes([made[i : i + MAX_BATCH] for i in range(0, len(made), MAX_BATCH)])


@dataclass(frozen=True)
class StateSpec:
    devices: int
    compression: float
    run_s: float
    seed: int


@cache
def state_schedule(
    spec: StateSpec, run: int
) -> tuple[tuple[plan.StateDevice, list[float], Pushes], ...]:
    """Every state device with its sync times and (caseworkers) its pushes."""
    rng = random.Random(spec.seed * 1_000 + run)
    found = []
    for n, device in enumerate(plan.state_devices(spec.devices, spec.compression, spec.seed + run)):
        if device.role == "supervisor":
            period = plan.SUPERVISOR_REVIEW_MIN * 60 / spec.compression
            times = [device.arrival_s, *plan.later_syncs(device.arrival_s, period, spec.run_s, rng)]
            found.append((device, times, Pushes([], [], [])))
            continue
        period = plan.CASEWORKER_RESYNC_MIN * 60 / spec.compression
        times = [device.arrival_s, *plan.later_syncs(device.arrival_s, period, spec.run_s, rng)]
        seed = (run * 1_000_003 + n) * 7
        backlog = device_records(
            device.county,
            seed,
            youth=rng.randint(1, 4),
            screenings=rng.randint(1, 5),
            sessions=rng.randint(0, 2),
        )
        batches = [backlog]  # a few dozen records: one push
        for later in range(1, len(times)):
            batches.append(
                device_records(device.county, seed + later, youth=1, screenings=1, sessions=0)
                if rng.random() < 0.6
                else []
            )
        found.append((device, times, _pushes(batches)))
    return tuple(found)


def burst_devices(url: str, pushes: tuple[Pushes, ...], times: list[float]) -> list[dict[str, Any]]:
    people = [(BURST_COUNTY, "caseworker", "A")] * len(pushes)
    identities = enroll_devices(url, people)
    return [
        {
            "token": who.token,
            "role": who.role,
            "seed": n,
            "times": [at],
            "bodies": [authored(body, who.username) for body in p.bodies],
            "records": p.records,
        }
        for n, (who, p, at) in enumerate(zip(identities, pushes, times, strict=True))
    ]


def ingest_devices(url: str, pushes: Pushes) -> list[dict[str, Any]]:
    (who,) = enroll_devices(url, [(BURST_COUNTY, "caseworker", "A")])
    return [
        {
            "token": who.token,
            "role": who.role,
            "seed": 0,
            "times": [0.0],
            "bodies": [authored(body, who.username) for body in pushes.bodies],
            "records": pushes.records,
        }
    ]


def state_devices(url: str, spec: StateSpec, run: int) -> list[dict[str, Any]]:
    schedule = state_schedule(spec, run)
    people = [(d.county, d.role, f"r{run}-{d.team}") for d, _, _ in schedule]
    identities = enroll_devices(url, people)
    return [
        {
            "token": who.token,
            "role": who.role,
            "seed": n,
            "times": times,
            "bodies": [authored(body, who.username) for body in p.bodies],
            "records": p.records,
        }
        for n, (who, (_, times, p)) in enumerate(zip(identities, schedule, strict=True))
    ]
