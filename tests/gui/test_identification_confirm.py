"""The wizard's confirm step for a determination that identifies a victim (issue 12's GUI):
when the agency learned of it starts the 24-hour clock (a late entry is overdue at once), a time
in the future or before the youth's birth is refused at the field in one line, a child identified
before is asked "same incident or new?" (no default when the instrument did not ask), and a
declined answer is shown as declined, never as evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from csec_desktop.domain import Obligation, ObligationKind
from csec_desktop.gui.common.moments import set_moment
from csec_desktop.instruments.model import DECLINED
from tests.gui.casework_support import (
    add_youth,
    answer_every_required,
    casework_for,
    complete_answers,
    show_youth,
)
from tests.gui.test_screening_wizard import start_from_youth_page

DISCLOSED = {"paid_for_sexual_acts": "yes", "exploitation_timing": ["before_care"]}


def _summary(qtbot: QtBot, wizard):  # type: ignore[no-untyped-def]
    wizard.submit()  # from a section: shows the summary first
    qtbot.waitUntil(lambda: wizard.summary_page.summary is not None, timeout=10_000)
    return wizard.summary_page


def _type_received(qtbot: QtBot, wizard, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    page = wizard.summary_page
    set_moment(page.identification.received_edit, moment, wizard._casework.policy.zone)


def test_a_disclosure_entered_a_day_late_is_due_from_when_it_was_learned(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard, **DISCLOSED, exploitation_current="no")
    page = _summary(qtbot, wizard)
    assert page.identification.isVisible()  # asked on every victim determination
    learned = (datetime.now(UTC) - timedelta(hours=30)).replace(second=0, microsecond=0)
    _type_received(qtbot, wizard, learned)
    qtbot.waitUntil(lambda: "Overdue" in page.obligations.text(), timeout=10_000)
    assert not page.identification.received_problem.isVisible()
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    casework = casework_for(session)
    report = next(
        o
        for o in casework.obligations.open(youth.id) + casework.obligations.done(youth.id)
        if o.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT
    )
    assert report.due_at == learned + timedelta(hours=24)
    saved = casework.screenings.get(wizard.screening.id)
    assert saved.information_received_at == learned
    assert page.identification.received_edit.isReadOnly()  # submitted: shown, not changed
    wizard.reject()


def test_a_time_in_the_future_is_refused_at_the_field_and_not_submitted(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard, **DISCLOSED, exploitation_current="no")
    page = _summary(qtbot, wizard)
    _type_received(qtbot, wizard, datetime.now(UTC) + timedelta(days=2))
    problem = page.identification.received_problem
    qtbot.waitUntil(problem.isVisible, timeout=10_000)
    assert problem.text() == "This time is in the future."
    wizard.submit()
    qtbot.waitUntil(lambda: "Not submitted" in page.message.text(), timeout=10_000)
    assert "This time is in the future." in page.message.text()
    assert casework_for(session).screenings.get(wizard.screening.id).submitted_at is None
    wizard.reject()


def test_a_time_before_the_youth_was_born_is_refused_at_the_field(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)  # born 2009-03-04
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard, **DISCLOSED, exploitation_current="no")
    page = _summary(qtbot, wizard)
    _type_received(qtbot, wizard, datetime(2008, 6, 1, 17, 0, tzinfo=UTC))
    problem = page.identification.received_problem
    qtbot.waitUntil(problem.isVisible, timeout=10_000)
    assert problem.text() == "This is before the youth's date of birth."
    _type_received(qtbot, wizard, datetime.now(UTC) - timedelta(hours=1))
    qtbot.waitUntil(lambda: not problem.isVisible(), timeout=10_000)  # fixed: the line goes
    wizard.reject()


def test_no_time_is_asked_when_nothing_identifies_a_victim(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard)
    page = _summary(qtbot, wizard)
    assert not page.identification.isVisible()
    assert page.received_at is None
    wizard.reject()


def _identify_once(session) -> None:  # type: ignore[no-untyped-def]
    """A first screening (through the services) identifying the youth, before care."""
    casework = casework_for(session)
    youth = casework.youth.search("Okafor")[0]
    first = casework.screenings.start(youth.id, "ca-csec-eligibility-risk")
    answers = complete_answers(
        casework.screenings.instrument_for(first), **DISCLOSED, exploitation_current="no"
    )
    casework.screenings.submit(
        casework.screenings.confirm(
            casework.screenings.answer(first, answers),
            received_at=datetime.now(UTC) - timedelta(days=40),
        )
    )


def _reports(session) -> list[Obligation]:  # type: ignore[no-untyped-def]
    casework = casework_for(session)
    youth = casework.youth.search("Okafor")[0]
    return [
        o
        for o in casework.obligations.open(youth.id) + casework.obligations.done(youth.id)
        if o.kind is ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT
    ]


def test_a_rescreened_victim_is_asked_same_or_new_incident_and_new_files_a_report(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    """A format-1 screen has no "new incident?" question: the confirm step asks, with no
    default (a wrong default is a missed or a duplicate report), and blocks until answered."""
    youth = add_youth(session)
    _identify_once(session)
    casework = casework_for(session)
    draft = casework.screenings.start(youth.id, "ca-csec-eligibility-risk", version="1.0.0")
    page_ = show_youth(qtbot, unlocked)
    panel = page_.casework.screenings
    panel.open_screening(draft.id)
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    wizard = panel.wizard
    answer_every_required(
        qtbot, wizard, paid_for_sexual_acts="yes", exploitation_timing="before_care"
    )
    page = _summary(qtbot, wizard)
    inputs = page.identification
    assert inputs.incident_asked
    assert inputs.new_incident is None
    assert "Identified on" in inputs.earlier_label.text()
    wizard.submit()
    assert "same incident as the earlier identification or a new one" in page.message.text()
    assert len(_reports(session)) == 1
    inputs.new_button.click()  # a new incident: the proposal is worked out again
    qtbot.waitUntil(
        lambda: page.summary is not None and page.summary.proposal.action.value == "new",
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: "law enforcement" in page.obligations.text().lower(), timeout=10_000)
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    assert len(_reports(session)) == 2  # one report per incident
    wizard.reject()


def test_the_same_incident_files_no_second_report(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    _identify_once(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(
        qtbot, wizard, **DISCLOSED, exploitation_current="no", new_incident_since_report="yes"
    )
    page = _summary(qtbot, wizard)
    assert page.identification.new_button.isChecked()  # the instrument's answer, at first
    page.identification.same_button.click()  # the screener knows better: the same incident
    qtbot.waitUntil(lambda: page.obligations.text().startswith("None"), timeout=10_000)
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    assert len(_reports(session)) == 1
    wizard.reject()


def test_a_declined_answer_is_shown_as_declined_never_as_evidence(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard, induced_commercial_sex="yes")
    with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
        wizard.editors["paid_for_sexual_acts"].button(DECLINED).click()
    page = _summary(qtbot, wizard)
    question = wizard.instrument.item("paid_for_sexual_acts").text.get("en")
    assert page.declined.isVisible()
    assert page.declined.text() == f"The youth chose not to answer “{question}”."
    assert question not in page.explanation.text()  # never quoted as evidence
    assert "nknown" not in page.declined.text()
    wizard.reject()


def test_the_youth_page_opens_the_same_wizard_after_the_move_into_services(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    """The use cases live in ScreeningService: the youth page opens a draft through it and the
    wizard resumes on the section it was left on."""
    youth = add_youth(session)
    casework = casework_for(session)
    draft = casework.screenings.start(youth.id, "ca-csec-eligibility-risk")
    section = casework.screenings.instrument_for(draft).sections[1].id
    casework.screenings.leave_at(draft.id, section)
    page = show_youth(qtbot, unlocked)
    panel = page.casework.screenings
    panel.open_screening(draft.id)
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    assert panel.wizard.current_index == 1
    panel.wizard.reject()
