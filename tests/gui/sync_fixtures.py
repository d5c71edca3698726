"""A real county server for the GUI sync tests: ``csec-county-server serve`` on a free loopback
port, its SQLite database in a temporary folder (the same helpers the sync tests use)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_desktop.services.sync import SyncService, SyncSettings
from csec_desktop.services.vault_session import VaultSession
from tests.reliability.sync_support import County, ServerProcess, fast_settings, sqlite_database

_names = itertools.count()


def quick_settings() -> SyncSettings:
    """One attempt, no backoff wait: a down server answers "offline" at once."""
    from csec_desktop.sync.client import RetryPolicy

    return fast_settings(retry=RetryPolicy(attempts=1))


@pytest.fixture(scope="module")
def county_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, County]]:
    url = sqlite_database(tmp_path_factory.mktemp("server"))
    county = County.create(url)
    server = ServerProcess(url).start()
    yield server, county
    server.stop()
    county.dispose()


def new_code(county: County) -> str:
    username = f"cw{next(_names)}"
    county.user(username)
    return county.code(username)


def enroll(session: VaultSession, server: ServerProcess, county: County) -> SyncService:
    service = SyncService.for_session(session, settings=quick_settings())
    service.enroll(server.url, new_code(county))
    return service


def data_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir()) if data_dir.exists() else []
