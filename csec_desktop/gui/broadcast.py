"""One object through which screens hear about changes, instead of being wired to each other.

After a save, the screen that saved emits ``records_did_change`` with the record types it
touched; every other screen decides for itself whether it needs to refresh (Anki's
``operation_did_execute``). Created once by the composition root and passed in: no module-level
instance, so each test gets its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Broadcast(QObject):
    """App-wide notifications. Emit and connect on the GUI thread only."""

    records_did_change = Signal(frozenset)  # record types changed, e.g. frozenset({"youth"})
    vault_unlocked = Signal()
    vault_locked = Signal()
    language_did_change = Signal(str)
    sync_did_finish = Signal()  # reserved for the sync issue; nothing emits it yet
