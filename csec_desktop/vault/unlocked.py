"""The data keys of an unlocked vault, held in memory until the vault locks.

Python cannot reliably wipe secrets: ``bytes`` are immutable, and the cryptography library copies
its inputs. So "forgetting" means dropping every reference this object holds, so the keys can be
garbage-collected; nothing stronger is promised, and callers should not keep copies either.
"""

from __future__ import annotations

import hmac
from types import TracebackType
from typing import Self
from uuid import UUID

from csec_desktop.vault.errors import KeysForgotten


class UnlockedKeys:
    """The data keys of an unlocked vault: ``current``, and ``pending`` during a rotation.

    The store opens the database with ``current`` and, only if that fails (a crash during a
    rotation), with ``pending``; then it calls ``KeyFile.complete_rotation`` with the one that
    worked. ``forget()`` (or leaving a ``with`` block) drops the keys; using them afterwards raises
    ``KeysForgotten``. The object never prints its keys.
    """

    __slots__ = ("_keys", "vault_id")

    def __init__(self, vault_id: UUID, keys: dict[int, bytes]) -> None:
        if not 1 <= len(keys) <= 2:
            raise ValueError("one or two data keys expected")
        self.vault_id = vault_id
        self._keys: dict[int, bytes] | None = dict(sorted(keys.items()))

    def _held(self) -> dict[int, bytes]:
        if self._keys is None:
            raise KeysForgotten()
        return self._keys

    @property
    def generations(self) -> tuple[int, ...]:
        """The generations held, oldest first."""
        return tuple(self._held())

    @property
    def current_generation(self) -> int:
        return self.generations[0]

    @property
    def pending_generation(self) -> int | None:
        generations = self.generations
        return generations[1] if len(generations) > 1 else None

    @property
    def current(self) -> bytes:
        """The data key the database should be encrypted with (unless a rotation was cut short)."""
        return self._held()[self.current_generation]

    @property
    def pending(self) -> bytes | None:
        """The new data key of an unfinished rotation; None normally."""
        generation = self.pending_generation
        return None if generation is None else self._held()[generation]

    def candidates(self) -> tuple[bytes, ...]:
        """The keys to try on the database, in order: current, then pending if any."""
        return tuple(self._held().values())

    def by_generation(self) -> dict[int, bytes]:
        """The keys by generation number (a copy)."""
        return dict(self._held())

    def generation_of(self, data_key: bytes) -> int | None:
        """Which generation ``data_key`` is, compared in constant time; None if not held."""
        found = None
        for generation, key in self._held().items():
            if hmac.compare_digest(key, data_key):
                found = generation
        return found

    def forget(self) -> None:
        """Drop the references to the keys (the best Python allows; see the module docstring)."""
        self._keys = None

    @property
    def forgotten(self) -> bool:
        return self._keys is None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.forget()

    def __repr__(self) -> str:
        if self._keys is None:
            return f"UnlockedKeys(vault_id={self.vault_id}, forgotten)"
        return f"UnlockedKeys(vault_id={self.vault_id}, generations={list(self._keys)})"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("unlocked keys cannot be pickled")
