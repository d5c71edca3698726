"""The screening wizard as a caseworker meets it every day: a target that does not move, Submit
only where the result is read, the page left is the page resumed, the header follows the status,
and section titles in plain words (the statute in the help, the disclaimer calm and once)."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from csec_desktop.domain import ScreeningStatus
from tests.gui.casework_support import add_youth, answer_every_required, answer_in_wizard
from tests.gui.test_screening_wizard import close_wizard, start_from_youth_page


def _of(text: str) -> tuple[int, int]:
    found = re.search(r"Section (\d+) of (\d+)", text)
    assert found, text
    return int(found.group(1)), int(found.group(2))


def test_the_section_count_does_not_move_when_an_answer_opens_a_section(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    total = len(wizard.instrument.sections)
    wizard.go_next()
    protection = next(i for i, p in enumerate(wizard.section_pages) if p.section.id == "protection")
    assert "not needed" in wizard.section_list.item(protection).text()
    before = _of(wizard.position_label.text())
    assert before == (2, total) and wizard.progress.maximum() == total
    answer_in_wizard(qtbot, wizard, "induced_commercial_sex", "yes")  # opens "protection"
    assert "not needed" not in wizard.section_list.item(protection).text()
    assert _of(wizard.position_label.text()) == before  # same place, same target
    assert wizard.progress.maximum() == total
    wizard.go_next()
    assert _of(wizard.position_label.text()) == (protection + 1, total)
    close_wizard(qtbot, unlocked)


def test_submit_is_offered_only_on_the_summary(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    assert wizard.current_index == 0
    assert not wizard.submit_button.isVisible() and wizard.next_button.isVisible()
    wizard.go_next()
    assert not wizard.submit_button.isVisible()
    wizard.submit()  # Ctrl+Enter from a section shows the summary first
    assert wizard.on_summary
    assert wizard.submit_button.isVisible() and not wizard.next_button.isVisible()
    close_wizard(qtbot, unlocked)


def test_continue_where_you_left_off_reopens_the_page_left(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    screening_id = wizard.screening.id
    answer_in_wizard(qtbot, wizard, "ever_missing", "yes")
    for _ in range(4):
        wizard.go_next()
    left_on = wizard.current_index
    assert left_on > 0
    close_wizard(qtbot, unlocked)

    panel = unlocked.main_window.youth_page.casework.screenings
    qtbot.waitUntil(lambda: panel.resume_frame.isVisible(), timeout=10_000)
    assert "continue where you left off" in panel.resume_label.text()
    panel.resume_button.click()
    qtbot.waitUntil(lambda: panel.wizard is not None and panel.wizard.isVisible(), timeout=10_000)
    resumed = panel.wizard
    assert resumed.screening.id == screening_id
    assert resumed.current_index == left_on
    close_wizard(qtbot, unlocked)


def test_after_submit_the_header_says_it_was_submitted(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    assert "Draft" in wizard.facts.text()
    answer_every_required(qtbot, wizard)
    wizard.submit()
    qtbot.waitUntil(lambda: wizard.summary_page.summary is not None, timeout=10_000)
    with qtbot.waitSignal(wizard.submitted, timeout=10_000):
        wizard.submit()
    assert wizard.screening.status is ScreeningStatus.SUBMITTED
    assert "Draft" not in wizard.facts.text() and "Submitted" in wizard.facts.text()
    assert "Submitted for supervisor review" in wizard.banner.text()
    assert wizard.banner.isVisible()
    wizard.reject()


def test_titles_are_plain_words_and_the_disclaimer_is_calm_and_shown_once(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    statute = re.compile(r"W&IC|\bPC\b|Penal Code|\d+\(b\)")
    for index in range(len(wizard.section_pages)):
        assert not statute.search(wizard.section_list.item(index).text())
    page = next(p for p in wizard.section_pages if p.section.id == "exploitation")
    assert page.accessibleName() == "Commercial sexual exploitation"
    helps = [w.text() for w in page.body.findChildren(type(wizard.facts), "sectionHelp")]
    assert any("W&IC 300(b)(2)" in text for text in helps)  # the statute stays, as help
    # The disclaimer is not a banner on every page; on the summary it reads in sentence case.
    assert wizard.findChild(type(wizard.facts), "disclaimer") is None
    disclaimer = wizard.summary_page.disclaimer.text()
    assert disclaimer.startswith("Not a validated instrument.")
    assert not re.search(r"\b[A-Z]{4,} [A-Z]{2,}\b", disclaimer)  # no words shouted in capitals
    close_wizard(qtbot, unlocked)


def test_the_summary_words_eligibility_plainly(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    answer_every_required(qtbot, wizard, induced_commercial_sex="yes")
    wizard.submit()
    qtbot.waitUntil(lambda: wizard.summary_page.summary is not None, timeout=10_000)
    text = wizard.summary_page.explanation.text()
    # The element supported, with the question whose answer supports it (never its id).
    assert "Sexually trafficked as described in Penal Code 236.1: yes, the answers to “" in text
    assert "induced_commercial_sex" not in text
    assert not re.search(r"\bmet\b", text)  # never "met / not met"
    close_wizard(qtbot, unlocked)
