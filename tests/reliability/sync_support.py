"""Shared pieces of the sync tests: a real server process, a fault-injecting proxy, fast vaults.

- :class:`ServerProcess` runs ``csec-county-server serve`` on a free loopback port (SQLite file or
  PostgreSQL, from ``DATABASE_URL``) and waits for ``/health`` with a deadline (no sleeps).
- :class:`FaultProxy` is a small asyncio HTTP/1.1 proxy on its own thread. For each request it
  asks a chooser for a :class:`Fault`: pass, reset the connection after the server answered
  (the client never learns the outcome), truncate the answer, stall until the client times out,
  duplicate the request (two concurrent copies reach the server), or refuse before forwarding.
- ``fast_service`` makes a ``SyncService`` on a store opened with a random raw key (no KDF), with
  backoff that does not wait and short timeouts.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from csec_desktop.domain import Youth
from csec_desktop.server import accounts
from csec_desktop.server.db import create_db_engine
from csec_desktop.server.migrate import upgrade
from csec_desktop.server.schema import push_ops, record_conflicts, records
from csec_desktop.services.sync import SyncService, SyncSettings
from csec_desktop.store import Store
from csec_desktop.sync.client import RetryPolicy
from csec_desktop.sync.protocol import Role

ROOT = Path(__file__).resolve().parents[2]
SERVER_BIN = Path(sys.executable).with_name("csec-county-server")
POSTGRES_URL_ENV = "CSEC_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://csec:csec@127.0.0.1:55432/csec_test"
COUNTY = "Fresno"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until true; fail after ``timeout`` seconds (a deadline, not a sleep)."""
    deadline = time.monotonic() + timeout
    event = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        event.wait(0.02)


# --- server database ----------------------------------------------------------------------------


def sqlite_database(directory: Path, template: Path | None = None) -> str:
    """A migrated SQLite server database in ``directory`` (copied from ``template`` if given)."""
    path = directory / "server.sqlite3"
    if template is not None:
        shutil.copy(template, path)
    else:
        engine = create_db_engine(f"sqlite:///{path}")
        upgrade(engine)
        engine.dispose()
    return f"sqlite:///{path}"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database; fails (never skips) when PostgreSQL is missing."""
    admin_url = os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"csec_sync_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        shown = make_url(admin_url).render_as_string(hide_password=True)
        raise AssertionError(
            f"PostgreSQL is not reachable at {shown}: run 'bash .ci/services.sh' "
            f"or set {POSTGRES_URL_ENV}"
        ) from None
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = create_db_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        drop_database(admin, name)
        admin.dispose()


def drop_database(admin: Engine, name: str) -> None:
    """Drop a test database. ``WITH (FORCE)`` ends the sessions still on it, but may not end
    an autovacuum worker (not ours to signal): then it is tried again until that one is done."""

    def dropped() -> bool:
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        except ProgrammingError as exc:
            if "pg_signal_backend" not in str(exc):
                raise
            return False
        return True

    wait_until(dropped, 60, f"the test database {name} to be dropped")


@dataclass
class County:
    """Accounts on the server database, set up through the server's own functions."""

    engine: Engine

    @classmethod
    def create(cls, database_url: str, name: str = COUNTY, lease_days: int = 30) -> County:
        engine = create_db_engine(database_url)
        with engine.begin() as conn:
            accounts.create_county(conn, name, offline_lease_days=lease_days)
        return cls(engine)

    def user(self, username: str, role: Role = Role.CASEWORKER, team: str = "A") -> None:
        with self.engine.begin() as conn:
            accounts.create_user(conn, COUNTY, username, role, team)

    def code(self, username: str) -> str:
        with self.engine.begin() as conn:
            return accounts.issue_enrollment_code(conn, username)

    def revoke(self, device_id: UUID) -> None:
        with self.engine.begin() as conn:
            accounts.revoke_device(conn, device_id)

    def record_versions(self) -> dict[UUID, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(records.c.record_id, records.c.version)).all()
        return {row.record_id: row.version for row in rows}

    def op_ids(self) -> Counter[UUID]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(push_ops.c.op_id)).all()
        return Counter(row.op_id for row in rows)

    def op_statuses(self) -> dict[UUID, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(push_ops.c.op_id, push_ops.c.status)).all()
        return {row.op_id: row.status for row in rows}

    def conflict_count(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(select(func.count()).select_from(record_conflicts)).scalar_one()
            )

    def dispose(self) -> None:
        self.engine.dispose()


# --- the server process -------------------------------------------------------------------------


class ServerProcess:
    """``csec-county-server serve`` on 127.0.0.1; ``restart()`` keeps the port and database."""

    def __init__(
        self,
        database_url: str,
        *,
        certfile: Path | None = None,
        keyfile: Path | None = None,
        port: int | None = None,
    ) -> None:
        self.database_url = database_url
        self.port = port or free_port()
        self.certfile = certfile
        self.keyfile = keyfile
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.certfile else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        command = [str(SERVER_BIN), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.certfile and self.keyfile:
            command += ["--certfile", str(self.certfile), "--keyfile", str(self.keyfile)]
        env = {**os.environ, "DATABASE_URL": self.database_url}
        # The server's own output, shown if it fails; closed with this object.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        wait_until(self._healthy, 30, "the county server to start")
        return self

    def _healthy(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            self._log.seek(0)
            tail = self._log.read().decode(errors="replace")[-2000:]
            raise AssertionError(f"the server exited with {self.process.returncode}: {tail}")
        try:
            answer = httpx.get(f"{self.url}/api/v1/health", timeout=1.0, verify=False)  # noqa: S501
        except httpx.HTTPError:
            return False
        return answer.status_code == 200

    def output(self) -> str:
        """Everything the server printed so far (its log)."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()


# --- the fault-injecting proxy ------------------------------------------------------------------


class Fault(StrEnum):
    NONE = "none"
    REFUSE = "refuse"  # reset before anything reaches the server
    RESET_AFTER_REQUEST = "reset_after_request"  # the server applied it; the answer is lost
    TRUNCATE = "truncate"  # half the answer, then the connection closes
    STALL = "stall"  # the server applied it; no answer until the client gives up
    DUPLICATE = "duplicate"  # two copies reach the server at once; the client gets one answer


Chooser = Callable[[str, str], Fault]


def _no_fault(_method: str, _path: str) -> Fault:
    return Fault.NONE


async def _read_message(reader: asyncio.StreamReader) -> bytes | None:
    """One HTTP/1.1 message (head and Content-Length body), or None at a clean end of stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise ConnectionError("a message was cut short") from None
        return None
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        elif name.strip().lower() == b"transfer-encoding":
            raise ConnectionError("chunked messages are not supported by this proxy")
    body = await reader.readexactly(length) if length else b""
    return head + body


def _abort_with_reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FaultProxy:
    """Listen on a free loopback port and forward to ``upstream_port``, injecting faults."""

    def __init__(self, upstream_port: int, chooser: Chooser = _no_fault) -> None:
        self.upstream_port = upstream_port
        self.chooser = chooser
        self.port = 0
        self.faults: Counter[Fault] = Counter()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        future.result(timeout=10)
        return self

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _close() -> None:
            if self._server is not None:
                self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()

        asyncio.run_coroutine_threadsafe(_close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def _choose(self, request: bytes) -> Fault:
        method, path, *_ = request.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
        fault = self.chooser(method, path) if path.startswith("/api/v1/sync") else Fault.NONE
        with self._lock:
            self.faults[fault] += 1
        return fault

    async def _exchange(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            writer.write(request)
            await writer.drain()
            answer = await _read_message(reader)
            if answer is None:
                raise ConnectionError("the server closed the connection")
            return answer
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_message(reader)
                if request is None:
                    break
                fault = self._choose(request)
                if fault is Fault.REFUSE:
                    _abort_with_reset(writer)
                    return
                if fault is Fault.DUPLICATE:
                    first, _second = await asyncio.gather(
                        self._exchange(request), self._exchange(request)
                    )
                    answer = first
                else:
                    answer = await self._exchange(request)
                if fault is Fault.RESET_AFTER_REQUEST:
                    _abort_with_reset(writer)
                    return
                if fault is Fault.TRUNCATE:
                    writer.write(answer[: max(1, len(answer) // 2)])
                    await writer.drain()
                    writer.close()
                    return
                if fault is Fault.STALL:
                    await reader.read()  # until the client gives up and closes
                    writer.close()
                    return
                writer.write(answer)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            writer.transport.abort()
        finally:
            if not writer.is_closing():
                writer.close()


# --- devices ------------------------------------------------------------------------------------

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


def no_wait(_seconds: float) -> None:
    """Backoff that does not wait (tests poll; they never sleep)."""


def fast_settings(**changes: Any) -> SyncSettings:
    values: dict[str, Any] = {
        "timeout": httpx.Timeout(10.0),
        "retry": FAST_RETRY,
        "sleep": no_wait,
        "batch_size": 50,
    }
    values.update(changes)
    return SyncSettings(**values)


@dataclass
class Device:
    """One laptop: a store opened with a raw key (no KDF, for speed) and its sync service."""

    store: Store
    service: SyncService
    path: Path
    key: bytes

    def close(self) -> None:
        self.store.close()


def open_device(path: Path, key: bytes | None = None, **settings: Any) -> Device:
    key = key or os.urandom(32)
    create = not path.exists()
    store = Store(path, key, create=create)
    service = SyncService(store, actor="cw", settings=fast_settings(**settings))
    return Device(store, service, path, key)


def make_youth(n: int = 0, **changes: Any) -> Youth:
    values: dict[str, Any] = {
        "given_name": f"Test{n}",
        "family_name": "SyncFixture",
        "date_of_birth": date(2009, 1, 1 + n % 28),
        "county": COUNTY,
    }
    values.update(changes)
    return Youth(**values)


def local_versions(store: Store) -> dict[UUID, int]:
    return {youth.id: youth.version for youth in store.records(Youth, limit=10_000_000)}


def sent_op_ids(store: Store) -> set[UUID]:
    from csec_desktop.store import OutboxState

    return {item.op_id for item in store.outbox_items(OutboxState.SENT, limit=10_000_000)}
