"""The raw timings Locust's processes wrote (one line per request), and the figures made of them.

Locust's own statistics round response times above 100 ms into buckets (to 10 ms, then to 100 ms
above 1 s); the figures here use every request's exact time, measured by Locust, instead.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MEASURED = frozenset(
    {"push", "pull", "audit-anchor", "review queue", "review read", "review decide"}
)


@dataclass(frozen=True, slots=True)
class Request:
    name: str
    start: float  # seconds since the epoch
    ms: float
    ok: bool
    records: int
    error: str = ""

    @property
    def end(self) -> float:
        return self.start + self.ms / 1000


def read_raw(folder: Path) -> list[Request]:
    """Every request of every Locust process that wrote into ``folder``."""
    found = []
    for path in sorted(folder.glob("raw-*.tsv")):
        for line in path.read_text().splitlines():
            name, start, ms, ok, records, error = line.split("\t", 5)
            found.append(Request(name, float(start), float(ms), ok == "1", int(records), error))
    return found


def percentile(values: Iterable[float], fraction: float) -> float:
    """Nearest-rank percentile: the p99 of 400 values is the 396th smallest."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(len(ordered) * fraction))
    return ordered[rank - 1]


@dataclass
class Summary:
    """One run of one scenario, from its requests (warm-up requests left out)."""

    requests: int
    errors: int
    error_kinds: Counter[str] = field(default_factory=Counter)
    p50_ms: float = math.nan
    p99_ms: float = math.nan
    push_p50_ms: float = math.nan
    push_p99_ms: float = math.nan
    records: int = 0  # pushed and applied
    elapsed_s: float = 0.0  # first request's start to last request's end
    by_name: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # n, p50, p99

    @property
    def records_per_s(self) -> float:
        return self.records / self.elapsed_s if self.elapsed_s else 0.0


def summarize(requests: list[Request]) -> Summary:
    measured = [r for r in requests if r.name in MEASURED]
    errors = [r for r in measured if not r.ok]
    summary = Summary(
        requests=len(measured),
        errors=len(errors),
        error_kinds=Counter(f"{r.name}: {r.error or 'failed'}" for r in errors),
    )
    if not measured:
        return summary
    all_ms = [r.ms for r in measured]
    summary.p50_ms, summary.p99_ms = statistics.median(all_ms), percentile(all_ms, 0.99)
    pushes = [r.ms for r in measured if r.name == "push"]
    if pushes:
        summary.push_p50_ms, summary.push_p99_ms = (
            statistics.median(pushes),
            percentile(pushes, 0.99),
        )
    summary.records = sum(r.records for r in measured if r.ok)
    summary.elapsed_s = max(r.end for r in measured) - min(r.start for r in measured)
    for name in sorted({r.name for r in measured}):
        times = [r.ms for r in measured if r.name == name]
        summary.by_name[name] = (len(times), statistics.median(times), percentile(times, 0.99))
    return summary


def median_of(values: Iterable[float]) -> float:
    present = [v for v in values if not math.isnan(v)]
    return statistics.median(present) if present else math.nan
