"""The unlock window: the passphrase opens the vault, off the GUI thread (Argon2id takes ~0.5 s).

A wrong passphrase gets a plain sentence and, after repeated failures, the throttle's growing
wait as a live countdown (the button stays disabled until it ends). A damaged file gets a plain
sentence naming the file; nothing is deleted. "Forgot your passphrase?" says what county IT can
do (recover the vault with the county recovery key), never a dead end. The language can be
chosen here and the window switches to it at once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QPaintEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget

from csec_desktop.gui.forms.ui_unlock import Ui_UnlockForm
from csec_desktop.gui.language_choice import fill_language_combo
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.vault_access import ThrottleStatus, UnlockAttempt, VaultAccess


class UnlockWindow(QDialog):
    unlocked = Signal(object)  # VaultSession
    quit_requested = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        access: VaultAccess,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        language: str = "en",
        language_locked: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockForm()
        self.ui.setupUi(self)
        self._access = access
        self._runner = runner
        self.forgot_box: QMessageBox | None = None
        fill_language_combo(self.ui.languageCombo, language, locked=language_locked)
        self.ui.languageCombo.currentIndexChanged.connect(self._language_changed)
        self.ui.forgotButton.clicked.connect(self.show_forgot)
        self._busy = False
        self._wait_left = 0
        self._failures = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        title_font = QFont(self.ui.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        self.ui.busyBar.hide()
        self.ui.unlockButton.clicked.connect(self._unlock)
        self.ui.quitButton.clicked.connect(self.quit_requested)
        self.ui.showPassphraseCheck.toggled.connect(self._show_passphrase)
        self.ui.passphraseEdit.textChanged.connect(self._update_button)
        self._update_button()
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # Only once the window is on screen: reading the throttle state loads the vault code
            # (crypto, pydantic) on a worker, which would otherwise hold the first paint back.
            # It also leaves those modules loaded, so the Unlock click does not wait for them.
            self._painted = True
            QTimer.singleShot(0, self, self._check_throttle)

    @Slot()
    def _check_throttle(self) -> None:
        self._runner.run(
            self._access.throttle_status,
            on_success=self._on_throttle_status,
            on_failure=self._on_error,
            owner=self,
        )

    @Slot()
    def _language_changed(self) -> None:
        self.language_chosen.emit(str(self.ui.languageCombo.currentData()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)  # the Designer texts; then what code says
            if self._failures or self._wait_left:
                self._show_wrong()
            else:
                self._say("")
        super().changeEvent(event)

    @Slot()
    def show_forgot(self) -> None:
        """What can be done without the passphrase: county IT's recovery, nothing deleted."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Forgot your passphrase?"),
            self.tr(
                "The passphrase cannot be shown or reset from this laptop: it is what keeps "
                "the records encrypted. Nothing is lost by waiting, and nothing here is deleted."
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Call county IT. If this laptop was set up with the county recovery key, they "
                "can open the vault with it and help you choose a new passphrase (csec-admin "
                "vault recover). Bring the laptop; do not create a new vault over this one."
            )
        )
        self.forgot_box = box
        box.open()

    def reject(self) -> None:
        """Escape does nothing here: this is the only window, and quitting is a button."""

    def closeEvent(self, event: QCloseEvent) -> None:  # the window's close button: quit
        event.accept()
        self.quit_requested.emit()

    # -- actions -------------------------------------------------------------------------------

    @Slot(bool)
    def _show_passphrase(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.ui.passphraseEdit.setEchoMode(mode)

    @Slot()
    def _update_button(self) -> None:
        ready = not self._busy and self._wait_left <= 0 and bool(self.ui.passphraseEdit.text())
        self.ui.unlockButton.setEnabled(ready)

    @Slot()
    def _unlock(self) -> None:
        passphrase = self.ui.passphraseEdit.text()
        if not passphrase or self._busy or self._wait_left > 0:
            return
        self.ui.passphraseEdit.clear()  # the widget must not keep the passphrase
        self._set_busy(True)
        self._say(self.tr("Unlocking…"))
        self._runner.run(
            self._access.unlock,
            passphrase,
            on_success=self._on_attempt,
            on_failure=self._on_error,
            owner=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ui.busyBar.setVisible(busy)
        self.ui.passphraseEdit.setEnabled(not busy)
        self.ui.showPassphraseCheck.setEnabled(not busy)
        self._update_button()
        if not busy:
            self.ui.passphraseEdit.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        label = self.ui.messageLabel
        label.setText(text)
        label.setAccessibleDescription(text)
        label.setProperty("error", error)  # the style sheet colours errors only
        label.style().unpolish(label)
        label.style().polish(label)

    # -- outcomes ------------------------------------------------------------------------------

    def _on_attempt(self, attempt: UnlockAttempt) -> None:
        self._set_busy(False)
        if attempt.session is not None:
            self._say("")
            self.unlocked.emit(attempt.session)
            return
        self._failures = attempt.throttle.failures
        self._start_wait(attempt.throttle.seconds_to_wait)
        self._show_wrong()

    def _on_throttle_status(self, status: ThrottleStatus) -> None:
        self._failures = status.failures
        if status.seconds_to_wait > 0:
            self._start_wait(status.seconds_to_wait)
            self._show_wrong()

    def _on_error(self, error: BaseException) -> None:
        self._set_busy(False)
        self._say(error_message(error), error=True)

    def _show_wrong(self) -> None:
        lines = [self.tr("The passphrase is not correct.")]
        if self._failures > 1:
            lines.append(self.tr("%n wrong attempt(s) in a row.", "", self._failures))
        if self._wait_left > 0:
            lines.append(
                self.tr(
                    "For your security, wait %n second(s) before trying again.", "", self._wait_left
                )
            )
        self._say(" ".join(lines), error=True)

    def _start_wait(self, seconds: float) -> None:
        self._wait_left = math.ceil(seconds)
        if self._wait_left > 0:
            self._countdown.start()
        self._update_button()

    @Slot()
    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._countdown.stop()
        self._show_wrong()
        self._update_button()

    @property
    def seconds_to_wait(self) -> int:
        return self._wait_left
