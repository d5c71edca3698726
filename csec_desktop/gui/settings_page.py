"""The Settings section: auto-lock time and language, saved to the user's configuration file.

A value set by the machine configuration (county IT) is shown but locked, with the reason.
The auto-lock time applies at once; the language applies the next time the app starts.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.config import MAX_AUTO_LOCK_MINUTES, AppConfig, save_user_settings
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner


class SettingsPage(QWidget):
    settings_saved = Signal(object)  # AppConfig with the new values

    def __init__(
        self, config: AppConfig, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Settings"))
        self._config = config
        self._runner = runner
        self._running_language = config.language  # installed at start; switching needs a restart
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
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        self.language.setCurrentIndex(self.language.findData(config.language))
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
        pending = QLabel(
            self.tr(
                "Changing your passphrase is coming soon; it is not available in this version "
                "yet. County IT can change it with csec-admin."
            )
        )
        pending.setWordWrap(True)
        pending.setEnabled(False)
        layout.addWidget(pending)
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
        self._config = self._config.model_copy(update=self._changes())
        text = self.tr("Saved.")
        if self._config.language != self._running_language:
            text += " " + self.tr("The language changes the next time CSEC Desktop starts.")
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.settings_saved.emit(self._config)

    def _on_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        text = error_message(error)
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
