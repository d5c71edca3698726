"""The app fits a 1024×768 screen in Spanish (the longer language), at 100 % and at 200 %: no
window or section asks for more room than that, so nothing is cut off or pushed off screen.

Each scale runs in its own process (Qt reads the scale factor once, at start). Sizes are in
logical pixels, the unit the screen's size is in at any scale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WIDTH, HEIGHT = 1024, 768
TASKBAR = 48  # a desktop keeps part of the height for its taskbar and the window's title bar

SCRIPT = r"""
import json, sys, tempfile
from pathlib import Path
from datetime import date
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from csec_desktop.config import AppConfig
from csec_desktop.domain import Youth
from csec_desktop.gui.application import AppController
from csec_desktop.gui.common.theme import LIGHT, apply_theme
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.vault_access import VaultAccess
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.services.youth import YouthService
from csec_desktop.vault import FLOOR_KDF_PARAMS

app = QApplication(["csec-desktop"])
apply_theme(app, LIGHT)
translations = Translations()
translations.install(app, "es")
tmp = Path(tempfile.mkdtemp())
access = VaultAccess(tmp / "vault", kdf_params=FLOOR_KDF_PARAMS)
config = AppConfig(county="Fresno", language="es", user_file=tmp / "user.toml")
sizes = {}

def measure(name, widget):
    QCoreApplication.processEvents()
    hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    sizes[name] = [hint.width(), hint.height()]

controller = AppController(access, config, translations=translations)
measure("first run", controller.show_first_run())
controller.first_run_window.hide()
session = VaultSession.create(
    tmp / "vault", "a passphrase for the test", kdf_params=FLOOR_KDF_PARAMS
)
youth = YouthService(session.store, actor="cw").create(Youth(
    given_name="Ana DEMO", family_name="Ruiz DEMO", date_of_birth=date(2010, 1, 2), county="Fresno"
)).youth
controller.open_session(session)
main = controller.main_window
for index in range(main.sections.count()):
    main.sections.setCurrentRow(index)
    measure("main window: " + main.sections.item(index).text(), main)
# Its labels do not wrap: a status bar wider than the screen cuts the last one off.
measure("status bar", main.statusBar())
# The youth's page with a youth on it: a screening that identified her, her identification,
# a missing episode (every panel of the page filled).
from datetime import UTC, datetime, timedelta
from tests.gui.casework_support import complete_answers
work = controller.casework
first = work.screenings.start(youth.id, "ca-csec-eligibility-risk")
answers = complete_answers(
    work.screenings.instrument_for(first),
    paid_for_sexual_acts="yes", exploitation_timing=["before_care"], exploitation_current="no",
)
work.screenings.submit(work.screenings.confirm(work.screenings.answer(first, answers)))
work.missing.start(youth.id, datetime.now(UTC) - timedelta(hours=3))
page = main.youth_page
main.sections.setCurrentRow(main.pages.indexOf(page))
page.show_youth(youth.id)
import time
from PySide6.QtCore import QThread
deadline = time.monotonic() + 60  # the page is read on the database lane: wait for it
while time.monotonic() < deadline:
    QCoreApplication.processEvents()
    if page.casework.identifications.list.count() and page.casework.screenings.list.count():
        break
    QThread.msleep(10)
assert page.casework.identifications.list.count() == 1, "the youth's page was not read"
measure("main window: a youth's page", main)
page = main.youth_page
page.add_youth()
measure("youth editor", page.editor)
page.editor.reject()
main.sections.setCurrentRow(main.pages.indexOf(main.education_page))
main.education_page.session_button.click()
measure("session editor", main.education_page.editor)
main.education_page.editor.reject()
casework = controller.casework
screening = casework.screenings.start(youth.id, "ca-csec-eligibility-risk")
page.casework.screenings.show_overview(casework.youth.overview(youth.id))
page.casework.screenings.show_wizard(casework.screenings.open(screening.id))
wizard = page.casework.screenings.wizard
measure("screening wizard", wizard)
wizard.reject()
controller.quit()
print(json.dumps(sizes))
"""


@pytest.mark.parametrize("scale", ["1", "2"])
def test_every_window_fits_1024_by_768_in_spanish(tmp_path: Path, scale: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config-home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2_000:]  # why, when the measuring script fails
    sizes = json.loads(done.stdout.splitlines()[-1])
    assert len(sizes) >= 10  # every section and the dialogs were measured
    too_big = {
        name: size for name, size in sizes.items() if size[0] > WIDTH or size[1] > HEIGHT - TASKBAR
    }
    assert too_big == {}
