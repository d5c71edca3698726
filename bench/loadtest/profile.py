"""Where the server's workers spend their time: py-spy on the real uvicorn workers, summarised.

``record`` runs ``py-spy record --subprocesses`` on the server's supervisor while a scenario runs
(sampling from outside the process: the server runs unmodified). Two views:

- GIL (default): only samples of threads holding the GIL (``py-spy --gil``). A worker runs its
  Python on one core at a time whatever its thread count, so this is where a worker's CPU goes;
  on a 2-core box every such second is one neither PostgreSQL nor Locust gets. (py-spy's own
  "active thread" test counts threads waiting inside psycopg's C code as running, which would
  file database waits as CPU.)
- wall (``idle=True``): every thread's every sample, waiting included; the summary then keeps the
  threads that were inside a push, to show what a push waits on (the database, the row locks).

Each sample is put in the first category whose rule matches its stack (the order of ``RULES`` is
the order of precedence: the most specific first). The summary is what goes into
``docs/benchmarks.md``; the raw samples are kept beside it (``.collapsed``, py-spy's collapsed
stacks: a flame graph's input), and ``python bench/loadtest/profile.py FILE.collapsed`` prints
the summary and the server's own functions by inclusive share.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PY_SPY = Path(sys.executable).parent / "py-spy"
RATE = 97  # Hz; not a divisor of common timer rates, so samples do not lock onto a periodic task
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")

Pattern = tuple[str, str]  # (function, file) substrings that must both appear in one frame
_IN_PUSH: list[Pattern] = [("push_batch", "server/push.py")]

# (category, patterns, within): the rule matches when any of ``patterns`` appears in the stack and,
# if ``within`` is given, one of those too. Checked in order; the first match wins.
RULES: list[tuple[str, list[Pattern], list[Pattern] | None]] = [
    (
        "push: check each operation: pydantic model_validate",
        [("model_validate", "pydantic/main.py")],
        _IN_PUSH,
    ),
    (
        "push: check each operation: model_dump (normalise)",
        [("model_dump", "pydantic/main.py")],
        _IN_PUSH,
    ),
    (
        "push: check each operation: canonical JSON + SHA-256",
        [
            ("operation_hash", "server/push.py"),
            ("", "server/canonical.py"),
        ],
        _IN_PUSH,
    ),
    ("push: check each operation: other", [("_check", "server/push.py")], None),
    ("push: audit chain entries (hashing)", [("UserChainWriter.add", "server/audit.py")], None),
    (
        "push: JSON encoding of payloads for the database",
        [("", "json/encoder.py"), ("dumps", "json/__init__.py")],
        _IN_PUSH,
    ),
    (
        "push: transaction begin / commit / pool",
        [
            ("begin", "sqlalchemy/engine/base.py"),
            ("commit", "sqlalchemy/engine/base.py"),
            ("__exit__", "sqlalchemy/engine/"),
            ("", "sqlalchemy/pool/"),
        ],
        _IN_PUSH,
    ),
    (
        "push: SQL statements (SQLAlchemy, psycopg)",
        [("", "sqlalchemy/"), ("", "psycopg/")],
        _IN_PUSH,
    ),
    ("push: deciding each operation (Python)", [("", "server/push.py")], None),
    (
        "auth: device token lookup",
        [("authenticate", "server/app.py"), ("current_caller", "server/app.py")],
        None,
    ),
    ("pull: feed head (watermark)", [("feed_head", "server/feed.py")], None),
    ("pull: caseload plan (holdings)", [("_plan", "server/caseload_feed.py")], None),
    ("pull: caseload records", [("", "server/caseload_feed.py")], None),
    ("pull: coverages due to end", [("due_to_end", "server/caseload.py")], None),
    ("pull: feed acknowledged", [("acknowledge_feed", "server/accounts.py")], None),
    ("pull: change feed read", [("read_changes", "server/feed.py")], None),
    ("pull: county config", [("county_config", "server/feed.py")], None),
    ("audit anchor", [("anchor", "server/anchors.py")], None),
    ("review (queue, read, decide)", [("", "server/review.py")], None),
    (
        "request: body JSON + request model validation (FastAPI)",
        [
            ("request_body_to_args", "fastapi/"),
            ("_get_body", "fastapi/"),
            ("json", "starlette/requests.py"),
            ("body", "starlette/requests.py"),
            ("solve_dependencies", "fastapi/"),
            ("parse_body", "server/edge.py"),
        ],
        None,
    ),
    (
        "response: response model + JSON encoding (FastAPI)",
        [
            ("serialize_response", "fastapi/"),
            ("jsonable_encoder", "fastapi/"),
            ("render", "starlette/responses.py"),
            ("render", "fastapi/responses.py"),
        ],
        None,
    ),
    ("other csec_desktop code", [("", "csec_desktop/")], None),
    ("thread-pool hand-off (anyio)", [("", "anyio/")], None),
    (
        "HTTP framework (uvicorn, starlette, fastapi)",
        [("", "uvicorn/"), ("", "starlette/"), ("", "fastapi/")],
        None,
    ),
    (
        "event loop: uvloop/httptools native code (or waiting, in the wall view)",
        [("Runner.run", "asyncio/runners.py"), ("run_until_complete", "asyncio/")],
        None,
    ),
]
WAITING: list[Pattern] = [
    ("wait", "psycopg/"),
    ("Condition.wait", "threading.py"),
    ("get", "queue.py"),
    ("wait", "threading.py"),
    ("select", "selectors.py"),
]


# The API's endpoints (their functions in ``server/app.py``), for the per-request view.
ENDPOINTS = {
    "push_records": "push",
    "pull": "pull",
    "_pull_caseload": "pull",
    "audit_anchor": "audit-anchor",
    "review_queue": "review queue",
    "review_read": "review read",
    "review_decide": "review decide",
    "authenticate": "auth (every request)",
    "current_caller": "auth (every request)",  # main's name for it before the sixth milestone
    "me": "me",
}


def endpoint(frames: list[tuple[str, str]]) -> str:
    """The endpoint (or the auth dependency) a sample is in; what runs outside any of them is
    the event loop's share: HTTP, body parsing, request validation, responses."""
    for func, path in frames:
        name = func.rsplit(".", 1)[-1]  # Python 3.11+ gives qualified names: _router.<locals>.pull
        if "server/app.py" in path and name in ENDPOINTS:
            return ENDPOINTS[name]
    return "outside an endpoint (HTTP, body and model validation, responses)"


@contextmanager
def record(server_pid: int, summary_path: Path, idle: bool = False) -> Iterator[None]:
    """Sample the server's workers while the block runs; write the summary to ``summary_path``."""
    summary_path.parent.mkdir(parents=True, exist_ok=True)
    raw = summary_path.with_suffix(".raw")
    command = [
        str(PY_SPY),
        "record",
        "--pid",
        str(server_pid),
        "--subprocesses",
        "--rate",
        str(RATE),
        "--format",
        "raw",
        "--nonblocking",
        "--output",
        str(raw),
    ]
    command.append("--idle" if idle else "--gil")
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        _, errors = spy.communicate(timeout=60)
    if not raw.exists():
        raise SystemExit(f"py-spy wrote nothing: {errors.decode(errors='replace')[-500:]}")
    within = None if "-state-" not in summary_path.name else "any endpoint"
    summary_path.write_text(summarize(raw.read_text(), wall=idle, within=within))
    raw.rename(summary_path.with_suffix(".collapsed"))  # for a flame graph or a closer look


def _frames(stack: str) -> list[tuple[str, str]]:
    found = []
    for part in stack.split(";"):
        match = _FRAME.match(part)
        if match:
            found.append((match["func"], match["file"]))
    return found


def _matches(frames: list[tuple[str, str]], patterns: list[Pattern]) -> bool:
    """A pattern's function is a name ("" for any): ``_check`` matches ``_check`` and
    ``Engine._check``, never ``_push_checked``; its file is a substring of the frame's path."""
    return any(
        (not f or func == f or func.endswith("." + f)) and p in path
        for func, path in frames
        for f, p in patterns
    )


def categorize(frames: list[tuple[str, str]]) -> str:
    for category, patterns, within in RULES:
        if _matches(frames, patterns) and (within is None or _matches(frames, within)):
            return category
    return "other"


def summarize(raw: str, wall: bool = False, within: str | None = None) -> str:
    """The text summary of py-spy's raw (collapsed) output of the server's workers. The wall
    view keeps the threads inside a push, or (``within="any endpoint"``) inside any endpoint."""
    categories: Counter[str] = Counter()
    endpoints: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    waiting: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        if stack.count("process ") < 2:
            continue  # the supervisor process itself, not a worker
        frames = _frames(stack)
        where = endpoint(frames)
        if wall and within is None and not _matches(frames, [("push_batch", "server/push.py")]):
            continue
        if wall and within is not None and where.startswith("outside"):
            continue
        count = int(count_text)
        total += count
        endpoints[where] += count
        category = categorize(frames)
        if wall and frames and _matches(frames[-1:], WAITING):
            category = "waiting: " + (
                "the database (psycopg)" if "psycopg/" in frames[-1][1] else "a lock or queue"
            )
            waiting[category] += count
        categories[category] += count
        if frames:
            func, path = frames[-1]
            leaves[f"{func} ({_short(path)})"] += count
    view = (
        (
            "wall time of threads inside push_batch"
            if within is None
            else f"wall time of threads inside {within}"
        )
        if wall
        else "GIL-holding samples of the workers"
    )
    lines = [f"{view}: {total} samples at {RATE} Hz per thread"]
    if not total:
        return "\n".join(lines) + "\n"
    for category, count in categories.most_common():
        lines.append(f"  {count / total:6.1%}  {category}")
    lines.append("  by endpoint:")
    for where, count in endpoints.most_common():
        lines.append(f"  {count / total:6.1%}  {where}")
    lines.append("  top leaf functions (self time):")
    for leaf, count in leaves.most_common(15):
        lines.append(f"  {count / total:6.1%}  {leaf}")
    return "\n".join(lines) + "\n"


def _short(path: str) -> str:
    parts = Path(path).parts
    return "/".join(parts[-2:]) if len(parts) > 1 else path


def inclusive(raw: str, within: str = "csec_desktop/", top: int = 30) -> str:
    """Each function of ``within`` (a path substring) with the share of samples it is on the
    stack of (inclusive time), largest first: which of the server's own functions a request's
    CPU goes through."""
    counts: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit() or stack.count("process ") < 2:
            continue
        total += int(count_text)
        seen = {f"{func} ({_short(path)})" for func, path in _frames(stack) if within in path}
        for name in seen:
            counts[name] += int(count_text)
    lines = [f"inclusive share of {total} samples, functions of {within}:"]
    for name, count in counts.most_common(top):
        lines.append(f"  {count / max(total, 1):6.1%}  {name}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python bench/loadtest/profile.py FILE.collapsed [--wall]
    text = Path(sys.argv[1]).read_text()
    print(summarize(text, wall="--wall" in sys.argv, within="any endpoint"))
    print(inclusive(text))
