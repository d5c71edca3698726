"""CPU per record of each step of a push of 500 realistic records, on the server's own code.

The py-spy profile (``bench/server_load.py --profile``) shows where a loaded worker's time goes;
this script puts a number of microseconds on each step, measured as this process's CPU time
(``time.process_time``), which a busy machine disturbs far less than wall time. Median of 7
batches of 500 demo records (youth, screenings with answers, obligations, sessions), and their
mean (a screening costs several times an obligation, and a median batch hides that):

- what FastAPI does before the endpoint runs: parse the body, validate ``PushRequest``;
- ``push._check`` per operation (all the checks that need no database), and its parts: the
  operation hash both ways (around the payload's text when ``same_json`` allows, as a push makes
  it since issue 16's fourth milestone; the whole operation encoded, the fallback and the way
  before);
- the database part of ``push_batch`` (SQLAlchemy and psycopg on this side; PostgreSQL's own CPU
  is not in it), and the response model's JSON.

``.venv/bin/python bench/bench_push_steps.py`` (PostgreSQL from ``CSEC_TEST_POSTGRES_URL`` or the
test cluster). It calls ``push._check`` and ``push._push_checked``, private steps of today's
push: when the second milestone reshapes them, this script follows.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest import scenarios  # noqa: E402
from loadtest.harness import enroll_devices, postgres_database  # noqa: E402
from loadtest.records import authored_operations  # noqa: E402

from csec_desktop.domain import RECORD_TYPES  # noqa: E402
from csec_desktop.server import accounts, audit, push  # noqa: E402
from csec_desktop.server.canonical import (  # noqa: E402
    canonical_and_same,
    canonical_bytes,
    canonical_text,
    operation_hash_from,
    same_json,
)
from csec_desktop.server.db import create_db_engine  # noqa: E402
from csec_desktop.server.workflow import WorkflowGate  # noqa: E402
from csec_desktop.sync.caseload import youth_links  # noqa: E402
from csec_desktop.sync.protocol import PushRequest, PushResponse  # noqa: E402

BATCH = 500
ROUNDS = 7


def _cpu_us_per_record(step: Callable[[int], Any]) -> tuple[float, float]:
    """Median and mean CPU µs per record of ``step(round)`` over ``ROUNDS`` batches. The batches
    differ (youth, screenings, obligations): the median is a middle batch, the mean is every
    record's, screenings' weight included."""
    timings = []
    for n in range(ROUNDS):
        start = time.process_time()
        step(n)
        timings.append(time.process_time() - start)
    return (
        statistics.median(timings) / BATCH * 1e6,
        statistics.fmean(timings) / BATCH * 1e6,
    )


def main() -> int:
    with postgres_database() as url:
        if url is None:
            print("PostgreSQL is not reachable: run 'bash .ci/services.sh'")
            return 1
        identities = enroll_devices(url, [(scenarios.BURST_COUNTY, "caseworker", "A")])
        operations = authored_operations(
            scenarios.ingest_pushes(BATCH * ROUNDS, 0).operations, identities[0].username
        )
        engine = create_db_engine(url)
        try:
            figures, wall = _measure(engine, identities[0].token, operations)
        finally:
            engine.dispose()

    print(f"CPU per record of a push of {BATCH} demo records, median and mean of {ROUNDS} batches")
    for name, (median, mean) in figures:
        print(f"  {name:<64} {median:7.1f} {mean:7.1f} µs")
    print(f"  (database step, wall: {wall / (ROUNDS * BATCH) * 1e6:.1f} µs per record)")
    return 0


def _measure(
    engine: Any, token: str, operations: list[dict[str, Any]]
) -> tuple[list[tuple[str, tuple[float, float]]], float]:
    batches = [operations[n * BATCH : (n + 1) * BATCH] for n in range(ROUNDS)]
    bodies = [json.dumps({"operations": b}).encode() for b in batches]
    parsed = [json.loads(body) for body in bodies]
    requests = [PushRequest.model_validate(p) for p in parsed]
    figures: list[tuple[str, tuple[float, float]]] = []

    def measure(name: str, step: Callable[[int], Any]) -> None:
        figures.append((name, _cpu_us_per_record(step)))

    measure("request: json.loads of the body", lambda n: json.loads(bodies[n]))
    measure("request: PushRequest validation", lambda n: PushRequest.model_validate(parsed[n]))
    ops = [list(r.operations) for r in requests]
    models = [[RECORD_TYPES[op.record_type] for op in batch] for batch in ops]
    measure("check: domain model_validate",
            lambda n: [m.model_validate(op.payload) for m, op in zip(models[n], ops[n], strict=True)])  # fmt: skip  # noqa: E501
    records = [[m.model_validate(op.payload) for m, op in zip(models[n], ops[n], strict=True)]
               for n in range(ROUNDS)]  # fmt: skip
    measure("check: model_dump (normalise)",
            lambda n: [r.model_dump(mode="json") for r in records[n]])  # fmt: skip
    measure("check: as_json (normalise; a screening's answers as validated)",
            lambda n: [r.as_json() for r in records[n]])  # fmt: skip
    dumped = [[r.model_dump(mode="json") for r in records[n]] for n in range(ROUNDS)]
    measure("check: content hash, json's encoder + SHA-256 (before)",
            lambda n: [hashlib.sha256(canonical_text(d).encode()).hexdigest()
                       for d in dumped[n]])  # fmt: skip
    measure("check: content hash, canonical_bytes + SHA-256",
            lambda n: [hashlib.sha256(canonical_bytes(d)).hexdigest()
                       for d in dumped[n]])  # fmt: skip
    measure("check: canonical text + 'sent as normalised', before",
            lambda n: [(canonical_text(d).encode(), same_json(op.payload, d))
                       for op, d in zip(ops[n], dumped[n], strict=True)])  # fmt: skip
    measure("check: the same by canonical_and_same",
            lambda n: [canonical_and_same(d, op.payload)
                       for op, d in zip(ops[n], dumped[n], strict=True)])  # fmt: skip
    texts = [[canonical_text(d).encode() for d in dumped[n]] for n in range(ROUNDS)]
    measure("check: operation hash, payload encoded again (fallback)",
            lambda n: [push.operation_hash(op) for op in ops[n]])  # fmt: skip
    measure("check: operation hash, same_json + around the text",
            lambda n: [operation_hash_from(op.record_type, str(op.record_id), op.base_version,
                                           op.version, text)
                       for op, d, text in zip(ops[n], dumped[n], texts[n], strict=True)
                       if same_json(op.payload, d)])  # fmt: skip

    with engine.connect() as conn:
        caller = accounts.caller_for_token(conn, token)
    assert caller is not None
    checked = [[push._check(caller, op) for op in ops[n]] for n in range(ROUNDS)]
    measure("check: push._check in all (the above and the rest)",
            lambda n: [push._check(caller, op) for op in ops[n]])  # fmt: skip
    measure("check: youth_links (from the payload)",
            lambda n: [youth_links(c.op.record_type, c.op.record_id, c.payload or {})
                       for c in checked[n]])  # fmt: skip
    with engine.connect() as conn:
        measure("database: WorkflowGate.load (read of a fresh batch)",
                lambda n: WorkflowGate.load(conn, caller, [(c.op.record_type, c.op.record_id,
                                                            c.payload or {}) for c in checked[n]]))  # fmt: skip  # noqa: E501
        now = datetime.now(UTC)
        chain = audit.UserChainWriter(conn, caller.user_id, caller.county_id)  # never flushed

        def entries(n: int) -> None:
            for c in checked[n]:
                chain.add(actor=caller.username, action="record_create",
                          record_type=c.op.record_type, record_id=c.op.record_id,
                          record_version=c.op.version, detail="device 1", at=now)  # fmt: skip

        measure("database: an audit entry per record (UserChainWriter.add)", entries)
    results: list[Any] = []

    def database(n: int) -> None:
        with engine.begin() as conn:
            results.append(push._push_checked(conn, caller, checked[n]))

    wall = time.perf_counter()
    measure("database: push._push_checked (client side)", database)
    wall = time.perf_counter() - wall
    assert all(r.status.value == "applied" for batch in results for r in batch)
    measure("response: PushResponse JSON",
            lambda n: PushResponse(results=results[n]).model_dump_json())  # fmt: skip
    return figures, wall


if __name__ == "__main__":
    sys.exit(main())
