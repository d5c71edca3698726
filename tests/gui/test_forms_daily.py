"""Forms a caseworker fills every day: every problem at once and at its field, a fixed problem
gone as soon as it is fixed, and required choices that start empty instead of guessed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csec_desktop.domain.education import SessionAudience
from tests.gui.test_youth import open_editor, save_button


def test_the_youth_editor_shows_every_problem_at_once_under_its_field(
    qtbot: QtBot, unlocked
) -> None:  # type: ignore[no-untyped-def]
    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    ui = editor.ui
    # A new youth: the placement is not guessed (and the county comes from the configuration).
    assert ui.placementCombo.currentIndex() == -1
    assert ui.placementCombo.placeholderText() == "Choose the placement"
    qtbot.keyClicks(ui.familyNameEdit, "Quintero DEMO")
    qtbot.keyClicks(ui.birthDateEdit, "17.05.2010")
    qtbot.keyClicks(ui.clientIdEdit, "A/1")
    save_button(editor).click()
    assert editor.isVisible()
    shown = {
        "given name": ui.givenNameError,
        "birth date": ui.birthDateError,
        "client id": ui.clientIdError,
        "placement": ui.placementError,
    }
    for what, label in shown.items():
        assert label.isVisible() and label.text(), what
    assert "MM/DD/YYYY" in ui.birthDateError.text()
    assert ui.placementError.text() == "Choose the placement."
    assert "letters, digits" in ui.clientIdError.text().lower()
    assert not ui.familyNameError.isVisible()  # a good field says nothing
    assert len(ui.errorLabel.text().splitlines()) == 4  # and the list, for screen readers
    assert editor.focusWidget() is ui.givenNameEdit  # the first problem, top to bottom
    assert ui.givenNameEdit.property("invalid") is True

    # Fixing one clears that one at once; the others stay until they are fixed too.
    qtbot.keyClicks(ui.givenNameEdit, "Paloma DEMO")
    assert not ui.givenNameError.isVisible() and ui.givenNameEdit.property("invalid") is False
    assert ui.birthDateError.isVisible() and len(ui.errorLabel.text().splitlines()) == 3
    editor.reject()


def test_the_session_editor_starts_with_no_guessed_choices_and_drops_fixed_errors(
    qtbot: QtBot, unlocked
) -> None:  # type: ignore[no-untyped-def]
    main = unlocked.main_window
    page = main.education_page
    main.sections.setCurrentRow(main.pages.indexOf(page))
    page.session_button.click()
    editor = page.editor
    ui = editor.ui
    qtbot.waitUntil(editor.isVisible)
    assert ui.audienceCombo.currentIndex() == -1 and ui.settingCombo.currentIndex() == -1
    qtbot.keyClicks(ui.curriculumEdit, "My Life My Choice")
    ui.anonymousSpin.setValue(4)
    ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()
    assert editor.isVisible()
    text = ui.errorLabel.text()
    assert "Choose who attended." in text and "Choose where the session took place." in text
    assert ui.audienceCombo.property("invalid") is True

    # The caseworker chooses the audience: that problem goes, the others stay.
    ui.audienceCombo.setCurrentIndex(ui.audienceCombo.findData(SessionAudience.GROUP_HOME_YOUTH))
    ui.audienceCombo.activated.emit(ui.audienceCombo.currentIndex())  # what a choice sends
    assert ui.audienceCombo.property("invalid") is False
    assert "Choose who attended." not in ui.errorLabel.text()
    assert "Choose where the session took place." in ui.errorLabel.text()
    with qtbot.waitSignal(editor.finished, timeout=5_000, raising=False):
        editor.reject()
