"""The wizard with format 2 and format 1 side by side: a youth's refusal to answer is recorded as
such (never as "unknown"), a labor screen offers labor findings (never a CSEC category), and a
screening begun on a format-1 definition still opens, shows its summary and submits."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csec_desktop.domain import CsecCategory, LaborFinding, ScreeningStatus
from csec_desktop.instruments.model import DECLINED
from tests.gui.casework_support import (
    add_youth,
    answer_every_required,
    casework_for,
    complete_answers,
    show_youth,
)
from tests.gui.test_screening_wizard import start_from_youth_page

LABOR = "child-labor-trafficking-screen"


def _open(qtbot: QtBot, controller, screening_id) -> object:  # type: ignore[no-untyped-def]
    page = show_youth(qtbot, controller)
    panel = page.casework.screenings
    panel.open_screening(screening_id)
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    return panel.wizard


def test_a_declined_answer_is_recorded_as_declined(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    assert wizard.instrument.format == 2
    editor = wizard.editors["paid_for_sexual_acts"]
    assert editor.button("unknown") is not editor.button(DECLINED)
    assert editor.button(DECLINED).text() == "Declined to answer"
    with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
        editor.button(DECLINED).click()
    saved = casework_for(session).screenings.get(wizard.screening.id)
    assert saved.answers["paid_for_sexual_acts"] == DECLINED
    assert "paid_for_sexual_acts" not in wizard.missing_required()
    wizard.reject()


def test_a_labor_screen_offers_labor_findings_only(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    draft = casework.screenings.start(youth.id, LABOR)
    wizard = _open(qtbot, unlocked, draft.id)
    answer_every_required(qtbot, wizard, forced_labor_or_services="yes")
    summary = wizard.summary_page
    wizard.submit()
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    offered = [summary.category_combo.itemData(i) for i in range(summary.category_combo.count())]
    assert offered == list(LaborFinding)
    assert summary.proposed is LaborFinding.IDENTIFIED
    assert "labor trafficking" in summary.obligations.text().lower()
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    saved = casework.screenings.get(draft.id)
    assert saved.determination is not None
    assert saved.determination.category is None
    assert saved.determination.labor_finding is LaborFinding.IDENTIFIED
    wizard.reject()


def test_a_format_1_draft_opens_and_submits_on_its_own_definition(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    draft = casework.screenings.start(youth.id, "ca-csec-eligibility-risk", version="1.0.0")
    wizard = _open(qtbot, unlocked, draft.id)
    assert (wizard.instrument.format, wizard.instrument.version) == (1, "1.0.0")
    assert "declined" not in wizard.editors["paid_for_sexual_acts"]._buttons
    answer_every_required(qtbot, wizard, paid_for_sexual_acts="yes")
    summary = wizard.summary_page
    wizard.submit()
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    assert isinstance(summary.proposed, CsecCategory) and summary.proposed.is_victim
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    assert casework.screenings.get(draft.id).status is ScreeningStatus.SUBMITTED
    wizard.reject()


def test_rescreening_an_identified_child_says_it_confirms_the_identification(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    first = casework.screenings.start(youth.id, "ca-csec-eligibility-risk")
    answers = complete_answers(
        casework.screenings.instrument_for(first),
        paid_for_sexual_acts="yes",
        exploitation_timing=["before_care"],
        exploitation_current="no",
    )
    casework.screenings.submit(
        casework.screenings.confirm(casework.screenings.answer(first, answers))
    )
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(
        qtbot,
        wizard,
        paid_for_sexual_acts="yes",
        exploitation_timing=["before_care"],
        exploitation_current="no",
        new_incident_since_report="no",
    )
    summary = wizard.summary_page
    wizard.submit()
    qtbot.waitUntil(lambda: summary.summary is not None, timeout=10_000)
    assert "confirms that identification, no new report" in summary.proposal_note.text()
    # The instrument's "new incident?" answer is the confirm step's choice until changed there.
    assert summary.identification.incident_asked
    assert summary.identification.same_button.isChecked()
    assert summary.obligations.text().startswith("None")
    wizard.reject()
