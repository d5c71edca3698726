"""Shared steps of the screening, obligation and missing-episode GUI tests: a youth on screen,
the services of the test vault, and answers that complete an instrument."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import JsonValue
from pytestqt.qtbot import QtBot

from csec_desktop.domain import Youth
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.screening.wizard import ScreeningWizard
from csec_desktop.instruments import Instrument, ResponseType
from csec_desktop.services.youth import YouthService

DEFAULT_INSTRUMENT = "ca-csec-eligibility-risk"
FAMILY = "Okafor DEMO"


def casework_for(session: Any) -> Casework:
    return Casework.for_store(YouthService(session.store, actor="caseworker"), session.store)


def add_youth(session: Any) -> Youth:
    service = YouthService(session.store, actor="caseworker")
    return service.create(
        Youth(
            given_name="Ada DEMO",
            family_name=FAMILY,
            date_of_birth=date(2009, 3, 4),
            county="Fresno",
        )
    ).youth


def show_youth(qtbot: QtBot, controller: Any) -> Any:
    """Search for the test youth and open their page; returns the youth page."""
    main = controller.main_window
    page = main.youth_page
    main.sections.setCurrentRow(main.pages.indexOf(page))  # the app opens on Today
    page.search_edit.setText("Okafor")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.edit_button.isEnabled(), timeout=10_000)
    return page


def complete_answers(instrument: Instrument, **overrides: JsonValue) -> dict[str, JsonValue]:
    """A 'no concern' answer to every required item (hidden ones are ignored by the engine)."""
    answers: dict[str, JsonValue] = {}
    for item in instrument.items():
        if not item.required:
            continue
        kind = item.type
        if kind is ResponseType.YES_NO_UNKNOWN:
            answers[item.id] = "no"
        elif kind is ResponseType.CONCERN:
            answers[item.id] = "no_concern"
        elif kind is ResponseType.SINGLE_CHOICE:
            answers[item.id] = item.options[0].value  # type: ignore[index]
        elif kind is ResponseType.MULTIPLE_CHOICE:
            answers[item.id] = [item.options[0].value]  # type: ignore[index]
        elif kind is ResponseType.NUMBER:
            answers[item.id] = int(item.minimum or 0)
        elif kind is ResponseType.DATE:
            answers[item.id] = "2024-01-02"
    answers.update(overrides)
    return answers


def answer_in_wizard(qtbot: QtBot, wizard: ScreeningWizard, item_id: str, value: JsonValue) -> None:
    """Answer as a caseworker would: click the choice, or type into the field."""
    editor = wizard.editors[item_id]
    if editor.line_edit is not None:
        editor.line_edit.clear()
        qtbot.keyClicks(editor.line_edit, str(value))
    elif isinstance(value, list):
        for choice in value:
            editor.button(str(choice)).click()
    else:
        editor.button(str(value)).click()


def answer_every_required(qtbot: QtBot, wizard: ScreeningWizard, **overrides: JsonValue) -> None:
    answers = complete_answers(wizard.instrument, **overrides)
    for item_id, value in overrides.items():
        answer_in_wizard(qtbot, wizard, item_id, value)
    for _ in range(3):  # an answer may reveal more required questions
        for item_id in wizard.missing_required():
            answer_in_wizard(qtbot, wizard, item_id, answers[item_id])
    assert wizard.missing_required() == []
