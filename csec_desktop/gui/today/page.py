"""Today: the section the app opens on. What needs the caseworker now, most urgent first.

Three lists, each row opening its youth (Enter, a double click, or Open youth):

* **Due now**: obligations overdue or due within a day, and every 24-hour report from its first
  minute, with live countdowns in words;
* **Screenings to finish**: returned by the supervisor (first), then drafts;
* **Missing from care now**, longest missing first.

Read on the database lane (``TodayService.today``) when shown and when a record changes (while
hidden it only notes that it must reload). ``counts_changed`` tells the main window the numbers
for the side list and the status bar.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from uuid import UUID

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import date_text, duration_text, moment_text
from csec_desktop.gui.common.ops import Ops, QueryOp
from csec_desktop.gui.common.tables import (
    ID_ROLE,
    YOUTH_ROLE,
    TableProxy,
    fit_columns,
    selected_source_row,
    setup_table,
)
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.obligations.model import (
    DUE,
    STATUS,
    TASK,
    TIME_LEFT,
    YOUTH,
    ObligationRow,
    ObligationTableModel,
)
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.today import TodayView

TICK_MS = 30_000
REFRESH_KINDS = frozenset({"obligation", "screening", "missing_episode", "youth"})


def _heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class TodayPage(QWidget):
    open_youth_requested = Signal(object)  # the youth's id (UUID)
    counts_changed = Signal(object)  # TodayView

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.setAccessibleName(self.tr("Today"))
        self._casework = casework
        self._ops = Ops(runner, casework.submit, broadcast)
        self._generation = 0
        self._stale = False
        self.view: TodayView | None = None
        self._unfilled = False  # read while hidden: the lists are filled when shown
        self.loaded_count = 0

        heading = QLabel(self.tr("Today"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What needs you today"))

        self.due_heading = _heading(self.tr("Due now"))
        self.due_model = ObligationTableModel(casework.policy.zone, self)
        self.due_proxy = TableProxy(self)
        self.due_proxy.setSourceModel(self.due_model)
        self.due_table = QTableView()
        self.due_table.setObjectName("todayDue")
        self.due_table.setAccessibleName(self.tr("Obligations due now"))
        setup_table(self.due_table, self.due_proxy)
        header = self.due_table.horizontalHeader()
        fit_columns(self.due_table, self.due_model.column_samples(), stretch=TASK)
        # What to do gets the room: the exact due time is in the time left's tooltip here (and
        # a column of its own in Obligations).
        self.due_table.setColumnHidden(DUE, True)
        # The order a person reads: what, for whom, how long is left; the exact time last.
        for position, column in enumerate((TIME_LEFT, STATUS, TASK, YOUTH, DUE)):
            header.moveSection(header.visualIndex(column), position)

        self.finish_heading = _heading(self.tr("Screenings to finish"))
        self.finish_list = QListWidget()
        self.finish_list.setObjectName("todayToFinish")
        self.finish_list.setAccessibleName(self.tr("Screenings to finish"))
        self.missing_heading = _heading(self.tr("Missing from care now"))
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("todayMissing")
        self.missing_list.setAccessibleName(self.tr("Youth missing from care now"))
        for widget in (self.finish_list, self.missing_list):
            widget.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open youth"))
        self.open_button.setAccessibleName(self.tr("Open the youth of the chosen row"))
        self.open_button.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("todayMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Today message"))

        lower = QSplitter()
        lower.setChildrenCollapsible(False)
        for title, widget in (
            (self.finish_heading, self.finish_list),
            (self.missing_heading, self.missing_list),
        ):
            box = QWidget()
            stack = QVBoxLayout(box)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(title)
            stack.addWidget(widget, 1)
            lower.addWidget(box)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.due_heading)
        upper_layout.addWidget(self.due_table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.due_table, self.finish_list)
        self.setTabOrder(self.finish_list, self.missing_list)
        self.setTabOrder(self.missing_list, self.open_button)
        self.setFocusProxy(self.due_table)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.due_table.activated.connect(self._due_activated)
        self.due_table.selectionModel().selectionChanged.connect(self._choice_changed)
        self.finish_list.itemActivated.connect(self._item_activated)
        self.missing_list.itemActivated.connect(self._item_activated)
        self.finish_list.currentItemChanged.connect(self._choice_changed)
        self.missing_list.currentItemChanged.connect(self._choice_changed)
        self.open_button.clicked.connect(self.open_chosen)
        broadcast.records_did_change.connect(self._records_changed)
        self.refresh()

    # -- loading -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        self._generation += 1
        QueryOp(self, self._ops, self._casework.today.today).success(
            partial(self._loaded, self._generation)
        ).failure(self._failed).run_in_background()

    def _loaded(self, generation: int, view: TodayView) -> None:
        if generation != self._generation:
            return
        self.view = view
        self.loaded_count += 1
        self.counts_changed.emit(view)
        if self.isVisible():
            self._fill(view)
        else:  # hidden (a screening being autosaved elsewhere): only the counts are shown
            self._unfilled = True

    def _fill(self, view: TodayView) -> None:
        self._unfilled = False
        self.due_model.set_now(datetime.now(UTC))
        self.due_model.set_rows([ObligationRow(i.obligation, i.youth_name) for i in view.due])
        self._fill_finish(view)
        self._fill_missing(view)
        self._show_summary()

    def _fill_finish(self, view: TodayView) -> None:
        self.finish_list.clear()
        for item in view.to_finish:
            if item.returned:
                what = self.tr("Returned by your supervisor: make the changes and submit again")
            else:
                what = self.tr("Draft started %1: not submitted yet").replace(
                    "%1", date_text(item.screening_date)
                )
            entry = QListWidgetItem(f"{item.youth_name} — {what}", self.finish_list)
            entry.setData(YOUTH_ROLE, str(item.youth_id))
            entry.setData(ID_ROLE, str(item.screening_id))
        if not view.to_finish:
            self._placeholder(self.finish_list, self.tr("No screening is waiting for you."))

    def _fill_missing(self, view: TodayView) -> None:
        self.missing_list.clear()
        zone = self._casework.policy.zone
        for item in view.missing:
            since = item.episode.started_at
            text = (
                self.tr("%1 — missing since %2 (%3)")
                .replace("%1", item.youth_name)
                .replace("%2", moment_text(since, zone))
                .replace("%3", duration_text(view.as_of - since))
            )
            entry = QListWidgetItem(text, self.missing_list)
            entry.setData(YOUTH_ROLE, str(item.episode.youth_id))
        if not view.missing:
            self._placeholder(self.missing_list, self.tr("No youth is missing from care."))

    @staticmethod
    def _placeholder(widget: QListWidget, text: str) -> None:
        entry = QListWidgetItem(text, widget)
        entry.setFlags(Qt.ItemFlag.NoItemFlags)  # a note, not a row to choose

    def _show_summary(self) -> None:
        view = self.view
        if view is None:
            return
        if view.needs_you == 0:
            text = self.tr(
                "Nothing needs you right now. New work appears here as soon as it is due."
            )
        else:
            parts = [self.tr("%n item(s) need you", "", view.needs_you)]
            overdue = self.due_model.overdue_count()
            if overdue:
                parts.append(self.tr("%n overdue", "", overdue))
            if view.returned:
                parts.append(self.tr("%n returned by your supervisor", "", view.returned))
            if view.missing:
                parts.append(self.tr("%n youth missing from care", "", len(view.missing)))
            text = " · ".join(parts) + "."
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_message(error))

    @Slot(frozenset)
    def _records_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & REFRESH_KINDS:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
            self.refresh_counts_later()

    def refresh_counts_later(self) -> None:
        """Hidden, the lists are not redrawn, but the counts beside "Today" stay true: read them
        once the event loop is idle (a burst of autosaves asks once)."""
        if not hasattr(self, "_counts_timer"):
            self._counts_timer = QTimer(self)
            self._counts_timer.setSingleShot(True)
            self._counts_timer.setInterval(1500)
            self._counts_timer.timeout.connect(self.refresh)
        self._counts_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        elif self._unfilled and self.view is not None:
            self._fill(self.view)
        self.tick()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    @Slot()
    def tick(self) -> None:
        self.due_model.set_now(datetime.now(UTC))
        self._show_summary()

    # -- opening a youth -----------------------------------------------------------------------

    @Slot()
    def _choice_changed(self, *_args: object) -> None:
        sender = self.sender()
        chosen: QWidget = self.due_table
        if sender is self.finish_list or sender is self.missing_list:
            chosen = self.finish_list if sender is self.finish_list else self.missing_list
        self._last_chosen = chosen
        self.open_button.setEnabled(self.chosen_youth() is not None)

    def chosen_youth(self) -> UUID | None:
        """The youth of the row chosen last, in whichever of the three lists."""
        chosen = getattr(self, "_last_chosen", self.due_table)
        if isinstance(chosen, QListWidget):
            entry = chosen.currentItem()
            youth = entry.data(YOUTH_ROLE) if entry is not None else None
            return UUID(str(youth)) if youth else None
        found = self.due_model.row_at(selected_source_row(self.due_table))
        return found.obligation.youth_id if found else None

    @Slot()
    def open_chosen(self) -> None:
        youth_id = self.chosen_youth()
        if youth_id is not None:
            self.open_youth_requested.emit(youth_id)

    @Slot(QModelIndex)
    def _due_activated(self, index: QModelIndex) -> None:
        youth = index.siblingAtColumn(0).data(YOUTH_ROLE)
        if youth:
            self.open_youth_requested.emit(UUID(str(youth)))

    @Slot(QListWidgetItem)
    def _item_activated(self, entry: QListWidgetItem) -> None:
        youth = entry.data(YOUTH_ROLE)
        if youth:
            self.open_youth_requested.emit(UUID(str(youth)))
