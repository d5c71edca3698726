"""Missing-from-care episodes on the youth's page: start, report, end → the return screening."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from csec_desktop.domain import ObligationKind, ScreeningContext
from tests.gui.casework_support import add_youth, casework_for, show_youth


def test_ending_an_episode_offers_the_linked_return_screening(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    page = show_youth(qtbot, unlocked)
    missing = page.casework.missing
    assert missing.start_button.isEnabled() and not missing.end_button.isEnabled()

    missing.start_button.click()
    qtbot.waitUntil(lambda: missing.dialog is not None and missing.dialog.isVisible())
    missing.dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "Missing since" in missing.status.text(), timeout=10_000)
    assert "not recorded yet" in missing.status.text()
    assert missing.end_button.isEnabled() and not missing.start_button.isEnabled()

    missing.report_button.click()
    qtbot.waitUntil(lambda: missing.dialog is not None and missing.dialog.isVisible())
    qtbot.keyClicks(missing.dialog.ui.agencyEdit, "Fresno County Sheriff")
    qtbot.keyClicks(missing.dialog.ui.ncmecNumberEdit, "NCMEC-DEMO-1")
    missing.dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(
        lambda: "Reported to Fresno County Sheriff" in missing.status.text(), timeout=10_000
    )
    casework = casework_for(session)
    [episode] = casework.missing.for_youth(youth.id)
    assert episode.ncmec_report_number == "NCMEC-DEMO-1"
    assert casework.obligations.open(youth.id) == []  # the 24-hour report is done

    missing.end_button.click()
    qtbot.waitUntil(lambda: missing.dialog is not None and missing.dialog.isVisible())
    missing.dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(
        lambda: missing.return_prompt is not None and missing.return_prompt.isVisible(),
        timeout=10_000,
    )
    [due] = casework.obligations.open(youth.id)
    assert due.kind is ObligationKind.SCREEN_RETURNING_YOUTH
    missing._start_now.click()

    screenings = page.casework.screenings
    qtbot.waitUntil(lambda: screenings.start_dialog is not None, timeout=10_000)
    dialog = screenings.start_dialog
    assert dialog.context is ScreeningContext.RETURN_FROM_MISSING
    assert not dialog.ui.contextCombo.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: screenings.wizard is not None, timeout=10_000)
    wizard = screenings.wizard
    assert wizard.screening.missing_episode_id == episode.id
    assert wizard.screening.context is ScreeningContext.RETURN_FROM_MISSING
    wizard.reject()
    qtbot.waitUntil(lambda: screenings.wizard is None, timeout=10_000)
