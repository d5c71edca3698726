"""The first-run window: enroll this laptop with the county server and choose the passphrase
that creates its encrypted vault — or, where the county allows it, set it up standalone.

The server address comes from the machine configuration (and is locked when county IT set it);
the one-time code comes from county IT. Enrolling and creating the vault happen in one step off
the GUI thread (``gui/sync/enrollment.py``): the laptop ends up enrolled, or untouched.

Enrolling is recommended and chosen first whenever it is offered; standalone says it can be
enrolled later from Settings. The language can be chosen here, and the window switches at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from csec_desktop.gui.forms.ui_first_run import Ui_FirstRunForm
from csec_desktop.gui.language_choice import fill_language_combo
from csec_desktop.gui.passphrase import MIN_LENGTH, Hint, assess
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.vault_access import VaultAccess

# (passphrase, server URL, one-time code) -> an enrolled, open vault; blocks (run it off-thread)
# Enrolling needs the sync client (httpx) and the vault code; they load when the person presses
# Create, not before the first window of a new laptop is on screen.
if TYPE_CHECKING:
    from csec_desktop.services.vault_session import VaultSession

Enroll = Callable[[str, str, str], "VaultSession"]


class FirstRunWindow(QDialog):
    created = Signal(object)  # VaultSession
    quit_requested = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        access: VaultAccess,
        runner: TaskRunner,
        *,
        allow_standalone: bool = True,
        enroll: Enroll | None = None,
        server_url: str | None = None,
        server_url_locked: bool = False,
        notice: str = "",
        language: str = "en",
        language_locked: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunForm()
        self.ui.setupUi(self)
        self._server_url_locked = bool(server_url and server_url_locked)
        self._notice = notice
        fill_language_combo(self.ui.languageCombo, language, locked=language_locked)
        self.ui.languageCombo.currentIndexChanged.connect(self._language_changed)
        self._access = access
        self._runner = runner
        self._busy = False
        self._allowed = allow_standalone
        self._enroll = enroll
        title_font = QFont(self.ui.titleLabel.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.ui.titleLabel.setFont(title_font)
        self.ui.busyBar.hide()
        self.ui.createButton.clicked.connect(self._create)
        self.ui.quitButton.clicked.connect(self.quit_requested)
        self.ui.showPassphraseCheck.toggled.connect(self._show_passphrase)
        self.ui.passphraseEdit.textChanged.connect(self._update)
        self.ui.confirmEdit.textChanged.connect(self._update)
        self.ui.serverUrlEdit.textChanged.connect(self._update)
        self.ui.codeEdit.textChanged.connect(self._update)
        self.ui.enrollRadio.toggled.connect(self._mode_changed)
        self.ui.serverUrlEdit.setText(server_url or "")
        if server_url and server_url_locked:
            self.ui.serverUrlEdit.setReadOnly(True)
            self.ui.serverUrlEdit.setAccessibleDescription(
                self.tr("Set by your county (machine configuration)")
            )
        if enroll is None:
            self.ui.enrollGroup.hide()
            self.ui.standaloneRadio.setChecked(True)
        elif not allow_standalone:
            self.ui.standaloneRadio.hide()
        else:  # enrolling is recommended: chosen first wherever it is offered
            self.ui.enrollRadio.setChecked(True)
        if not allow_standalone and enroll is None:
            text = self.tr(
                "Your county requires this laptop to be enrolled with the county server before "
                "it is used. Enrolling is not available in this version yet: contact county IT."
            )
            self.ui.modeLabel.setText(text)
            self._say(text, error=True)
        elif not allow_standalone:
            self._say(
                self.tr(
                    "Your county requires this laptop to be enrolled with the county server: "
                    "enter the server address and the one-time code from county IT."
                )
            )
        if notice:
            self._say(notice, error=True)
        self._mode_changed()

    @property
    def enrolling(self) -> bool:
        return self._enroll is not None and self.ui.enrollRadio.isChecked()

    @Slot()
    def _mode_changed(self) -> None:
        enrolling = self.enrolling
        self.ui.serverUrlEdit.setEnabled(enrolling)
        self.ui.codeEdit.setEnabled(enrolling)
        if enrolling:
            self.ui.modeLabel.setText(
                self.tr(
                    "Enrolled, this laptop sends your records to the county server whenever it "
                    "can reach it, and receives your supervisor's reviews."
                )
            )
            self.ui.createButton.setText(self.tr("C&reate vault and enroll"))
            self.ui.createButton.setAccessibleName(self.tr("Create vault and enroll"))
        else:
            if self._allowed:
                self.ui.modeLabel.setText(
                    self.tr(
                        "Standalone mode: this laptop is not connected to a county server and "
                        "your records stay on it only. You can enroll it later from Settings."
                    )
                )
            self.ui.createButton.setText(self.tr("C&reate vault"))
            self.ui.createButton.setAccessibleName(self.tr("Create vault"))
        self._update()

    @Slot()
    def _language_changed(self) -> None:
        self.language_chosen.emit(str(self.ui.languageCombo.currentData()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)  # the Designer texts; then what code says
            if self._server_url_locked:
                self.ui.serverUrlEdit.setAccessibleDescription(
                    self.tr("Set by your county (machine configuration)")
                )
            self._mode_changed()
        super().changeEvent(event)

    def reject(self) -> None:
        """Escape does nothing here: this is the only window, and quitting is a button."""

    def closeEvent(self, event: QCloseEvent) -> None:  # the window's close button: quit
        event.accept()
        self.quit_requested.emit()

    @Slot(bool)
    def _show_passphrase(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.ui.passphraseEdit.setEchoMode(mode)
        self.ui.confirmEdit.setEchoMode(mode)

    def _strength_words(self, score: int) -> str:
        return [
            self.tr("Too short"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ][score]

    @Slot()
    def _update(self) -> None:
        passphrase = self.ui.passphraseEdit.text()
        confirm = self.ui.confirmEdit.text()
        result = assess(passphrase)
        self.ui.strengthBar.setValue(result.score)
        strength = self._strength_words(result.score)
        self.ui.strengthBar.setAccessibleDescription(strength)
        lines = [self.tr("Strength: %1").replace("%1", strength)]
        for hint in result.hints:
            if hint is Hint.TOO_SHORT:
                lines.append(
                    self.tr(
                        "Use at least %n character(s); a few ordinary words work well.",
                        "",
                        MIN_LENGTH,
                    )
                )
            elif hint is Hint.REPEATED:
                lines.append(self.tr("Avoid repeating the same characters."))
            elif hint is Hint.COMMON:
                lines.append(self.tr("This is a common password; choose something of your own."))
            elif hint is Hint.ADD_WORDS:
                lines.append(self.tr("Adding another word or two makes it stronger."))
        if confirm and confirm != passphrase:
            lines.append(self.tr("The two passphrases do not match yet."))
        self.ui.guidanceLabel.setText(
            "\n".join(lines)
            if passphrase
            else self.tr(
                "Use at least %n character(s). A short sentence only you would think of is ideal.",
                "",
                MIN_LENGTH,
            )
        )
        if self.enrolling:
            mode_ready = bool(self.ui.serverUrlEdit.text().strip() and self.ui.codeEdit.text())
        else:
            mode_ready = self._allowed
        ready = mode_ready and result.acceptable and confirm == passphrase and not self._busy
        self.ui.createButton.setEnabled(ready)

    @Slot()
    def _create(self) -> None:
        passphrase = self.ui.passphraseEdit.text()
        if self._busy or not self.ui.createButton.isEnabled() or not assess(passphrase).acceptable:
            return
        if passphrase != self.ui.confirmEdit.text():
            self._say(self.tr("The two passphrases do not match."))
            return
        self._busy = True
        self.ui.passphraseEdit.clear()
        self.ui.confirmEdit.clear()
        for widget in self._inputs():
            widget.setEnabled(False)
        self.ui.busyBar.show()
        if self.enrolling and self._enroll is not None:
            self._say(
                self.tr(
                    "Contacting the county server and creating the encrypted vault. "
                    "This takes a few seconds…"
                )
            )
            self._runner.run(
                self._enroll,
                passphrase,
                self.ui.serverUrlEdit.text().strip(),
                self.ui.codeEdit.text().strip(),
                on_success=self._on_created,
                on_failure=self._on_error,
                owner=self,
            )
            return
        self._say(self.tr("Creating the encrypted vault. This takes a few seconds…"))
        self._runner.run(
            self._access.create,
            passphrase,
            on_success=self._on_created,
            on_failure=self._on_error,
            owner=self,
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        label = self.ui.messageLabel
        label.setText(text)
        label.setAccessibleDescription(text)
        label.setProperty("error", error)  # the style sheet colours errors only
        label.style().unpolish(label)
        label.style().polish(label)

    def _finish(self) -> None:
        self._busy = False
        self.ui.busyBar.hide()
        for widget in self._inputs():
            widget.setEnabled(True)
        self._mode_changed()

    def _inputs(self) -> list[QWidget]:
        return [
            self.ui.passphraseEdit,
            self.ui.confirmEdit,
            self.ui.showPassphraseCheck,
            self.ui.enrollRadio,
            self.ui.standaloneRadio,
            self.ui.serverUrlEdit,
            self.ui.codeEdit,
        ]

    def _on_created(self, session: VaultSession) -> None:
        self._finish()
        self._say("")
        self.created.emit(session)

    def _on_error(self, error: BaseException) -> None:
        self._finish()
        from csec_desktop.gui.sync.messages import sync_error_message

        text = sync_error_message(error)
        if self.enrolling:
            text += " " + self.tr("Nothing was set up; enter the passphrase again to retry.")
        self._say(text, error=True)
