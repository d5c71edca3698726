"""The youth's page after issue 12: the identification history (what, when the agency learned
it, the report made for it) with a "void identification" that needs a reason and strikes the
entry through (its open obligations voided with it, nothing erased), the status now apart from
the history, the jurisdiction in the youth editor, and the NCMEC report and the return debrief
of a missing episode, from the page and (NCMEC) from its obligation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from csec_desktop.domain import ObligationKind
from csec_desktop.domain.episode import DebriefAnswer, LeftBecause, StayedWhere
from csec_desktop.domain.youth import Jurisdiction
from tests.gui.casework_support import add_youth, casework_for, complete_answers, show_youth
from tests.gui.test_youth import save_button

LEARNED = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # a Monday, 9:00 in California


def _identify(session, youth_id) -> None:  # type: ignore[no-untyped-def]
    service = casework_for(session).screenings
    draft = service.start(youth_id, "ca-csec-eligibility-risk")
    answers = complete_answers(
        service.instrument_for(draft),
        paid_for_sexual_acts="yes",
        exploitation_timing=["before_care"],
        exploitation_current="no",
    )
    service.submit(service.confirm(service.answer(draft, answers), received_at=LEARNED))


def test_the_history_shows_the_identification_and_voiding_strikes_it_through(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    _identify(session, youth.id)
    page = show_youth(qtbot, unlocked)
    panel = page.casework.identifications
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.selected() is None, timeout=10_000)
    row = panel.list.item(0)
    assert row.text().startswith("Victim before entering care · learned Mar 2, 2026")
    assert "due Mar 3, 2026" in row.text()  # the 24-hour report, from when it was learned
    assert panel.status.text() == "Now: exploitation has stopped"  # the present, apart

    panel.list.setCurrentRow(0)
    assert panel.void_button.isEnabled()
    panel.void_button.click()
    dialog = panel.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.void_button.click()  # no reason: refused in the dialog, nothing saved
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Write why this identification is voided."
    qtbot.keyClicks(dialog.reason_edit, "Entered for the wrong youth")
    dialog.void_button.click()
    qtbot.waitUntil(lambda: "voided: Entered for the wrong youth" in panel.list.item(0).text())
    assert panel.list.item(0).font().strikeOut()
    assert panel.dialog is None  # closed once saved
    casework = casework_for(session)
    [entry] = casework.screenings.identifications.history(youth.id)
    assert entry.identification.voided_by == "caseworker"
    # Its open 24-hour report is voided with it, kept (not deleted), and the change audited.
    assert casework.obligations.open(youth.id) == []
    assert any(o.void_reason for o in casework.obligations.voided(youth.id))
    events = [
        e
        for e in session.store.audit_events(limit=100_000)
        if e.record_id == entry.identification.id and e.actor == "caseworker"
    ]
    voided_version = entry.identification.version
    assert any(e.record_version == voided_version for e in events)


def test_the_youth_editor_records_the_jurisdiction(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    page = show_youth(qtbot, unlocked)
    page.detail.edit_button.click()
    editor = page.editor
    qtbot.waitUntil(lambda: editor is not None and editor.isVisible())
    combo = editor.ui.jurisdictionCombo
    assert combo.currentText() == "Not recorded"
    combo.setCurrentIndex(combo.findText("Ward (W&IC 602)"))
    save_button(editor).click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert casework_for(session).youth.get(youth.id).jurisdiction is Jurisdiction.WARD


def _go_missing(qtbot: QtBot, page) -> None:  # type: ignore[no-untyped-def]
    missing = page.casework.missing
    missing.start_button.click()
    qtbot.waitUntil(lambda: missing.dialog is not None and missing.dialog.isVisible())
    missing.dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "Missing since" in missing.status.text(), timeout=10_000)


def test_the_ncmec_report_from_the_youth_page_closes_its_obligation(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    page = show_youth(qtbot, unlocked)
    _go_missing(qtbot, page)
    missing = page.casework.missing
    assert missing.ncmec_button.isEnabled()
    missing.ncmec_button.click()
    dialog = missing.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.save_button.click()  # no case number: refused in the dialog
    assert dialog.isVisible() and dialog.error_label.text() == "Give the NCMEC case number."
    qtbot.keyClicks(dialog.number_edit, "NCMEC-DEMO-7")
    dialog.by_law_enforcement.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "NCMEC case NCMEC-DEMO-7" in missing.status.text(), timeout=10_000)
    casework = casework_for(session)
    [episode] = casework.missing.for_youth(youth.id)
    assert episode.ncmec_reported_by_law_enforcement
    open_kinds = {o.kind for o in casework.obligations.open(youth.id)}
    assert ObligationKind.REPORT_MISSING_TO_NCMEC not in open_kinds
    assert ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT in open_kinds  # still owed
    assert not missing.ncmec_button.isEnabled()


def test_the_ncmec_obligation_opens_the_ncmec_report(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    casework.missing.start(youth.id, datetime.now(UTC) - timedelta(hours=2))
    main = unlocked.main_window
    view = main.obligations_page
    main.sections.setCurrentRow(main.pages.indexOf(view))
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    for row in range(view.proxy.rowCount()):
        view.table.selectRow(row)
        chosen = view.selected()
        if chosen is not None and chosen.kind is ObligationKind.REPORT_MISSING_TO_NCMEC:
            break
    view.mark_button.click()
    dialog = view.ncmec_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.keyClicks(dialog.number_edit, "NCMEC-DEMO-8")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: view.message.text() == "NCMEC report recorded.", timeout=10_000)
    [episode] = casework.missing.for_youth(youth.id)
    assert episode.ncmec_report_number == "NCMEC-DEMO-8"


def test_the_return_debrief_is_recorded_from_the_youth_page(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    episode, _ = casework.missing.start(youth.id, datetime.now(UTC) - timedelta(days=3))
    casework.missing.end(episode, datetime.now(UTC) - timedelta(days=1))
    page = show_youth(qtbot, unlocked)
    missing = page.casework.missing
    qtbot.waitUntil(missing.debrief_button.isEnabled, timeout=10_000)
    missing.debrief_button.click()
    dialog = missing.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.save_button.click()  # "exploited while away?" unanswered: refused
    assert dialog.error_label.text() == "Say whether the youth was exploited while away."
    dialog.left_boxes[LeftBecause.RECRUITED_OR_LURED].setChecked(True)
    dialog.stayed_boxes[StayedWhere.HOTEL_OR_MOTEL].setChecked(True)
    dialog.exploited_buttons[DebriefAnswer.DECLINED].setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Debriefed" in missing.status.text(), timeout=10_000)
    [saved] = casework.missing.for_youth(youth.id)
    assert saved.debrief is not None
    assert saved.debrief.exploited_while_away is DebriefAnswer.DECLINED  # never read as "no"
    assert saved.debrief.left_because == [LeftBecause.RECRUITED_OR_LURED]
    assert saved.debrief.stayed == [StayedWhere.HOTEL_OR_MOTEL]
    assert not missing.debrief_button.isEnabled()
