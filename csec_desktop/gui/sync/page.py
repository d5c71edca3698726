"""The Sync section: where this laptop stands with the county server, Sync now, and the
"Needs attention" list.

Needs attention holds what a sync could not settle on its own:

* **conflicts** — this laptop and the server both changed a record; both versions are shown
  side by side (what differs is marked) and a person keeps this laptop's version, keeps the
  server's, or merges them field by field (a choice per differing field), or marks the conflict
  resolved once they have made the record right by hand. Nothing is overwritten silently, and the
  version not kept stays in the conflict and in the record's history;
* **quarantined** changes — the server refused them, with its reason; they are kept, never
  deleted, and never hold the rest of the queue back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.tables import (
    TableProxy,
    fit_columns,
    select_source_row,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.sync.attention_model import AttentionModel
from csec_desktop.gui.sync.controller import AttentionItems, SyncController, SyncState, SyncView
from csec_desktop.gui.sync.indicator import local_time
from csec_desktop.gui.sync.messages import read_only_message, sync_error_message, syncing_text
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.sync import Resolution
from csec_desktop.store import OutboxItem
from csec_desktop.store.sync_state import ConflictKind, SyncConflict

DIFFERS = "● "
# Set by every save, never chosen in a merge.
NOT_CHOSEN = frozenset({"id", "version", "created_at", "updated_at"})


def _fields(body: str | None) -> dict[str, Any]:
    if not body:
        return {}
    try:
        parsed = json.loads(body)
    except ValueError:
        return {"": body}
    return parsed if isinstance(parsed, dict) else {"": parsed}


def side_by_side(local_body: str, server_body: str | None) -> tuple[str, str, int]:
    """Both versions as "field: value" lines, differing fields marked; and how many differ."""
    local, server = _fields(local_body), _fields(server_body)
    keys = sorted(set(local) | set(server))
    differ = {k for k in keys if local.get(k) != server.get(k)} if server else set()

    def lines(values: dict[str, Any]) -> str:
        out = []
        for key in keys:
            if key not in values:
                continue
            value = values[key]
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            out.append(f"{DIFFERS if key in differ else '  '}{key}: {shown}")
        return "\n".join(out)

    return lines(local), lines(server), len(differ)


def differing_fields(local_body: str, server_body: str | None) -> list[str]:
    """The fields a person can choose between in a merge (those whose values differ)."""
    if not server_body:
        return []
    local, server = _fields(local_body), _fields(server_body)
    keys = sorted((set(local) | set(server)) - NOT_CHOSEN)
    return [k for k in keys if local.get(k) != server.get(k)]


class SyncPage(QWidget):
    def __init__(
        self,
        controller: SyncController,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Sync"))
        self._controller = controller
        self._runner = runner
        self._items: AttentionItems = AttentionItems([], [])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        heading = QLabel(self.tr("Sync"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        self._values: dict[str, QLabel] = {}
        for key, label in (
            ("server", self.tr("County server")),
            ("user", self.tr("Enrolled as")),
            ("state", self.tr("Status")),
            ("last", self.tr("Last synced")),
            ("pending", self.tr("Waiting to be sent")),
            ("lease", self.tr("Works offline until")),
            ("audit", self.tr("Audit log")),
        ):
            value = QLabel()
            value.setAccessibleName(label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._values[key] = value
            form.addRow(label, value)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Ctrl+Shift+S"))
        self.sync_button.clicked.connect(controller.sync_now)
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sync message"))
        layout.addWidget(self.message)

        attention_heading = QLabel(self.tr("Needs attention"))
        bold = attention_heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        attention_heading.setFont(bold)
        layout.addWidget(attention_heading)
        self.attention_model = AttentionModel(self)
        self.attention_proxy = TableProxy(self)
        self.attention_proxy.setSourceModel(self.attention_model)
        self.attention_table = QTableView()
        self.attention_table.setObjectName("attentionTable")
        self.attention_table.setAccessibleName(self.tr("Needs attention"))
        self.attention_table.setMaximumHeight(150)
        setup_table(self.attention_table, self.attention_proxy)
        self.attention_table.horizontalHeader().setStretchLastSection(True)
        self.attention_table.selectionModel().selectionChanged.connect(self._show_item)
        attention_heading.setBuddy(self.attention_table)
        layout.addWidget(self.attention_table)
        self.attention_empty = QLabel(self.tr("Nothing needs attention."))
        self.attention_empty.setObjectName("attentionEmpty")
        layout.addWidget(self.attention_empty)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Details"))
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        versions = QHBoxLayout()
        self.local_caption = QLabel(self.tr("This laptop's version"))
        self.server_caption = QLabel(self.tr("The county server's version"))
        self.local_text = QPlainTextEdit()
        self.local_text.setReadOnly(True)
        self.local_text.setAccessibleName(self.tr("This laptop's version"))
        self.server_text = QPlainTextEdit()
        self.server_text.setReadOnly(True)
        self.server_text.setAccessibleName(self.tr("The county server's version"))
        for caption, text in (
            (self.local_caption, self.local_text),
            (self.server_caption, self.server_text),
        ):
            column = QVBoxLayout()
            caption.setBuddy(text)
            column.addWidget(caption)
            column.addWidget(text, 1)
            versions.addLayout(column, 1)
        self.versions = QWidget()
        self.versions.setLayout(versions)
        layout.addWidget(self.versions, 1)
        self.merge_caption = QLabel(self.tr("Merge: choose which version to keep for each field"))
        layout.addWidget(self.merge_caption)
        self.merge_table = QTableWidget(0, 2)
        self.merge_table.setObjectName("mergeTable")
        self.merge_table.setAccessibleName(
            self.tr("Merge: choose which version to keep for each field")
        )
        self.merge_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Keep")])
        self.merge_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.merge_table.verticalHeader().setVisible(False)
        self.merge_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.merge_table.setMaximumHeight(160)
        self.merge_caption.setBuddy(self.merge_table)
        layout.addWidget(self.merge_table)
        resolve_row = QHBoxLayout()
        self.keep_mine_button = QPushButton(self.tr("Keep &mine"))
        self.keep_mine_button.setAccessibleName(self.tr("Keep mine"))
        self.keep_mine_button.setToolTip(
            self.tr(
                "Keep this laptop's version; it is sent on top of the server's at the next sync."
            )
        )
        self.keep_mine_button.clicked.connect(self.keep_mine)
        resolve_row.addWidget(self.keep_mine_button)
        self.keep_server_button = QPushButton(self.tr("Keep the &server's"))
        self.keep_server_button.setAccessibleName(self.tr("Keep the server's"))
        self.keep_server_button.setToolTip(
            self.tr("Use the county server's version on this laptop; this laptop's stays on file.")
        )
        self.keep_server_button.clicked.connect(self.keep_server)
        resolve_row.addWidget(self.keep_server_button)
        self.merge_button = QPushButton(self.tr("Merge &chosen fields"))
        self.merge_button.setAccessibleName(self.tr("Merge chosen fields"))
        self.merge_button.setToolTip(
            self.tr("Make a new version from the server's, with the fields you chose from yours.")
        )
        self.merge_button.clicked.connect(self.merge_chosen)
        resolve_row.addWidget(self.merge_button)
        resolve_row.addStretch(1)
        self.resolve_button = QPushButton(self.tr("Mark &resolved"))
        self.resolve_button.setAccessibleName(self.tr("Mark resolved"))
        self.resolve_button.setToolTip(
            self.tr("After you have made the record right, mark the conflict resolved.")
        )
        self.resolve_button.clicked.connect(self.resolve_selected)
        resolve_row.addWidget(self.resolve_button)
        self._resolve_buttons = (
            self.keep_mine_button,
            self.keep_server_button,
            self.merge_button,
            self.resolve_button,
        )
        layout.addLayout(resolve_row)
        self._show_item()

        controller.changed.connect(self.show_view)
        broadcast.sync_did_finish.connect(self.load_attention)
        self.show_view(controller.view)

    # -- summary -------------------------------------------------------------------------------

    @Slot(object)
    def show_view(self, view: SyncView) -> None:
        status = view.status
        enrolled = status is not None and status.enrolled
        self._values["server"].setText(
            (status.server_url or "") if enrolled and status else self.tr("Not enrolled")
        )
        self._values["user"].setText((status.username or "") if enrolled and status else "")
        states = {
            SyncState.STANDALONE: self.tr("Standalone: records stay on this laptop"),
            SyncState.IDLE: self.tr("Up to date") if not view.pending else self.tr("Ready"),
            SyncState.SYNCING: syncing_text(view),
            SyncState.OFFLINE: self.tr("Offline: the last attempt could not reach the server"),
            SyncState.FAILED: self.tr("The last sync failed"),
            SyncState.REVOKED: self.tr("Revoked by county IT"),
        }
        self._values["state"].setText(states[view.state])
        last = status.last_successful_sync if status else None
        self._values["last"].setText(local_time(last) if last else self.tr("Never"))
        self._values["pending"].setText(self.tr("%n change(s)", "", view.pending))
        if status is not None and status.lease_expires_at is not None:
            lease = local_time(status.lease_expires_at)
            if view.read_only:
                lease = self.tr("Expired: read-only until you sync")
            self._values["lease"].setText(lease)
        elif enrolled:  # the lease starts when the server first answers
            self._values["lease"].setText(self.tr("Set at the first sync"))
        else:
            self._values["lease"].setText(self.tr("No limit (standalone)"))
        mismatch = status.audit_mismatch_since if status is not None else None
        if mismatch is not None:
            self._values["audit"].setText(
                self.tr(
                    "Does not match what the county server recorded (found %1). Someone may "
                    "have changed this laptop's log. Contact county IT."
                ).replace("%1", local_time(mismatch))
            )
        elif enrolled and last is not None:
            self._values["audit"].setText(self.tr("Matched what the county server recorded"))
        elif enrolled:
            self._values["audit"].setText(self.tr("Checked against the county server at each sync"))
        else:
            self._values["audit"].setText(self.tr("Kept on this laptop only (standalone)"))
        self.sync_button.setEnabled(enrolled and view.state is not SyncState.SYNCING)
        if view.read_only:
            message = read_only_message()
        elif view.error is not None and view.state in (SyncState.OFFLINE, SyncState.FAILED):
            message = sync_error_message(view.error)
        elif not enrolled:
            message = self.tr(
                "This laptop is not enrolled with a county server. Records stay encrypted on "
                "this laptop only."
            )
        else:
            message = ""
        self.message.setText(message)
        self.message.setAccessibleDescription(message)
        if view.needs_attention != self.attention_count() and view.state is SyncState.IDLE:
            self.load_attention()

    # -- needs attention -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load_attention()

    @Slot()
    def load_attention(self) -> None:
        if self._controller.view.state is SyncState.REVOKED:
            return
        self._runner.run(
            self._controller.attention_items,
            on_success=self._on_attention,
            on_failure=self._on_failure,
            owner=self,
        )

    def _on_attention(self, items: AttentionItems) -> None:
        self._items = items
        chosen = self._selected()
        self.attention_model.set_entries(items.conflicts, items.quarantined)
        fit_columns(self.attention_table, self.attention_model.samples())
        empty = not items.conflicts and not items.quarantined
        self.attention_table.setHidden(empty)
        self.attention_empty.setVisible(empty)
        # The same entry stays chosen across a reload; otherwise the first row shown.
        keep = next(
            (
                row
                for row in range(self.attention_model.rowCount())
                if chosen is not None and self.attention_model.entry_at(row) == chosen
            ),
            -1,
        )
        if keep >= 0:
            select_source_row(self.attention_table, keep)
        elif not empty:
            self.attention_table.selectRow(0)
        self._show_item()

    def attention_count(self) -> int:
        return self.attention_model.rowCount()

    def _on_failure(self, error: BaseException) -> None:
        self.message.setText(sync_error_message(error))

    def _selected(self) -> SyncConflict | OutboxItem | None:
        if not hasattr(self, "attention_table"):
            return None
        return self.attention_model.entry_at(selected_source_row(self.attention_table))

    def _show_merge(self, conflict: SyncConflict | None) -> None:
        """One row per differing field, with a choice of version (the server's by default)."""
        fields = differing_fields(conflict.local_body, conflict.server_body) if conflict else []
        self.merge_table.setRowCount(len(fields))
        for row, name in enumerate(fields):
            self.merge_table.setItem(row, 0, QTableWidgetItem(name))
            choice = QComboBox()
            choice.setAccessibleName(self.tr("Keep for %1").replace("%1", name))
            choice.addItem(self.tr("The server's"), "server")
            choice.addItem(self.tr("Mine (this laptop's)"), "mine")
            self.merge_table.setCellWidget(row, 1, choice)
        shown = bool(fields)
        self.merge_caption.setVisible(shown)
        self.merge_table.setVisible(shown)
        self.merge_button.setVisible(shown)

    def merge_choices(self) -> dict[str, str]:
        """``{field: "mine" | "server"}`` as chosen in the merge table."""
        choices: dict[str, str] = {}
        for row in range(self.merge_table.rowCount()):
            name = self.merge_table.item(row, 0)
            widget = self.merge_table.cellWidget(row, 1)
            if name is not None and isinstance(widget, QComboBox):
                choices[name.text()] = str(widget.currentData())
        return choices

    @Slot()
    def _show_item(self) -> None:
        selected = self._selected()
        is_conflict = isinstance(selected, SyncConflict)
        choosable = isinstance(selected, SyncConflict) and selected.kind is ConflictKind.PUSH
        self.resolve_button.setVisible(is_conflict)
        self.keep_mine_button.setVisible(choosable)
        self.keep_server_button.setVisible(choosable)
        self._show_merge(selected if choosable and isinstance(selected, SyncConflict) else None)
        self.versions.setVisible(is_conflict)
        if isinstance(selected, SyncConflict):
            local, server, differ = side_by_side(selected.local_body, selected.server_body)
            self.local_text.setPlainText(local)
            if selected.server_body:
                self.server_text.setPlainText(server)
            else:
                self.server_text.setPlainText(
                    self.tr(
                        "The server keeps version %1; its content is fetched at the next sync. "
                        "Both versions are kept on the server."
                    ).replace("%1", str(selected.server_version or "?"))
                )
            text = self.tr("Why: %1").replace("%1", selected.reason)
            if differ:
                text += " " + self.tr("● marks the %n field(s) that differ.", "", differ)
            self.detail.setText(text)
        elif isinstance(selected, OutboxItem):
            reason = selected.last_error or self.tr("no reason given")
            self.detail.setText(
                self.tr(
                    "The server refused this change: %1. It is kept on this laptop and does not "
                    "hold back anything else. Correct the record and save it again, or contact "
                    "county IT."
                ).replace("%1", reason)
            )
        else:
            self.detail.setText(
                self.tr("Choose an item to see what happened.")
                if self._items.conflicts or self._items.quarantined
                else ""
            )
        self.detail.setAccessibleDescription(self.detail.text())

    @Slot()
    def resolve_selected(self) -> None:
        """Only mark the conflict resolved (the person made the record right by hand)."""
        self._resolve(None)

    @Slot()
    def keep_mine(self) -> None:
        self._resolve(Resolution.MINE)

    @Slot()
    def keep_server(self) -> None:
        self._resolve(Resolution.SERVER)

    @Slot()
    def merge_chosen(self) -> None:
        self._resolve(self.merge_choices())

    def _resolve(self, choice: Resolution | Mapping[str, str] | None) -> None:
        selected = self._selected()
        if not isinstance(selected, SyncConflict):
            return
        for button in self._resolve_buttons:
            button.setEnabled(False)
        self._runner.run(
            self._controller.resolve_conflict,
            selected,
            choice,
            on_success=self._on_resolved,
            on_failure=self._on_resolve_failed,
            owner=self,
        )

    def _enable_resolve_buttons(self) -> None:
        for button in self._resolve_buttons:
            button.setEnabled(True)

    def _on_resolve_failed(self, error: BaseException) -> None:
        self._enable_resolve_buttons()
        self._on_failure(error)

    def _on_resolved(self, _done: object) -> None:
        self._enable_resolve_buttons()
        self._controller.refresh()
        self.load_attention()
