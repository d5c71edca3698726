"""Where the app keeps its files, and where its shipped resources are found."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "csec-desktop"


def default_data_dir() -> Path:
    """The per-user data directory (the vault lives here unless ``--data-dir`` says otherwise)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: inside a PyInstaller bundle, or beside the package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
