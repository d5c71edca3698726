"""``csec-county-server``: the admin commands in-process, and real processes for exit codes and
``serve``."""

from __future__ import annotations

import json
import os
import selectors
import socket
import subprocess
import sys
import time
from pathlib import Path
from uuid import UUID

import httpx
import pytest

from csec_desktop.server.cli import main
from tests.server.conftest import PROTOCOL

BIN = Path(sys.executable).parent / "csec-county-server"


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_commands_set_up_a_county_and_a_device(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init-db")[0] == 0
    assert run(capsys, "create-county", "--name", "Fresno")[0] == 0
    assert run(capsys, "create-user", "--county", "Fresno", "--username", "cw1",
               "--role", "caseworker", "--team", "A")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "enroll-code", "--username", "cw1")
    assert code == 0
    enrollment_code = out.strip().splitlines()[-1]

    from fastapi.testclient import TestClient

    from csec_desktop.server.app import create_app

    app = create_app(cli_env)
    with TestClient(app) as client:
        enrolled = client.post("/api/v1/enroll", json={"code": enrollment_code}, headers=PROTOCOL)
    app.state.engine.dispose()
    assert enrolled.status_code == 200
    device_id = enrolled.json()["device_id"]

    code, out, _ = run(capsys, "list-devices")
    assert code == 0
    assert device_id in out
    assert "active" in out
    assert run(capsys, "revoke-device", "--device-id", device_id)[0] == 0
    assert "revoked" in run(capsys, "list-devices")[1]

    code, out, _ = run(capsys, "list-conflicts", "--county", "Fresno")
    assert (code, out.strip()) == (0, "no sync conflicts")
    assert "no county named" in run(capsys, "list-conflicts", "--county", "Nowhere")[2]

    code, out, _ = run(capsys, "summary", "--county", "Fresno", "--json")
    assert code == 0
    assert json.loads(out) == {
        "county": "Fresno",
        "youth": 0,
        "screenings": 0,
        "screenings_by_status": {},
        "education_sessions": 0,
        "trainings": 0,
        "identifications": 0,
    }
    assert "screenings: 0" in run(capsys, "summary", "--county", "Fresno")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["create-county", "--name", "Narnia"], "not a California county"),
        (["create-user", "--county", "Nowhere", "--username", "x", "--role", "caseworker"],
         "no county"),
        (["create-user", "--county", "Fresno", "--username", "s", "--role", "supervisor"],
         "needs a team"),
        (["create-user", "--county", "Fresno", "--username", "x", "--role", "king"],
         "invalid choice"),
        (["enroll-code", "--username", "ghost"], "no user"),
        (["revoke-device", "--device-id", "not-a-uuid"], "not a device id"),
        (["revoke-device", "--device-id", str(UUID(int=1))], "no device"),
        (["summary", "--county", "Nowhere"], "no county"),
        (["serve", "--certfile", "/nonexistent.pem"], "both --certfile and --keyfile"),
        (["frobnicate"], "invalid choice"),
    ],
)  # fmt: skip
def test_bad_input_is_one_plain_line(
    cli_env: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run(capsys, "create-county", "--name", "Fresno")
    code, _out, err = run(capsys, *argv)
    assert code != 0
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_commands_on_an_uninitialized_database_say_to_run_init_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    code, _out, err = run(capsys, "list-devices")
    assert code == 1
    assert "init-db" in err


def test_unreachable_database_is_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://u:secret@127.0.0.1:{port}/x")
    code, _out, err = run(capsys, "init-db")
    assert code == 1
    assert "cannot reach the database" in err
    assert "secret" not in err


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["CSEC_SERVER_DATA_DIR"] = str(tmp_path / "server-data")
    return env


def test_real_process_exit_codes(tmp_path: Path) -> None:
    env = _env(tmp_path)
    ok = subprocess.run([BIN, "init-db"], env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "server-data" / "county-server.sqlite3").is_file()
    bad = subprocess.run(
        [BIN, "create-county", "--name", "Narnia"], env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "csec-county-server: error: 'Narnia' is not a California county "
        "(spell it as the state does)"
    ]


def _wait_for_startup(process: subprocess.Popen[bytes], deadline: float) -> None:
    """Block until uvicorn says it is listening (read from its stderr), the process exits or the
    deadline passes; no fixed sleeps."""
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen = b""
    while (left := deadline - time.monotonic()) > 0:
        if not selector.select(timeout=left):
            break
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        if b"Application startup complete" in seen:
            return
    raise AssertionError(f"the server did not start: {seen.decode(errors='replace')[-500:]}")


def test_serve_answers_health_on_a_real_socket(tmp_path: Path) -> None:
    env = _env(tmp_path)
    subprocess.run([BIN, "init-db"], env=env, check=True, capture_output=True, timeout=60)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [BIN, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_startup(server, deadline=time.monotonic() + 30)
        answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10)
        assert answer.status_code == 200
        assert answer.json()["status"] == "ok"
        refused = httpx.get(f"http://127.0.0.1:{port}/api/v1/sync/pull", headers=PROTOCOL)
        assert refused.status_code == 401
        # A declared oversize body is refused before a byte of it is sent.
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(
                b"POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nX-CSEC-Protocol: 1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n"
            )
            assert raw.recv(4096).startswith(b"HTTP/1.1 413 ")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_embedded_database_is_owner_only_and_checked_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 14, finding 8: the embedded database holds every county's names and answers."""
    folder = tmp_path / "server-data"
    database = folder / "county-server.sqlite3"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CSEC_SERVER_DATA_DIR", str(folder))
    usual = os.umask(0o022)  # the usual umask, under which SQLite alone would make it 0644
    try:
        assert run(capsys, "init-db")[0] == 0
        assert run(capsys, "create-county", "--name", "Fresno")[0] == 0
    finally:
        os.umask(usual)
    assert (_mode(folder), _mode(database)) == (0o700, 0o600)
    for extra in ("-wal", "-shm"):
        side = database.with_name(database.name + extra)
        if side.exists():
            assert _mode(side) == 0o600

    # An install that someone opened up (or one from before this check) is refused at start...
    os.chmod(database, 0o644)
    os.chmod(folder, 0o755)  # noqa: S103 - the unsafe state under test
    code, out, err = run(capsys, "create-county", "--name", "Kern")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "can be read by other users" in err and "init-db" in err
    with pytest.raises(Exception, match="other users"):
        from csec_desktop.server.app import create_app

        create_app()
    # ... until init-db makes it private again.
    assert run(capsys, "init-db")[0] == 0
    assert (_mode(folder), _mode(database)) == (0o700, 0o600)
    assert run(capsys, "create-county", "--name", "Kern")[0] == 0


def test_a_database_in_a_shared_folder_like_tmp_is_refused_and_the_folder_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Making the database's folder 0700 is right for a folder of its own, and wrong for one
    other users share: ``DATABASE_URL=sqlite:////tmp/x.sqlite3`` used to turn ``/tmp`` into
    0700, which locked every other user and service out of it (the test PostgreSQL, whose data
    lives under /tmp, went down). Now nothing is created and the folder keeps its mode."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # noqa: S103 - /tmp's own mode, the case under test
    database = shared / "county-server.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")

    code, out, err = run(capsys, "init-db")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "shared with other users" in err and "folder of its own" in err
    assert shared.stat().st_mode & 0o7777 == 0o1777
    assert not database.exists()

    # Opening the server on it directly (no init-db) is refused the same way.
    from csec_desktop.server.app import create_app
    from csec_desktop.server.db import DatabaseFileNotPrivate

    with pytest.raises(DatabaseFileNotPrivate, match="shared with other users"):
        create_app(check=False)
    assert shared.stat().st_mode & 0o7777 == 0o1777
    assert not database.exists()
