"""Every input a caseworker reaches is named for screen readers: a walk through every page of
the screening wizard (shipped default instrument, follow-ups revealed, and the summary: each
answer control's name carries its question, each question's answers are a named group) and
every dialog — start screening, mark done, the missing-episode dialogs, the education session
and training editors, enrollment on first run, and the youth editor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from csec_desktop.instruments import ResponseType
from tests.gui.casework_support import add_youth, answer_in_wizard, casework_for, show_youth
from tests.gui.test_i18n_and_access import unnamed_inputs
from tests.gui.test_screening_wizard import close_wizard, start_from_youth_page

# Answers that open the follow-up questions of the default instrument.
_REVEALING = {
    ResponseType.YES_NO_UNKNOWN: "yes",
    ResponseType.CONCERN: "clear_concern",
}


def test_every_wizard_page_names_its_inputs(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    page = show_youth(qtbot, unlocked)
    panel = page.casework.screenings
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.start_dialog is not None, timeout=10_000)
    dialog = panel.start_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert unnamed_inputs(dialog) == [], "start screening dialog"
    dialog.reject()
    qtbot.waitUntil(lambda: panel.start_dialog is None or not panel.start_dialog.isVisible())

    wizard = start_from_youth_page(qtbot, unlocked)
    for _ in range(3):  # an answer may reveal more follow-ups
        for item_id, editor in wizard.editors.items():
            answer = _REVEALING.get(editor.item.type)
            if answer is not None and not editor.isHidden() and editor.value() is None:
                answer_in_wizard(qtbot, wizard, item_id, answer)
    named = 0
    for index in range(wizard.section_list.count()):
        wizard.section_list.setCurrentRow(index)
        assert wizard.current_index == index
        assert unnamed_inputs(wizard) == [], wizard.section_list.item(index).text()
        if wizard.on_summary:
            continue
        # A name is not enough: each answer control is announced with its question, and the
        # answers of a question form a group named by it.
        for editor in wizard.section_pages[index].editors:
            if editor.isHidden():
                continue
            question = editor.question
            inputs = [editor.line_edit, editor.text_edit, *editor._buttons.values()]
            for control in (c for c in inputs if c is not None):
                assert question in control.accessibleName(), (question, control.accessibleName())
                named += 1
            if editor._buttons:
                assert editor.answers.accessibleName() == question
                for answer, button in editor._buttons.items():
                    assert button.text() in button.accessibleName(), answer
    assert named > 100  # every answer control of the shipped screen was walked
    assert wizard.on_summary
    summary = wizard.summary_page
    qtbot.waitUntil(lambda: getattr(wizard, "summary_ready_count", 0) > 0, timeout=10_000)
    combo = summary.category_combo
    combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())  # an override
    assert summary.reason_edit.isVisibleTo(wizard)
    assert unnamed_inputs(wizard) == [], "summary with an override"
    close_wizard(qtbot, unlocked)


def test_every_dialog_names_its_inputs(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework_for(session).missing.start(youth.id, datetime.now(UTC) - timedelta(hours=3))
    main = unlocked.main_window

    # Missing episode: report, and the time the youth came back.
    page = show_youth(qtbot, unlocked)
    missing = page.casework.missing
    for button in (missing.report_button, missing.end_button):
        button.click()
        qtbot.waitUntil(lambda: missing.dialog is not None and missing.dialog.isVisible())
        assert unnamed_inputs(missing.dialog) == [], missing.dialog.windowTitle()
        missing.dialog.reject()
        qtbot.waitUntil(lambda: not missing.dialog.isVisible())

    # Youth editor, for an existing youth.
    page.detail.edit_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    assert unnamed_inputs(page.editor) == [], "youth editor"
    page.editor.reject()

    # Mark an obligation done.
    main.sections.setCurrentRow(main.pages.indexOf(main.obligations_page))
    view = main.obligations_page
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)  # police and NCMEC
    view.table.selectRow(0)
    view.mark_button.click()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible())
    assert unnamed_inputs(view.dialog) == [], "mark done"
    view.dialog.reject()

    # Education: the session editor and the training editor.
    main.sections.setCurrentRow(main.pages.indexOf(main.education_page))
    education = main.education_page
    for button in (education.session_button, education.training_button):
        button.click()
        editor = education.editor
        qtbot.waitUntil(editor.isVisible)
        assert unnamed_inputs(editor) == [], editor.windowTitle()
        with qtbot.waitSignal(editor.finished, timeout=5_000):
            editor.reject()

    # Settings: the change-passphrase inputs.
    main.sections.setCurrentRow(main.pages.indexOf(main.settings_page))
    assert unnamed_inputs(main.settings_page) == [], "settings"


def test_enrollment_on_first_run_names_its_inputs(qtbot: QtBot, make_controller, config) -> None:  # type: ignore[no-untyped-def]
    controller = make_controller()
    controller.config = config.replace(server_url="https://county.invalid")
    window = controller.show_first_run()
    assert window.ui.enrollRadio.isChecked() and window.ui.codeEdit.isEnabled()
    assert unnamed_inputs(window) == [], "enrollment"
    window.ui.standaloneRadio.setChecked(True)
    assert unnamed_inputs(window) == [], "standalone"
