"""The Review section of a supervisor's device: the team's screenings awaiting a decision.

The queue and every screening in it are read from the supervisor's own vault (fetched at the last
sync), so review works offline. Approve, or Return with a required comment: the decision waits in
the vault and goes to the server at the next sync (Sync reviews, or after every regular sync). A
resubmitted screening shows what changed since the version this device returned.

A decision cannot slip onto another screening: Tab leaves the queue for the screening being read
(arrow keys move along the queue), the buttons name the version shown, approving asks once and
says whose screening it is, and the decision is refused if the version on this device is no
longer the one that was read.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import CsecCategory, ReviewDecision
from csec_desktop.exports import ExportService
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.dates import date_text, moment_text
from csec_desktop.gui.common.keyboard import tab_chain
from csec_desktop.gui.common.labels import category_label
from csec_desktop.gui.common.pdf_prompts import PrintOptionsDialog, ScreeningPdfPrompts
from csec_desktop.gui.common.tables import TableProxy, selected_source_row, setup_table
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.printing.report_pdf import STYLE
from csec_desktop.gui.printing.screening_pdf import (
    save_screening_pdf,
    screening_file_name,
    screening_html,
)
from csec_desktop.gui.review.changes import change_row
from csec_desktop.gui.review.dialogs import ReturnDialog
from csec_desktop.gui.review.model import ReviewQueueModel
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.model import Instrument
from csec_desktop.services.review import (
    QueueFilter,
    QueueItem,
    ReviewCase,
    ReviewService,
    ReviewSyncReport,
    ScreeningChanged,
)
from csec_desktop.sync.client import ServerUnreachable


def instrument_for(registry: InstrumentRegistry, case: ReviewCase) -> Instrument | None:
    try:
        return registry.get(case.screening.instrument_id, case.screening.instrument_version)
    except Exception:  # an instrument this device does not have: print every answer as secret
        return None


class ReviewPage(QWidget, ScreeningPdfPrompts):
    def __init__(
        self,
        service: ReviewService,
        registry: InstrumentRegistry,
        exports: ExportService,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.setAccessibleName(self.tr("Review"))
        self.service = service
        self.registry = registry
        self.exports = exports
        self.runner = runner
        self.language = language
        self.case: ReviewCase | None = None
        self.syncing = False
        self.loaded = False

        heading = QLabel(self.tr("Screenings to review"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setAccessibleName(self.tr("Review status"))
        self.status.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("S&ync reviews"))
        self.sync_button.setAccessibleName(self.tr("Sync reviews"))
        self.sync_button.clicked.connect(self.sync_now)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.status, 1)
        top.addWidget(self.sync_button)

        self.author_filter = QComboBox()
        self.author_filter.setAccessibleName(self.tr("Filter by caseworker"))
        self.author_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName(self.tr("Filter by category"))
        self.category_filter.addItem(self.tr("All categories"), None)
        for category in CsecCategory:
            self.category_filter.addItem(category_label(category), category.value)
        self.age_filter = QSpinBox()
        self.age_filter.setRange(0, 365)
        self.age_filter.setSuffix(self.tr(" days"))
        self.age_filter.setAccessibleName(self.tr("Waiting at least, in days"))
        author_label = QLabel(self.tr("&Caseworker:"))
        author_label.setBuddy(self.author_filter)
        category_label_ = QLabel(self.tr("C&ategory:"))
        category_label_.setBuddy(self.category_filter)
        age_label = QLabel(self.tr("&Waiting at least:"))
        age_label.setBuddy(self.age_filter)
        filters = QHBoxLayout()
        for widget in (
            author_label,
            self.author_filter,
            category_label_,
            self.category_filter,
            age_label,
            self.age_filter,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.author_filter.currentIndexChanged.connect(self.reload)
        self.category_filter.currentIndexChanged.connect(self.reload)
        self.age_filter.valueChanged.connect(self.reload)

        self.model = ReviewQueueModel()
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("reviewQueue")
        self.table.setAccessibleName(self.tr("Screenings awaiting review"))
        setup_table(self.table, self.proxy)  # Tab leaves the queue; arrows move along it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._read_case)

        self.case_view = QTextBrowser()
        self.case_view.setObjectName("reviewCase")
        self.case_view.setAccessibleName(self.tr("Screening under review"))
        self.case_view.document().setDefaultStyleSheet(STYLE)
        self.case_view.setPlaceholderText(self.tr("Choose a screening to read it."))
        self.case_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # read with the keyboard
        self.approve_button = QPushButton(self.tr("A&pprove…"))
        self.return_button = QPushButton(self.tr("&Return…"))
        self.print_button = QPushButton(self.tr("Save as P&DF…"))
        self._name_buttons(None)
        for button in (self.approve_button, self.return_button, self.print_button):
            button.setEnabled(False)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_case)
        self.print_button.clicked.connect(self.print_case)
        actions = QHBoxLayout()
        actions.addWidget(self.approve_button)
        actions.addWidget(self.return_button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.case_view, 1)
        detail_layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([500, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        tab_chain(
            [
                self.sync_button,
                self.author_filter,
                self.category_filter,
                self.age_filter,
                self.table,
                self.case_view,
                self.approve_button,
                self.return_button,
                self.print_button,
            ]
        )
        self.setFocusProxy(self.table)

        broadcast.sync_did_finish.connect(self.sync_now)
        broadcast.vault_locked.connect(self._forget)

    # -- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.reload()

    def current_filter(self) -> QueueFilter:
        category = self.category_filter.currentData()
        return QueueFilter(
            author=self.author_filter.currentData(),
            category=CsecCategory(category) if category else None,
            min_days_waiting=self.age_filter.value() or None,
        )

    @Slot()
    def reload(self) -> None:
        self.runner.run(
            self._read_queue,
            self.current_filter(),
            on_success=self._show_queue,
            on_failure=self._failed,
            owner=self,
        )

    def _read_queue(
        self, wanted: QueueFilter
    ) -> tuple[list[QueueItem], list[str], datetime | None, int]:
        return (
            self.service.queue(wanted),
            self.service.authors(),
            self.service.refreshed_at(),
            len(self.service.pending()),
        )

    def _show_queue(self, result: tuple[list[QueueItem], list[str], datetime | None, int]) -> None:
        items, authors, refreshed, pending = result
        self.loaded = True
        selected = self.case.screening.id if self.case else None
        self._fill_authors(authors)
        self.model.set_items(items)
        if refreshed is None:
            text = self.tr("Not synced yet: sync to fetch your team's screenings.")
        else:
            text = self.tr("%n screening(s) listed", "", len(items))
            text += " · " + self.tr("fetched %1").replace("%1", moment_text(refreshed))
        if pending:
            text += " · " + self.tr("%n decision(s) waiting to sync", "", pending)
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        for row, item in enumerate(items):
            if item.screening_id == selected:
                shown = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(shown.row())
                if self.case is not None and item.version != self.case.version:
                    self._load_case(item)  # a sync brought a newer version: read it again
                break
        else:
            self._show_nothing()

    def _fill_authors(self, authors: list[str]) -> None:
        current = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem(self.tr("All caseworkers"), None)
        for author in authors:
            self.author_filter.addItem(author, author)
        index = self.author_filter.findData(current) if current else 0
        self.author_filter.setCurrentIndex(max(index, 0))
        self.author_filter.blockSignals(False)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = selected_source_row(self.table)
        if row < 0:
            self._show_nothing()
            return
        self._load_case(self.model.items[row])

    def _load_case(self, item: QueueItem) -> None:
        self._show_nothing()
        if not item.cached:
            self._show_nothing()
            self.case_view.setPlainText(self.tr("Sync to fetch this screening."))
            return
        self.runner.run(
            self.service.case,
            item.screening_id,
            on_success=self._show_case,
            on_failure=self._failed,
            owner=self,
        )

    @Slot(QModelIndex)
    def _read_case(self, _index: QModelIndex) -> None:
        """Enter on the queue: go and read the screening (the queue keeps its place)."""
        self.case_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_nothing(self) -> None:
        self.case = None
        self.case_view.clear()
        self._name_buttons(None)
        for button in (self.approve_button, self.return_button, self.print_button):
            button.setEnabled(False)

    def _show_case(self, case: ReviewCase) -> None:
        row = selected_source_row(self.table)
        if row < 0 or self.model.items[row].screening_id != case.screening.id:
            return  # another row was chosen while this one was being read
        self.case = case
        self.case_view.setHtml(self.case_html(case))
        self._name_buttons(case)
        self._enable_decisions()
        self.print_button.setEnabled(True)

    def _enable_decisions(self) -> None:
        undecided = self.case is not None and self.case.pending is None and not self.syncing
        self.approve_button.setEnabled(undecided)
        self.return_button.setEnabled(undecided)

    def _name_buttons(self, case: ReviewCase | None) -> None:
        """The buttons say which version they decide on (read by screen readers too)."""
        if case is None:
            approve, give_back = self.tr("Approve"), self.tr("Return")
        else:
            version = str(case.version)
            approve = self.tr("Approve version %1").replace("%1", version)
            give_back = self.tr("Return version %1").replace("%1", version)
            self.approve_button.setText(self.tr("A&pprove version %1…").replace("%1", version))
            self.return_button.setText(self.tr("&Return version %1…").replace("%1", version))
        if case is None:
            self.approve_button.setText(self.tr("A&pprove…"))
            self.return_button.setText(self.tr("&Return…"))
        self.approve_button.setAccessibleName(approve)
        self.return_button.setAccessibleName(give_back)

    def whose(self, case: ReviewCase) -> str:
        """One line naming the screening being decided on (for the dialogs)."""
        screening = case.screening
        return (
            self.tr("Version %1 of the screening of %2 by %3, submitted %4.")
            .replace("%1", str(case.version))
            .replace("%2", date_text(screening.screening_date))
            .replace("%3", case.author)
            .replace(
                "%4", date_text(screening.submitted_at.date()) if screening.submitted_at else "—"
            )
        )

    def case_html(self, case: ReviewCase) -> str:
        parts = [
            "<p>"
            + html.escape(
                self.tr("Submitted by %1 · version %2")
                .replace("%1", case.author)
                .replace("%2", str(case.version))
            )
            + "</p>"
        ]
        if case.pending is not None:
            parts.append(
                "<p><b>"
                + html.escape(
                    self.tr("You approved this screening; the decision waits for the next sync.")
                    if case.pending.decision is ReviewDecision.APPROVED
                    else self.tr(
                        "You returned this screening; the decision waits for the next sync."
                    )
                )
                + "</b></p>"
            )
        if case.returned_version is not None:
            parts.append(
                "<h2>"
                + html.escape(
                    self.tr("Changed since you returned version %1").replace(
                        "%1", str(case.returned_version)
                    )
                )
                + "</h2>"
            )
            parts.append(
                "<p>"
                + html.escape(
                    self.tr("Your comment: %1").replace("%1", case.returned_comment or "")
                )
                + "</p>"
            )
            instrument = instrument_for(self.registry, case)
            if case.changes:
                rows = []
                for change in case.changes:
                    what, before, after = change_row(change, instrument, self.language)
                    rows.append(
                        f"<tr><td>{html.escape(what)}</td>"
                        f"<td>{html.escape(before)}</td>"
                        f"<td>{html.escape(after)}</td></tr>"
                    )
                headers = (self.tr("What"), self.tr("Before"), self.tr("Now"))
                parts.append(
                    "<table class='figures' cellspacing='0'><tr>"
                    + "".join(f"<th>{html.escape(h)}</th>" for h in headers)
                    + "</tr>"
                    + "".join(rows)
                    + "</table>"
                )
            else:
                parts.append(
                    "<p>" + html.escape(self.tr("Nothing changed in the answers.")) + "</p>"
                )
        parts.append(
            screening_html(
                case.screening,
                instrument_for(self.registry, case),
                include_confidential=True,  # the supervisor reads everything
                language=self.language,
                obligations=case.obligations,
                zone=self.service.policy.zone,
            )
        )
        return "".join(parts)

    # -- deciding ------------------------------------------------------------------------------

    @Slot()
    def approve(self) -> None:
        case = self.case
        if case is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Approve screening"),  # a title never names anyone
            self.whose(case)
            + "\n\n"
            + self.tr(
                "Approving makes this version final: after that it can only be corrected by an "
                "addendum, which comes back to you for review."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(
            self.tr("&Approve version %1").replace("%1", str(case.version)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if self.ask_approval(box) is not yes:
            return
        self._decide(case, ReviewDecision.APPROVED, "")

    def ask_approval(self, box: QMessageBox) -> object:
        """Ask once (a seam: tests answer it without a nested loop). Returns the button chosen."""
        box.exec()
        return box.clickedButton()

    @Slot()
    def return_case(self) -> None:
        case = self.case
        if case is None:
            return
        dialog = ReturnDialog(self.whose(case), self)
        if self.ask_return(dialog) != QDialog.DialogCode.Accepted:
            return
        self._decide(case, ReviewDecision.RETURNED, dialog.text())

    def ask_return(self, dialog: ReturnDialog) -> int:
        """Show the dialog (a seam: tests fill it in and accept it without a nested loop)."""
        return dialog.exec()

    def _decide(self, case: ReviewCase, decision: ReviewDecision, comment: str) -> None:
        self.approve_button.setEnabled(False)
        self.return_button.setEnabled(False)
        self.runner.run(
            self.service.decide,
            case.screening.id,
            decision,
            comment,
            shown_version=case.version,  # the service refuses it if a sync brought a newer one
            on_success=self._decided,
            on_failure=self._decision_failed,
            owner=self,
        )

    def _decision_failed(self, error: BaseException) -> None:
        if isinstance(error, ScreeningChanged):
            self.status.setText(
                self.tr(
                    "Not decided: a newer version (%1) of this screening arrived while you were "
                    "reading version %2. Read it again, then decide."
                )
                .replace("%1", str(error.now))
                .replace("%2", str(error.shown))
            )
            self.reload()
            return
        self._failed(error)

    def _decided(self, _pending: object) -> None:
        self.reload()
        self.sync_now()

    # -- printing ------------------------------------------------------------------------------

    @Slot()
    def print_case(self) -> None:
        if self.case is None:
            return
        options = PrintOptionsDialog(self)
        if self.ask_print_options(options) != QDialog.DialogCode.Accepted:
            return
        destination = self.ask_save_path(screening_file_name(self.case.screening))
        if destination is None:
            return
        include = options.include.isChecked()
        case = self.case
        instrument = instrument_for(self.registry, case)

        self.runner.run(
            save_screening_pdf, self.exports, destination, case.screening, instrument,
            include_confidential=include, language=self.language, obligations=case.obligations,
            zone=self.service.policy.zone,
            on_success=self._printed, on_failure=self._failed, owner=self,
        )  # fmt: skip

    def _printed(self, path: Path) -> None:
        self.status.setText(self.tr("Saved %1").replace("%1", path.name))

    # -- syncing -------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        if self.syncing:
            return
        self.syncing = True
        self.sync_button.setEnabled(False)
        # No decision while the queue may change under the screening being read.
        self.approve_button.setEnabled(False)
        self.return_button.setEnabled(False)
        self.runner.run(
            self.service.sync, on_success=self._synced, on_failure=self._sync_failed, owner=self
        )

    def _synced(self, report: ReviewSyncReport) -> None:
        self.syncing = False
        self.sync_button.setEnabled(True)
        self._enable_decisions()
        self.reload()
        refused = [s for s in report.settled if s.outcome == "refused"]
        if refused:
            self.status.setText(self.tr("The server refused a decision: %1").replace(
                "%1", refused[0].reason))  # fmt: skip

    def _sync_failed(self, error: BaseException) -> None:
        self.syncing = False
        self.sync_button.setEnabled(True)
        self._enable_decisions()
        if isinstance(error, ServerUnreachable):
            self.status.setText(
                self.tr("Offline: decisions wait on this device until the next sync.")
            )
        else:
            self.status.setText(error_message(error))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))

    @Slot()
    def _forget(self) -> None:
        self._show_nothing()
        self.model.set_items([])
