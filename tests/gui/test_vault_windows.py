"""First run, unlock (wrong, throttled, damaged), lock (Ctrl+L, idle) and the privacy key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from csec_desktop.services.vault_session import VaultPaths
from csec_desktop.vault import UnlockThrottle
from tests.gui.conftest import PASSPHRASE


def test_first_run_creates_a_vault(qtbot: QtBot, make_controller, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    window = controller.start()
    assert window is controller.first_run_window
    ui = window.ui
    assert ui.enrollRadio.isChecked()  # enrolling is recommended: chosen first
    ui.standaloneRadio.setChecked(True)  # this county allows standalone; the caseworker chose it
    assert "enroll it later from Settings" in ui.modeLabel.text()
    qtbot.keyClicks(ui.passphraseEdit, "short")
    assert not ui.createButton.isEnabled()
    assert "12" in ui.guidanceLabel.text()
    ui.passphraseEdit.clear()
    qtbot.keyClicks(ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClicks(ui.confirmEdit, PASSPHRASE + "x")
    assert not ui.createButton.isEnabled()
    assert "do not match" in ui.guidanceLabel.text()
    qtbot.keyClick(ui.confirmEdit, Qt.Key.Key_Backspace)
    assert ui.createButton.isEnabled()
    qtbot.keyClick(ui.confirmEdit, Qt.Key.Key_Return)  # Enter = the default action
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    assert VaultPaths(data_dir).key_file.exists()
    assert controller.session is not None and not controller.session.locked
    assert controller.main_window.windowTitle() == "CSEC Desktop"


def test_unlock_wrong_then_right(qtbot: QtBot, make_controller, locked_vault: Path) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    window = controller.start()
    assert window is controller.unlock_window
    ui = window.ui
    qtbot.keyClicks(ui.passphraseEdit, "not the passphrase")
    qtbot.keyClick(ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not correct" in ui.messageLabel.text(), timeout=10_000)
    assert controller.main_window is None
    assert ui.passphraseEdit.text() == ""  # never kept in the widget
    assert "Traceback" not in ui.messageLabel.text()
    qtbot.keyClicks(ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    assert controller.session is not None


def test_repeated_failures_show_the_growing_wait(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, locked_vault: Path
) -> None:
    throttle = UnlockThrottle.beside(VaultPaths(locked_vault).key_file)
    for _ in range(5):
        throttle.record_failure()
    controller = make_controller()
    window = controller.start()
    qtbot.waitUntil(lambda: window.seconds_to_wait > 0)
    text = window.ui.messageLabel.text()
    assert "5 wrong attempts" in text
    assert "wait 2 seconds" in text
    qtbot.keyClicks(window.ui.passphraseEdit, PASSPHRASE)
    assert not window.ui.unlockButton.isEnabled()
    qtbot.waitUntil(lambda: window.ui.unlockButton.isEnabled(), timeout=5_000)  # countdown ends


def test_damaged_key_file_is_named_and_kept(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, locked_vault: Path
) -> None:
    key_file = VaultPaths(locked_vault).key_file
    damaged = b"{ this is not a key file"
    key_file.write_bytes(damaged)
    controller = make_controller()
    window = controller.start()
    qtbot.keyClicks(window.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(window.ui.passphraseEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "vault.key" in window.ui.messageLabel.text(), timeout=10_000)
    assert "Nothing was deleted" in window.ui.messageLabel.text()
    assert key_file.read_bytes() == damaged
    assert VaultPaths(locked_vault).database.exists()


def test_ctrl_l_locks_drops_the_store_and_clears_our_clipboard(  # type: ignore[no-untyped-def]
    qtbot: QtBot, unlocked, session
) -> None:
    window = unlocked.main_window
    unlocked.clipboard.copy("1234-5678901")
    qtbot.keyClick(window.youth_page.search_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: unlocked.unlock_window is not None, timeout=10_000)
    assert session.locked
    assert session._keys is None  # the keys are dropped with the store
    assert unlocked.session is None and unlocked.main_window is None
    assert QGuiApplication.clipboard().text() == ""


def test_lock_leaves_the_users_own_clipboard_alone(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    unlocked.clipboard.copy("1234-5678901")
    QGuiApplication.clipboard().setText("copied from another app")
    unlocked.lock()
    qtbot.waitUntil(lambda: session.locked, timeout=10_000)
    assert QGuiApplication.clipboard().text() == "copied from another app"


def test_auto_lock_after_idle(qtbot: QtBot, make_controller, session) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller(idle_ms=300)
    controller.open_session(session)
    with qtbot.waitSignal(controller.broadcast.vault_locked, timeout=5_000):
        pass
    qtbot.waitUntil(lambda: session.locked and controller.unlock_window is not None)


def test_privacy_key_blanks_and_restores(qtbot: QtBot, unlocked) -> None:  # type: ignore[no-untyped-def]
    window = unlocked.main_window
    page = window.youth_page
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(page.search_edit, Qt.Key.Key_H, keys)
    assert window.screen_hidden
    assert window.screen_stack.currentWidget() is window.privacy_screen
    # The way back stays in sight: the menu (Vault > Hide screen, checked) and a button that
    # says what it does; nothing about anyone is shown, not even the status bar's counts.
    assert window.menuBar().isVisible() and window.privacy_action.isChecked()
    assert not window.new_youth_action.isEnabled()
    assert not window.statusBar().isVisible()
    assert "Ctrl+Shift+H" in window.privacy_screen.hint.text()
    assert window.privacy_screen.show_button.hasFocus()
    qtbot.keyClick(window.privacy_screen.show_button, Qt.Key.Key_Space)
    assert not window.screen_hidden and window.statusBar().isVisible()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_H, keys)
    qtbot.keyClick(window.privacy_screen, Qt.Key.Key_H, keys)
    assert not window.screen_hidden


def test_privacy_key_works_over_a_modal_dialog(qtbot: QtBot, unlocked) -> None:  # type: ignore[no-untyped-def]
    window = unlocked.main_window
    window.youth_page.add_youth()
    editor = window.youth_page.editor
    qtbot.waitUntil(editor.isVisible)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor.ui.givenNameEdit, Qt.Key.Key_H, keys)
    assert window.screen_hidden
    assert not editor.isVisible()
    qtbot.keyClick(window.privacy_screen, Qt.Key.Key_H, keys)
    assert editor.isVisible()
    assert editor.ui.givenNameEdit.text() == ""  # the key was not typed into the field


def test_hidden_screen_refuses_content_shortcuts(qtbot: QtBot, unlocked) -> None:  # type: ignore[no-untyped-def]
    window = unlocked.main_window
    window.set_screen_hidden(True)
    qtbot.keyClick(window.privacy_screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.youth_page.editor is None
    window.set_screen_hidden(False)
    assert window.new_youth_action.isEnabled()


def test_closing_the_main_window_quits_and_locks(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(unlocked.finished, timeout=5_000):
        unlocked.main_window.close()
    assert session.locked


def test_escape_does_not_close_the_unlock_window(
    qtbot: QtBot, make_controller, locked_vault
) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    window = controller.start()
    with qtbot.assertNotEmitted(window.quit_requested):
        qtbot.keyClick(window.ui.passphraseEdit, Qt.Key.Key_Escape)
    assert window.isVisible()
    with qtbot.waitSignal(controller.finished):
        window.ui.quitButton.click()


def test_settings_save_auto_lock_and_show_machine_values_locked(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, tmp_path: Path, config
) -> None:
    user_file = tmp_path / "user.toml"
    controller = make_controller()
    controller.config = config.replace(user_file=user_file, locked=frozenset({"language"}))
    controller.open_session(session)
    page = controller.main_window.settings_page
    assert not page.language.isEnabled()  # set by the machine configuration
    assert page.language.accessibleDescription()
    page.auto_lock.setValue(5)
    page.save_button.click()
    qtbot.waitUntil(lambda: "Saved" in page.status.text(), timeout=5_000)
    assert "auto_lock_minutes = 5" in user_file.read_text(encoding="utf-8")
    assert "language" not in user_file.read_text(encoding="utf-8")
    assert controller.monitor.idle_ms == 5 * 60_000
    assert "after 5 min idle" in controller.main_window.lock_status.text()


def test_first_run_refuses_standalone_when_the_county_forbids_it(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, config, data_dir: Path
) -> None:
    controller = make_controller()
    controller.config = config.replace(allow_standalone=False)
    window = controller.start()
    qtbot.keyClicks(window.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClicks(window.ui.confirmEdit, PASSPHRASE)
    assert not window.ui.createButton.isEnabled()
    assert "enrolled" in window.ui.messageLabel.text()
    qtbot.keyClick(window.ui.confirmEdit, Qt.Key.Key_Return)
    assert not VaultPaths(data_dir).exists()


def test_a_damaged_page_is_said_after_unlock_and_nothing_is_deleted(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, locked_vault: Path
) -> None:
    """The background page check after unlock finds a page that no screen has read yet."""
    from csec_desktop.services.vault_session import VaultSession
    from tests.reliability.sync_support import make_youth

    with VaultSession.open(locked_vault, PASSPHRASE) as filling:
        filling.store.save_many([make_youth(n) for n in range(400)], actor="cw")
    database = VaultPaths(locked_vault).database
    raw = bytearray(database.read_bytes())
    raw[len(raw) - 100] ^= 0x10  # the last page
    database.write_bytes(bytes(raw))

    controller = make_controller()
    controller.open_session(VaultSession.open(locked_vault, PASSPHRASE))
    qtbot.waitUntil(lambda: controller.damage_box is not None, timeout=10_000)
    box = controller.damage_box
    assert box.isVisible() and box.parent() is controller.main_window
    assert "damaged" in box.text() and "Nothing will be sent" in box.text()
    assert database.stat().st_size == len(raw)


def test_a_sound_vault_shows_no_damage_warning(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: session.store.pages_checked, timeout=10_000)
    unlocked.runner.wait_for_done(5_000)
    assert unlocked.damage_box is None and session.store.damage is None
