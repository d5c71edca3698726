"""The app under a kill: ``python -m tests.gui.autosave_child DATA_DIR`` (test_autosave_kill.py).

Runs the real app controller offscreen on DATA_DIR: reads the passphrase from stdin (never the
command line), unlocks through the unlock window, finds the youth named ``FAMILY``, starts a
screening in the wizard, answers the first page by clicking and typing, waits until the wizard's
save indicator says the answers are saved, prints ``saved <answers as JSON>`` and keeps running
until the parent kills it. Anything unexpected prints ``error ...`` and exits 1.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from csec_desktop.config import AppConfig
from csec_desktop.gui.application import AppController
from csec_desktop.gui.vault_access import VaultAccess
from csec_desktop.vault import FLOOR_KDF_PARAMS

FAMILY = "Okafor"
DEADLINE_S = 60.0


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            print(f"error timed out waiting for {what}", flush=True)
            raise SystemExit(1)
        QCoreApplication.processEvents()
        QThread.msleep(5)  # the child's own pace; the test itself never sleeps


def main(data_dir: Path) -> int:
    passphrase = sys.stdin.readline().rstrip("\n")
    app = QApplication(["csec-autosave-child"])
    app.setQuitOnLastWindowClosed(False)
    config = AppConfig(county="Fresno", user_file=data_dir.parent / "user.toml")
    access = VaultAccess(data_dir, kdf_params=FLOOR_KDF_PARAMS, actor="caseworker")
    controller = AppController(access, config)
    controller.start()
    unlock = controller.unlock_window
    assert unlock is not None
    QTest.keyClicks(unlock.ui.passphraseEdit, passphrase)
    unlock.ui.unlockButton.click()
    wait_for(lambda: controller.main_window is not None, "the main window")
    main_window = controller.main_window
    assert main_window is not None
    page = main_window.youth_page
    QTest.keyClicks(page.search_edit, FAMILY)
    wait_for(lambda: page.model.rowCount() == 1, "the youth in the list")
    page.table.selectRow(0)
    wait_for(lambda: page.detail.edit_button.isEnabled(), "the youth's page")
    assert page.casework is not None
    panel = page.casework.screenings
    panel.start_button.click()
    wait_for(lambda: panel.start_dialog is not None, "the start screening dialog")
    assert panel.start_dialog is not None
    panel.start_dialog.accept()
    wait_for(lambda: panel.wizard is not None and panel.wizard.isVisible(), "the wizard")
    wizard = panel.wizard
    assert wizard is not None
    for _ in range(2):  # answer two pages as a caseworker does: clicks, typing, Next
        for editor in wizard.section_pages[wizard.current_index].editors:
            if editor.isHidden():
                continue
            if editor.line_edit is not None:
                QTest.keyClicks(editor.line_edit, "3")
            elif editor._buttons:
                editor.button(list(editor._buttons)[-1]).click()
        wizard.next_button.click()
    wait_for(lambda: wizard.answers, "an answer")
    wait_for(
        lambda: wizard.save_label.text().startswith("Saved") and not wizard.has_unsaved,
        "the save indicator to say saved",
    )
    print("saved " + json.dumps(wizard.answers, sort_keys=True), flush=True)
    return app.exec()  # until killed


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
