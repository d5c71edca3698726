"""Setting up and getting back in: the language chosen at first run, at unlock or in Settings and
switched at once; a forgotten passphrase met with what county IT can do; and a standalone laptop
enrolled later, from Settings, against a real county server."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csec_desktop.config import AppConfig
from csec_desktop.gui.i18n import Translations
from csec_desktop.store import sync_state as ss
from tests.gui.conftest import PASSPHRASE
from tests.gui.sync_fixtures import county_server, new_code, quick_settings

__all__ = ["county_server"]


@pytest.fixture
def back_to_english(qapp: QApplication, english: Translations) -> Iterator[None]:
    yield
    english.install(qapp, "en")


def _choose(combo, code: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(code))


def test_the_language_chosen_at_unlock_applies_at_once_and_is_kept(
    qtbot: QtBot, make_controller, locked_vault, tmp_path: Path, back_to_english
) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    controller.config = AppConfig(county="Fresno", user_file=tmp_path / "user.toml")
    window = controller.show_unlock()
    assert window.ui.unlockButton.text() == "&Unlock"
    _choose(window.ui.languageCombo, "es")
    # The same window, now in Spanish (Qt delivers the language change as an event).
    qtbot.waitUntil(lambda: window.ui.unlockButton.text() == "&Desbloquear", timeout=5_000)
    assert window.ui.titleLabel.text() == "Desbloquee su bóveda"
    qtbot.waitUntil(lambda: (tmp_path / "user.toml").exists(), timeout=5_000)
    saved = tomllib.loads((tmp_path / "user.toml").read_text(encoding="utf-8"))
    assert saved["language"] == "es"  # the next start opens in Spanish too

    qtbot.keyClicks(window.ui.passphraseEdit, PASSPHRASE)
    window.ui.unlockButton.click()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=10_000)
    main = controller.main_window
    assert main.sections.item(0).text().startswith("Hoy")


def test_the_language_switched_in_settings_rebuilds_the_window_where_it_was(
    qtbot: QtBot, make_controller, session, tmp_path: Path, back_to_english
) -> None:  # type: ignore[no-untyped-def]
    unlocked = make_controller()
    unlocked.config = AppConfig(county="Fresno", user_file=tmp_path / "user.toml")
    unlocked.open_session(session)
    main = unlocked.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.settings_page))
    _choose(main.settings_page.language, "es")
    main.settings_page.save()
    qtbot.waitUntil(lambda: unlocked.main_window is not main, timeout=10_000)
    rebuilt = unlocked.main_window
    assert rebuilt.pages.currentWidget() is rebuilt.settings_page  # still in Settings
    assert rebuilt.sections.item(0).text().startswith("Hoy")
    assert unlocked.casework.screenings.language == "es"  # instrument texts follow


def test_first_run_offers_the_language_and_recommends_enrolling(
    qtbot: QtBot, make_controller, back_to_english
) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    window = controller.show_first_run()
    assert window.ui.enrollRadio.isChecked()
    _choose(window.ui.languageCombo, "es")
    qtbot.waitUntil(lambda: window.ui.titleLabel.text() == "Bienvenido a CSEC Desktop")
    assert window.ui.enrollRadio.isChecked()  # the choice made survives the switch


def test_a_forgotten_passphrase_is_met_with_what_county_it_can_do(
    qtbot: QtBot, make_controller, locked_vault
) -> None:  # type: ignore[no-untyped-def]
    window = make_controller().show_unlock()
    window.ui.forgotButton.click()
    box = window.forgot_box
    qtbot.waitUntil(box.isVisible)
    said = box.text() + " " + box.informativeText()
    assert "county IT" in said and "recovery key" in said
    assert "deleted" in said  # nothing is lost by asking
    assert "Forgot" in box.windowTitle()
    box.accept()


def test_a_standalone_laptop_is_enrolled_later_from_settings(
    qtbot: QtBot, make_controller, session, county_server
) -> None:  # type: ignore[no-untyped-def]
    server, county = county_server
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    settings = main.settings_page
    main.sections.setCurrentRow(main.pages.indexOf(settings))
    qtbot.waitUntil(lambda: settings.enroll_button.isEnabled(), timeout=10_000)
    assert "Standalone" in settings.server_status.text()

    settings.enroll_button.click()
    dialog = settings.enroll_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.server_edit, server.url)
    qtbot.keyClicks(dialog.code_edit, new_code(county))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: controller.main_window is not main, timeout=20_000)
    assert session.store.get_meta(ss.META_DEVICE_TOKEN)  # kept inside the encrypted vault
    rebuilt = controller.main_window
    qtbot.waitUntil(lambda: not rebuilt.settings_page.enroll_button.isVisible(), timeout=20_000)
    assert "enrolled" in rebuilt.settings_page.server_status.text()
