"""The frozen bundle, built once per test session (only when dist/ is missing or stale).

PyInstaller takes about half a minute here; every installer test shares that one build. The
build is never skipped: a test that cannot build fails.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "csec_installer_build", ROOT / "installer" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build() -> ModuleType:
    return _load_build_module()


@pytest.fixture(scope="session")
def bundle(build: ModuleType) -> Path:
    started = time.monotonic()
    path: Path = build.build_bundle()
    print(f"\n[installer] bundle ready in {time.monotonic() - started:.0f} s")
    return path


def empty_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh login offers at most: no Python, no PATH to our venv, offscreen Qt."""
    home.mkdir(parents=True, exist_ok=True)
    return {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), **extra}


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder
