"""The Youth section: the caseload (or a search's result), and the selected youth's page.

Before anything is typed the list is the caseload by family name, with each youth's risk level,
latest screening and open work; every column sorts. Typing searches (debounced, newest answer
wins; typos and spelling variants forgiven). Both run on the database lane. Opening a youth reads
its overview (audited as a view). A save anywhere arrives as ``records_did_change`` and refreshes.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import RiskLevel
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.keyboard import tab_chain
from csec_desktop.gui.common.labels import gender_label, placement_label, risk_label
from csec_desktop.gui.common.ops import Ops, QueryOp
from csec_desktop.gui.common.tables import (
    TableProxy,
    fit_columns,
    select_source_row,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.privacy import ClipboardGuard
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.youth.casework_panel import YouthCaseworkPanel
from csec_desktop.gui.youth.editor import YouthEditor
from csec_desktop.gui.youth.merge_dialog import MergeDialog
from csec_desktop.gui.youth.model import (
    BIRTH_DATE,
    CLIENT_ID,
    LAST_SCREENING,
    NAME,
    OPEN_WORK,
    RISK,
    YouthTableModel,
)
from csec_desktop.services.today import SEARCH_LIMIT, Caseload, CaseloadRow, YouthFacts
from csec_desktop.services.youth import YouthOverview, YouthService

Submit = Callable[..., Future[Any]]
SEARCH_DELAY_MS = 200
REFRESH_DELAY_MS = 300
LIST_KINDS = frozenset({"youth", "obligation", "missing_episode"})


class YouthDetail(QFrame):
    """The youth's page: identity, and what the vault holds about them."""

    edit_requested = Signal()
    merge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("youthDetail")
        self.setAccessibleName(self.tr("Youth details"))
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.tr("Youth name"))
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.heading)
        form = QFormLayout()
        self._values: dict[str, QLabel] = {}
        for key, label in (
            ("birth", self.tr("Date of birth")),
            ("gender", self.tr("Gender")),
            ("client", self.tr("County client ID")),
            ("placement", self.tr("Placement")),
            ("county", self.tr("County")),
        ):
            value = QLabel()
            value.setAccessibleName(label)
            self._values[key] = value
            form.addRow(label, value)
        layout.addLayout(form)
        # Right below what it edits, so Tab meets it in the order the eye does.
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("&Edit details…"))
        self.edit_button.setAccessibleName(self.tr("Edit details"))
        self.edit_button.clicked.connect(self.edit_requested)
        buttons.addWidget(self.edit_button)
        self.merge_button = QPushButton(self.tr("Mer&ge duplicate…"))
        self.merge_button.setAccessibleName(
            self.tr("Merge this record into another record of the same child")
        )
        self.merge_button.clicked.connect(self.merge_requested)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.records = QLabel()
        self.records.setWordWrap(True)
        self.records.setAccessibleName(self.tr("Records about this youth"))
        layout.addWidget(self.records)
        self.casework_slot = QVBoxLayout()
        layout.addLayout(self.casework_slot)
        layout.addStretch(1)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.heading.setText(self.tr("No youth selected"))
        for value in self._values.values():
            value.setText("")
        self.records.setText(self.tr("Choose a youth in the list to see their page."))
        self.edit_button.setEnabled(False)
        self.merge_button.setEnabled(False)

    def show_overview(self, overview: YouthOverview) -> None:
        youth = overview.youth
        name = youth.display_name
        if youth.preferred_name:
            name += " " + self.tr("(legal given name %1)").replace("%1", youth.given_name)
        self.heading.setText(name)
        self._values["birth"].setText(date_text(youth.date_of_birth))
        self._values["gender"].setText(gender_label(youth.gender))
        self._values["client"].setText(youth.county_client_id or self.tr("none recorded"))
        self._values["placement"].setText(placement_label(youth.placement_type))
        self._values["county"].setText(youth.county)
        lines = [
            self.tr("%n screening(s)", "", len(overview.screenings)),
            self.tr("%n missing-from-care episode(s)", "", len(overview.missing_episodes)),
            self.tr("%n education session(s) attended", "", len(overview.education_sessions)),
            self.tr("%n open obligation(s)", "", len(overview.open_obligations)),
        ]
        if overview.overdue_obligations:
            lines.append(self.tr("%n overdue", "", overview.overdue_obligations))
        if overview.open_missing_episode is not None:
            lines.append(self.tr("Currently missing from care."))
        self.records.setText("\n".join(lines))
        self.edit_button.setEnabled(True)
        self.merge_button.setEnabled(youth.merged_into is None)


class YouthPage(QWidget):
    def __init__(
        self,
        service: YouthService,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        clipboard: ClipboardGuard,
        *,
        casework: Casework,
        default_county: str | None = None,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Youth"))
        self._service = service
        self._casework = casework
        self._submit = submit
        self._runner = runner
        self._broadcast = broadcast
        self._ops = Ops(runner, submit, broadcast)
        self._clipboard = clipboard
        self._default_county = default_county
        self._search_generation = 0
        self._selected: UUID | None = None
        self._overview: YouthOverview | None = None
        self._caseload: Caseload | None = None
        self._stale = True  # the caseload is read when the section is first shown
        self.merge_dialog: MergeDialog | None = None
        self.editor: YouthEditor | None = None
        self.results_shown_count = 0

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Name, date of birth (MM/DD/YYYY) or county client ID")
        )
        self.search_edit.setAccessibleName(self.tr("Search youth"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Find"))
        search_label.setBuddy(self.search_edit)
        self.new_button = QPushButton(self.tr("&New youth…"))
        self.new_button.setAccessibleName(self.tr("New youth"))
        self.model = YouthTableModel(self)
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("youthTable")
        self.table.setAccessibleName(self.tr("Youth"))
        setup_table(self.table, self.proxy)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headings"))
        day = date(2026, 9, 30)  # the widest month names
        fit_columns(
            self.table,
            {
                NAME: ["Mmmmmmmmmmmmmm, Mmmmmmm"],
                BIRTH_DATE: [date_text(day)],
                RISK: [risk_label(level) for level in RiskLevel],
                LAST_SCREENING: [date_text(day)],
                OPEN_WORK: [self.model.open_work_text(YouthFacts(None, None, 3, 3, False))],
                CLIENT_ID: ["0000-0000000"],
            },
        )
        header.setStretchLastSection(True)
        header.setSectionHidden(CLIENT_ID, True)  # in the youth's page; searchable by typing it
        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")
        self.status_label.setAccessibleName(self.tr("Search status"))
        self.status_label.setWordWrap(True)
        self.detail = YouthDetail()
        self.casework = YouthCaseworkPanel(casework, runner, broadcast, language=language)
        self.detail.casework_slot.addWidget(self.casework)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.status_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        # The youth's page scrolls inside its half: with screenings, identifications and
        # episodes it is taller than a 768-pixel screen leaves a window.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        splitter.addWidget(self.detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 330])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        # Tab follows the screen: the search row, the list, then the youth's page top to bottom.
        tab_chain(
            [
                self.search_edit,
                self.new_button,
                self.table,
                self.detail.edit_button,
                self.detail.merge_button,
                *self.casework.focus_chain(),
            ]
        )
        self.setFocusProxy(self.search_edit)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._focus_results)
        self.new_button.clicked.connect(self.add_youth)
        self.detail.edit_requested.connect(self.edit_selected)
        self.detail.merge_requested.connect(self.merge_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_client_id)
        broadcast.records_did_change.connect(self._records_changed)
        self._show_status()

    # -- the list ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and not self.search_edit.text().strip():
            self.run_search()

    @property
    def searching(self) -> bool:
        return bool(self.search_edit.text().strip())

    @Slot()
    def run_search(self) -> None:
        """Search for what is typed, or list the caseload when nothing is."""
        self._search_timer.stop()
        text = self.search_edit.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self._stale = False
            QueryOp(self, self._ops, self._casework.today.caseload).success(
                partial(self._on_caseload, generation)
            ).failure(self._on_error).run_in_background()
            return
        QueryOp(self, self._ops, self._casework.today.search, text).success(
            partial(self._on_results, generation)
        ).failure(self._on_error).run_in_background()

    def _on_caseload(self, generation: int, caseload: Caseload) -> None:
        if generation != self._search_generation:
            return
        self._caseload = caseload
        self._show_rows(caseload.rows)

    def _on_results(self, generation: int, rows: list[CaseloadRow]) -> None:
        if generation != self._search_generation:
            return  # an older search answered late
        self._show_rows(rows)

    def _show_rows(self, rows: list[CaseloadRow]) -> None:
        self.model.set_rows(rows)
        if self._selected is not None:
            select_source_row(self.table, self.model.row_of(self._selected))
        self._show_status()
        self.results_shown_count = len(rows)

    def _show_status(self) -> None:
        count = self.model.rowCount()
        if not self.searching:
            caseload = self._caseload
            if caseload is None:
                text = self.tr("Reading your caseload…")
            elif caseload.total == 0:
                text = self.tr("No youth yet. Add one with New youth (Ctrl+N).")
            elif caseload.cut:
                text = (
                    self.tr("Showing the first %1 of %2 youth by family name. Type to find others.")
                    .replace("%1", str(count))
                    .replace("%2", str(caseload.total))
                )
            else:
                text = self.tr(
                    "Your caseload: %n youth. Type a name, a date of birth or a county client ID "
                    "to search; click a column heading to sort.",
                    "",
                    count,
                )
        elif count == 0:
            text = self.tr(
                "No youth found. Check the spelling, try the family name alone, or add the youth "
                "with New youth."
            )
        elif count >= SEARCH_LIMIT:
            text = self.tr(
                "Showing the best %n matches. Type more of the name to narrow the search.",
                "",
                count,
            )
        else:
            text = self.tr("%n youth found, closest matches first.", "", count)
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)

    @Slot()
    def _focus_results(self) -> None:
        self.run_search()
        self.table.setFocus()

    # -- the selected youth --------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        youth_id = self.model.youth_id(selected_source_row(self.table))
        if youth_id == self._selected or youth_id is None:
            return
        self.show_youth(youth_id)

    def show_youth(self, youth_id: UUID) -> None:
        """Open the page of ``youth_id`` (selected in the list when it is in it)."""
        self._selected = youth_id
        self._overview = None
        select_source_row(self.table, self.model.row_of(youth_id))
        self._load_overview(youth_id)

    def _load_overview(self, youth_id: UUID) -> None:
        QueryOp(self, self._ops, self._service.overview, youth_id).success(
            self._on_overview
        ).failure(self._on_error).run_in_background()

    def _on_overview(self, overview: YouthOverview) -> None:
        if overview.youth.id != self._selected:
            return
        self._overview = overview
        self.detail.show_overview(overview)
        self.casework.show_overview(overview)

    @Slot()
    def _activated(self) -> None:
        self.detail.edit_button.setFocus()

    def _on_error(self, error: BaseException) -> None:
        text = error_message(error)
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)

    # -- changing ------------------------------------------------------------------------------

    @Slot()
    def add_youth(self) -> None:
        self._open_editor(None)

    @Slot()
    def edit_selected(self) -> None:
        if self._overview is not None:
            self._open_editor(self._overview)

    @Slot()
    def merge_selected(self) -> None:
        if self._overview is None or self.merge_dialog is not None:
            return
        dialog = MergeDialog(
            self._casework, self._runner, self._broadcast, self._overview.youth, self
        )
        dialog.finished.connect(self._merge_finished)
        self.merge_dialog = dialog
        dialog.open()

    @Slot(int)
    def _merge_finished(self, _result: int) -> None:
        dialog, self.merge_dialog = self.merge_dialog, None
        if dialog is None:
            return
        outcome = dialog.outcome
        dialog.deleteLater()
        if outcome is not None:  # the record kept is the one to work on now
            self.show_youth(outcome.survivor.id)
            self.run_search()

    def _open_editor(self, overview: YouthOverview | None) -> None:
        editor = YouthEditor(
            self._service,
            self._submit,
            self._runner,
            self._broadcast,
            default_county=self._default_county,
            youth=overview.youth if overview else None,
            parent=self,
        )
        editor.finished.connect(self._editor_finished)
        self.editor = editor
        editor.open()

    @Slot(int)
    def _editor_finished(self, _result: int) -> None:
        editor = self.editor
        self.editor = None
        if editor is None:
            return
        saved = editor.saved
        editor.deleteLater()
        if saved is not None:
            if self.searching and self.model.row_of(saved.id) < 0:
                # Show the youth just saved, found the way a caseworker would look for them.
                self.search_edit.setText(saved.county_client_id or saved.family_name)
            self.show_youth(saved.id)
            self.run_search()

    @Slot(frozenset)
    def _records_changed(self, kinds: frozenset[str]) -> None:
        # The list's columns change with a youth, an obligation (a submission always names
        # one) or an episode; a screening alone is a draft being autosaved, which they do
        # not show, so the list is not re-read for every autosave behind an open wizard.
        if kinds & LIST_KINDS:
            if self.isVisible():
                self._refresh_timer.start()  # a burst of changes reads the list once
            else:
                self._stale = True
        if kinds & {"screening", "missing_episode", "obligation"} and self._selected is not None:
            self._load_overview(self._selected)

    @Slot()
    def copy_client_id(self) -> None:
        youth = self.model.youth_at(selected_source_row(self.table))
        if youth is not None and youth.county_client_id:
            self._clipboard.copy(youth.county_client_id)
