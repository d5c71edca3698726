"""The screening wizard, generated from the instrument definition the screening names.

One page per section (code builds them: the instrument is data), then a summary. Skip logic: after
every answer the engine's ``visible_items`` decides which questions and sections show, so a
follow-up appears the moment an answer calls for it and goes away when it no longer does.

Autosave: every change is kept in ``_unsaved`` and, after a quiet moment (``AUTOSAVE_MS``), handed
to ``DraftSaves`` (``draft_saves.py``), which queues ``ScreeningService.answer`` on the database
lane at once, fire-and-forget: nothing waits for an earlier save to come back, a newer change
supersedes one still queued, and each save continues from the version the last one returned
(the store refuses stale versions). Hiding or closing the wizard hands over what is left at once,
so it is on the lane before the vault locks: walking away never loses an answer. The indicator
under the pages says "Unsaved changes", "Saving…", "Saved at 14:02" or why not.

Keys: Alt+N / Alt+B next and back, Ctrl+Enter submit (from any page: it goes to the summary
first), Ctrl+S save now, Escape closes (after saving).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from functools import partial

from pydantic import JsonValue
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import Obligation, Screening, ScreeningStatus
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import clock_text, moment_text
from csec_desktop.gui.common.labels import context_label, obligation_label, status_label
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.wording import calm_case, plain_title
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.screening.draft_saves import DraftSaves
from csec_desktop.gui.screening.items import ItemEditor
from csec_desktop.gui.screening.summary import SummaryPage, problem_style
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.instruments import Instrument, InstrumentResult, Item, Section, compute
from csec_desktop.services.errors import IncompleteScreening, InvalidInput, OverrideNeedsReason
from csec_desktop.services.screening_views import OpenedScreening, ScreeningSummary

RECEIVED_FIELD = "information_received_at"

AUTOSAVE_MS = 800
BUILD_PER_TURN = 3  # questions the background builder adds per event-loop turn
SUMMARY_PLACE = "summary"  # the remembered place when the wizard was left on its summary
RETRY_MS = 5000


class SectionPage(QScrollArea):
    """One section's questions, in the instrument's order.

    The questions are built on first use of ``editors`` (the wizard builds the page it opens on
    at once and the others one per event-loop turn after it is shown), so opening a screening
    never holds the GUI thread for the whole instrument.

    Built top-down: the page is created inside its parent and its body inside the page before
    any question is added, so each widget is styled once. (Qt re-applies the app's style sheet to
    a whole subtree each time it is moved under a new parent; building bottom-up restyled every
    question once per level and made opening a screening take ~130 ms.)
    """

    def __init__(
        self,
        section: Section,
        language: str,
        make_editor: Callable[[Item, QWidget], ItemEditor],
        parent: QWidget | None = None,
        *,
        built: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.section = section
        self._make_editor = make_editor
        self._built = built
        self._editors: list[ItemEditor] | None = None
        self._partial: list[ItemEditor] = []  # built so far by the wizard's background builder
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        plain, reference = plain_title(section.title.get(language))
        self.setAccessibleName(plain)
        self._language = language
        self._reference = reference
        self._body: QWidget | None = None  # with the title and help, made with the first question
        self._layout: QVBoxLayout | None = None

    @property
    def body(self) -> QWidget:
        """The page's contents: its title, help and the questions built so far."""
        if self._body is None:
            self._body = self._make_body()
        return self._body

    def _make_body(self) -> QWidget:
        # Made when the page is first built rather than with the wizard: thirteen pages' titles
        # and help were a fifth of the opening's longest GUI-thread slice.
        body = QWidget()
        self.setWidget(body)
        layout = self._layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        plain = self.accessibleName()
        title = QLabel(plain, body)
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        layout.addWidget(title)
        section, language = self.section, self._language
        helps = [section.help.get(language)] if section.help is not None else []
        if self._reference:  # the statute stays with the section, as help, not in its title
            helps.append(self.tr("In law: %1").replace("%1", self._reference))
        if helps:
            help_label = QLabel("\n".join(helps), body)
            help_label.setObjectName("sectionHelp")
            help_label.setWordWrap(True)
            layout.addWidget(help_label)
        return body

    @property
    def built(self) -> bool:
        return self._editors is not None

    def build_some(self, count: int) -> bool:
        """Build up to ``count`` more questions (the background builder's share of one
        event-loop turn: a whole long section at once held the GUI thread ~50 ms); True once
        the page is complete."""
        if self._editors is not None:
            return True
        items = self.section.items
        body = self.body
        layout = self._layout
        assert layout is not None  # made with the body
        for item in items[len(self._partial) : len(self._partial) + count]:
            editor = self._make_editor(item, body)
            layout.addWidget(editor)
            self._partial.append(editor)
        if len(self._partial) == len(items):
            self._editors = self._partial
            layout.addStretch(1)
            self._built()
        return self._editors is not None

    @property
    def editors(self) -> list[ItemEditor]:
        """The questions' editors, the rest built now if they were not yet."""
        if self._editors is None:
            self.build_some(len(self.section.items))
        assert self._editors is not None
        return self._editors


class _Editors(Mapping[str, ItemEditor]):
    """``wizard.editors``: every question's editor by item id, building a page when one of its
    editors is asked for (iterating builds them all)."""

    def __init__(self, wizard: ScreeningWizard) -> None:
        self._wizard = wizard

    def __getitem__(self, item_id: str) -> ItemEditor:
        wizard = self._wizard
        if item_id not in wizard._built and item_id in wizard._page_of:
            _ = wizard.section_pages[wizard._page_of[item_id]].editors
        return wizard._built[item_id]

    def __iter__(self) -> Iterator[str]:
        for page in self._wizard.section_pages:
            for editor in page.editors:
                yield editor.item.id

    def __len__(self) -> int:
        return len(self._wizard._page_of)


class ScreeningWizard(QDialog):
    """Answer, review and submit one screening (or read a submitted one).

    ``opened`` is what ``ScreeningService.open`` returned. ``open_requested`` asks the youth's
    page to open another screening (an addendum just started with Amend…).
    """

    draft_saved = Signal()  # after each autosave that reached the vault
    submitted = Signal(object)  # (Screening, list[Obligation])
    open_requested = Signal(object)  # OpenedScreening

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        opened: OpenedScreening,
        *,
        youth_label: str = "",
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Screening"))  # never the youth's name
        self.setObjectName("screeningWizard")
        self.setAccessibleName(self.tr("Screening"))
        self._casework = casework
        self._runner = runner
        self._broadcast = broadcast
        self._ops = Ops(runner, casework.submit, broadcast)
        self._language = language
        self.screening: Screening = opened.screening
        self.instrument: Instrument = opened.instrument
        self.answers: dict[str, JsonValue] = dict(opened.screening.answers)
        self._unsaved: dict[str, JsonValue] = {}
        self._saves = DraftSaves(casework.screenings.answer, opened.screening)
        self._saves_outstanding = 0  # lane jobs whose outcome has not come back yet
        self._submit_after_save = False
        self._close_after_save = False
        self._summary_generation = 0
        self._facts = dict(opened.facts)
        self._result: InstrumentResult = compute(self.instrument, self.answers, self._facts)
        self._built: dict[str, ItemEditor] = {}  # the editors built so far
        self._page_of = {
            item.id: index
            for index, section in enumerate(self.instrument.sections)
            for item in section.items
        }
        self.editors: Mapping[str, ItemEditor] = _Editors(self)
        self.section_pages: list[SectionPage] = []
        self._summary_page: SummaryPage | None = None
        self._received_default = opened.screening.information_received_at
        self.read_only = not opened.screening.editable
        self.result_obligations: list[Obligation] | None = None

        self._build(opened, youth_label)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._apply_visibility()
        self._go_to(self._resume_index(opened))
        self._show_saved_state(self.tr("All answers saved"))
        self.resize(980, 680)
        # The other pages, one per event-loop turn, from the first show on: building them
        # before the wizard is on screen would only delay it.
        self._builder = QTimer(self)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_next_page)

    @Slot()
    def _build_next_page(self) -> None:
        page = next((page for page in self.section_pages if not page.built), None)
        if page is not None:
            page.build_some(BUILD_PER_TURN)
            return
        self._builder.stop()
        _ = self.summary_page  # last, in a turn of its own

    def _buttons_last(self) -> None:
        """Keep the buttons after the questions in the Tab order. A page's questions are built
        after the buttons exist, and Qt appends new widgets to the end of the focus chain."""
        previous = self.previousInFocusChain()  # the chain is a ring: this is its last widget
        if previous is None or not hasattr(self, "close_button"):
            return
        for button in (
            self.back_button,
            self.next_button,
            self.submit_button,
            self.amend_button,
            self.close_button,
        ):
            QWidget.setTabOrder(previous, button)
            previous = button

    def _make_editor(self, item: Item, parent: QWidget) -> ItemEditor:
        editor = ItemEditor(
            item,
            self._language,
            parent,
            declinable=item.accepts_declined(self.instrument.format),
        )
        if item.id in self.answers:
            editor.set_value(self.answers[item.id])
        editor.set_read_only(self.read_only)
        editor.setHidden(item.id not in self._result.visible_items)
        editor.answer_changed.connect(self._answer_changed)
        self._built[item.id] = editor
        return editor

    # -- building ------------------------------------------------------------------------------

    def _build(self, opened: OpenedScreening, youth_label: str) -> None:
        language = self._language
        screening = opened.screening
        # Containers first, each in its parent before its children are added (see SectionPage).
        layout = QVBoxLayout(self)
        header = QVBoxLayout()
        layout.addLayout(header)
        title = QLabel(
            self.tr("%1 (version %2)")
            .replace("%1", self.instrument.title.get(language))
            .replace("%2", self.instrument.version)
        )
        title.setObjectName("wizardTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        title.setWordWrap(True)
        header.addWidget(title)
        self._youth_label = youth_label
        self.facts = QLabel(self._facts_text(screening))
        self.facts.setObjectName("wizardFacts")
        self.facts.setAccessibleName(self.tr("About this screening"))
        header.addWidget(self.facts)
        self.banner = QLabel()
        self.banner.setObjectName("wizardBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setAccessibleName(self.tr("Notice"))
        self.banner.hide()
        header.addWidget(self.banner)
        review = opened.return_comment
        if review is not None and screening.status is ScreeningStatus.RETURNED:
            self._set_banner(
                self.tr(
                    "Returned by your supervisor on %1 with this comment: %2\n"
                    "Change what is needed, then submit it again."
                )
                .replace("%1", moment_text(review.reviewed_at, self._casework.policy.zone))
                .replace("%2", review.comment)
            )
        elif screening.status is ScreeningStatus.APPROVED:
            self._set_banner(
                self.tr(
                    "Approved: this screening is final and cannot be changed. Use Amend… to "
                    "start an addendum that corrects or adds to it."
                )
            )
        elif self.read_only:
            self._set_banner(
                self.tr(
                    "Submitted for supervisor review: it cannot be changed until it is returned."
                )
            )

        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setAccessibleName(self.tr("Sections of the screening"))
        self.section_list.setMaximumWidth(260)
        self.section_list.setWordWrap(True)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)
        splitter.addWidget(self.section_list)
        self.pages = QStackedWidget(splitter)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([240, 740])
        for section in self.instrument.sections:
            page = SectionPage(
                section, language, self._make_editor, self.pages, built=self._buttons_last
            )
            self.pages.addWidget(page)
            self.section_pages.append(page)
            QListWidgetItem(plain_title(section.title.get(language))[0], self.section_list)
        # The summary is built after the pages (see ``summary_page``): one list entry holds its
        # place, and the page itself is made the first time anything asks for it.
        QListWidgetItem(self.tr("Summary"), self.section_list)
        self.section_list.currentRowChanged.connect(self._section_chosen)

        self.position_label = QLabel()
        self.position_label.setObjectName("positionLabel")
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Required questions answered"))
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveIndicator")
        self.save_label.setAccessibleName(self.tr("Save status"))
        status_row = QHBoxLayout()
        status_row.addWidget(self.position_label)
        status_row.addWidget(self.progress)
        status_row.addStretch(1)
        status_row.addWidget(self.save_label)

        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.submit_button = QPushButton(self.tr("&Submit"))
        self.submit_button.setAccessibleName(self.tr("Submit"))
        self.submit_button.setToolTip(self.tr("Submit for supervisor review (Ctrl+Enter)"))
        self.amend_button = QPushButton(self.tr("&Amend…"))
        self.amend_button.setAccessibleName(self.tr("Amend"))
        self.amend_button.setToolTip(self.tr("Start an addendum to this approved screening"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        for button in (self.back_button, self.next_button, self.submit_button, self.amend_button):
            button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.submit_button.clicked.connect(self.submit)
        self.amend_button.clicked.connect(self.amend)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.amend_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.submit_button)

        layout.addLayout(status_row)
        layout.addLayout(buttons)
        # Only now that they are inside the wizard: shown without a parent, a button would open
        # as a window of its own for a moment.
        self.amend_button.setVisible(screening.status is ScreeningStatus.APPROVED)
        self.submit_button.setVisible(not self.read_only)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.submit)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_now)

    @property
    def summary_page(self) -> SummaryPage:
        """The summary, built now if it was not yet. It is built after the wizard is shown (by
        the background builder, after the section pages) or when first asked for: made during
        the opening, its ~60 widgets were a third of the GUI thread's longest slice."""
        if self._summary_page is None:
            self._summary_page = self._make_summary()
        return self._summary_page

    def _make_summary(self) -> SummaryPage:
        language = self._language
        # The disclaimer of an instrument that is not validated: once, where the result is read
        # (the start dialog showed it too), in calm sentence case.
        disclaimer = (
            calm_case(self.instrument.disclaimer.get(language))
            if not self.instrument.validated
            else ""
        )
        page = SummaryPage(
            self.pages, disclaimer=disclaimer, zone=self._casework.policy.zone, language=language
        )
        page.category_changed.connect(self._refresh_obligation_preview)
        page.incident_changed.connect(self._refresh_summary)
        page.received_changed.connect(self._check_received)
        page.missing_activated.connect(self.go_to_item)
        self.pages.insertWidget(self._summary_index(), page)
        if self.read_only:
            page.show_determination(self.screening, self.instrument)
        else:
            page.identification.set_received_default(self._received_default)
        self._buttons_last()  # its widgets joined the focus chain after the buttons
        return page

    def _facts_text(self, screening: Screening) -> str:
        facts = [context_label(screening.context), status_label(screening.status)]
        if self._youth_label:
            facts.insert(0, self._youth_label)
        if screening.amends_id is not None:
            facts.append(self.tr("Addendum to an approved screening"))
        return " · ".join(facts)

    def _resume_index(self, opened: OpenedScreening) -> int:
        """The page the screening was left on ("continue where you left off"), else the first."""
        place = opened.left_on_section
        if place == SUMMARY_PLACE:
            return self._summary_index()
        ids = [section.id for section in self.instrument.sections]
        if place in ids and ids.index(place) in self.visible_sections():
            return ids.index(place)
        return 0

    def _set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.show()

    # -- navigation ----------------------------------------------------------------------------

    @property
    def current_index(self) -> int:
        return self.pages.currentIndex()

    @property
    def on_summary(self) -> bool:
        shown = self.pages.currentWidget()
        return shown is not None and shown is self._summary_page

    def visible_sections(self) -> list[int]:
        """Indexes of the section pages that have a visible question (the summary excluded)."""
        visible = self._result.visible_items
        return [
            index
            for index, section in enumerate(self.instrument.sections)
            if any(item.id in visible for item in section.items)
        ]

    def _summary_index(self) -> int:
        return len(self.section_pages)

    def _go_to(self, index: int) -> None:
        self.section_list.blockSignals(True)
        self.section_list.setCurrentRow(index)
        self.section_list.blockSignals(False)
        if index == self._summary_index():
            _ = self.summary_page  # built now if the builder has not reached it yet
        self.pages.setCurrentIndex(index)
        self._update_position()
        self._remember_place()
        if self.on_summary:
            self._refresh_summary()
            self.submit_button.setDefault(not self.read_only)
        else:
            first = next((e for e in self.section_pages[index].editors if not e.isHidden()), None)
            if first is not None and self.isVisible():
                first.focus_input()

    @Slot(int)
    def _section_chosen(self, row: int) -> None:
        if row >= 0:
            self._go_to(row)

    @Slot()
    def go_next(self) -> None:
        order = [*self.visible_sections(), self._summary_index()]
        later = [index for index in order if index > self.current_index]
        if later:
            self._go_to(later[0])

    @Slot()
    def go_back(self) -> None:
        earlier = [index for index in self.visible_sections() if index < self.current_index]
        if earlier:
            self._go_to(earlier[-1])

    @Slot(str)
    def go_to_item(self, item_id: str) -> None:
        index = self._page_of.get(item_id)
        if index is None:
            return
        self._go_to(index)
        editor = self.editors[item_id]
        self.section_pages[index].ensureWidgetVisible(editor)
        editor.focus_input()

    def _remember_place(self) -> None:
        """Keep the page shown, so the next opening continues here (not for a read-only one)."""
        if self.read_only or not hasattr(self, "_autosave"):
            return
        place = (
            SUMMARY_PLACE if self.on_summary else self.instrument.sections[self.current_index].id
        )
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.screenings.leave_at,
            self.screening.id,
            place,
            owner=self,
        )

    def _update_position(self) -> None:
        # The target never moves: every section of the instrument counts, and one the answers
        # make unnecessary is shown as such rather than taken out of the count.
        visible = self.visible_sections()
        total = len(self.section_pages)
        if self.on_summary:
            text = self.tr("Summary")
        else:
            text = (
                self.tr("Section %1 of %2")
                .replace("%1", str(self.current_index + 1))
                .replace("%2", str(total))
            )
        progress = getattr(self, "progress_text", "")
        self.position_label.setText(f"{text} · {progress}" if progress else text)
        self.back_button.setEnabled(any(index < self.current_index for index in visible))
        # Next through the sections; Submit only where the result is read (the summary).
        self.next_button.setVisible(not self.on_summary)
        self.submit_button.setVisible(self.on_summary and not self.read_only)

    # -- answers and skip logic ----------------------------------------------------------------

    @Slot(str)
    def _answer_changed(self, item_id: str) -> None:
        if self.read_only:
            return
        editor = self.editors[item_id]
        if editor.unreadable():
            return  # the editor says what to fix; the saved answer stays as it was
        value = editor.value()
        if value is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = value
        self._unsaved[item_id] = value
        self._apply_visibility()
        self._show_saved_state(self.tr("Unsaved changes…"))
        self._autosave.start()

    def _apply_visibility(self) -> None:
        self._result = compute(self.instrument, self.answers, self._facts)
        visible = self._result.visible_items
        for item_id, editor in self._built.items():  # pages not built yet hide theirs when built
            hidden = item_id not in visible
            if editor.isHidden() != hidden:
                editor.setHidden(hidden)
        shown = set(self.visible_sections())
        missing = set(self._result.missing_required)
        finished = 0
        for index, section in enumerate(self.instrument.sections):
            entry = self.section_list.item(index)
            title = plain_title(section.title.get(self._language))[0]
            if index not in shown:  # nothing to answer here with these answers
                finished += 1
                entry.setText(self.tr("%1 (not needed)").replace("%1", title))
                entry.setFlags(Qt.ItemFlag.NoItemFlags)
                continue
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            done = not any(item.id in missing for item in section.items)
            finished += int(done)
            entry.setText(("✓ " if done else "") + title)
        total = len(self.section_pages)
        self.progress.setMaximum(total)
        self.progress.setValue(finished)
        self.progress_text = (
            self.tr("%1 of %2 sections done").replace("%1", str(finished)).replace("%2", str(total))
        )
        self.progress.setAccessibleDescription(self.progress_text)
        self._update_position()
        if self.on_summary:
            self._refresh_summary()

    def missing_required(self) -> list[str]:
        return list(self._result.missing_required)

    # -- autosave ------------------------------------------------------------------------------

    @property
    def has_unsaved(self) -> bool:
        return bool(self._unsaved) or self._saves_outstanding > 0 or self._saves.busy

    @Slot()
    def save_now(self) -> None:
        """Hand what is typed to the lane now (it never waits for an earlier save)."""
        self._autosave.stop()
        if self.read_only:
            return
        changes, self._unsaved = self._unsaved, {}
        if changes:
            self._show_saved_state(self.tr("Saving…"))
        if not self._saves.add(changes):
            return  # a save already queued takes them with it
        self._saves_outstanding += 1
        CollectionOp(self, self._ops, self._saves.save_waiting, changes={"screening"}).success(
            self._saved
        ).failure(self._save_failed).run_in_background()

    def _saved(self, _screening: Screening) -> None:
        self._saves_outstanding -= 1
        self.screening = self._saves.saved
        if self.has_unsaved:
            return  # more is on its way; the last save to come back says so
        now = datetime.now(UTC)
        self._show_saved_state(
            self.tr("Saved at %1").replace("%1", clock_text(now, self._casework.policy.zone))
        )
        self.draft_saved.emit()
        if self._submit_after_save:
            self._submit_after_save = False
            self.submit()
        elif self._close_after_save:
            self._close_after_save = False
            self.reject()

    def _save_failed(self, error: BaseException) -> None:
        # DraftSaves kept the changes (under anything newer); the retry sends them again.
        self._saves_outstanding -= 1
        self._submit_after_save = self._close_after_save = False
        self._show_saved_state(
            self.tr("Not saved: %1 Your answers are kept on screen; saving again shortly.").replace(
                "%1", error_message(error)
            ),
            problem=True,
        )
        self._autosave.start(RETRY_MS)

    def _show_saved_state(self, text: str, *, problem: bool = False) -> None:
        if self.read_only:
            text = self.tr("Read only")
        self.save_label.setText(text)
        self.save_label.setAccessibleDescription(text)
        self.save_label.setStyleSheet(problem_style() if problem else "")

    # -- summary -------------------------------------------------------------------------------

    def _missing_questions(self) -> list[tuple[str, str]]:
        return [
            (item_id, self.instrument.item(item_id).text.get(self._language))
            for item_id in self._result.missing_required
        ]

    def _refresh_summary(self) -> None:
        if self.read_only:
            return
        self.summary_page.show_missing(self._missing_questions())
        self._summary_generation += 1
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.screenings.summarize,
            self.screening,
            dict(self.answers),
            new_incident=self.summary_page.identification.new_incident,
            on_success=partial(self._summary_ready, self._summary_generation),
            on_failure=self._summary_failed,
            owner=self,
        )

    def _summary_ready(self, generation: int, summary: ScreeningSummary) -> None:
        if generation != self._summary_generation:
            return  # answers changed since; a newer summary is on its way
        self.summary_page.show_summary(summary)
        self._refresh_obligation_preview()
        self.summary_ready_count = getattr(self, "summary_ready_count", 0) + 1

    def _summary_failed(self, error: BaseException) -> None:
        self.summary_page.show_message(error_message(error), problem=True)

    @Slot()
    def _refresh_obligation_preview(self) -> None:
        summary = self.summary_page.summary
        if summary is None:
            return
        now = datetime.now(UTC)
        obligations = self._casework.screenings.preview_obligations(
            self.screening,
            self.summary_page.chosen,
            summary.result.risk_level,
            summary.proposal,
            now=now,
            received_at=self.summary_page.received_at,
        )
        self.summary_page.show_obligations(
            obligations, summary.already_created, now, self._casework.policy.zone
        )

    @Slot()
    def _check_received(self) -> None:
        """The service's check of the time typed (future, before birth), its refusal shown at
        the field; the preview's due times follow the time at once."""
        self._refresh_obligation_preview()
        received = self.summary_page.received_at
        if received is None or self.read_only:
            return
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.screenings.check_received_at,
            self.screening,
            received,
            on_success=self._received_fine,
            on_failure=self._received_refused,
            owner=self,
        )

    def _received_fine(self, _received: datetime) -> None:
        self.summary_page.identification.show_received_problem("")

    def _received_refused(self, error: BaseException) -> None:
        self.summary_page.identification.show_received_problem(self._received_problem(error))

    @staticmethod
    def _received_problem(error: BaseException) -> str:
        if isinstance(error, InvalidInput):
            for detail in error.details:
                if detail.field == RECEIVED_FIELD:
                    return problem_text(detail)
        return error_message(error)

    # -- submitting ----------------------------------------------------------------------------

    @Slot()
    def submit(self) -> None:
        if self.read_only:
            return
        if not self.on_summary:
            # Ctrl+Enter from a section shows the summary first: the screener reads the result
            # and confirms the category before anything is submitted.
            self._go_to(self._summary_index())
            return
        missing = self._missing_questions()
        if missing:
            self.summary_page.show_missing(missing)
            self.summary_page.show_message(
                self.tr("Not submitted: answer the required questions listed above first."),
                problem=True,
            )
            self.summary_page.missing_list.setFocus()
            return
        page = self.summary_page
        if page.summary is None:
            page.show_message(
                self.tr("The summary is still being worked out; try again."), problem=True
            )
            return
        if page.overridden and not page.override_reason():
            page.show_message(
                self.tr(
                    "Not submitted: you chose a category other than the proposed one. Write the "
                    "reason for your choice."
                ),
                problem=True,
            )
            page.reason_edit.setFocus()
            return
        if page.incident_unanswered:
            page.show_message(
                self.tr(
                    "Not submitted: say whether this is the same incident as the earlier "
                    "identification or a new one."
                ),
                problem=True,
            )
            page.identification.same_button.setFocus()
            return
        if self.has_unsaved:
            self._submit_after_save = True
            self.save_now()
            return
        self.submit_button.setEnabled(False)
        page.show_message(self.tr("Submitting…"), problem=False)
        CollectionOp(
            self,
            self._ops,
            self._casework.screenings.confirm_and_submit,
            self.screening,
            page.chosen if page.overridden else None,
            page.override_reason() if page.overridden else None,
            received_at=page.received_at,
            new_incident=page.new_incident,
            changes={"screening", "obligation", "identification"},
        ).success(self._submitted).failure(self._submit_failed).run_in_background()

    def _submitted(self, outcome: tuple[Screening, list[Obligation]]) -> None:
        screening, obligations = outcome
        self.screening = screening
        self._saves.restart_from(screening)
        self.result_obligations = obligations
        self.read_only = True
        for editor in self._built.values():  # pages built later are read-only from the start
            editor.set_read_only(True)
        self.summary_page.category_combo.setEnabled(False)
        self.summary_page.reason_edit.setReadOnly(True)
        self.summary_page.identification.set_read_only()
        self.submit_button.hide()
        # The header says where the screening now stands (it said "Draft" until now).
        self.facts.setText(self._facts_text(screening))
        self.facts.setAccessibleDescription(self.facts.text())
        self._set_banner(
            self.tr("Submitted for supervisor review: it cannot be changed until it is returned.")
        )
        zone = self._casework.policy.zone
        lines = [
            "• "
            + self.tr("%1 — due %2")
            .replace("%1", obligation_label(o.kind))
            .replace("%2", moment_text(o.due_at, zone))
            for o in obligations
        ]
        text = self.tr("Submitted for supervisor review.")
        if lines:
            text += (
                "\n" + self.tr("Obligations created (see Obligations):") + "\n" + "\n".join(lines)
            )
        self.summary_page.show_message(text, problem=False)
        self._show_saved_state("")
        self.submitted.emit(outcome)
        self.close_button.setFocus()

    def _submit_failed(self, error: BaseException) -> None:
        self.submit_button.setEnabled(True)
        page = self.summary_page
        if isinstance(error, IncompleteScreening):
            page.show_missing(self._missing_questions())
            text = self.tr("Not submitted: answer the required questions listed above first.")
        elif isinstance(error, InvalidInput) and any(
            d.field == RECEIVED_FIELD for d in error.details
        ):
            problem = self._received_problem(error)
            page.identification.show_received_problem(problem)
            page.identification.received_edit.setFocus()
            text = self.tr("Not submitted: %1").replace("%1", problem)
        elif isinstance(error, OverrideNeedsReason):
            text = self.tr(
                "Not submitted: you chose a category other than the proposed one. Write the "
                "reason for your choice."
            )
        else:
            text = self.tr("Not submitted: %1").replace("%1", error_message(error))
        page.show_message(text, problem=True)

    # -- amending ------------------------------------------------------------------------------

    @Slot()
    def amend(self) -> None:
        if self.screening.status is not ScreeningStatus.APPROVED:
            return
        self.amend_button.setEnabled(False)
        CollectionOp(
            self,
            self._ops,
            self._casework.screenings.amend_and_open,
            self.screening,
            changes={"screening"},
        ).success(self._amend_started).failure(self._amend_failed).run_in_background()

    def _amend_started(self, opened: OpenedScreening) -> None:
        self.open_requested.emit(opened)
        self.reject()

    def _amend_failed(self, error: BaseException) -> None:
        self.amend_button.setEnabled(True)
        self._set_banner(
            self.tr("The addendum was not started: %1").replace("%1", error_message(error))
        )

    # -- closing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._builder.isActive() and self._summary_page is None:
            self._builder.start()
        # Opened, the keyboard is on the first question of the page shown (not the section
        # list): a screener can answer at once.
        QTimer.singleShot(0, self, self._focus_page)

    @Slot()
    def _focus_page(self) -> None:
        if self.on_summary:
            self.summary_page.setFocus()
            return
        page = self.section_pages[self.current_index]
        first = next((e for e in page.editors if not e.isHidden()), None)
        if first is not None:
            first.focus_input()

    def hideEvent(self, event: QHideEvent) -> None:
        # Locking or hiding the screen: what is typed goes to the vault now, not in 800 ms.
        self.save_now()
        super().hideEvent(event)

    def reject(self) -> None:
        """Close (Escape, Close, the window's close button): after the last answers are saved."""
        if self.has_unsaved:
            self._close_after_save = True
            self.save_now()
            return
        super().reject()

    def done(self, result: int) -> None:
        self._autosave.stop()
        super().done(result)
