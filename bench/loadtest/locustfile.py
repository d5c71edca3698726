"""Locust users that carry out a plan (``CSEC_LOAD_PLAN``, written by ``harness.write_plan``).

Run by ``bench/server_load.py`` as ``locust -f bench/loadtest/locustfile.py --headless``; the shape
below starts one user per device (plus one spare user per Locust process, so an uneven share of
users among processes never leaves a device out; spares stop at once) and ends the run when every
device has finished its schedule, or at the plan's deadline.

Every user waits for its device's scheduled times on the wall clock, which every Locust process
shares, so a burst is one instant across processes. A device's sync is what the app does (push,
pull until the feed is drained, push again what the pull changed, anchor the audit head); a
supervisor also works the review queue. An answer that is not 2xx, a push item that is not
applied, or a review that fails is a failure in Locust's statistics and in the raw timings.

Importing Locust patches the standard library for gevent: import this file only in Locust.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import time
import uuid
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import gevent
from locust import LoadTestShape, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser

PLAN_ENV = "CSEC_LOAD_PLAN"
# Protocol 2, as the app speaks it since issue 13: pulls bring the records of the caseload (a
# supervisor's decision is a ``review`` record), and a push carries the device's pull cursor.
PROTOCOL_HEADERS = {"X-CSEC-Protocol": "2", "Content-Type": "application/json"}


@cache
def plan() -> dict[str, Any]:
    return json.loads(Path(os.environ[PLAN_ENV]).read_text())


# --- raw timings: one file per Locust process, one line per request ------------------------------


class _RawLog:
    def __init__(self) -> None:
        self._file: Any = None
        self._pid = 0

    def write(self, line: str) -> None:
        if self._file is None or self._pid != os.getpid():  # opened after any fork
            self._pid = os.getpid()
            folder = Path(plan()["raw_dir"])
            self._file = (folder / f"raw-{self._pid}.tsv").open("a", buffering=1 << 16)
        self._file.write(line)

    def flush(self) -> None:
        if self._file is not None and self._pid == os.getpid():
            self._file.flush()


RAW = _RawLog()
atexit.register(RAW.flush)


@events.request.add_listener
def _record(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    exception: BaseException | None = None,
    context: dict[str, Any] | None = None,
    start_time: float | None = None,
    **_: Any,
) -> None:
    context = context or {}
    error = "" if exception is None else str(exception).replace("\t", " ").replace("\n", " ")[:200]
    RAW.write(
        f"{name}\t{start_time or 0.0:.6f}\t{response_time:.3f}\t{int(exception is None)}\t"
        f"{context.get('records', 0)}\t{error}\n"
    )


@events.test_stop.add_listener
def _flush_on_stop(**_: Any) -> None:
    RAW.flush()


@events.quitting.add_listener
def _flush_on_quit(**_: Any) -> None:
    RAW.flush()


# --- the shape: every device's user at once, a fixed stop -----------------------------------------


class PlanShape(LoadTestShape):
    """Every device's user at once; the run ends when they all have finished their schedules, or
    at the plan's deadline (``stop_s`` after the start) whatever they are doing."""

    def tick(self) -> tuple[int, float] | None:
        current = plan()
        now = time.time()
        if now >= current["start_at"] + current["stop_s"]:
            return None
        assert self.runner is not None
        if now > current["start_at"] + 1.0 and self.runner.user_count == 0:
            return None
        users = len(current["devices"]) + current["processes"]
        return users, float(users)


# --- devices --------------------------------------------------------------------------------------


class Device(FastHttpUser):
    """One laptop of the plan (or a spare, which stops at once)."""

    network_timeout = 120.0
    connection_timeout = 30.0
    # Users do not loop on their own: the one task runs the device's whole schedule.
    wait_time = staticmethod(lambda: 3600.0)

    def __init__(self, environment: Any) -> None:
        current = plan()
        self.host = current["host"]
        super().__init__(environment)
        self.spec: dict[str, Any] | None = _next_device(environment)
        self.headers: dict[str, str] = {}
        if self.spec is not None:
            self.headers = {**PROTOCOL_HEADERS, "Authorization": f"Bearer {self.spec['token']}"}
        self.cursor = ""
        self.anchor_seq = 0
        self.rng = random.Random(self.spec["seed"] if self.spec else 0)
        self.screenings: dict[str, dict[str, Any]] = {}  # submitted screenings, by record id
        self.decisions: list[dict[str, Any]] = []  # pulled and not yet applied

    @task
    def run_schedule(self) -> None:
        if self.spec is None:
            raise StopUser  # a spare: every device of this process has its user
        current = plan()
        scenario = current["scenario"]
        if current.get("warm_up"):
            self._request("GET", "/api/v1/me", "warm-up", 0)
        for number, offset in enumerate(self.spec["times"]):
            _sleep_until(current["start_at"] + offset)
            if number == 0:  # a device that wakes late would flatter the figures: say so
                lag_ms = (time.time() - current["start_at"] - offset) * 1000
                RAW.write(f"late-start\t{time.time():.6f}\t{lag_ms:.3f}\t1\t0\t\n")
            if scenario == "ingest":
                for body, records in zip(self.spec["bodies"], self.spec["records"], strict=True):
                    self._push(body, records)
            elif scenario == "state" and self.spec["role"] == "supervisor":
                self._supervisor_turn(first=number == 0)
            else:
                self._sync(number)
        raise StopUser

    # A caseworker's sync, as ``SyncService.sync`` does it.
    def _sync(self, number: int) -> None:
        bodies, counts = self.spec["bodies"], self.spec["records"]  # type: ignore[index]
        if number < len(bodies) and counts[number]:
            self._push(bodies[number], counts[number], remember=True)
        self._pull()
        if self.decisions:
            self._push_decided()
        if plan()["scenario"] == "state":
            self._anchor()

    def _supervisor_turn(self, first: bool) -> None:
        self._pull()
        queue = self._request("GET", "/api/v1/reviews/screenings", "review queue", 0)
        waiting = (queue or {}).get("screenings", [])
        if waiting:
            screening = waiting[0]
            sid = screening["screening_id"]
            read = self._request("GET", f"/api/v1/reviews/screenings/{sid}", "review read", 0)
            if read is not None:
                returned = self.rng.random() < 0.15
                decision = {
                    "screening_version": read["version"],
                    "decision": "returned" if returned else "approved",
                    "comment": "BENCH please add the placement history" if returned else "",
                    "decision_id": str(uuid.uuid4()),
                }
                self._request(
                    "POST",
                    f"/api/v1/reviews/screenings/{sid}/decision",
                    "review decide",
                    0,
                    json.dumps(decision),
                )
        if first:
            self._anchor()

    def _push(self, body: str, records: int, remember: bool = False) -> None:
        if self.cursor:  # as the app does: the stored pull cursor says how far the feed applied
            body = f'{body[:-1]},"feed_cursor":{json.dumps(self.cursor)}}}'
        answer = self._request("POST", "/api/v1/sync/push", "push", records, body, applied=True)
        if answer is not None and remember and plan()["scenario"] == "state":
            for op in json.loads(body)["operations"]:
                payload = op["payload"]
                if op["record_type"] == "screening" and payload.get("status") == "submitted":
                    self.screenings[op["record_id"]] = payload

    def _pull(self) -> None:
        while True:
            path = "/api/v1/sync/pull?limit=500" + (f"&cursor={self.cursor}" if self.cursor else "")
            page = self._request("GET", path, "pull", 0)
            if page is None:
                return
            self.cursor = page["next_cursor"]
            for change in page["changes"]:
                if change["kind"] == "record" and change["payload"]["record_type"] == "review":
                    self.decisions.append(change["payload"]["payload"])
            if not page["has_more"]:
                return

    def _push_decided(self) -> None:
        """Apply pulled review decisions as the app does: the screening's next version."""
        operations = []
        for review in self.decisions:
            payload = self.screenings.pop(review["screening_id"], None)
            if payload is None or payload["version"] != review["screening_version"]:
                continue
            status = "approved" if review["decision"] == "approved" else "returned"
            changed = {**payload, "version": payload["version"] + 1, "status": status}
            # Dated at the decision, as ``SyncService`` dates it (every laptop makes the same
            # version from the same decision).
            changed["updated_at"] = max(
                (review["reviewed_at"], payload["updated_at"]), key=datetime.fromisoformat
            )
            operations.append(
                {
                    "op_id": str(uuid.uuid4()),
                    "record_type": "screening",
                    "record_id": review["screening_id"],
                    "base_version": payload["version"],
                    "version": changed["version"],
                    "payload": changed,
                }
            )
        self.decisions = []
        if operations:
            self._push(json.dumps({"operations": operations}), len(operations))

    def _anchor(self) -> None:
        self.anchor_seq += self.rng.randint(1, 20)
        head = {"seq": self.anchor_seq, "hash": f"{self.rng.getrandbits(256):064x}"}
        self._request("POST", "/api/v1/sync/audit-anchor", "audit-anchor", 0, json.dumps(head))

    def _request(
        self,
        method: str,
        path: str,
        name: str,
        records: int,
        body: str | None = None,
        applied: bool = False,
    ) -> dict[str, Any] | None:
        """The answer's JSON, or None after marking the request failed."""
        with self.client.request(
            method,
            path,
            name=name,
            data=body,
            headers=self.headers,
            catch_response=True,
            context={"records": records},
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")
                return None
            try:
                answer: dict[str, Any] = json.loads(response.content)
            except ValueError:
                response.failure("the answer is not JSON")
                return None
            if applied:
                statuses = {r["status"] for r in answer["results"]}
                if statuses != {"applied"}:
                    response.failure(f"push items answered {sorted(statuses)}")
                    return None
            response.success()
            return answer


_claimed = 0


def _next_device(environment: Any) -> dict[str, Any] | None:
    """This process's next device: process i of n takes devices i, i+n, i+2n, ..."""
    global _claimed
    current = plan()
    index = environment.runner.worker_index
    if index < 0:
        raise RuntimeError("a Locust worker started users before the master numbered it")
    mine = current["devices"][index :: current["processes"]]
    if _claimed >= len(mine):
        return None
    _claimed += 1
    return dict(mine[_claimed - 1])


def _sleep_until(moment: float) -> None:
    delay = moment - time.time()
    if delay > 0:
        gevent.sleep(delay)
