"""Keeping the vault's keys and records out of crash dumps.

An unlocked app holds the SQLCipher data key and decrypted pages in memory; a core dump written
when it crashes would hold them too, in a plain file (often in the working folder, or collected by
the system's crash reporter). So the processes that open a vault (``csec-desktop``,
``csec-admin``) turn dumps off for themselves at start, before any key exists:

- **Linux**: ``RLIMIT_CORE`` 0 (no core file) and ``prctl(PR_SET_DUMPABLE, 0)`` (no core even
  through a ``core_pattern`` pipe such as systemd-coredump or apport, and no ptrace attach by other
  processes of the same user).
- **macOS**: ``RLIMIT_CORE`` 0 (cores are off by default there, and need the limit raised).
- **Windows**: nothing to switch off per process here: Windows Error Reporting keeps a local
  dump only when IT configures ``LocalDumps`` for the program; ``docs/security.md`` says not to.

Each step that the system refuses is reported, never fatal.
"""

from __future__ import annotations

import sys
from typing import Any

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> Any:
    """The C library's symbols, as linked into this process (no ``ldconfig`` lookup: start-up
    time)."""
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def disable_crash_dumps() -> list[str]:
    """Turn core dumps off for this process where the OS allows; returns what was done."""
    done: list[str] = []
    if sys.platform == "win32":
        return done
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done.append("RLIMIT_CORE 0")
    except (ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        libc = _libc()
        if libc is not None and libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
            done.append("not dumpable")
    return done


def crash_dumps_off() -> bool:
    """Whether this process can no longer write a core dump (False on Windows: see above)."""
    if sys.platform == "win32":
        return False
    import resource

    if resource.getrlimit(resource.RLIMIT_CORE) != (0, 0):
        return False
    if sys.platform.startswith("linux"):
        libc = _libc()
        return libc is not None and libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
    return True
