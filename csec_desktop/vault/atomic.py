"""Replacing a small private file so that a crash leaves either the old or the new file, whole.

The steps are the classic ones, in an order that matters:

1. create a temporary file in the same directory (so the final rename never crosses file systems)
   with ``O_CREAT | O_EXCL`` and mode 0o600, so it is owner-only *before* any byte is written;
2. write, flush, ``fsync`` the file, so its contents are on disk before its name is;
3. ``os.replace`` it over the target: atomic on POSIX and on Windows (same volume);
4. ``fsync`` the directory (POSIX), so the rename itself survives a power cut.

A failure at any step removes the temporary file and leaves the target as it was. On Windows the
mode bits are mostly ignored; there the per-user data folder's access rules keep the file private.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
_TEMP_SUFFIX = ".tmp"


def temp_path_for(path: Path) -> Path:
    """A fresh, unguessable temporary name beside ``path`` (hidden, recognisable as ours)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}")


def write_private_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``, owner-only. Raises ``OSError`` on failure."""
    temp = temp_path_for(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, PRIVATE_FILE_MODE)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable. A no-op where directories cannot be opened."""
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename itself
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
