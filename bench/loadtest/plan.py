"""Who syncs when, in each scenario: seeded arrival schedules and the state's devices by county.

Pure functions of their arguments and a seed (no Locust, no database), so a run can be repeated
exactly and the schedules can be tested quickly.

The STATE scenario is a morning on a state-hosted server carrying all 58 counties. In real time a
shift starts at 08:00 and laptops come online over the next half hour, most of them within the
first 15 minutes; each caseworker's laptop then syncs again every 10 minutes or so, and each
supervisor works the review queue every 2 minutes. The bench compresses that real half hour by a
factor C (default 15: 30 minutes become 120 s), so every interval and every arrival time is divided
by C. Compressing time by C multiplies every rate by C: the bench's morning of N laptops offers the
load that C × N laptops would offer in real time (1,000 laptops at C = 15 are 15,000 laptops'
worth, about California's whole child-welfare field staff).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from csec_desktop.domain.counties import CALIFORNIA_COUNTIES

# Approximate 2020 census populations (thousands), used only to share devices among counties.
COUNTY_POPULATION_K: dict[str, int] = {
    "Los Angeles": 10014, "San Diego": 3298, "Orange": 3186, "Riverside": 2418,
    "San Bernardino": 2181, "Santa Clara": 1936, "Alameda": 1682, "Sacramento": 1585,
    "Contra Costa": 1166, "Fresno": 1008, "Kern": 909, "San Francisco": 874, "Ventura": 843,
    "San Joaquin": 779, "San Mateo": 764, "Stanislaus": 552, "Sonoma": 489, "Tulare": 473,
    "Solano": 453, "Santa Barbara": 449, "Monterey": 439, "Placer": 404, "San Luis Obispo": 283,
    "Merced": 281, "Santa Cruz": 271, "Marin": 262, "Yolo": 217, "Butte": 212, "El Dorado": 192,
    "Imperial": 180, "Shasta": 182, "Madera": 157, "Kings": 153, "Napa": 138, "Humboldt": 136,
    "Nevada": 102, "Sutter": 99, "Mendocino": 91, "Yuba": 81, "Lake": 68, "Tehama": 65,
    "San Benito": 64, "Tuolumne": 55, "Calaveras": 46, "Siskiyou": 44, "Amador": 41,
    "Lassen": 33, "Glenn": 29, "Del Norte": 28, "Colusa": 22, "Plumas": 20, "Inyo": 19,
    "Mariposa": 17, "Trinity": 16, "Mono": 13, "Modoc": 9, "Sierra": 3, "Alpine": 1,
}  # fmt: skip
assert set(COUNTY_POPULATION_K) == CALIFORNIA_COUNTIES

TEAM_SIZE = 6  # caseworkers per supervisor
MIN_DEVICES_PER_COUNTY = 2  # a supervisor and a caseworker, however small the county

# The real-time shift model (minutes), before compression.
SHIFT_WINDOW_MIN = 30.0
EARLY_WINDOW_MIN = 15.0
EARLY_SHARE = 0.85  # arrive within the first 15 minutes
EARLY_PEAK_MIN = 3.0  # the busiest moment, a few minutes after the shift starts
CASEWORKER_RESYNC_MIN = 10.0
SUPERVISOR_REVIEW_MIN = 2.0


@dataclass(frozen=True)
class StateDevice:
    """One laptop of the state scenario (its identity is made when the database is prepared)."""

    county: str
    team: str
    role: str  # "caseworker" or "supervisor"
    arrival_s: float  # seconds after the run starts (compressed)


def burst_arrivals(devices: int) -> list[float]:
    """Every device at the same instant."""
    return [0.0] * devices


def poisson_arrivals(devices: int, window_s: float, seed: int) -> list[float]:
    """``devices`` arrival times over ``window_s``: N uniform times in a window are a Poisson
    process given N arrivals."""
    rng = random.Random(seed)
    return sorted(rng.uniform(0, window_s) for _ in range(devices))


def shift_start_minutes(rng: random.Random) -> float:
    """One laptop's arrival, in real minutes after the shift starts."""
    if rng.random() < EARLY_SHARE:
        return rng.triangular(0.0, EARLY_WINDOW_MIN, EARLY_PEAK_MIN)
    return rng.uniform(EARLY_WINDOW_MIN, SHIFT_WINDOW_MIN)


def devices_by_county(total: int) -> dict[str, int]:
    """``total`` devices shared among the 58 counties by population (at least two each).

    Largest-remainder rounding of the share above the minimum, so the counts add up to ``total``.
    """
    counties = sorted(COUNTY_POPULATION_K)
    spare = total - MIN_DEVICES_PER_COUNTY * len(counties)
    if spare < 0:
        raise ValueError(f"the state scenario needs at least {-spare + total} devices")
    population = sum(COUNTY_POPULATION_K.values())
    exact = {c: spare * COUNTY_POPULATION_K[c] / population for c in counties}
    counts = {c: MIN_DEVICES_PER_COUNTY + math.floor(exact[c]) for c in counties}
    left = total - sum(counts.values())
    for county in sorted(counties, key=lambda c: exact[c] - math.floor(exact[c]), reverse=True):
        if left == 0:
            break
        counts[county] += 1
        left -= 1
    return counts


def state_devices(total: int, compression: float, seed: int) -> list[StateDevice]:
    """The state's laptops: per county, teams of up to ``TEAM_SIZE`` caseworkers and their
    supervisor; each with a shift-start arrival compressed by ``compression``."""
    rng = random.Random(seed)
    found = []
    for county, count in sorted(devices_by_county(total).items()):
        teams = math.ceil(count / (TEAM_SIZE + 1))
        for n in range(count):
            team = f"team-{n % teams + 1}"
            role = "supervisor" if n < teams else "caseworker"
            arrival = shift_start_minutes(rng) * 60.0 / compression
            found.append(StateDevice(county, team, role, arrival))
    return found


def later_syncs(
    arrival_s: float, period_s: float, until_s: float, rng: random.Random
) -> list[float]:
    """A laptop's syncs after its first, about every ``period_s`` (±20 %), before ``until_s``."""
    times = []
    moment = arrival_s
    while True:
        moment += period_s * rng.uniform(0.8, 1.2)
        if moment >= until_s:
            return times
        times.append(moment)
