"""Fixtures for tests that work on a whole vault (key file + database) in a data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS
from tests.integration.caseload_support import county_server  # noqa: F401  (a fixture)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def vault(data_dir: Path) -> Iterator[VaultSession]:
    # The KDF floor (64 MiB, 3 iterations) keeps tests quick; real vaults are calibrated slower.
    session = VaultSession.create(data_dir, PASSPHRASE, actor="cw", kdf_params=FLOOR_KDF_PARAMS)
    yield session
    session.lock()
