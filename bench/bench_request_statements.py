"""Counts, not times: the database work of each kind of request the state scenario sends.

The state scenario (``bench/server_load.py --scenarios state``) mixes pushes of a few records,
protocol-2 pulls (most of them finding nothing for the device while its county's feed moves on),
audit anchors and a supervisor's review queue, read and decision. For each, through the real app
(``create_app``, in-process, the server's own engine settings) on a county where two caseworkers
and their supervisor work, this counts the SQL statements the app sends, the transactions, and the
connection checkouts (each checkout pings the database first when ``pool_pre_ping`` is on). A
timed profile moves with the machine's load; these numbers do not, so a change that removes round
trips shows here exactly.

``.venv/bin/python bench/bench_request_statements.py [--sqlite] [--sql]`` (PostgreSQL by default,
from ``CSEC_TEST_POSTGRES_URL`` or the test cluster; ``--sql`` prints each request's statements).
"""

from __future__ import annotations

import json
import sys
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadtest.harness import enroll_devices  # noqa: E402
from loadtest.records import authored, device_records, new_operation, push_body  # noqa: E402
from loadtest.statements import Counts, measured_on_the_chosen_database  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from csec_desktop.server.app import create_app  # noqa: E402
from csec_desktop.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION  # noqa: E402

COUNTY = "Fresno"


def _operations(seed: int, username: str, youth: int, screenings: int) -> str:
    made = device_records(COUNTY, seed, youth=youth, screenings=screenings, sessions=1)
    return authored(push_body([new_operation(r, str(uuid.uuid4())) for r in made]), username)


def measure(url: str) -> list[tuple[str, Counter[str], list[str]]]:
    app = create_app(url)
    counts = Counts()
    counts.attach(app.state.engine)
    people = [(COUNTY, "supervisor", "T"), (COUNTY, "caseworker", "T"), (COUNTY, "caseworker", "T")]
    boss, ana, ben = enroll_devices(url, people)

    def headers(who: Any) -> dict[str, str]:
        return {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Authorization": f"Bearer {who.token}",
            "Content-Type": "application/json",
        }

    found: list[tuple[str, Counter[str], list[str]]] = []

    def note(name: str) -> None:
        counter, said = counts.take_with_statements()
        found.append((name, counter, said))

    def pull(who: Any, cursor: str) -> str:
        query = "?limit=500" + (f"&cursor={cursor}" if cursor else "")
        answer = client.get(f"/api/v1/sync/pull{query}", headers=headers(who))
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert not page["has_more"]
        return str(page["next_cursor"])

    with TestClient(app) as client:
        for who in (boss, ana, ben):  # first contact recorded, feeds drained
            client.get("/api/v1/me", headers=headers(who))
        cursors = {who.token: pull(who, "") for who in (boss, ana, ben)}
        counts.take()
        client.get("/api/v1/me", headers=headers(ana))
        note("auth only (GET /me)")
        body = _operations(1, ana.username, youth=2, screenings=3)
        answer = client.post("/api/v1/sync/push", content=body, headers=headers(ana))
        assert answer.status_code == 200 and answer.json()["results"], answer.text
        note(f"push of {len(json.loads(body)['operations'])} new records")
        cursors[ana.token] = pull(ana, cursors[ana.token])
        note("pull: the county moved (own push)")
        pull(ana, cursors[ana.token])
        note("pull: nothing new in the county")
        body = _operations(2, ben.username, youth=1, screenings=1)
        client.post("/api/v1/sync/push", content=body, headers=headers(ben))
        counts.take()
        cursors[ana.token] = pull(ana, cursors[ana.token])
        note("pull: another's write, not ours")
        anchor = {"seq": 1, "hash": uuid.uuid4().hex * 2}
        client.post("/api/v1/sync/audit-anchor", json=anchor, headers=headers(ana))
        note("audit anchor")
        queue = client.get("/api/v1/reviews/screenings", headers=headers(boss)).json()
        note(f"review queue ({len(queue['screenings'])} waiting)")
        sid = queue["screenings"][0]["screening_id"]
        read = client.get(f"/api/v1/reviews/screenings/{sid}", headers=headers(boss)).json()
        note("review read")
        decision = {
            "screening_version": read["version"],
            "decision": "approved",
            "comment": "",
            "decision_id": str(uuid.uuid4()),
        }
        answer = client.post(
            f"/api/v1/reviews/screenings/{sid}/decision",
            content=json.dumps(decision),
            headers=headers(boss),
        )
        assert answer.status_code == 200, answer.text
        note("review decide")
    app.state.engine.dispose()
    return found


def main() -> int:
    rows = measured_on_the_chosen_database(measure, sys.argv)
    keys = ["statements", "transactions", "checkouts", "pings"]
    print(f"{'request':<40}" + "".join(f"{k:>14}" for k in keys))
    for name, counter, said in rows:
        print(f"{name:<40}" + "".join(f"{counter.get(k, 0):>14}" for k in keys))
        if "--sql" in sys.argv:
            for statement in said:
                print(f"      {statement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
