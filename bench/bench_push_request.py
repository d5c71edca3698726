"""CPU per record of a whole push request of 500 records through the real app, and its profile.

``bench_push_steps.py`` times the push's own steps; a server worker spends more than their sum
per record (issue 16: ~425 µs against ~190), in what surrounds them: the ASGI app, FastAPI's
body and response handling, authentication, the transaction. This script posts batches of 500
demo records to ``create_app`` in-process (Starlette's ``TestClient``, bodies encoded beforehand)
and prints this process's CPU per record (``time.process_time``: the app and the in-process
client; PostgreSQL's CPU is not in it), median of 7 batches, and their mean (the batches differ:
youth, then screenings, then obligations; the median is a middle batch, the mean every
record's). With ``--profile`` it calls the ASGI
app itself on this thread (the sync endpoint and FastAPI's thread-pool steps run inline, so
cProfile sees them) and prints the functions with the most cumulative and own time.

The app is built as a server worker builds it (``app_from_environment``, which freezes what it
built out of the garbage collector's sight and collects young objects less often);
``--no-freeze`` builds it with ``create_app`` alone, with Python's collector settings, as workers
did before. ``--gc`` also prints the CPU spent in garbage collections during the
pushes, per record and generation.

``.venv/bin/python bench/bench_push_request.py [--inline] [--profile [--callees PATTERN]] [--gc]
[--no-freeze]`` (PostgreSQL from ``CSEC_TEST_POSTGRES_URL`` or the test cluster).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest import scenarios  # noqa: E402
from loadtest.harness import enroll_devices, postgres_database  # noqa: E402
from loadtest.records import authored_operations  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from csec_desktop.server.app import app_from_environment, create_app  # noqa: E402
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION  # noqa: E402

BATCH = 500
ROUNDS = 7


async def _inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


def _post_inline(app: Any, path: str, body: bytes, headers: dict[str, str]) -> int:
    """POST ``body`` to ``app`` by calling it as ASGI on this thread; returns the status."""
    import fastapi.dependencies.utils
    import fastapi.routing

    fastapi.routing.run_in_threadpool = _inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = _inline  # type: ignore[assignment]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        + [(b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return int(sent[0]["status"])


class _CollectorTime:
    """CPU spent in garbage collections while enabled, by generation (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.spent: dict[int, float] = {}
        self.count: dict[int, int] = {}
        self._started = 0.0
        self.enabled = False
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if not self.enabled:
            return
        if phase == "start":
            self._started = time.process_time()
            return
        generation = info["generation"]
        self.spent[generation] = self.spent.get(generation, 0.0) + (
            time.process_time() - self._started
        )
        self.count[generation] = self.count.get(generation, 0) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--inline", action="store_true", help="call the app on this thread")
    parser.add_argument("--profile", action="store_true", help="cProfile (CPU time), inline")
    parser.add_argument("--callees", metavar="PATTERN", help="with --profile: what these call")
    parser.add_argument("--gc", action="store_true", help="CPU in garbage collections")
    parser.add_argument("--no-freeze", action="store_true", help="build the app as before")
    args = parser.parse_args()
    profile = args.profile
    collections = _CollectorTime() if args.gc else None
    inline = profile or args.inline
    with postgres_database() as url:
        if url is None:
            print("PostgreSQL is not reachable: run 'bash .ci/services.sh'")
            return 1
        if args.no_freeze:
            app = create_app(url)
        else:
            os.environ["DATABASE_URL"] = url
            app = app_from_environment()
        (who,) = enroll_devices(url, [(scenarios.BURST_COUNTY, "caseworker", "A")])
        made = scenarios.ingest_pushes(BATCH * (ROUNDS + 1), 0).operations
        operations = authored_operations(made, who.username)
        bodies = [
            json.dumps({"operations": operations[n * BATCH : (n + 1) * BATCH]}).encode()
            for n in range(ROUNDS + 1)
        ]
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Authorization": f"Bearer {who.token}",
            "Content-Type": "application/json",
        }
        profiler = cProfile.Profile(time.process_time) if profile else None
        timings = []
        with TestClient(app) as client:
            assert client.post("/api/v1/sync/push", content=bodies[0], headers=headers).is_success
            if collections:
                collections.enabled = True
            for body in bodies[1:]:
                start = time.process_time()
                if profiler:
                    profiler.enable()
                    status = _post_inline(app, "/api/v1/sync/push", body, headers)
                    profiler.disable()
                elif inline:
                    status = _post_inline(app, "/api/v1/sync/push", body, headers)
                else:
                    answer = client.post("/api/v1/sync/push", content=body, headers=headers)
                    status = answer.status_code
                timings.append(time.process_time() - start)
                assert status == 200, status
        app.state.engine.dispose()
    if collections:
        collections.enabled = False
        for generation in sorted(collections.spent):
            print(
                f"garbage collections of generation {generation}: "
                f"{collections.count[generation]}, "
                f"{collections.spent[generation] / (BATCH * ROUNDS) * 1e6:.1f} µs per record"
            )
    what = " under cProfile (slower)" if profile else ""
    print(
        f"push request of {BATCH} demo records, CPU per record{what}: "
        f"{statistics.median(timings) / BATCH * 1e6:.1f} µs (median of {ROUNDS}; "
        f"runs {', '.join(f'{t / BATCH * 1e6:.0f}' for t in timings)}); "
        f"mean of the batches {statistics.fmean(timings) / BATCH * 1e6:.1f} µs"
    )
    if profiler:
        stats = pstats.Stats(profiler).strip_dirs()
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(35)
        if args.callees:
            stats.print_callees(args.callees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
