"""Screenings after review: a returned one is editable again and shows the supervisor's comment;
an approved one is read only, and Amend… starts an addendum."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csec_desktop.domain import ReviewDecision, ScreeningStatus
from tests.gui.casework_support import (
    DEFAULT_INSTRUMENT,
    add_youth,
    casework_for,
    complete_answers,
    show_youth,
)

COMMENT = "Add what the placement staff said about the weekend DEMO."


def submitted(session, decision: ReviewDecision):  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    service = casework_for(session).screenings
    draft = service.start(youth.id, DEFAULT_INSTRUMENT)
    draft = service.answer(draft, complete_answers(service.instrument_for(draft)))
    screening, _ = service.submit(service.confirm(draft))
    reviewed, _ = service.apply_review(
        screening,
        decision,
        reviewer="supervisor",
        comment=COMMENT if decision == "returned" else "",
    )
    return reviewed


def open_it(qtbot: QtBot, controller, screening_id):  # type: ignore[no-untyped-def]
    page = show_youth(qtbot, controller)
    panel = page.casework.screenings
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    panel.list.setCurrentRow(0)
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel.wizard is not None, timeout=10_000)
    assert panel.wizard.screening.id == screening_id
    return panel


def test_a_returned_screening_is_editable_and_shows_the_comment(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    returned = submitted(session, ReviewDecision.RETURNED)
    panel = open_it(qtbot, unlocked, returned.id)
    assert panel.resume_frame.isVisible() and "returned" in panel.resume_label.text()
    wizard = panel.wizard
    assert not wizard.read_only
    assert COMMENT in wizard.banner.text()
    assert wizard.editors["gang_ties"].button("yes").isEnabled()
    with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
        wizard.editors["gang_ties"].button("yes").click()
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
        qtbot.waitUntil(lambda: wizard.summary_page.summary is not None, timeout=10_000)
        wizard.submit()
    assert wizard.screening.status is ScreeningStatus.RESUBMITTED
    wizard.reject()


def test_an_approved_screening_is_read_only_and_amend_starts_an_addendum(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    approved = submitted(session, ReviewDecision.APPROVED)
    panel = open_it(qtbot, unlocked, approved.id)
    wizard = panel.wizard
    assert wizard.read_only
    assert "Approved" in wizard.banner.text()
    assert not wizard.editors["gang_ties"].button("yes").isEnabled()
    assert not wizard.submit_button.isVisibleTo(wizard)
    assert wizard.amend_button.isVisibleTo(wizard)
    assert not wizard.summary_page.category_combo.isEnabled()
    wizard.amend_button.click()
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard is not wizard, timeout=10_000)
    addendum = panel.wizard
    assert addendum.screening.amends_id == approved.id
    assert addendum.screening.status is ScreeningStatus.DRAFT
    assert not addendum.read_only
    assert "Addendum" in addendum.facts.text()
    assert casework_for(session).screenings.get(approved.id).status is ScreeningStatus.APPROVED
    addendum.reject()
