"""Running a scenario: a throwaway database, the server as IT runs it, Locust, and CPU accounting.

CPU is counted per process group by sampling every process's CPU time twice a second (a process that
exits keeps its last sample): Locust (its master and forked workers), the server (uvicorn's
supervisor and workers), and the PostgreSQL backends serving the bench's database. The machine's
total busy time over the same span shows how much of the two cores other work took.
"""

from __future__ import annotations

import json
import os
import secrets
import selectors
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from csec_desktop.server import accounts
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import upgrade
from csec_desktop.sync.protocol import Role

from .results import MEASURED, Request, Summary, read_raw, summarize

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG_DEFAULT = "postgresql+psycopg://csec:csec@127.0.0.1:55432/csec_test"
PG_ENV = "CSEC_TEST_POSTGRES_URL"
START_LEAD_S = 6.0  # from writing the plan to its first scheduled request: Locust's start-up
LATE_START_MS = 250.0  # a device that wakes later than this after its time is reported


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


# --- databases ------------------------------------------------------------------------------------


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A fresh, migrated database on the test cluster (None when PostgreSQL is not reachable)."""
    admin_url = os.environ.get(PG_ENV, PG_DEFAULT)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"csec_bench_{secrets.token_hex(4)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        yield None
        return
    try:
        url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        migrate(url)
        yield url
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin: Engine, name: str) -> None:
    """Drop the bench's database. An autovacuum worker busy in it belongs to the superuser, which
    the test role may not terminate: wait for it (bounded) rather than leave the database."""
    for attempt in range(30):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 29:
                raise
            time.sleep(1.0)


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="csec-bench-") as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        migrate(url)
        yield url


def migrate(url: str) -> None:
    engine = create_db_engine(url)
    upgrade(engine)
    engine.dispose()


@dataclass(frozen=True)
class Identity:
    username: str
    token: str
    county: str
    role: str


def enroll_devices(url: str, people: list[tuple[str, str, str | None]]) -> list[Identity]:
    """One user and one enrolled device per (county, role, team), through the server's own
    account functions (counties are created as first met)."""
    engine = create_db_engine(url)
    found = []
    try:
        with engine.begin() as conn:
            existing = {row.name for row in conn.execute(text("SELECT name FROM counties"))}
            start = conn.execute(text("SELECT count(*) FROM users")).scalar_one()
        by_county: dict[str, list[tuple[int, str, str | None]]] = {}
        for n, (county, role, team) in enumerate(people, start=start):
            by_county.setdefault(county, []).append((n, role, team))
        for county, members in by_county.items():
            with engine.begin() as conn:
                if county not in existing:
                    accounts.create_county(conn, county)
                for n, role, team in members:
                    username = f"bench-{role[:3]}-{n}"
                    accounts.create_user(conn, county, username, Role(role), team)
                    code = accounts.issue_enrollment_code(conn, username)
                    enrollment = accounts.enroll_device(conn, code, f"bench laptop {n}")
                    assert enrollment is not None
                    found.append(Identity(username, enrollment.device_token, county, role))
    finally:
        engine.dispose()
    return found


def database_name(url: str) -> str | None:
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "postgresql" else None


# --- the server -----------------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log_problems: Counter[str] = field(default_factory=Counter)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve(url: str, workers: int, taskset: str | None = None) -> Iterator[Server]:
    """``csec-county-server serve --workers N`` as IT runs it, until the block ends."""
    port = _free_port()
    command = [
        str(BIN / "csec-county-server"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if taskset:
        command = ["taskset", "-c", taskset, *command]
    process = subprocess.Popen(
        command,
        env=dict(os.environ, DATABASE_URL=url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen, started, deadline = b"", 0, time.monotonic() + 60
    while started < workers and (left := deadline - time.monotonic()) > 0:
        if not selector.select(timeout=left):
            break
        chunk = os.read(process.stderr.fileno(), 65536)
        if not chunk:
            break
        seen += chunk
        started = seen.count(b"Application startup complete")
    if started < workers:
        process.kill()
        raise SystemExit(f"server did not start: {seen.decode(errors='replace')[-800:]}")
    server = Server(f"http://127.0.0.1:{port}", process)
    # Keep draining the log (into a file) so the server never blocks on a full pipe.
    with tempfile.TemporaryFile() as log:
        drain = subprocess.Popen(["cat"], stdin=process.stderr, stdout=log)
        try:
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)
            drain.wait(timeout=30)
            log.seek(0)
            server.log_problems.update(
                line.strip()[:160]
                for line in log.read().decode(errors="replace").splitlines()
                if line.startswith(("ERROR", "WARNING", "Traceback"))
            )


# --- CPU accounting -------------------------------------------------------------------------------


class CpuSampler:
    """CPU seconds used by groups of processes, sampled on a thread while the block runs; the
    figures are then taken over a window (the run's first request to its last answer), so
    start-up work such as importing Locust is left out."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]], period: float = 0.25) -> None:
        self._groups = groups
        self._period = period
        self._seen: dict[str, dict[int, float]] = {name: {} for name in groups}
        self._history: list[tuple[float, dict[str, float], float]] = []  # (time, groups, busy)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> CpuSampler:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def window(self, start: float, end: float) -> tuple[dict[str, float], float, float]:
        """(CPU seconds per group, machine busy CPU-seconds, seconds) between the samples
        nearest ``start`` and ``end`` (epoch seconds)."""
        first = min(self._history, key=lambda h: abs(h[0] - start))
        last = min(self._history, key=lambda h: abs(h[0] - end))
        cpu = {name: last[1][name] - first[1][name] for name in self._groups}
        return cpu, last[2] - first[2], last[0] - first[0]

    def _run(self) -> None:
        while not self._stop.wait(self._period):
            self._sample()

    def _sample(self) -> None:
        totals = {}
        for name, pids in self._groups.items():
            seen = self._seen[name]  # a process that exits keeps its last sample
            for pid in pids():
                try:
                    times = psutil.Process(pid).cpu_times()
                except psutil.Error:
                    continue
                seen[pid] = times.user + times.system
            totals[name] = sum(seen.values())
        machine = psutil.cpu_times()
        busy = sum(machine) - machine.idle - machine.iowait
        self._history.append((time.time(), totals, busy))


def process_tree(root: int) -> Callable[[], list[int]]:
    def pids() -> list[int]:
        try:
            parent = psutil.Process(root)
            return [root, *(child.pid for child in parent.children(recursive=True))]
        except psutil.Error:
            return []

    return pids


def postgres_backends(engine: Engine, database: str) -> Callable[[], list[int]]:
    def pids() -> list[int]:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = :name"), {"name": database}
            )
            return [row.pid for row in rows]

    return pids


# --- Locust ---------------------------------------------------------------------------------------


@dataclass
class Run:
    """One Locust run of one scenario."""

    summary: Summary
    requests: list[Request]
    cpu: dict[str, float]
    machine_busy_s: float
    wall_s: float
    load_before: str
    late_starts: int
    locust_log: str


def run_locust(
    *,
    scenario: str,
    server: Server,
    database_url: str,
    devices: list[dict[str, Any]],
    stop_s: float,
    processes: int,
    warm_up: bool,
    taskset: str | None = None,
) -> Run:
    """Carry out a plan with Locust; every device dict has ``token``, ``times`` (seconds after the
    start), ``bodies`` and ``records`` (one per push), ``role`` and ``seed``."""
    load_before = load_average()
    start_at = time.time() + START_LEAD_S + 0.002 * len(devices)
    with tempfile.TemporaryDirectory(prefix="csec-locust-") as folder:
        work = Path(folder)
        plan = {
            "scenario": scenario,
            "host": server.url,
            "start_at": start_at,
            "stop_s": stop_s,
            "processes": processes,
            "warm_up": warm_up,
            "raw_dir": str(work),
            "devices": devices,
        }
        (work / "plan.json").write_text(json.dumps(plan))
        command = [
            str(BIN / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ]
        if processes > 1:
            command += ["--processes", str(processes)]
        if taskset:
            command = ["taskset", "-c", taskset, *command]
        env = dict(os.environ, CSEC_LOAD_PLAN=str(work / "plan.json"), PYTHONPATH=str(HERE.parent))
        groups = {"server": process_tree(server.process.pid)}
        admin = None
        if (database := database_name(database_url)) is not None:
            admin = create_engine(database_url, isolation_level="AUTOCOMMIT", pool_size=1)
            groups["postgresql"] = postgres_backends(admin, database)
        log_path = work / "locust.log"
        with log_path.open("wb") as log:
            locust = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
            groups["locust"] = process_tree(locust.pid)
            with CpuSampler(groups) as sampler:
                status = locust.wait(timeout=stop_s + START_LEAD_S + 120)
        if admin is not None:
            admin.dispose()
        locust_log = log_path.read_text(errors="replace")
        if status != 0:
            raise SystemExit(f"locust exited with {status}:\n{locust_log[-2000:]}")
        requests = read_raw(work)
    late = sum(1 for r in requests if r.name == "late-start" and r.ms > LATE_START_MS)
    summary = summarize(requests)
    measured = [r for r in requests if r.name in MEASURED]
    start = min((r.start for r in measured), default=start_at)
    end = max((r.end for r in measured), default=start_at)
    cpu, busy, wall = sampler.window(start, end)
    return Run(
        summary=summary,
        requests=requests,
        cpu=cpu,
        machine_busy_s=busy,
        wall_s=max(wall, 1e-9),
        load_before=load_before,
        late_starts=late,
        locust_log=locust_log,
    )
