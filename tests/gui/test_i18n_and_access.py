"""Spanish, compiled forms and translations up to date, and every input named for screen readers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csec_desktop.domain import PlacementType
from csec_desktop.gui.common.labels import placement_label
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.unlock import UnlockWindow
from tools import compile_forms, translations

INPUTS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # QSpinBox, QDateEdit, QDateTimeEdit
    QAbstractButton,  # push buttons, check boxes, radio buttons
    QAbstractItemView,  # lists and tables
)


@pytest.fixture
def spanish(qapp: QApplication, english: Translations) -> Iterator[None]:
    spanish = Translations()
    assert spanish.install(qapp, "es")
    yield
    spanish.install(qapp, "en")
    english.install(qapp, "en")


def unnamed_inputs(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in root.findChildren(QWidget)
        if isinstance(w, INPUTS)
        and w.isVisibleTo(root)
        and not w.accessibleName().strip()
        and not isinstance(w.parentWidget(), QAbstractSpinBox)  # its own editor: one control
    ]


def test_compiled_forms_are_up_to_date() -> None:
    assert compile_forms.stale_forms() == [], "run `make forms`"


def test_spanish_translation_is_complete_and_compiled() -> None:
    assert translations.main(["--check"]) == 0, "run `make translations`"


def test_windows_speak_spanish(qtbot: QtBot, spanish: None, access, runner, locked_vault) -> None:  # type: ignore[no-untyped-def]
    window = UnlockWindow(access, runner)
    qtbot.addWidget(window)
    assert window.ui.unlockButton.text() == "&Desbloquear"
    assert window.ui.titleLabel.text() == "Desbloquee su bóveda"
    assert placement_label(PlacementType.FOSTER_FAMILY) == "Familia de crianza"


def test_every_input_has_an_accessible_name(qtbot: QtBot, make_controller, unlocked) -> None:  # type: ignore[no-untyped-def]
    screens: list[QWidget] = []
    first_run = make_controller().show_first_run()
    screens.append(first_run)
    unlock = make_controller().show_unlock()
    screens.append(unlock)
    main = unlocked.main_window
    screens.append(main)
    main.youth_page.add_youth()
    screens.append(main.youth_page.editor)
    for index in range(main.pages.count()):
        main.sections.setCurrentRow(index)
        assert unnamed_inputs(main) == [], main.pages.currentWidget().accessibleName()
    for screen in screens:
        assert unnamed_inputs(screen) == [], screen.objectName()
    main.youth_page.editor.reject()


def test_field_errors_speak_spanish(qtbot: QtBot, spanish: None, unlocked) -> None:  # type: ignore[no-untyped-def]
    """A validation problem reaches a Spanish-speaking caseworker in Spanish: the rule and its
    bound come from the core as data and are worded by the GUI (never pydantic's English)."""
    from tests.gui.test_youth import fill, open_editor, save_button

    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    fill(qtbot, editor, birth="01/01/2099", client_id="A/1")
    save_button(editor).click()
    text = editor.ui.errorLabel.text()
    assert "Use solo letras, dígitos y guiones." in text
    assert "La fecha de nacimiento está en el futuro." in text
    assert "should" not in text and "future" not in text  # nothing left in English
    editor.reject()
