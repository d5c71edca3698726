"""The GUI's flow: first run or unlock, then the main window; lock (Ctrl+L or idle) and back.

It also switches the language live (from the first windows or Settings: the main window is
rebuilt on the section in use) and enrolls an open standalone vault with the county server.

``AppController`` owns the open ``VaultSession`` and nothing else global. It builds the main
window with the services of the open vault, and on lock tears the window down at once (so no
record stays on screen), clears the clipboard if it holds what we put there, then closes the
session off the GUI thread (``VaultSession.lock`` closes the store and forgets the keys).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from csec_desktop.config import AppConfig
from csec_desktop.gui import collector
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.privacy import ActivityMonitor, ClipboardGuard, minutes_to_ms
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.unlock import UnlockWindow
from csec_desktop.gui.vault_access import VaultAccess

# The unlock window is up before these are imported (the main window, sync and its HTTP client
# are most of the app's import time): start-up pays only for what the first window needs.
if TYPE_CHECKING:
    from csec_desktop.gui.common.casework import Casework
    from csec_desktop.gui.first_run import FirstRunWindow
    from csec_desktop.gui.main_window import MainWindow
    from csec_desktop.gui.sync.controller import SyncController
    from csec_desktop.services.sync import SyncSettings
    from csec_desktop.services.vault_session import VaultSession
    from csec_desktop.store.integrity import PageCheck

log = logging.getLogger(__name__)


class AppController(QObject):
    finished = Signal()  # the user quit

    def __init__(
        self,
        access: VaultAccess,
        config: AppConfig,
        *,
        runner: TaskRunner | None = None,
        broadcast: Broadcast | None = None,
        idle_ms: int | None = None,
        sync_settings: SyncSettings | None = None,
        translations: Translations | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.config = config
        self.translations = translations or Translations()
        self.runner = runner or TaskRunner(parent=self)
        self.broadcast = broadcast or Broadcast(self)
        self.clipboard = ClipboardGuard(self)
        self.monitor = ActivityMonitor(
            idle_ms if idle_ms is not None else minutes_to_ms(config.auto_lock_minutes), self
        )
        self.monitor.idle_timeout.connect(self.lock)
        self.monitor.lock_pressed.connect(self.lock)
        self.monitor.privacy_pressed.connect(self._toggle_privacy)
        self.session: VaultSession | None = None
        self.first_run_window: FirstRunWindow | None = None
        self.unlock_window: UnlockWindow | None = None
        self.main_window: MainWindow | None = None
        self.casework: Casework | None = None
        self.sync: SyncController | None = None
        self.damage_box: QWidget | None = None  # "this vault is damaged", while shown
        self._sync_settings = sync_settings
        self._quitting = False

    @property
    def sync_settings(self) -> SyncSettings:
        if self._sync_settings is None:
            from csec_desktop.services.sync import SyncSettings

            self._sync_settings = SyncSettings(
                ca_bundle=self.config.ca_bundle, default_lease_days=self.config.offline_lease_days
            )
        return self._sync_settings

    # -- starting ------------------------------------------------------------------------------

    def start(self) -> QWidget:
        """Show the first window: first run on an empty data folder, else unlock."""
        if self.access.vault_exists():
            return self.show_unlock()
        return self.show_first_run()

    def show_first_run(self, notice: str = "") -> FirstRunWindow:
        from csec_desktop.gui.first_run import FirstRunWindow

        window = FirstRunWindow(
            self.access,
            self.runner,
            allow_standalone=self.config.allow_standalone,
            enroll=self._enroll,
            server_url=self.config.server_url,
            server_url_locked=self.config.is_locked("server_url"),
            notice=notice,
            language=self.config.language,
            language_locked=self.config.is_locked("language"),
        )
        window.language_chosen.connect(self.switch_language)
        window.created.connect(self.open_session)
        window.quit_requested.connect(self.quit)
        self.first_run_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _enroll(self, passphrase: str, server_url: str, code: str) -> VaultSession:
        """A new enrolled vault (runs on a worker; loads the sync client only now)."""
        from csec_desktop.gui.sync.enrollment import enroll_new_vault

        return enroll_new_vault(self.access, self.sync_settings, passphrase, server_url, code)

    def show_unlock(self) -> UnlockWindow:
        window = UnlockWindow(
            self.access,
            self.runner,
            language=self.config.language,
            language_locked=self.config.is_locked("language"),
        )
        window.language_chosen.connect(self.switch_language)
        window.unlocked.connect(self.open_session)
        window.quit_requested.connect(self.quit)
        self.unlock_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        window.ui.passphraseEdit.setFocus()
        return window

    @Slot(object)
    def open_session(self, session: VaultSession) -> None:
        """Build the services of the open vault, once, and show the main window on Today."""
        from csec_desktop.gui.common.casework import Casework
        from csec_desktop.gui.sync.controller import SyncController
        from csec_desktop.services.sync import SyncService
        from csec_desktop.services.youth import YouthService

        self.session = session
        for window in (self.first_run_window, self.unlock_window):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.first_run_window = self.unlock_window = None
        self.casework = Casework.for_store(
            YouthService(session.store, actor=session.actor),
            session.store,
            language=self.config.language,
        )
        sync_service = SyncService.for_session(session, settings=self.sync_settings)
        self.sync = SyncController(sync_service, self.runner, self.broadcast, parent=self)
        self.sync.device_revoked.connect(self._device_revoked)
        self._show_main_window()
        self.monitor.start()
        self.broadcast.vault_unlocked.emit()
        self.sync.start()
        # Every page authenticated in the background (0.3 to 1 s per 30 MB, on a connection
        # of its own): damage is said at once, and sync then refuses to send anything.
        self.runner.run(
            session.check_pages,
            on_success=self._pages_checked,
            on_failure=partial(self._pages_not_checked, session),
            owner=self,
        )

    def _pages_not_checked(self, session: VaultSession, error: BaseException) -> None:
        if session.locked:
            # Locked before the check ended (it takes about a second on a large vault): the
            # vault is closed, so there is nothing to check or to warn about. Not a failure.
            log.debug("the page check ended with the vault locked")
            return
        log.error("the vault's page check could not run: %s", type(error).__name__)

    def _pages_checked(self, found: PageCheck) -> None:
        if found.ok or self.main_window is None:
            return
        from PySide6.QtWidgets import QMessageBox

        log.error("the vault's database failed its page check")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("This vault is damaged"),
            self.tr(
                "Part of this laptop's vault database is damaged ({summary}). Nothing will be "
                "sent to the county server from it, and nothing was deleted. Save what you are "
                "working on and contact county IT."
            ).format(summary=found.summary()),
            parent=self.main_window,
        )
        box.open()
        self.damage_box = box  # kept for as long as it is shown

    def _show_main_window(self, section: int = 0) -> None:
        from csec_desktop.gui.main_window import MainWindow

        session, casework = self.session, self.casework
        assert session is not None and casework is not None
        main = MainWindow(
            casework,
            self.runner,
            self.broadcast,
            self.clipboard,
            self.config,
            sync=self.sync,
            change_passphrase=session.change_passphrase,
            enroll=self.enroll_open_vault,
        )
        main.lock_requested.connect(self.lock)
        main.quit_requested.connect(self.quit)
        main.settings_changed.connect(self._settings_changed)
        main.enrolled.connect(self._enrolled)
        self.main_window = main
        main.sections.setCurrentRow(section)
        main.show()
        collector.freeze_long_lived()  # see collector.py: no full collection scans them
        main.raise_()
        main.activateWindow()
        page = main.pages.currentWidget()
        if page is not None:
            page.setFocus()

    @Slot(object)
    def _settings_changed(self, config: AppConfig) -> None:
        language = config.language
        self.config = config.replace(language=self.config.language)
        self.monitor.set_idle_ms(minutes_to_ms(config.auto_lock_minutes))
        self.switch_language(language)

    # -- language ------------------------------------------------------------------------------

    @Slot(str)
    def switch_language(self, language: str) -> None:
        """Use ``language`` now: the first windows retranslate themselves; the main window is
        rebuilt on the section in use (after the current event, so no slot outlives its
        widget). The choice is saved to the user's settings when the county allows it."""
        if language == self.config.language or self.config.is_locked("language"):
            return
        app = QApplication.instance()
        if app is None or not self.translations.install(app, language):
            return
        self.config = self.config.replace(language=language)
        if self.casework is not None:  # instrument texts and explanations follow the language
            self.casework.screenings.language = language
        if self.config.user_file is not None:
            from csec_desktop.config import save_user_settings

            self.runner.run(
                save_user_settings,
                self.config.user_file,
                {"language": language},
                on_failure=self._settings_not_saved,
                owner=self,
            )
        if self.main_window is not None:
            QTimer.singleShot(0, self, self._rebuild_main_window)

    def _settings_not_saved(self, error: BaseException) -> None:
        log.error("saving the language failed: %s", type(error).__name__)

    @Slot()
    def _rebuild_main_window(self) -> None:
        window = self.main_window
        if window is None or self.session is None:
            return
        section = window.sections.currentRow()
        self._discard_main_window()
        collector.thaw()  # the old window's objects are garbage now
        self._show_main_window(section)

    # -- enrolling an open vault ---------------------------------------------------------------

    def enroll_open_vault(self, server_url: str, code: str) -> object:
        """Enroll the open standalone vault (blocks: network; run it off the GUI thread)."""
        from csec_desktop.services.sync import SyncService

        session = self.session
        if session is None:
            from csec_desktop.store import StoreClosed

            raise StoreClosed()
        url = server_url.strip().rstrip("/")
        service = SyncService.for_session(session, settings=self.sync_settings)
        enrollment = service.enroll(url, code.strip())
        session.actor = enrollment.username  # the audit log names the enrolled person from now
        return enrollment

    @Slot()
    def _enrolled(self) -> None:
        """The open vault was just enrolled: sync with fresh services, and show the sections an
        enrolled laptop has (Sync; Review and the team's figures for a supervisor)."""
        from csec_desktop.gui.common.casework import Casework
        from csec_desktop.gui.sync.controller import SyncController
        from csec_desktop.services.sync import SyncService
        from csec_desktop.services.youth import YouthService

        session = self.session
        if session is None:
            return
        self._stop_sync()
        self.casework = Casework.for_store(
            YouthService(session.store, actor=session.actor),
            session.store,
            language=self.config.language,
        )
        service = SyncService.for_session(session, settings=self.sync_settings)
        self.sync = SyncController(service, self.runner, self.broadcast, parent=self)
        self.sync.device_revoked.connect(self._device_revoked)
        QTimer.singleShot(0, self, self._rebuild_main_window)
        self.sync.start()

    # -- locking -------------------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        """Drop everything on screen now; close the vault off the GUI thread; show unlock."""
        session, self.session = self.session, None
        if session is None:
            return
        self.casework = None
        self.monitor.stop()
        self.clipboard.clear_if_ours()
        self._stop_sync()
        self._discard_main_window()
        collector.thaw()
        self.broadcast.vault_locked.emit()
        self.runner.run(
            session.lock, on_success=self._after_lock, on_failure=self._lock_failed, owner=self
        )

    def _stop_sync(self) -> None:
        sync, self.sync = self.sync, None
        if sync is not None:
            sync.stop()
            sync.deleteLater()

    @Slot()
    def _device_revoked(self) -> None:
        """The server revoked this laptop; the sync service has already destroyed the keys.
        Leave the main window at once, move the unreadable database aside, then first run."""
        self.session = None  # locked by the crypto-shred
        self.casework = None
        self.monitor.stop()
        self.clipboard.clear_if_ours()
        self._stop_sync()
        self._discard_main_window()
        collector.thaw()
        self.broadcast.vault_locked.emit()
        from csec_desktop.gui.sync.enrollment import set_aside_revoked_vault

        self.runner.run(
            set_aside_revoked_vault,
            self.access.data_dir,
            on_success=self._after_revoked,
            on_failure=self._after_revoked,
            owner=self,
        )

    def _after_revoked(self, _result: object = None) -> None:
        from csec_desktop.gui.sync.messages import revoked_message

        if not self._quitting:
            self.show_first_run(notice=revoked_message())

    def _discard_main_window(self) -> None:
        window, self.main_window = self.main_window, None
        if window is None:
            return
        window.discarding = True
        self.runner.forget_owner(window.youth_page)
        for page in (window.today_page, window.education_page, window.sync_page):
            if page is not None:
                self.runner.forget_owner(page)
        window.set_screen_hidden(True)  # nothing readable even for the frame it takes to close
        window.close()
        window.deleteLater()

    def _after_lock(self, _result: object = None) -> None:
        if not self._quitting:
            self.show_unlock()

    def _lock_failed(self, error: BaseException) -> None:
        # The keys are forgotten in lock()'s finally even when closing the store failed.
        log.error("closing the vault failed: %s", type(error).__name__)
        self._after_lock()

    @Slot()
    def _toggle_privacy(self) -> None:
        if self.main_window is not None:
            self.main_window.toggle_screen_hidden()

    # -- quitting ------------------------------------------------------------------------------

    @Slot()
    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        self.monitor.stop()
        self.clipboard.clear_if_ours()
        self._stop_sync()
        self._discard_main_window()
        collector.thaw()
        for window in (self.first_run_window, self.unlock_window):
            if window is not None:
                window.hide()
        session, self.session = self.session, None
        self.casework = None
        if session is not None:
            session.lock()  # at exit a short wait is fine: the vault must be closed cleanly
        self.runner.wait_for_done(5000)
        self.finished.emit()
