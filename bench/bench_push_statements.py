"""Counts, not times: the database work of one sync request, repeatable on any machine.

For pushes of 1, 50 and 500 new records (realistic demo records), a pull and an audit anchor,
through the real app (``create_app``, in-process, the server's own engine settings), it counts the
SQL statements the app sends (and how many of them are executemany), the rows they carry, the
transactions and the connection checkouts (each checkout also pings the database first:
``pool_pre_ping``). A timed profile varies with the machine's load; these numbers do not, so the
second milestone can show exactly which round trips it removed.

``.venv/bin/python bench/bench_push_statements.py [--sqlite]`` (PostgreSQL by default, from
``CSEC_TEST_POSTGRES_URL`` or the test cluster; SQLite when it is not reachable or asked for).
"""

from __future__ import annotations

import json
import sys
import uuid
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest import scenarios  # noqa: E402
from loadtest.harness import enroll_devices  # noqa: E402
from loadtest.records import authored_operations  # noqa: E402
from loadtest.statements import Counts, measured_on_the_chosen_database  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from csec_desktop.server.app import create_app  # noqa: E402
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION  # noqa: E402

SIZES = (1, 50, 500)


def measure(url: str) -> list[tuple[str, Counter[str]]]:
    app = create_app(url)
    counts = Counts()
    counts.attach(app.state.engine)
    (who,) = enroll_devices(url, [(scenarios.BURST_COUNTY, "caseworker", "A")])
    made = scenarios.ingest_pushes(sum(SIZES), 0).operations
    operations = authored_operations(made, who.username)
    headers = {
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        "Authorization": f"Bearer {who.token}",
        "Content-Type": "application/json",
    }
    found = []
    with TestClient(app) as client:
        client.get("/api/v1/me", headers=headers)  # the device's first contact is recorded
        counts.take()
        start = 0
        for size in SIZES:
            body = {"operations": operations[start : start + size]}
            start += size
            answer = client.post("/api/v1/sync/push", content=json.dumps(body), headers=headers)
            assert answer.status_code == 200, answer.text
            assert {r["status"] for r in answer.json()["results"]} == {"applied"}
            found.append((f"push of {size} new records", counts.take()))
        answer = client.get("/api/v1/sync/pull", headers=headers)
        assert answer.status_code == 200
        found.append(("pull (nothing new)", counts.take()))
        anchor = {"seq": 1, "hash": uuid.uuid4().hex * 2}
        answer = client.post("/api/v1/sync/audit-anchor", json=anchor, headers=headers)
        assert answer.status_code == 200
        found.append(("audit anchor", counts.take()))
    app.state.engine.dispose()
    return found


def main() -> int:
    rows = measured_on_the_chosen_database(measure, sys.argv)
    keys = sorted({k for _, c in rows for k in c}, key=lambda k: (k.startswith("  "), k))
    widths = [max(len(k.strip()), 6) + 2 for k in keys]
    print(
        f"{'request':<28}" + "".join(f"{k.strip():>{w}}" for k, w in zip(keys, widths, strict=True))
    )
    for name, counter in rows:
        cells = (f"{counter.get(k, 0):>{w}}" for k, w in zip(keys, widths, strict=True))
        print(f"{name:<28}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
