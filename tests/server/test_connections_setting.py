"""``CSEC_SERVER_CONNECTIONS``: IT sizes a worker's database connections (and so how many
requests it works on at once) to the machine; a bad value stops the server with one plain line."""

from __future__ import annotations

from pathlib import Path

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from csec_desktop.server.app import create_app
from csec_desktop.server.cli import main
from csec_desktop.server.db import CONNECTIONS_ENV, POOL_SIZE, DatabaseUrlError, create_db_engine
from csec_desktop.server.migrate import upgrade


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'county' / 'server.sqlite3'}"


def test_unset_keeps_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONNECTIONS_ENV, raising=False)
    engine = create_db_engine(_url(tmp_path))
    assert engine.pool.size() == POOL_SIZE  # type: ignore[attr-defined]
    engine.dispose()


def test_a_county_server_on_a_small_machine_serves_with_four_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONNECTIONS_ENV, "4")
    url = _url(tmp_path)
    setup = create_db_engine(url)
    upgrade(setup)
    setup.dispose()
    app = create_app(url)
    assert app.state.engine.pool.size() == 4
    with TestClient(app) as client:
        answer = client.get("/api/v1/health")
        assert answer.status_code == 200
        # The thread pool that runs the endpoints is sized with the pool: no request waits
        # inside a thread for a connection.

        limiter = client.portal.call(anyio.to_thread.current_default_thread_limiter)  # type: ignore[union-attr]
        assert limiter.total_tokens == 4
    app.state.engine.dispose()


@pytest.mark.parametrize("value", ["0", "101", "four", "-3", "²", "4.5"])
def test_a_bad_value_is_refused_in_one_plain_line(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONNECTIONS_ENV, value)
    with pytest.raises(DatabaseUrlError) as caught:
        create_db_engine(_url(tmp_path))
    message = str(caught.value)
    assert message == f"{CONNECTIONS_ENV} must be a whole number from 1 to 100"
    assert "\n" not in message


def test_serve_with_a_bad_value_stops_in_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(tmp_path)
    setup = create_db_engine(url)
    upgrade(setup)
    setup.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv(CONNECTIONS_ENV, "lots")
    code = main(["serve", "--port", "1"])
    _out, err = capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1
    assert CONNECTIONS_ENV in err
    assert "Traceback" not in err
