"""Benchmark: the county sync server under load, measured with Locust, beside the database limit.

``csec-county-server serve --workers N`` runs as IT runs it, on PostgreSQL (the test cluster that
``bash .ci/services.sh`` starts: fsync off) and, for comparison, on an embedded SQLite file. Locust
(headless, ``bench/loadtest/locustfile.py``) plays the laptops. Scenarios:

INGEST  one device pushing 10,000 records in batches of 500 (server-side ingest, records/s);
BURST   200 devices start at the same instant, each pushing 50 records then pulling;
ARRIVALS the same 200 devices arriving at random (Poisson) over 30 s (not the burst);
STATE   a state-hosted server's morning: 58 counties, laptops arriving as a shift starts (most
        within 15 minutes), caseworkers syncing (push, pull, push what a review changed, audit
        anchor) and supervisors working the review queue, for a fixed time; real time is
        compressed (``bench/loadtest/plan.py`` says how, and what load that equals);
E2E     10,000 records pushed from a real encrypted vault (``bench/bench_sync.py``), and a sync
        with nothing to send.

Beside them, in the same run, the database's own limit for the same rows (``loadtest/limits.py``):
psycopg 3 ``executemany`` in batches of 500 and ``COPY``, one connection. Figures are medians over
``--repeats`` runs; each run's figures, the load average and the CPU that Locust, the server and
PostgreSQL used are printed too, because Locust shares the 2 cores with the server.

``make bench-server`` or ``.venv/bin/python bench/server_load.py [--only postgresql|sqlite]
[--scenarios ingest,burst,arrivals,state,e2e] [--workers 2] [--locust-processes 1] [--quick]``;
``--profile DIR`` also records the server's workers with py-spy during INGEST and BURST and
summarises where the time goes (``loadtest/profile.py``).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest import limits, scenarios, waits  # noqa: E402
from loadtest.harness import (  # noqa: E402
    Run,
    Server,
    load_average,
    postgres_database,
    run_locust,
    serve,
    sqlite_database,
)
from loadtest.plan import SHIFT_WINDOW_MIN, poisson_arrivals  # noqa: E402
from loadtest.results import median_of  # noqa: E402

ALL_SCENARIOS = ("ingest", "burst", "arrivals", "state", "e2e")
TARGETS = {
    "ingest": "≥ 20,000 rec/s and ≥ 40 % of executemany",
    "e2e": "≥ 10,000 rec/s; empty sync ≤ 100 ms",
    "burst": "p99 ≤ 500 ms, 0 errors",
    "state": "p99 ≤ 500 ms, 0 errors",
}


@dataclass
class Figures:
    """Everything measured on one database."""

    name: str
    limits: dict[str, float] = field(default_factory=dict)
    payload_bytes: float = 0.0
    runs: dict[str, list[Run]] = field(default_factory=dict)
    e2e: tuple[float, float] | None = None


def _profile_runs(name: str, url: str, server: Server, args: argparse.Namespace) -> None:
    """The scenarios asked for (of INGEST, BURST and STATE) once more under py-spy (not counted
    in the figures: the sampler takes CPU), GIL-holding and then wall-clock; the summaries go to
    ``args.profile``."""
    from loadtest.profile import record

    common = {"server": server, "database_url": url, "processes": args.locust_processes,
              "taskset": args.locust_cpus, "warm_up": True}  # fmt: skip
    folder = Path(args.profile)
    # Fresh records for every profiled run: pushing a run's records again would profile replays.
    for run, (view, idle) in enumerate((("gil", False), ("wall", True)), start=90):
        if "ingest" in args.scenarios:
            pushes = scenarios.ingest_pushes(args.single, run, args.youth_only)
            devices = scenarios.ingest_devices(url, pushes)
            with record(server.process.pid, folder / f"{name.lower()}-ingest-{view}.txt", idle):
                run_locust(scenario="ingest", devices=devices, stop_s=600, **common)
        if "burst" in args.scenarios:
            burst = scenarios.burst_pushes(args.devices, args.records, run, args.youth_only)
            devices = scenarios.burst_devices(url, burst, [0.0] * args.devices)
            with record(server.process.pid, folder / f"{name.lower()}-burst-{view}.txt", idle):
                run_locust(scenario="burst", devices=devices, stop_s=300, **common)
        if "state" in args.scenarios:
            devices = scenarios.state_devices(url, _state_spec(args), run)
            with record(server.process.pid, folder / f"{name.lower()}-state-{view}.txt", idle):
                run_locust(
                    scenario="state",
                    devices=devices,
                    stop_s=args.state_seconds + 60,
                    **{**common, "warm_up": False},
                )
    print(f"   profiles written to {folder}/{name.lower()}-*.txt", flush=True)


def _state_spec(args: argparse.Namespace) -> scenarios.StateSpec:
    compression = SHIFT_WINDOW_MIN * 60 / args.state_seconds
    return scenarios.StateSpec(args.state_devices, compression, args.state_seconds, args.seed)


def _scenario_runs(name: str, url: str, server: Server, args: argparse.Namespace) -> Figures:
    figures = Figures(name)
    common = {
        "server": server,
        "database_url": url,
        "processes": args.locust_processes,
        "taskset": args.locust_cpus,
    }
    # Warm the server's caches and connection pools (not counted).
    warm = scenarios.burst_pushes(20, 5, run=99)
    run_locust(
        scenario="burst",
        devices=scenarios.burst_devices(url, warm, [0.0] * 20),
        stop_s=60,
        warm_up=True,
        **common,
    )

    def announce(label: str, run: Run) -> None:
        s = run.summary
        cpu = ", ".join(f"{k} {v / run.wall_s:.0%}" for k, v in sorted(run.cpu.items()))
        print(
            f"   {label}: {s.requests} requests, {s.records} records in {s.elapsed_s:.2f} s "
            f"({s.records_per_s:,.0f} rec/s); p50 {s.p50_ms:,.0f} ms, p99 {s.p99_ms:,.0f} ms; "
            f"errors {s.errors}"
            + (f" {dict(s.error_kinds.most_common(3))}" if s.errors else "")
            + f"\n      load before {run.load_before}; CPU of one core over {run.wall_s:.1f} s: "
            f"{cpu}; machine busy {run.machine_busy_s / run.wall_s / (os.cpu_count() or 1):.0%} "
            f"of {os.cpu_count()} cores"
            + (f"; {run.late_starts} late starts" if run.late_starts else ""),
            flush=True,
        )

    if "ingest" in args.scenarios:
        print(f" INGEST: one device, {args.single:,} records in batches of 500", flush=True)
        for r in range(args.repeats):
            pushes = scenarios.ingest_pushes(args.single, r, args.youth_only)
            devices = scenarios.ingest_devices(url, pushes)
            run = run_locust(scenario="ingest", devices=devices, stop_s=600, warm_up=True, **common)
            figures.runs.setdefault("ingest", []).append(run)
            announce(f"run {r + 1}", run)
    if "burst" in args.scenarios:
        print(
            f" BURST: {args.devices} devices at once, each pushing {args.records} records "
            "then pulling",
            flush=True,
        )
        for r in range(args.repeats):
            pushes = scenarios.burst_pushes(args.devices, args.records, r, args.youth_only)
            devices = scenarios.burst_devices(url, pushes, [0.0] * args.devices)
            with waits.sampled(url) if "postgresql" in url else nullcontext() as seen:
                run = run_locust(
                    scenario="burst", devices=devices, stop_s=300, warm_up=True, **common
                )
            figures.runs.setdefault("burst", []).append(run)
            announce(f"run {r + 1}", run)
            if seen is not None:
                print(f"      PostgreSQL's busy backends: {seen.summary()}", flush=True)
    if "arrivals" in args.scenarios:
        print(
            f" ARRIVALS (not the burst): the same {args.devices} devices' work arriving at "
            f"random over {args.window:.0f} s",
            flush=True,
        )
        pushes = scenarios.burst_pushes(args.devices, args.records, 50, args.youth_only)
        times = poisson_arrivals(args.devices, args.window, args.seed)
        devices = scenarios.burst_devices(url, pushes, times)
        run = run_locust(
            scenario="arrivals", devices=devices, stop_s=args.window + 300, warm_up=True, **common
        )
        figures.runs["arrivals"] = [run]
        announce("run 1", run)
    if "state" in args.scenarios:
        spec = _state_spec(args)
        compression = spec.compression
        print(
            f" STATE: {args.state_devices:,} laptops in 58 counties; a shift's first "
            f"{SHIFT_WINDOW_MIN:.0f} minutes compressed {compression:g}× into "
            f"{args.state_seconds:.0f} s (the load of {args.state_devices * compression:,.0f} "
            "laptops in real time)",
            flush=True,
        )
        for r in range(args.state_repeats):
            devices = scenarios.state_devices(url, spec, r)
            with waits.sampled(url) if "postgresql" in url else nullcontext() as seen:
                run = run_locust(
                    scenario="state",
                    devices=devices,
                    stop_s=args.state_seconds + 60,
                    warm_up=False,
                    **common,
                )
            figures.runs.setdefault("state", []).append(run)
            announce(f"run {r + 1}", run)
            if seen is not None:
                print(f"      PostgreSQL's busy backends: {seen.summary()}", flush=True)
            for request, (n, p50, p99) in run.summary.by_name.items():
                print(f"      {request:<14} {n:6d} requests, p50 {p50:7.1f} ms, p99 {p99:7.1f} ms")
    if args.profile:
        _profile_runs(name, url, server, args)
    return figures


@contextmanager
def _database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with sqlite_database() as url:
            yield url
        return
    with postgres_database() as url:
        if url is None:
            raise SystemExit("PostgreSQL is not reachable: run 'bash .ci/services.sh'")
        yield url


def run_database(kind: str, args: argparse.Namespace) -> Figures:
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[kind]
    print(
        f"-- {name}: {args.workers} server worker(s); Locust {args.locust_processes} "
        f"process(es) --",
        flush=True,
    )
    operations = scenarios.ingest_pushes(args.single, 0, args.youth_only).operations
    with _database(kind) as url:
        found = limits.database_limits(url, operations, args.repeats)
    for label, limit in found.items():
        print(
            f"   database limit, {label}: {limit.rate:,.0f} rec/s (CPU per record: database "
            f"{limit.database_us:.0f} µs, client {limit.client_us:.0f} µs)",
            flush=True,
        )
    with _database(kind) as url, serve(url, args.workers, args.server_cpus) as server:
        figures = _scenario_runs(name, url, server, args)
    for line, count in server.log_problems.most_common(10):
        print(f"   server log, {count} x: {line}", flush=True)
    figures.limits, figures.payload_bytes = found, limits.payload_bytes(operations)
    if "e2e" in args.scenarios:
        figures.e2e = _end_to_end(kind)
    return figures


def _end_to_end(kind: str) -> tuple[float, float]:
    import bench_sync  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory(prefix="csec-bench-e2e-") as folder:
        work = Path(folder)
        if kind == "sqlite":
            from tests.reliability.sync_support import sqlite_database as e2e_sqlite

            return bench_sync.measure(kind, e2e_sqlite(work), work)
        with _database(kind) as url:
            return bench_sync.measure(kind, url, work)


# --- the table ------------------------------------------------------------------------------------


def _med(runs: list[Run], figure: Callable[[Run], float]) -> float:
    return median_of(figure(r) for r in runs)


def _ratio(value: float, limit: limits.Limit | None) -> str:
    return f"{value / limit.rate:.0%}" if limit and not math.isnan(value) else "—"


def _cpu_per_record(runs: list[Run]) -> str:
    """CPU each pushed record cost, per process group (median over runs, µs)."""
    groups = sorted(runs[0].cpu)
    parts = []
    for group in groups:
        value = _med(runs, lambda r, g=group: r.cpu[g] / max(r.summary.records, 1) * 1e6)
        parts.append(f"{group} {value:,.0f}")
    return "CPU µs per record: " + ", ".join(parts)


def _cpu_per_request(runs: list[Run]) -> str:
    """CPU each request cost, per process group (median over runs, ms): the state scenario's
    requests are mostly small, so their fixed cost is what it measures."""
    parts = []
    for group in sorted(runs[0].cpu):
        value = _med(runs, lambda r, g=group: r.cpu[g] / max(r.summary.requests, 1) * 1e3)
        parts.append(f"{group} {value:,.2f}")
    return "CPU ms per request: " + ", ".join(parts)


def print_table(all_figures: list[Figures]) -> None:
    print("\n== The table (medians over runs; the limits are the same rows, in the same run) ==")
    for f in all_figures:
        em = f.limits.get("executemany records")
        cp = f.limits.get("COPY records")
        print(f"\n{f.name} (mean payload {f.payload_bytes:,.0f} bytes)")
        for label, limit in f.limits.items():
            print(
                f"  database limit, {label + ':':<22} {limit.rate:>9,.0f} rec/s   (CPU µs per "
                f"record: database {limit.database_us:,.0f}, client {limit.client_us:,.0f})"
            )
        if runs := f.runs.get("ingest"):
            rate = _med(runs, lambda r: r.summary.records_per_s)
            print(
                f"  server-side ingest (1 device, 500/batch): {rate:>9,.0f} rec/s = "
                f"{_ratio(rate, em)} of executemany, {_ratio(rate, cp)} of COPY   "
                f"[target {TARGETS['ingest']}]\n      {_cpu_per_record(runs)}"
            )
        if f.e2e:
            rate, empty = f.e2e
            print(
                f"  end-to-end push from a vault:             {rate:>9,.0f} rec/s = "
                f"{_ratio(rate, em)} of executemany; empty sync {empty:.1f} ms   "
                f"[target {TARGETS['e2e']}]"
            )
        if runs := f.runs.get("burst"):
            rate = _med(runs, lambda r: r.summary.records_per_s)
            total = runs[0].summary.records
            floor = f"{total / em.rate * 1000:,.0f} ms" if em else "—"
            print(
                f"  burst: p50 {_med(runs, lambda r: r.summary.p50_ms):,.0f} ms, p99 "
                f"{_med(runs, lambda r: r.summary.p99_ms):,.0f} ms, errors "
                f"{max(r.summary.errors for r in runs)} (worst run); {rate:,.0f} rec/s = "
                f"{_ratio(rate, em)} of executemany   [target {TARGETS['burst']}]\n      "
                f"the database's own floor: executemany writes these {total:,} records in "
                f"{floor} on one connection, so no p99 can be below that here\n      "
                f"{_cpu_per_record(runs)}\n      {_cpu_per_request(runs)}"
            )
        if runs := f.runs.get("arrivals"):
            print(
                f"  arrivals (not the burst): p50 {_med(runs, lambda r: r.summary.p50_ms):,.0f}"
                f" ms, p99 {_med(runs, lambda r: r.summary.p99_ms):,.0f} ms, errors "
                f"{max(r.summary.errors for r in runs)}"
            )
        if runs := f.runs.get("state"):
            print(
                f"  state: p99 {_med(runs, lambda r: r.summary.p99_ms):,.0f} ms (p50 "
                f"{_med(runs, lambda r: r.summary.p50_ms):,.0f} ms), errors "
                f"{max(r.summary.errors for r in runs)} (worst run); "
                f"{_med(runs, lambda r: r.summary.requests):,.0f} requests, "
                f"{_med(runs, lambda r: r.summary.records):,.0f} records   "
                f"[target {TARGETS['state']}]\n      {_cpu_per_record(runs)}\n      "
                + _cpu_per_request(runs)
            )
        for scenario, runs in f.runs.items():
            cpu = {
                k: statistics.median(r.cpu.get(k, 0.0) / r.wall_s for r in runs)
                for k in runs[0].cpu
            }
            busy = statistics.median(r.machine_busy_s / r.wall_s for r in runs)
            loads = "; ".join(r.load_before.split(",")[0] for r in runs)
            print(
                f"    cores used during {scenario:<8}: "
                + ", ".join(f"{k} {v:.2f}" for k, v in sorted(cpu.items()))
                + f"; whole machine {busy:.2f} of {os.cpu_count()} (1-min load before each run: "
                f"{loads})"
            )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument(
        "--scenarios",
        default=",".join(ALL_SCENARIOS),
        help="comma-separated, of: " + ", ".join(ALL_SCENARIOS),
    )
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--locust-processes", type=int, default=1)
    parser.add_argument("--locust-cpus", default=None, help="pin Locust (taskset -c LIST)")
    parser.add_argument("--server-cpus", default=None, help="pin the server (taskset -c LIST)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--devices", type=int, default=200, help="burst and arrivals")
    parser.add_argument("--records", type=int, default=50, help="records per burst device")
    parser.add_argument("--single", type=int, default=10_000, help="records of INGEST")
    parser.add_argument("--window", type=float, default=30.0, help="arrival window (s)")
    parser.add_argument("--state-devices", type=int, default=1_000)
    parser.add_argument(
        "--state-seconds",
        type=float,
        default=120.0,
        help="the shift's first 30 minutes are compressed into this",
    )
    parser.add_argument("--state-repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--profile", default=None, help="folder for py-spy profiles")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run")
    parser.add_argument(
        "--youth-only",
        action="store_true",
        help="INGEST, BURST and ARRIVALS push bare youth records (issue 4's rows), not casework",
    )
    args = parser.parse_args(argv)
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if unknown := set(args.scenarios) - set(ALL_SCENARIOS):
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    if args.quick:
        args.devices, args.single, args.window, args.repeats = 20, 1_000, 5.0, 1
        args.state_devices, args.state_seconds, args.state_repeats = 150, 20.0, 1
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"{os.cpu_count()} cores, load average before start {load_average()}", flush=True)
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    print_table([run_database(kind, args) for kind in kinds])
    return 0


if __name__ == "__main__":
    sys.exit(main())
