"""Benchmark: the county sync server under load, over real HTTP (``csec-county-server serve``).

Scenario A (issue 4): N simulated devices at once (default 200), each pushing 50 records in one
batch and then pulling; reports throughput and p50/p99 request latency; target p99 <= 500 ms with
0 errors on PostgreSQL. Scenario B: one device pushing 10,000 records in batches of 500; target
>= 3,000 records/s.

Runs on SQLite, and on PostgreSQL when one is reachable at ``CSEC_TEST_POSTGRES_URL`` (default: the
cluster ``.ci/services.d/postgres.sh`` starts); a throwaway database is created and dropped.
``.venv/bin/python bench/bench_server.py [--devices N] [--workers W] [--only sqlite|postgresql]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import report
from csec_desktop.domain import Youth
from csec_desktop.server import accounts
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import upgrade
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Role

BIN = Path(sys.executable).parent / "csec-county-server"
PG_DEFAULT = "postgresql+psycopg://csec:csec@127.0.0.1:55432/csec_test"
HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def _operation(payload_youth: Youth) -> dict[str, Any]:
    return {
        "op_id": str(uuid4()),
        "record_type": "youth",
        "record_id": str(payload_youth.id),
        "base_version": None,
        "version": 1,
        "payload": payload_youth.model_dump(mode="json"),
    }


def _youths(count: int) -> list[dict[str, Any]]:
    return [
        _operation(
            Youth(
                given_name="Bench",
                family_name="Mark",
                date_of_birth=date(2010, 1, 1),
                county="Fresno",
            )
        )
        for _ in range(count)
    ]


@contextmanager
def _postgres_database() -> Iterator[str | None]:
    admin_url = os.environ.get("CSEC_TEST_POSTGRES_URL", PG_DEFAULT)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"csec_bench_{secrets.token_hex(3)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        print("PostgreSQL not reachable: run 'bash .ci/services.sh' (skipping PostgreSQL)")
        yield None
        return
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _prepare(url: str, devices: int) -> list[str]:
    """Migrate, create a county and users; return one enrollment code per simulated device."""
    engine = create_db_engine(url)
    upgrade(engine)
    codes = []
    with engine.begin() as conn:
        accounts.create_county(conn, "Fresno")
        for n in range(devices + 1):
            accounts.create_user(conn, "Fresno", f"bench{n}", Role.CASEWORKER, "A")
            codes.append(accounts.issue_enrollment_code(conn, f"bench{n}"))
    engine.dispose()
    return codes


@contextmanager
def _serve(url: str, workers: int) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, DATABASE_URL=url)
    process = subprocess.Popen(
        [BIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
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
    # Keep draining the log so the server never blocks on a full pipe.
    drain = subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        drain.wait(timeout=30)


async def _enroll(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    answer = await client.post("/api/v1/enroll", json={"code": code}, headers=HEADERS)
    answer.raise_for_status()
    return {**HEADERS, "Authorization": f"Bearer {answer.json()['device_token']}"}


async def _many_devices(base: str, codes: list[str], records: int) -> None:
    limits = httpx.Limits(max_connections=len(codes), max_keepalive_connections=len(codes))
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        headers = await asyncio.gather(*(_enroll(client, code) for code in codes))
        batches = [_youths(records) for _ in codes]
        latencies: list[float] = []
        errors = 0

        async def device(h: dict[str, str], batch: list[dict[str, Any]]) -> None:
            nonlocal errors
            for method, path, body in (
                ("POST", "/api/v1/sync/push", {"operations": batch}),
                ("GET", "/api/v1/sync/pull", None),
            ):
                start = time.perf_counter()
                try:
                    answer = await client.request(method, path, json=body, headers=h)
                    ok = answer.status_code == 200 and (
                        body is None
                        or all(r["status"] == "applied" for r in answer.json()["results"])
                    )
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += not ok

        start = time.perf_counter()
        await asyncio.gather(*(device(h, b) for h, b in zip(headers, batches, strict=True)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    n = len(codes)
    report(f"{n} devices x {records} records: records pushed/s", n * records / elapsed, "rec/s")
    report(f"{n} devices: request latency p50", statistics.median(latencies) * 1000, "ms")
    report(f"{n} devices: request latency p99", p99 * 1000, "ms", "<= 500 ms on PostgreSQL")
    report(f"{n} devices: errors", errors, "", "0")


async def _one_device(base: str, code: str, total: int, batch_size: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        headers = await _enroll(client, code)
        operations = _youths(total)
        timings = []
        start = time.perf_counter()
        for i in range(0, total, batch_size):
            batch_start = time.perf_counter()
            answer = await client.post(
                "/api/v1/sync/push",
                json={"operations": operations[i : i + batch_size]},
                headers=headers,
            )
            answer.raise_for_status()
            timings.append(time.perf_counter() - batch_start)
        elapsed = time.perf_counter() - start
    report(f"1 device, {total} records: records/s", total / elapsed, "rec/s", ">= 3000")
    report(f"1 device: median batch of {batch_size}", statistics.median(timings) * 1000, "ms")


def run(name: str, url: str, args: argparse.Namespace) -> None:
    print(f"-- {name} ({args.workers} worker(s)) --", flush=True)
    codes = _prepare(url, args.devices)
    with _serve(url, args.workers) as base:
        asyncio.run(_many_devices(base, codes[: args.devices], args.records))
        asyncio.run(_one_device(base, codes[args.devices], args.single, 500))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--records", type=int, default=50)
    parser.add_argument("--single", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    args = parser.parse_args()
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            run("SQLite", f"sqlite:///{folder}/bench.sqlite3", args)
    if args.only in (None, "postgresql"):
        with _postgres_database() as url:
            if url is not None:
                run("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
