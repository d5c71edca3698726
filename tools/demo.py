"""``make demo``: a local county server, an enrolled vault with marked demo data, and the app.

One command for a newcomer's first look, everything in a fresh temporary folder:

1. ``csec-county-server`` on its embedded SQLite: a county (Fresno), a caseworker and a
   supervisor, a one-time enrollment code; ``serve`` on a free loopback port.
2. ``csec-admin``: a new vault, enrolled with that code; ``seed-demo`` (every name marked DEMO);
   a first ``sync`` so the server holds the records.
3. ``csec-desktop`` on that vault, configured for the server: unlock with the demo passphrase
   and watch the sync indicator in the status bar (Ctrl+Shift+S syncs now).

The passphrase comes from ``CSEC_PASSPHRASE`` or ``--passphrase-file`` (else a printed demo
one) and reaches the commands through their environment, never their command line. The server
stops when the app exits (or on Ctrl+C); the folder is removed unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
COUNTY = "Fresno"
CASEWORKER = "demo-caseworker"
SUPERVISOR = "demo-supervisor"
DEFAULT_PASSPHRASE = "demo only: a quiet river under stars"  # noqa: S105 (a throwaway demo vault)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SystemExit(f"demo: '{Path(command[0]).name} {command[1]}' failed: {detail[-1:]}")
    return done.stdout


def wait_for_health(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("demo: the county server exited while starting")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("demo: the county server did not start within 30 seconds")


def read_passphrase(path: Path | None) -> tuple[str, bool]:
    if path is not None:
        return path.read_text(encoding="utf-8").splitlines()[0], False
    if os.environ.get("CSEC_PASSPHRASE"):
        return os.environ["CSEC_PASSPHRASE"], False
    return DEFAULT_PASSPHRASE, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo", description=__doc__.splitlines()[0])
    parser.add_argument("--passphrase-file", type=Path, help="first line: the vault passphrase")
    parser.add_argument("--keep", action="store_true", help="keep the demo folder afterwards")
    parser.add_argument("--no-app", action="store_true", help="set everything up, skip the GUI")
    parser.add_argument("--youth", type=int, default=40)
    args = parser.parse_args(argv)
    passphrase, default_used = read_passphrase(args.passphrase_file)

    folder = Path(tempfile.mkdtemp(prefix="csec-demo-"))
    data_dir = folder / "vault"
    database = folder / "server" / "server.sqlite3"
    database.parent.mkdir()
    server_env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    app_env = {**os.environ, "CSEC_PASSPHRASE": passphrase}
    server_bin = str(BIN / "csec-county-server")
    admin = [str(BIN / "csec-admin"), "--data-dir", str(data_dir)]
    server: subprocess.Popen[bytes] | None = None
    try:
        run([server_bin, "init-db"], server_env)
        run([server_bin, "create-county", "--name", COUNTY], server_env)
        for username, role in ((CASEWORKER, "caseworker"), (SUPERVISOR, "supervisor")):
            user = ["--county", COUNTY, "--username", username, "--role", role, "--team", "A"]
            run([server_bin, "create-user", *user], server_env)
        code = run([server_bin, "enroll-code", "--username", CASEWORKER], server_env)
        code = code.strip().splitlines()[-1].strip()
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [server_bin, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=server_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_health(url, server)
        run([*admin, "vault", "init"], app_env)
        run([*admin, "enroll", "--server", url, "--code", code], app_env)
        counts = ["--youth", str(args.youth), "--screenings", str(args.youth // 2)]
        seeded = run([*admin, "seed-demo", *counts, "--sessions", "8"], app_env)
        run([*admin, "sync"], app_env)
        config = folder / "config.toml"
        config.write_text(f'server_url = "{url}"\ncounty = "{COUNTY}"\n', encoding="utf-8")

        print("CSEC Desktop demo")
        print(f"  folder:      {folder}")
        print(f"  server:      {url} (SQLite {database.name}), county {COUNTY}")
        print(f"  accounts:    {CASEWORKER} (caseworker, enrolled), {SUPERVISOR} (supervisor)")
        print(f"  vault:       {data_dir} — {seeded.strip().splitlines()[-1]}")
        if default_used:
            print(f"  passphrase:  {passphrase}   (demo only; set CSEC_PASSPHRASE to choose)")
        else:
            print("  passphrase:  the one you gave")
        print("  stop:        quit the app (Ctrl+Q) or press Ctrl+C here; the server stops too")
        if args.no_app:
            return 0
        app = subprocess.Popen(
            [str(BIN / "csec-desktop"), "--data-dir", str(data_dir), "--config", str(config)],
            env={k: v for k, v in os.environ.items() if k != "CSEC_PASSPHRASE"},
        )
        try:
            return app.wait()
        except KeyboardInterrupt:
            app.send_signal(signal.SIGINT)
            app.wait(timeout=15)
            return 130
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print(f"demo: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
