"""Settings: change the passphrase off the GUI thread; a wrong current one is a plain message."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from csec_desktop.services.vault_session import VaultSession
from tests.gui.conftest import PASSPHRASE

NEW = "another quiet river at dawn"


def test_change_passphrase(qtbot: QtBot, unlocked, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    page = unlocked.main_window.settings_page
    qtbot.keyClicks(page.old_passphrase, "not the passphrase")
    qtbot.keyClicks(page.new_passphrase, NEW)
    assert not page.change_button.isEnabled()  # not confirmed yet
    qtbot.keyClicks(page.confirm_passphrase, NEW)
    assert page.change_button.isEnabled()
    page.change_button.click()
    assert page.old_passphrase.text() == "" and page.new_passphrase.text() == ""  # not kept
    qtbot.waitUntil(lambda: "not correct" in page.passphrase_status.text(), timeout=10_000)
    qtbot.keyClicks(page.old_passphrase, PASSPHRASE)
    qtbot.keyClicks(page.new_passphrase, NEW)
    qtbot.keyClicks(page.confirm_passphrase, NEW)
    page.change_button.click()
    qtbot.waitUntil(lambda: "Passphrase changed" in page.passphrase_status.text(), timeout=10_000)
    unlocked.lock()
    qtbot.waitUntil(lambda: unlocked.unlock_window is not None, timeout=10_000)
    VaultSession.open(data_dir, NEW).lock()
