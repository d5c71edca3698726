"""First run enrolls with a real county server and a real one-time code; a refused code leaves
the laptop untouched so the caseworker can try again."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from csec_desktop.services.sync import SyncService
from tests.gui.conftest import PASSPHRASE
from tests.gui.sync_fixtures import county_server, data_files, new_code, quick_settings

__all__ = ["county_server"]


def fill(qtbot: QtBot, window, code: str) -> None:  # type: ignore[no-untyped-def]
    ui = window.ui
    ui.codeEdit.setText(code)
    ui.passphraseEdit.clear()
    ui.confirmEdit.clear()
    qtbot.keyClicks(ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClicks(ui.confirmEdit, PASSPHRASE)


def test_enroll_from_first_run(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, config, county_server, data_dir: Path
) -> None:
    server, county = county_server
    controller = make_controller(sync_settings=quick_settings())
    controller.config = config.replace(server_url=server.url, locked=frozenset({"server_url"}))
    window = controller.start()
    ui = window.ui
    assert ui.enrollRadio.isChecked() and ui.serverUrlEdit.text() == server.url
    assert ui.serverUrlEdit.isReadOnly()  # set by the machine configuration
    fill(qtbot, window, "not-a-real-code")
    ui.createButton.click()
    qtbot.waitUntil(lambda: "did not accept" in ui.messageLabel.text(), timeout=20_000)
    assert controller.main_window is None
    assert "vault.db" not in " ".join(data_files(data_dir))  # untouched: nothing half set up
    fill(qtbot, window, new_code(county))
    ui.createButton.click()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=20_000)
    status = SyncService.for_session(controller.session).status()
    assert status.enrolled and status.server_url == server.url
    # From now on the audit log names the enrolled caseworker, not a generic local actor.
    assert controller.session.actor.startswith("cw")
    indicator = controller.main_window.sync_indicator
    qtbot.waitUntil(lambda: "last synced" in indicator.text().lower(), timeout=15_000)
