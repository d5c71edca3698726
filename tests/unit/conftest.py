"""Fixtures for the headless layers: a fresh encrypted store per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from csec_desktop.domain import Youth
from csec_desktop.store import Store


@pytest.fixture
def data_key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def store(tmp_path: Path, data_key: bytes) -> Iterator[Store]:
    opened = Store(tmp_path / "vault.db", data_key, create=True)
    yield opened
    opened.close()


def make_youth(**changes: object) -> Youth:
    fields: dict[str, object] = {
        "given_name": "Alex DEMO",
        "family_name": "Rivera DEMO",
        "date_of_birth": date(2009, 5, 17),
        "county": "Fresno",
    }
    fields.update(changes)
    return Youth.model_validate(fields)
