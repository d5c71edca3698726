"""The status-bar sync indicator: what the last real sync attempt found, and a click to sync.

It reads only ``SyncView`` (made from real attempts by ``SyncController``): offline, N pending,
syncing x of y, failed — retry, last synced at. Clicking it (or Ctrl+Shift+S) syncs now.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QToolButton, QWidget

from csec_desktop.gui.common.dates import short_moment_text
from csec_desktop.gui.sync.controller import SyncController, SyncState, SyncView
from csec_desktop.gui.sync.messages import syncing_text


def local_time(moment: datetime | None) -> str:
    """A short local time: "2:05 PM" today, "May 17, 2026, 2:05 PM" on another day."""
    if moment is None:
        return ""
    return short_moment_text(moment, today=date.today())


class SyncIndicator(QToolButton):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(self.tr("Sync status"))
        self._controller = controller
        self.clicked.connect(controller.sync_now)
        controller.changed.connect(self.show_view)
        self.show_view(controller.view)

    def describe(self, view: SyncView) -> str:
        status = view.status
        if view.state is SyncState.STANDALONE:
            return self.tr("Standalone: not enrolled with a county server")
        if view.state is SyncState.REVOKED:
            return self.tr("This laptop was revoked")
        if view.state is SyncState.SYNCING:
            return syncing_text(view)
        parts: list[str] = []
        if view.state is SyncState.OFFLINE:
            parts.append(self.tr("Offline: sync failed — retry"))
        elif view.state is SyncState.FAILED:
            parts.append(self.tr("Sync failed — retry"))
        if view.pending:
            parts.append(self.tr("%n pending", "", view.pending))
        if view.needs_attention:
            parts.append(self.tr("%n need(s) attention", "", view.needs_attention))
        if status is not None and view.state is SyncState.IDLE:
            if status.last_successful_sync is not None:
                parts.append(
                    self.tr("last synced at %1").replace(
                        "%1", local_time(status.last_successful_sync)
                    )
                )
            else:
                parts.append(self.tr("never synced"))
        if view.read_only:
            parts.insert(0, self.tr("Read-only"))
        if not parts:
            return self.tr("Sync")
        text = " · ".join(parts)
        return text[:1].upper() + text[1:]

    @Slot(object)
    def show_view(self, view: SyncView) -> None:
        text = self.describe(view)
        self.setText(text)
        self.setAccessibleDescription(text)
        failed = view.state in (SyncState.OFFLINE, SyncState.FAILED, SyncState.REVOKED)
        self.setProperty("problem", failed or view.read_only)
        self.style().unpolish(self)
        self.style().polish(self)
        enabled = view.state not in (SyncState.STANDALONE, SyncState.REVOKED)
        self.setEnabled(enabled)
        self.setToolTip(self.tr("Sync now (Ctrl+Shift+S)") if enabled else "")
