"""The main window shell: a section list on the left, the section on the right, a status bar.

It opens on Today (what needs the caseworker now); the side list and the status bar say how many
things need them. Any row about a youth opens that youth's page. The title never names a youth.
Ctrl+Shift+H hides the whole window at once behind a plain screen that says how to come back (and
hides any open dialog); Ctrl+L asks the app to lock, which closes this window.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.config import AppConfig
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.education.page import EducationPage
from csec_desktop.gui.obligations.view import ObligationsView
from csec_desktop.gui.privacy import LOCK_KEYS, PRIVACY_KEYS, ClipboardGuard
from csec_desktop.gui.review.sections import supervisor_sections
from csec_desktop.gui.settings_page import ChangePassphrase, Enroll, SettingsPage
from csec_desktop.gui.sync.controller import SyncController, SyncState, SyncView
from csec_desktop.gui.sync.indicator import SyncIndicator
from csec_desktop.gui.sync.messages import read_only_message
from csec_desktop.gui.sync.page import SyncPage
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.today.page import TodayPage
from csec_desktop.gui.youth.page import YouthPage
from csec_desktop.services.today import TodayView

APP_TITLE = "CSEC Desktop"
SYNC_KEYS = QKeySequence("Ctrl+Shift+S")


class PrivacyScreen(QWidget):
    """What the window shows while hidden: nothing about anyone, and plainly how to come back
    (light text on a calm dark blue from the theme's style sheet, never black on black)."""

    show_requested = Signal()
    lock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.hint = QLabel(
            self.tr(
                "The screen is hidden. Nothing was closed and nothing is lost.\n"
                "Press Ctrl+Shift+H or choose Show the screen to come back."
            )
        )
        self.hint.setObjectName("privacyHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setAccessibleName(self.tr("Screen hidden"))
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.show_button = QPushButton(self.tr("&Show the screen"))
        self.show_button.setAccessibleName(self.tr("Show the screen"))
        self.lock_button = QPushButton(self.tr("&Lock now"))
        self.lock_button.setAccessibleName(self.tr("Lock now"))
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.lock_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_button.clicked.connect(self.show_requested)
        self.lock_button.clicked.connect(self.lock_requested)
        self.setFocusProxy(self.show_button)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal(object)  # AppConfig
    enrolled = Signal()  # a standalone vault was just enrolled from Settings
    _count_digits = 3  # the side list is wide enough for counts this long

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        clipboard: ClipboardGuard,
        config: AppConfig,
        parent: QWidget | None = None,
        *,
        sync: SyncController | None = None,
        change_passphrase: ChangePassphrase | None = None,
        enroll: Enroll | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName(APP_TITLE)
        self._config = config
        self._hidden_dialogs: list[QDialog] = []
        self.discarding = False  # set when the app closes this window to lock
        self.sync = sync
        self.read_only = False

        self.sections = QListWidget()
        self.sections.setAccessibleName(self.tr("Sections"))
        self.sections.setObjectName("sections")
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        submit = casework.submit
        self.today_page = TodayPage(casework, runner, broadcast)
        self.today_page.open_youth_requested.connect(self.open_youth)
        self.today_page.counts_changed.connect(self._counts_changed)
        self._add_section(self.tr("Today"), self.today_page)
        self.youth_page = YouthPage(
            casework.youth,
            submit,
            runner,
            broadcast,
            clipboard,
            default_county=config.county,
            casework=casework,
            language=config.language,
        )
        self._add_section(self.tr("&Youth").replace("&", ""), self.youth_page)
        self.obligations_page = ObligationsView(casework, runner, broadcast)
        self.obligations_page.open_youth_requested.connect(self.open_youth)
        self._add_section(self.tr("Obligations"), self.obligations_page)
        self.education_page: EducationPage | None = EducationPage(
            casework.education, casework.youth, submit, runner, broadcast
        )
        self._add_section(self.tr("Education"), self.education_page)
        self.supervisor_pages: list[QWidget] = []
        if sync is not None:  # a supervisor's enrolled device: Review and Team dashboard
            for title, page in supervisor_sections(
                casework, runner, broadcast, language=config.language
            ):
                self.supervisor_pages.append(page)
                self._add_section(title, page)
        self.sync_page: SyncPage | None = None
        if sync is not None:
            self.sync_page = SyncPage(sync, runner, broadcast)
            self._add_section(self.tr("Sync"), self.sync_page)
        self.settings_page = SettingsPage(
            config, runner, change_passphrase=change_passphrase, enroll=enroll
        )
        self.settings_page.settings_saved.connect(self._settings_saved)
        self.settings_page.enrolled.connect(self.enrolled)
        self._add_section(self.tr("Settings"), self.settings_page)
        self._fit_sections()
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sections.setCurrentRow(0)

        content = QWidget()
        outer = QVBoxLayout(content)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setAccessibleName(self.tr("Read-only"))
        self.read_only_banner.hide()
        outer.addWidget(self.read_only_banner)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(row, 1)
        row.addWidget(self.sections)
        row.addWidget(self.pages, 1)
        self.screen_stack = QStackedWidget()
        self.screen_stack.addWidget(content)
        self.privacy_screen = PrivacyScreen()
        self.privacy_screen.show_requested.connect(self._show_screen)
        self.privacy_screen.lock_requested.connect(self.lock_requested)
        self.screen_stack.addWidget(self.privacy_screen)
        self.setCentralWidget(self.screen_stack)
        self.sections.currentRowChanged.connect(self._section_changed)
        self.setTabOrder(self.sections, self.today_page.due_table)

        self._build_menus()
        self._build_status_bar()
        self.resize(1100, 700)

    def _add_section(self, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title, self.sections)
        item.setData(Qt.ItemDataRole.UserRole, title)  # the title without its count
        self.pages.addWidget(page)

    def _fit_sections(self, digits: int = 3) -> None:
        """As wide as the longest section title with a count of ``digits`` beside it (languages
        differ), in the style sheet's font and item padding: measured before the list was
        polished, the default font made it too narrow and "Obligations (31)" was cut."""
        self.sections.ensurePolished()
        metrics = self.sections.fontMetrics()
        texts = [str(self.sections.item(i).text()) for i in range(self.sections.count())]
        # What the delegate adds around the text (the style sheet's item padding, focus frame).
        around = self.sections.sizeHintForColumn(0) - max(map(metrics.horizontalAdvance, texts))
        count = " (" + "8" * digits + ")"
        widest = max(
            metrics.horizontalAdvance(str(self.sections.item(i).data(Qt.ItemDataRole.UserRole)))
            for i in range(self.sections.count())
        ) + metrics.horizontalAdvance(count)
        frame = self.sections.frameWidth() * 2 + self.sections.contentsMargins().left()
        frame += self.sections.contentsMargins().right()
        scroll_bar = self.sections.verticalScrollBar().sizeHint().width()  # if rows outgrow it
        self.sections.setFixedWidth(max(widest + around + frame + scroll_bar, 150))
        self._count_digits = digits

    @Slot(int)
    def _section_changed(self, _row: int) -> None:
        page = self.pages.currentWidget()
        if page is not None and not self.screen_hidden:
            self.pages.setFocusProxy(page)

    def _set_count(self, page: QWidget, count: int) -> None:
        """Show ``count`` after a section's title ("Today (3)"), in words for screen readers."""
        item = self.sections.item(self.pages.indexOf(page))
        if item is None:
            return
        title = str(item.data(Qt.ItemDataRole.UserRole))
        item.setText(f"{title} ({count})" if count else title)
        if len(str(count)) > self._count_digits:  # a count longer than measured: widen
            self._fit_sections(len(str(count)))
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("%1: %n item(s)", "", count).replace("%1", title) if count else title,
        )

    @Slot(object)
    def _counts_changed(self, view: TodayView) -> None:
        self._set_count(self.today_page, view.needs_you)
        self._set_count(self.obligations_page, view.open_obligations)
        if view.needs_you == 0:
            text = self.tr("Nothing due now")
        else:  # short: the status bar shares its width with sync and auto-lock
            text = self.tr("Today: %n to do", "", view.needs_you)
            if view.overdue:
                text += " · " + self.tr("%n overdue", "", view.overdue)
        self.today_status.setText(text)
        self.today_status.setAccessibleDescription(text)

    @Slot(object)
    def open_youth(self, youth_id: UUID) -> None:
        """Go to the Youth section and open ``youth_id``'s page."""
        self.sections.setCurrentRow(self.pages.indexOf(self.youth_page))
        self.youth_page.show_youth(youth_id)
        self.youth_page.detail.edit_button.setFocus()

    def _build_menus(self) -> None:
        vault = self.menuBar().addMenu(self.tr("&Vault"))
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(LOCK_KEYS)
        self.lock_action.triggered.connect(self.lock_requested)
        self.privacy_action = QAction(self.tr("&Hide screen"), self)
        self.privacy_action.setShortcut(PRIVACY_KEYS)
        self.privacy_action.setCheckable(True)
        self.privacy_action.toggled.connect(self.set_screen_hidden)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        for action in (self.lock_action, self.privacy_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.addAction(action)  # works even while the menu bar is hidden
        vault.addAction(self.lock_action)
        vault.addAction(self.privacy_action)
        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setShortcut(SYNC_KEYS)
        self.sync_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_action.setEnabled(self.sync is not None)
        if self.sync is not None:
            self.sync_action.triggered.connect(self.sync.sync_now)
        self.addAction(self.sync_action)
        vault.addAction(self.sync_action)
        vault.addSeparator()
        vault.addAction(self.quit_action)

        youth = self.menuBar().addMenu(self.tr("Yo&uth"))
        self.new_youth_action = QAction(self.tr("&New youth…"), self)
        self.new_youth_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_youth_action.triggered.connect(self._new_youth)
        self.find_action = QAction(self.tr("&Find youth"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find_youth)
        youth.addAction(self.new_youth_action)
        youth.addAction(self.find_action)
        self._content_actions = [self.new_youth_action, self.find_action]

        go = self.menuBar().addMenu(self.tr("&Go"))
        for number in range(self.sections.count()):
            item = self.sections.item(number)
            action = QAction(item.text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.setData(number)
            action.triggered.connect(self._go_to_section)
            go.addAction(action)
            self._content_actions.append(action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.vault_status = QLabel(self.tr("Vault unlocked"))
        self.vault_status.setAccessibleName(self.tr("Vault status"))
        self.sync_indicator: SyncIndicator | None = None
        self.lock_status = QLabel()
        self._show_lock_status()
        self.lock_status.setAccessibleName(self.tr("Auto-lock"))
        bar.addWidget(self.vault_status)
        self.today_status = QLabel()
        self.today_status.setObjectName("todayStatus")
        self.today_status.setAccessibleName(self.tr("What needs you today"))
        bar.addWidget(self.today_status)
        if self.sync is not None:
            self.sync_indicator = SyncIndicator(self.sync)
            bar.addWidget(self.sync_indicator)
            bar.addWidget(QWidget(), 1)
            self.sync.changed.connect(self._sync_changed)
            self._sync_changed(self.sync.view)  # a rebuilt window starts from what is known
        else:
            self.server_status = QLabel(self.tr("Standalone: no county server configured"))
            self.server_status.setAccessibleName(self.tr("Server status"))
            bar.addWidget(self.server_status, 1)
        bar.addPermanentWidget(self.lock_status)

    def _show_lock_status(self) -> None:
        # Short: the status bar must fit 1024 pixels in Spanish too; the key is in the tooltip.
        self.lock_status.setText(
            self.tr("Locks after %n min idle", "", self._config.auto_lock_minutes)
        )
        self.lock_status.setToolTip(self.tr("Ctrl+L locks now"))
        self.lock_status.setAccessibleDescription(self.tr("Ctrl+L locks now"))

    @Slot(object)
    def _sync_changed(self, view: SyncView) -> None:
        self.set_read_only(view.read_only)
        if view.status is not None or view.state is SyncState.STANDALONE:
            enrolled = view.state is not SyncState.STANDALONE and bool(
                view.status and view.status.enrolled
            )
            self.settings_page.show_enrolled(enrolled)

    def set_read_only(self, read_only: bool) -> None:
        """The offline lease ran out: say so plainly and disable what would edit records (the
        store refuses saves anyway; this keeps people from typing into a form in vain)."""
        if read_only == self.read_only:
            return
        self.read_only = read_only
        self.read_only_banner.setText(read_only_message() if read_only else "")
        self.read_only_banner.setAccessibleDescription(self.read_only_banner.text())
        self.read_only_banner.setVisible(read_only)
        self.new_youth_action.setEnabled(not read_only and not self.screen_hidden)
        self.youth_page.new_button.setEnabled(not read_only)
        self.youth_page.detail.edit_button.setVisible(not read_only)
        if self.education_page is not None:
            self.education_page.set_read_only(read_only)

    @Slot(object)
    def _settings_saved(self, config: AppConfig) -> None:
        self._config = config
        self._show_lock_status()
        self.settings_changed.emit(config)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.discarding:
            self.quit_requested.emit()
        super().closeEvent(event)

    # -- actions -------------------------------------------------------------------------------

    @Slot()
    def _go_to_section(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.sections.setCurrentRow(int(action.data()))
            page = self.pages.currentWidget()
            if page is not None:
                page.setFocus()

    @Slot()
    def _new_youth(self) -> None:
        self.sections.setCurrentRow(self.pages.indexOf(self.youth_page))
        self.youth_page.add_youth()

    @Slot()
    def _find_youth(self) -> None:
        self.sections.setCurrentRow(self.pages.indexOf(self.youth_page))
        self.youth_page.focus_search()

    @Slot()
    def _show_screen(self) -> None:
        self.set_screen_hidden(False)

    @property
    def screen_hidden(self) -> bool:
        return self.screen_stack.currentWidget() is self.privacy_screen

    @Slot()
    def toggle_screen_hidden(self) -> None:
        self.privacy_action.toggle()

    @Slot(bool)
    def set_screen_hidden(self, hidden: bool) -> None:
        if hidden == self.screen_hidden:
            return
        for action in self._content_actions:
            action.setEnabled(not hidden)  # Ctrl+N must not open a form on a hidden screen
        if hidden:
            # The menu stays (Vault > Hide screen is how back is found); the status bar names
            # counts of work, so it goes with the rest.
            self.screen_stack.setCurrentWidget(self.privacy_screen)
            self.statusBar().hide()
            self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
            for dialog in self._hidden_dialogs:
                dialog.hide()
            self.privacy_screen.show_button.setFocus()
        else:
            self.screen_stack.setCurrentIndex(0)
            self.statusBar().show()
            for dialog in self._hidden_dialogs:
                dialog.show()
            self._hidden_dialogs = []
        if self.privacy_action.isChecked() != hidden:
            self.privacy_action.setChecked(hidden)
        if self.read_only:
            self.new_youth_action.setEnabled(False)
