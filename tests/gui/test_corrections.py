"""Corrections with an audit trail, never a silent change: a done law-enforcement report's
number added later, a report marked done by mistake reopened with a reason (owed again, from
its old clock), a session logged twice voided with a reason (kept, marked, counted nowhere)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from csec_desktop.domain import EducationSession, ObligationKind, ScreeningStatus, Youth
from csec_desktop.domain.education import SessionAudience, SessionSetting
from csec_desktop.services.errors import InvalidState
from csec_desktop.services.reports import ReportService
from tests.gui.casework_support import add_youth, casework_for, show_youth

ACTOR = "caseworker"


def _show_done_obligations(qtbot: QtBot, controller):  # type: ignore[no-untyped-def]
    main = controller.main_window
    view = main.obligations_page
    main.sections.setCurrentRow(main.pages.indexOf(view))
    view.show_done.setChecked(True)
    return view


def _select(qtbot: QtBot, view, kind: ObligationKind) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.model.rowCount() >= 1, timeout=10_000)
    for row in range(view.proxy.rowCount()):
        view.table.selectRow(row)
        chosen = view.selected()
        if chosen is not None and chosen.kind is kind:
            return
    raise AssertionError(f"no {kind} row")


def _missing_report_done(session):  # type: ignore[no-untyped-def]
    """A youth missing since two hours ago, reported to the sheriff without a number."""
    youth = add_youth(session)
    casework = casework_for(session)
    casework.missing.start(youth.id, datetime.now(UTC) - timedelta(hours=2))
    [report] = [
        o
        for o in casework.obligations.open(youth.id)
        if o.kind is ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT
    ]
    casework.obligations.mark_done(report, agency="Fresno County Sheriff")
    return youth, casework


def test_the_report_number_given_later_is_added_to_a_done_report(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth, casework = _missing_report_done(session)
    view = _show_done_obligations(qtbot, unlocked)
    _select(qtbot, view, ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT)
    assert view.correct_button.isEnabled() and not view.mark_button.isEnabled()
    view.correct_button.click()
    dialog = view.dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.ui.agencyEdit.text() == "Fresno County Sheriff"  # what was recorded
    assert dialog.ui.doneAtEdit.isReadOnly()  # when it was done is not what is corrected
    qtbot.keyClicks(dialog.ui.referenceEdit, "FSO-26-0042")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: view.message.text() == "Details corrected.", timeout=10_000)
    [done] = [
        o
        for o in casework.obligations.done(youth.id)
        if o.kind is ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT
    ]
    assert done.reference == "FSO-26-0042"
    assert done.version == 3  # created, done, corrected: each a version of its own
    history = session.store.history(type(done), done.id)
    assert [h.reference for h in history][-2:] == [None, "FSO-26-0042"]


def test_a_report_marked_done_by_mistake_is_reopened_with_a_reason(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth, casework = _missing_report_done(session)
    view = _show_done_obligations(qtbot, unlocked)
    _select(qtbot, view, ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT)
    view.reopen_button.click()
    dialog = view.reopen_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    dialog.action_button.click()  # no reason: refused, nothing saved
    assert dialog.isVisible() and dialog.error_label.text() == "Write why it is reopened."
    qtbot.keyClicks(dialog.reason_edit, "Marked on the wrong youth's report")
    dialog.action_button.click()
    qtbot.waitUntil(lambda: view.message.text() == "Reopened: it is owed again.", timeout=10_000)
    [reopened] = [
        o
        for o in casework.obligations.open(youth.id)
        if o.kind is ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT
    ]
    assert reopened.done_at is None
    assert "Reopened by caseworker: Marked on the wrong youth's report" in reopened.notes
    assert reopened.agency == "Fresno County Sheriff"  # what was recorded is not lost
    history = session.store.history(type(reopened), reopened.id)
    assert history[-2].done_at is not None  # the done version stays in the history


def test_a_session_logged_twice_is_voided_and_counts_nowhere(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    casework = casework_for(session)
    day = date.today() - timedelta(days=2)

    def log() -> EducationSession:
        draft = casework.education.draft_session(
            {
                "session_date": day,
                "minutes": 60,
                "curriculum": "My Life My Choice",
                "audience": SessionAudience.GROUP_HOME_YOUTH,
                "setting": SessionSetting.GROUP_HOME,
                "facilitators": ["A. Rivera"],
                "anonymous_attendee_count": 4,
            }
        )
        return casework.education.log_session(draft)

    log()
    twice = log()
    reports = ReportService(session.store, casework.policy)
    start, end = day - timedelta(days=1), day + timedelta(days=1)
    assert reports.county_report(start, end).sessions == 2

    main = unlocked.main_window
    page = main.education_page
    main.sections.setCurrentRow(main.pages.indexOf(page))
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    row = page.model.row_of(twice.id)
    page.table.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())
    assert page.void_button.isEnabled()
    page.void_button.click()
    dialog = page.void_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.keyClicks(dialog.reason_edit, "Logged twice")
    dialog.action_button.click()
    qtbot.waitUntil(lambda: page.void_dialog is None, timeout=10_000)  # closed once saved
    saved = casework.education.get_session(twice.id)
    assert saved.voided and saved.void_reason == "Logged twice" and saved.voided_by == ACTOR
    assert reports.county_report(start, end).sessions == 1  # counted nowhere

    def texts() -> list[str]:
        return [
            page.model.index(r, c).data()
            for r in range(page.model.rowCount())
            for c in range(page.model.columnCount())
        ]

    # Kept and listed, saying it is voided (the list reloads after the change is announced).
    qtbot.waitUntil(lambda: "Youth session (voided)" in texts(), timeout=10_000)
    assert page.model.rowCount() == 2


def test_an_abandoned_draft_is_discarded_kept_and_no_longer_waits(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    draft = casework.screenings.start(youth.id, "ca-csec-eligibility-risk")
    draft = casework.screenings.answer(draft, {"induced_commercial_sex": "no"})
    page = show_youth(qtbot, unlocked)
    panel = page.casework.screenings
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.resume_frame.isVisibleTo(panel))
    panel.list.setCurrentRow(0)
    assert panel.discard_button.isEnabled()
    panel.discard_button.click()
    prompt = panel.discard_prompt
    qtbot.waitUntil(lambda: prompt is not None and prompt.isVisible())
    assert prompt.defaultButton().text() == "&Keep it"  # the safe answer is the default
    panel._discard_yes.click()
    qtbot.waitUntil(
        lambda: casework.screenings.get(draft.id).status is ScreeningStatus.DISCARDED,
        timeout=10_000,
    )
    kept = casework.screenings.get(draft.id)
    assert kept.answers == {"induced_commercial_sex": "no"}  # kept, not deleted
    qtbot.waitUntil(lambda: not panel.resume_frame.isVisibleTo(panel), timeout=10_000)
    qtbot.waitUntil(lambda: "Discarded" in panel.list.item(0).text(), timeout=10_000)
    panel.list.setCurrentRow(0)
    assert not panel.discard_button.isEnabled()
    # Only a draft: a submitted screening is decided by review.
    with pytest.raises(InvalidState):
        casework.screenings.discard(kept)


def test_a_duplicate_youth_is_merged_from_the_youth_page(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    """The same child entered twice: the page offers the look-alike record, says what will
    move, and after merging shows the record kept, with the duplicate's screening on it."""
    casework = casework_for(session)
    kept = add_youth(session)  # "Ada DEMO Okafor DEMO"
    duplicate = casework.youth.create(
        Youth(
            given_name="Ada DEMO",
            family_name="Okafor DEMO",
            date_of_birth=kept.date_of_birth,
            county=kept.county,
        )
    ).youth
    draft = casework.screenings.start(duplicate.id, "ca-csec-eligibility-risk")
    main = unlocked.main_window
    page = main.youth_page
    main.sections.setCurrentRow(main.pages.indexOf(page))
    page.show_youth(duplicate.id)
    qtbot.waitUntil(lambda: page.detail.merge_button.isEnabled(), timeout=10_000)
    page.detail.merge_button.click()
    dialog = page.merge_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.candidates.count() == 1, timeout=10_000)
    assert not dialog.merge_button.isEnabled()  # nothing chosen: nothing to merge
    dialog.candidates.setCurrentRow(0)
    qtbot.waitUntil(dialog.merge_button.isEnabled, timeout=10_000)
    assert "1 screening(s)" in dialog.plan_label.text()
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: page.merge_dialog is None, timeout=10_000)
    assert casework.youth.get(duplicate.id).merged_into == kept.id  # kept, as a tombstone
    assert casework.screenings.get(draft.id).youth_id == kept.id
    qtbot.waitUntil(
        lambda: page._overview is not None and page._overview.youth.id == kept.id, timeout=10_000
    )
    assert [s.id for s in page._overview.screenings] == [draft.id]
    assert [y.id for y in casework.youth.search("Okafor")] == [kept.id]
