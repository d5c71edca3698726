"""Crypto-shredding: destroying the key file makes the encrypted database unreadable for good.

Used when county IT revoked the device. The data key exists only wrapped inside the key file
(and in memory while unlocked, which the caller locks first), so overwriting the key file and
any temporary copy of it (``atomic.temp_path_for`` names) with random bytes, syncing, and
unlinking them leaves the database as ciphertext nobody can open, county recovery key included
(its wrapped copy was in the same file).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def shred_key_file(key_file: Path) -> None:
    """Overwrite and delete ``key_file`` and its temporary copies; fsync the folder."""
    for path in [key_file, *key_file.parent.glob(f".{key_file.name}.*.tmp")]:
        _overwrite_and_delete(path)


def _overwrite_and_delete(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b", buffering=0) as handle:
        handle.write(secrets.token_bytes(max(size, 1)))
        os.fsync(handle.fileno())
    path.unlink()
    if os.name != "nt":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
