"""Where the app keeps its files, and where its shipped resources are found."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "csec-desktop"

# The two files of a vault's data folder. Named here, not only in ``vault`` and ``store``, so the
# app can tell first run from unlock without importing the crypto and the database (start-up).
KEY_FILE_NAME = "vault.key"
DATABASE_FILE_NAME = "vault.db"


def vault_files_exist(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a vault (either of its files: a half-made one counts)."""
    return (data_dir / KEY_FILE_NAME).exists() or (data_dir / DATABASE_FILE_NAME).exists()


def default_data_dir() -> Path:
    """The per-user data directory (the vault lives here unless ``--data-dir`` says otherwise)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped ``resources/`` folder: inside a PyInstaller bundle, or beside the package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
