"""The Settings section: auto-lock time and language, saved to the user's configuration file;
the county server (a standalone laptop can be enrolled here at any time); and changing the vault
passphrase.

A value set by the machine configuration (county IT) is shown but locked, with the reason.
Both the auto-lock time and the language apply at once. A passphrase change rewraps the data key
(Argon2id, about a second) off the GUI thread; the fields are cleared as soon as the work
starts, so no passphrase stays in a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.config import MAX_AUTO_LOCK_MINUTES, AppConfig, save_user_settings
from csec_desktop.gui.language_choice import fill_language_combo
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.passphrase import MIN_LENGTH, assess
from csec_desktop.gui.sync.enroll_dialog import EnrollDialog
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.vault import WrongPassphrase

ChangePassphrase = Callable[[str, str], None]  # (old, new); blocks: run it off the GUI thread
Enroll = Callable[[str, str], object]  # (server URL, one-time code); blocks: network


class SettingsPage(QWidget):
    settings_saved = Signal(object)  # AppConfig with the new values
    enrolled = Signal()

    def __init__(
        self,
        config: AppConfig,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        change_passphrase: ChangePassphrase | None = None,
        enroll: Enroll | None = None,
    ) -> None:
        super().__init__(parent)
        self._change_passphrase = change_passphrase
        self._enroll = enroll
        self.enroll_dialog: EnrollDialog | None = None
        self.setAccessibleName(self.tr("Settings"))
        self._config = config
        self._runner = runner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        heading = QLabel(self.tr("Settings"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(1, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setValue(config.auto_lock_minutes)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setAccessibleName(self.tr("Lock after this many idle minutes"))
        auto_lock_label = QLabel(self.tr("&Lock after idle"))
        auto_lock_label.setBuddy(self.auto_lock)
        form.addRow(auto_lock_label, self._with_note(self.auto_lock, "auto_lock_minutes"))
        self.language = QComboBox()
        fill_language_combo(self.language, config.language)
        self.language.setAccessibleName(self.tr("Language"))
        language_label = QLabel(self.tr("Lan&guage"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self._with_note(self.language, "language"))
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.setAccessibleName(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Settings status"))
        layout.addWidget(self.status)
        layout.addWidget(self._server_group())
        layout.addWidget(self._passphrase_group())
        layout.addStretch(1)
        everything_locked = config.is_locked("auto_lock_minutes") and config.is_locked("language")
        self.save_button.setEnabled(config.user_file is not None and not everything_locked)

    def _with_note(self, field: QWidget, key: str) -> QWidget:
        if not self._config.is_locked(key):
            return field
        field.setEnabled(False)
        note = QLabel(self.tr("Set by your county (machine configuration)"))
        note.setAccessibleName(self.tr("Locked by the county"))
        field.setAccessibleDescription(note.text())
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        row.addWidget(note, 1)
        return box

    def _changes(self) -> dict[str, object]:
        changes: dict[str, object] = {}
        if not self._config.is_locked("auto_lock_minutes"):
            changes["auto_lock_minutes"] = self.auto_lock.value()
        if not self._config.is_locked("language"):
            changes["language"] = self.language.currentData()
        return changes

    @Slot()
    def save(self) -> None:
        path = self._config.user_file
        changes = self._changes()
        if path is None or not changes:
            return
        self.save_button.setEnabled(False)
        self._runner.run(
            save_user_settings,
            path,
            changes,
            on_success=self._on_saved,
            on_failure=self._on_failed,
            owner=self,
        )

    def _on_saved(self, _result: object) -> None:
        self.save_button.setEnabled(True)
        self._config = self._config.replace(**self._changes())
        text = self.tr("Saved.")
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.settings_saved.emit(self._config)

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        text = error_message(error)
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    # -- the county server -----------------------------------------------------------------

    def _server_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("County server"))
        group.setAccessibleName(self.tr("County server"))
        column = QVBoxLayout(group)
        self.server_status = QLabel(self.tr("Checking whether this laptop is enrolled…"))
        self.server_status.setWordWrap(True)
        self.server_status.setAccessibleName(self.tr("Enrollment"))
        self.enroll_button = QPushButton(self.tr("&Enroll this laptop…"))
        self.enroll_button.setAccessibleName(self.tr("Enroll this laptop with the county server"))
        self.enroll_button.setEnabled(False)
        self.enroll_button.clicked.connect(self.ask_enroll)
        row = QHBoxLayout()
        row.addWidget(self.enroll_button)
        row.addStretch(1)
        column.addWidget(self.server_status)
        column.addLayout(row)
        return group

    def show_enrolled(self, enrolled: bool) -> None:
        """What the last sync status said (``SyncController``), shown with what can be done."""
        if enrolled:
            text = self.tr("This laptop is enrolled with the county server. See Sync for details.")
        else:
            text = self.tr(
                "Standalone: this laptop is not enrolled with a county server, so nothing on it "
                "is backed up or reviewed. Enrolling is recommended; county IT gives you a "
                "one-time code."
            )
        self.server_status.setText(text)
        self.server_status.setAccessibleDescription(text)
        self.enroll_button.setVisible(not enrolled)
        self.enroll_button.setEnabled(not enrolled and self._enroll is not None)

    @Slot()
    def ask_enroll(self) -> None:
        dialog = EnrollDialog(
            self._config.server_url,
            server_url_locked=self._config.is_locked("server_url"),
            parent=self,
        )
        dialog.accepted.connect(self._enroll_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.enroll_dialog = dialog
        dialog.open()

    @Slot()
    def _enroll_accepted(self) -> None:
        dialog, self.enroll_dialog = self.enroll_dialog, None
        if dialog is None or self._enroll is None:
            return
        self.enroll_button.setEnabled(False)
        self._say_server(self.tr("Contacting the county server…"))
        self._runner.run(
            self._enroll,
            dialog.server_url,
            dialog.code,
            on_success=self._on_enrolled,
            on_failure=self._on_enroll_failed,
            owner=self,
        )

    def _say_server(self, text: str) -> None:
        self.server_status.setText(text)
        self.server_status.setAccessibleDescription(text)

    def _on_enrolled(self, _enrollment: object) -> None:
        self._say_server(self.tr("Enrolled. The first sync starts now."))
        self.enrolled.emit()

    def _on_enroll_failed(self, error: BaseException) -> None:
        from csec_desktop.gui.sync.messages import sync_error_message

        self.enroll_button.setEnabled(True)
        self._say_server(
            sync_error_message(error) + " " + self.tr("Nothing was changed; you can try again.")
        )

    # -- passphrase ------------------------------------------------------------------------

    def _passphrase_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Change passphrase"))
        group.setAccessibleName(self.tr("Change passphrase"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.old_passphrase = QLineEdit()
        self.new_passphrase = QLineEdit()
        self.confirm_passphrase = QLineEdit()
        for edit, label, name in (
            (self.old_passphrase, self.tr("C&urrent passphrase"), self.tr("Current passphrase")),
            (self.new_passphrase, self.tr("&New passphrase"), self.tr("New passphrase")),
            (
                self.confirm_passphrase,
                self.tr("Con&firm new passphrase"),
                self.tr("Confirm new passphrase"),
            ),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            edit.textChanged.connect(self._passphrase_edited)
            caption = QLabel(label)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
        self.show_passphrases = QCheckBox(self.tr("S&how passphrases"))
        self.show_passphrases.setAccessibleName(self.tr("Show passphrases"))
        self.show_passphrases.toggled.connect(self._show_passphrases)
        form.addRow("", self.show_passphrases)
        self.passphrase_guidance = QLabel()
        self.passphrase_guidance.setWordWrap(True)
        self.passphrase_guidance.setAccessibleName(self.tr("Passphrase guidance"))
        form.addRow("", self.passphrase_guidance)
        self.change_button = QPushButton(self.tr("Change &passphrase"))
        self.change_button.setAccessibleName(self.tr("Change passphrase"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.confirm_passphrase.returnPressed.connect(self.change_passphrase)
        form.addRow("", self.change_button)
        self.passphrase_status = QLabel()
        self.passphrase_status.setObjectName("passphraseStatus")
        self.passphrase_status.setWordWrap(True)
        self.passphrase_status.setAccessibleName(self.tr("Passphrase change status"))
        form.addRow("", self.passphrase_status)
        group.setEnabled(self._change_passphrase is not None)
        self._changing = False
        self._passphrase_edited()
        return group

    @Slot(bool)
    def _show_passphrases(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in (self.old_passphrase, self.new_passphrase, self.confirm_passphrase):
            edit.setEchoMode(mode)

    def _passphrase_problem(self) -> str:
        new = self.new_passphrase.text()
        if not self.old_passphrase.text():
            return self.tr("Enter your current passphrase.")
        if not new:
            return self.tr(
                "Use at least %n character(s). A short sentence only you would think of is ideal.",
                "",
                MIN_LENGTH,
            )
        if not assess(new).acceptable:
            return self.tr(
                "The new passphrase is too short, too repetitive or too common: use at least "
                "%n character(s), a few ordinary words work well.",
                "",
                MIN_LENGTH,
            )
        if new == self.old_passphrase.text():
            return self.tr("The new passphrase is the same as the current one.")
        if self.confirm_passphrase.text() != new:
            return self.tr("The two new passphrases do not match yet.")
        return ""

    @Slot()
    def _passphrase_edited(self) -> None:
        problem = self._passphrase_problem()
        self.passphrase_guidance.setText(problem)
        self.passphrase_guidance.setAccessibleDescription(problem)
        self.change_button.setEnabled(not problem and not self._changing)

    @Slot()
    def change_passphrase(self) -> None:
        if self._changing or self._change_passphrase is None or self._passphrase_problem():
            return
        old, new = self.old_passphrase.text(), self.new_passphrase.text()
        self._changing = True
        for edit in (self.old_passphrase, self.new_passphrase, self.confirm_passphrase):
            edit.clear()
        self._say_passphrase(self.tr("Changing the passphrase…"))
        self._runner.run(
            self._change_passphrase,
            old,
            new,
            on_success=self._passphrase_changed,
            on_failure=self._passphrase_failed,
            owner=self,
        )

    def _say_passphrase(self, text: str) -> None:
        self.passphrase_status.setText(text)
        self.passphrase_status.setAccessibleDescription(text)

    def _passphrase_changed(self, _result: object) -> None:
        self._changing = False
        self._passphrase_edited()
        self._say_passphrase(
            self.tr("Passphrase changed. Use the new one the next time you unlock.")
        )

    def _passphrase_failed(self, error: BaseException) -> None:
        self._changing = False
        self._passphrase_edited()
        if isinstance(error, WrongPassphrase):
            text = self.tr("The current passphrase is not correct. Nothing was changed.")
        else:
            text = error_message(error) + " " + self.tr("The passphrase was not changed.")
        self._say_passphrase(text)
        self.old_passphrase.setFocus()
