"""The side list's titles and counts are never cut ("Obligations (…" was, at 1100 px): in
English and Spanish, at 100 % and 200 %, with counts of two, three and four digits. Measured
as the view does: the width its rows ask for (the style sheet's font and padding included)
against the width they get.

Each case runs in its own process (Qt reads the scale factor once, at start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from csec_desktop.config import AppConfig
from csec_desktop.gui.application import AppController
from csec_desktop.gui.common.theme import LIGHT, apply_theme
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.vault_access import VaultAccess
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS

language = sys.argv[1]
app = QApplication(["csec-desktop"])
apply_theme(app, LIGHT)
translations = Translations()
translations.install(app, language)
tmp = Path(tempfile.mkdtemp())
access = VaultAccess(tmp / "vault", kdf_params=FLOOR_KDF_PARAMS)
config = AppConfig(county="Fresno", language=language, user_file=tmp / "user.toml")
controller = AppController(access, config, translations=translations)
session = VaultSession.create(
    tmp / "vault", "a passphrase for the test", kdf_params=FLOOR_KDF_PARAMS
)
controller.open_session(session)
main = controller.main_window
main.resize(1100, 700)
main.show()
while main.today_page.loaded_count == 0:  # its own counts first, then ours on top
    QCoreApplication.processEvents()
found = {}
for count in (31, 888, 1234):
    main._set_count(main.today_page, count)
    main._set_count(main.obligations_page, count)
    QCoreApplication.processEvents()
    sections = main.sections
    found[str(count)] = {
        "texts": [sections.item(i).text() for i in range(sections.count())],
        "needed": sections.sizeHintForColumn(0),
        "given": sections.viewport().width(),
    }
controller.quit()
print(json.dumps(found))
"""


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scale", ["1", "2"])
def test_section_titles_and_counts_are_never_cut(tmp_path: Path, scale: str, language: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config-home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, language],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2_000:]
    found = json.loads(done.stdout.splitlines()[-1])
    for count, shown in found.items():
        assert any(f"({count})" in text for text in shown["texts"])  # the count is in the list
        assert shown["needed"] <= shown["given"], (count, shown)
