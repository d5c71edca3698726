"""The screening wizard: pages from the instrument, skip logic, autosave and resume, submit
blocked while incomplete, the override reason, and submission creating obligations."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csec_desktop.domain import CsecCategory, ObligationKind, ScreeningContext, ScreeningStatus
from csec_desktop.gui.screening.wizard import ScreeningWizard
from csec_desktop.instruments import InstrumentRegistry
from tests.gui.casework_support import (
    DEFAULT_INSTRUMENT,
    add_youth,
    answer_every_required,
    answer_in_wizard,
    casework_for,
    show_youth,
)


def start_from_youth_page(qtbot: QtBot, controller) -> ScreeningWizard:  # type: ignore[no-untyped-def]
    page = show_youth(qtbot, controller)
    panel = page.casework.screenings
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.start_dialog is not None, timeout=10_000)
    dialog = panel.start_dialog
    combo = dialog.ui.instrumentCombo
    combo.setCurrentIndex(
        next(
            i for i in range(combo.count()) if combo.itemData(i).instrument_id == DEFAULT_INSTRUMENT
        )
    )
    assert dialog.context is ScreeningContext.ROUTINE
    assert dialog.ui.disclaimerLabel.text()  # the shipped screen is not a validated tool
    dialog.accept()
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    wizard = panel.wizard
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


def close_wizard(qtbot: QtBot, controller) -> None:  # type: ignore[no-untyped-def]
    panel = controller.main_window.youth_page.casework.screenings
    panel.wizard.reject()
    qtbot.waitUntil(lambda: panel.wizard is None, timeout=10_000)


class WindowsShown(QObject):
    """Records every top-level window shown while it is installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.details: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
            self.details.append(
                f"{type(watched).__name__}:{watched.objectName()}:{type(watched.parent()).__name__}"
            )
        return False


def test_wizard_opens_on_its_first_page_and_builds_the_rest_after_it_is_shown(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    """Opening a screening builds only the page it opens on; the others follow one per event-loop
    turn (bench/bench_gui.py: the GUI thread is never held for the whole instrument). Meanwhile
    no window but the wizard appears and it keeps the keyboard focus."""
    add_youth(session)
    page = show_youth(qtbot, unlocked)
    panel = page.casework.screenings
    panel.start_button.click()
    qtbot.waitUntil(lambda: panel.start_dialog is not None, timeout=10_000)
    windows = WindowsShown()
    QApplication.instance().installEventFilter(windows)
    try:
        built_when_shown: list[bool] = []
        panel.wizard_opened.connect(  # at once, before the event loop runs again
            lambda opened: built_when_shown.extend(p.built for p in opened.section_pages)
        )
        with qtbot.waitSignal(panel.wizard_opened, timeout=10_000) as opened:
            panel.start_dialog.accept()
        wizard: ScreeningWizard = opened.args[0]
        assert built_when_shown[:2] == [True, False]
        assert wizard.isVisible()
        wizard.activateWindow()
        qtbot.waitUntil(lambda: all(p.built for p in wizard.section_pages), timeout=10_000)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    finally:
        QApplication.instance().removeEventFilter(windows)
    assert windows.shown == ["ScreeningWizard"], windows.details
    assert wizard.isAncestorOf(QApplication.focusWidget())


def test_tab_goes_from_the_sections_through_the_questions_to_the_buttons(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    """Pages built after the wizard is shown still sit between the section list and the buttons
    in the Tab order (Qt appends new widgets to the end of the focus chain)."""
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    qtbot.waitUntil(lambda: all(p.built for p in wizard.section_pages), timeout=10_000)
    for index in (wizard.visible_sections()[0], wizard.visible_sections()[2]):
        wizard._go_to(index)
        page = wizard.section_pages[index]
        wizard.section_list.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.section_list)
        seen = []
        for _ in range(60):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            focused = QApplication.focusWidget()
            if not page.isAncestorOf(focused):
                break
            seen.append(focused)
        assert seen, f"Tab from the section list did not reach page {index}'s questions"
        assert focused in (wizard.back_button, wizard.next_button), type(focused).__name__


def test_wizard_builds_every_section_and_follows_skip_logic(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    instrument = InstrumentRegistry.for_data_dir(session.paths.data_dir).latest(DEFAULT_INSTRUMENT)
    assert wizard.windowTitle() == "Screening"  # never the youth's name
    assert [p.section.id for p in wizard.section_pages] == [s.id for s in instrument.sections]
    assert wizard.section_list.count() == len(instrument.sections) + 1  # and the summary
    assert set(wizard.editors) == {item.id for item in instrument.items()}
    required = wizard.editors["induced_commercial_sex"]
    assert required.label.text().endswith(" *") and "Required" in required.tags.text()

    # A follow-up appears when an answer calls for it and goes away when it no longer does.
    follow_up = wizard.editors["exploitation_timing"]
    assert follow_up.isHidden()
    answer_in_wizard(qtbot, wizard, "induced_commercial_sex", "yes")
    assert not follow_up.isHidden()
    answer_in_wizard(qtbot, wizard, "induced_commercial_sex", "no")
    assert follow_up.isHidden()

    # Alt+N / Alt+B move through the visible sections; Ctrl+Enter goes to the summary.
    assert wizard.current_index == 0
    qtbot.keyClick(wizard, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.current_index == 1)  # a mnemonic clicks after a short flash
    assert "Section 2 of" in wizard.position_label.text()
    assert "sections done" in wizard.position_label.text()
    qtbot.keyClick(wizard, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.current_index == 0)
    qtbot.keyClick(wizard, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.on_summary
    assert wizard.summary_page.missing_list.count() > 0
    assert "blocked" in wizard.summary_page.blocked_label.text()
    close_wizard(qtbot, unlocked)


def test_ctrl_enter_before_the_summary_is_built_builds_and_shows_it(
    qtbot: QtBot, unlocked, session, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The summary is built after the wizard is shown (so opening does not hold the GUI thread)
    or when first asked for. A screener who presses Ctrl+Enter before the background builder got
    there gets the summary at once, with what is missing listed, and nothing is submitted."""
    # The builder stands still: every page and the summary exist only if something asks.
    monkeypatch.setattr(ScreeningWizard, "_build_next_page", lambda self: None)
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    assert wizard._summary_page is None  # not built by the opening
    qtbot.keyClick(wizard, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.on_summary and wizard.pages.currentWidget() is wizard.summary_page
    qtbot.keyClick(wizard, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    summary = wizard.summary_page
    assert "Not submitted" in summary.message.text()
    assert summary.missing_list.count() == len(wizard.missing_required()) > 0
    assert casework_for(session).screenings.get(wizard.screening.id).status is ScreeningStatus.DRAFT
    close_wizard(qtbot, unlocked)


def test_autosave_survives_closing_and_the_youth_page_offers_to_resume(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    screening_id = wizard.screening.id
    with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
        answer_in_wizard(qtbot, wizard, "ever_missing", "yes")
        assert "Unsaved" in wizard.save_label.text()
    assert wizard.save_label.text().startswith("Saved at")
    answer_in_wizard(qtbot, wizard, "missing_episodes_past_year", 3)
    close_wizard(qtbot, unlocked)  # closing saves what the debounce had not sent yet
    saved = casework_for(session).screenings.get(screening_id)
    assert saved.answers["ever_missing"] == "yes"
    assert saved.answers["missing_episodes_past_year"] == 3

    page = unlocked.main_window.youth_page
    panel = page.casework.screenings
    qtbot.waitUntil(lambda: panel.resume_frame.isVisible(), timeout=10_000)
    assert "not finished" in panel.resume_label.text()
    panel.start_button.click()  # Start screening… asks first
    qtbot.waitUntil(lambda: panel.resume_prompt is not None and panel.resume_prompt.isVisible())
    panel._resume_choice.click()
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    resumed = panel.wizard
    assert resumed.screening.id == screening_id
    assert resumed.editors["ever_missing"].button("yes").isChecked()
    assert resumed.editors["missing_episodes_past_year"].line_edit.text() == "3"
    assert not resumed.editors["missing_overnight"].isHidden()
    resumed.reject()


def test_submit_is_blocked_then_needs_a_reason_for_an_override_then_creates_obligations(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    summary = wizard.summary_page
    wizard.submit()  # from a section: shows the summary first
    assert wizard.on_summary and summary.message.isHidden()
    wizard.submit()
    assert "Not submitted" in summary.message.text()
    assert summary.missing_list.count() == len(wizard.missing_required()) > 0

    answer_every_required(qtbot, wizard, induced_commercial_sex="yes")
    wizard.submit()  # goes to the summary; the proposal is worked out off the GUI thread
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    assert summary.proposed is not None and summary.proposed.is_victim
    assert "Report the identified victim to law enforcement" in summary.obligations.text()
    assert summary.missing_list.isHidden()

    summary.category_combo.setCurrentIndex(summary.category_combo.findData(CsecCategory.AT_RISK))
    assert summary.reason_edit.isVisible()
    wizard.submit()
    assert "Write the reason" in summary.message.text()
    assert casework_for(session).screenings.get(wizard.screening.id).status is ScreeningStatus.DRAFT

    # Back to the proposal: no reason needed; submitting creates the 24-hour report.
    summary.category_combo.setCurrentIndex(summary.category_combo.findData(summary.proposed))
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        qtbot.keyClick(wizard, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert wizard.read_only
    kinds = {o.kind for o in wizard.result_obligations}
    assert ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT in kinds
    assert "Submitted for supervisor review" in summary.message.text()
    wizard.reject()

    main = unlocked.main_window
    view = main.obligations_page
    main.sections.setCurrentRow(main.pages.indexOf(view))  # the caseworker opens Obligations
    qtbot.waitUntil(lambda: view.model.rowCount() == len(kinds), timeout=10_000)
    first = view.model.row_at(0).obligation
    assert first.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT  # 24-hour clocks first
    assert view.model.row_at(0).youth_name.startswith("Okafor DEMO")


def test_override_with_a_reason_is_kept(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    summary = wizard.summary_page
    answer_every_required(qtbot, wizard)
    wizard.submit()
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    assert summary.proposed is CsecCategory.NOT_IDENTIFIED
    summary.category_combo.setCurrentIndex(summary.category_combo.findData(CsecCategory.AT_RISK))
    qtbot.keyClicks(summary.reason_edit, "Disclosed to the school counselor DEMO.")
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    saved = casework_for(session).screenings.get(wizard.screening.id)
    assert saved.determination.category is CsecCategory.AT_RISK
    assert saved.determination.override_reason == "Disclosed to the school counselor DEMO."
    wizard.reject()
