"""Where a screening in progress was left: the section the caseworker was on when the wizard
closed, so "continue where you left off" opens that page, not the first.

Kept in the vault's local settings (encrypted with everything else, never synced): a screening id
and a section id of its instrument, nothing a person wrote. Forgotten once the screening is
submitted.
"""

from __future__ import annotations

from uuid import UUID

from csec_desktop.store import Store

META_PREFIX = "wizard.section."


class ResumePlaces:
    def __init__(self, store: Store) -> None:
        self.store = store

    def remember(self, screening_id: UUID, section_id: str) -> None:
        self.store.set_meta(META_PREFIX + str(screening_id), section_id)

    def place(self, screening_id: UUID) -> str | None:
        """The section id the screening was left on, or None."""
        return self.store.get_meta(META_PREFIX + str(screening_id))

    def forget(self, screening_id: UUID) -> None:
        self.store.delete_meta(META_PREFIX + str(screening_id))


__all__ = ["ResumePlaces"]
