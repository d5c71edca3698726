"""A fresh encrypted vault for every case."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from csec_desktop.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "vault.db", os.urandom(32), create=True)
    yield opened
    opened.close()
