"""The youth list, search, add/edit dialog, duplicate warning, and names kept out of titles."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from csec_desktop.domain import PlacementType, Youth
from csec_desktop.gui.common.dates import parse_date_input as parse_birth_date
from csec_desktop.gui.youth.editor import YouthEditor
from csec_desktop.gui.youth.model import (
    BIRTH_DATE,
    LAST_SCREENING,
    NAME,
    OPEN_WORK,
    RISK,
    YouthTableModel,
)
from csec_desktop.services.today import CaseloadRow, YouthFacts
from csec_desktop.services.youth import YouthService

GIVEN, FAMILY = "Paloma DEMO", "Quintero DEMO"


def fill(
    qtbot: QtBot,
    editor: YouthEditor,
    *,
    given: str = GIVEN,
    family: str = FAMILY,
    birth: str = "05/17/2010",
    client_id: str = "",
    placement: PlacementType | None = PlacementType.RELATIVE,
) -> None:
    ui = editor.ui
    qtbot.keyClicks(ui.givenNameEdit, given)
    qtbot.keyClicks(ui.familyNameEdit, family)
    qtbot.keyClicks(ui.birthDateEdit, birth)
    if client_id:
        qtbot.keyClicks(ui.clientIdEdit, client_id)
    if placement is not None:  # the placement is chosen every time: it starts empty
        ui.placementCombo.setCurrentIndex(ui.placementCombo.findData(placement))


def save_button(editor: YouthEditor):  # type: ignore[no-untyped-def]
    return editor.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)


def open_editor(qtbot: QtBot, page) -> YouthEditor:  # type: ignore[no-untyped-def]
    page.new_button.click()
    editor = page.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    return editor


def test_add_search_and_edit_a_youth(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    assert editor.windowTitle() == "New youth"
    assert editor.ui.countyCombo.currentText() == "Fresno"  # from the configuration
    fill(qtbot, editor, client_id="0042-1234567")
    save_button(editor).click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    service = YouthService(session.store, actor="test")
    [saved] = service.search("Quintero")
    assert saved.date_of_birth == date(2010, 5, 17)
    assert saved.county == "Fresno"

    # Search by each of name prefix, date of birth and client id.
    for text in ("Palo Quin", "05/17/2010", "0042"):
        page.search_edit.setText(text)
        page.run_search()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.youth_id(0) == saved.id)
    page.search_edit.setText("Nobody")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "No youth found" in page.status_label.text()

    page.search_edit.setText("Quintero")
    page.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.edit_button.isEnabled(), timeout=10_000)
    assert "0 screenings" in page.detail.records.text()
    page.detail.edit_button.click()
    editor = page.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.windowTitle() == "Edit youth"
    assert editor.ui.givenNameEdit.text() == GIVEN
    editor.ui.placementCombo.setCurrentIndex(
        editor.ui.placementCombo.findData(PlacementType.FOSTER_FAMILY)
    )
    save_button(editor).click()
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert service.get(saved.id).placement_type is PlacementType.FOSTER_FAMILY
    assert service.get(saved.id).version == 2


def test_invalid_input_names_the_field(qtbot: QtBot, unlocked) -> None:  # type: ignore[no-untyped-def]
    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    fill(qtbot, editor, birth="17.05.2010")
    save_button(editor).click()
    assert "MM/DD/YYYY" in editor.ui.errorLabel.text()
    assert editor.focusWidget() is editor.ui.birthDateEdit
    editor.ui.birthDateEdit.setText("01/01/2099")
    save_button(editor).click()
    assert "Date of birth" in editor.ui.errorLabel.text()
    assert "future" in editor.ui.errorLabel.text()
    editor.reject()


def test_possible_duplicate_warns_before_saving(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    service = YouthService(session.store, actor="test")
    service.create(
        Youth(
            given_name=GIVEN,
            family_name=FAMILY,
            date_of_birth=date(2010, 5, 17),
            county="Fresno",
            county_client_id="0042-1234567",
        )
    )
    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    fill(qtbot, editor, given=GIVEN.upper())
    save_button(editor).click()
    qtbot.waitUntil(lambda: editor.ui.duplicateFrame.isVisible(), timeout=10_000)
    assert "0042-1234567" in editor.ui.duplicateLabel.text()
    assert "anyway" in save_button(editor).text()
    assert len(service.search("Quintero")) == 1  # nothing saved yet
    save_button(editor).click()  # Save anyway
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    assert len(service.search("Quintero")) == 2


def test_window_titles_never_name_a_youth(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    page = unlocked.main_window.youth_page
    editor = open_editor(qtbot, page)
    fill(qtbot, editor)
    save_button(editor).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail.edit_button.isEnabled(), timeout=10_000)
    page.detail.edit_button.click()
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible())
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()]
    titles.append(QApplication.applicationDisplayName())
    for title in titles:
        for name in ("Paloma", "Quintero"):
            assert name not in title
    page.editor.reject()


def test_youth_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = YouthTableModel()
    facts = [
        YouthFacts(),
        YouthFacts(date(2025, 2, 3), "clear_concern", open_obligations=3, overdue_obligations=1),
        YouthFacts(date(2024, 9, 9), "no_concern", missing_now=True),
        YouthFacts(),
        YouthFacts(),
    ]
    model.set_rows(
        [
            CaseloadRow(
                Youth(
                    given_name=f"Alex{i} DEMO",
                    family_name="Rivera DEMO",
                    date_of_birth=date(2009, 1, 1 + i),
                    county="Kern",
                    preferred_name="Al" if i == 0 else None,
                ),
                facts[i],
            )
            for i in range(5)
        ]
    )
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    assert model.data(model.index(0, NAME)) == "Rivera DEMO, Al"
    assert model.data(model.index(0, BIRTH_DATE)) == "Jan 1, 2009"  # the month in words
    assert model.data(model.index(1, RISK)) == "Clear concern"  # in words, not only colour
    assert model.data(model.index(1, LAST_SCREENING)) == "Feb 3, 2025"
    assert model.data(model.index(1, OPEN_WORK)) == "3 open (1 overdue)"
    assert model.data(model.index(2, OPEN_WORK)) == "Missing now"
    assert model.data(model.index(0, RISK)) == "" and model.data(model.index(0, OPEN_WORK)) == ""
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    model.clear()
    assert model.rowCount() == 0
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_birth_dates_in_county_and_iso_form() -> None:
    assert parse_birth_date("5/7/2010") == date(2010, 5, 7)
    assert parse_birth_date("2010-05-07") == date(2010, 5, 7)
    assert parse_birth_date("02/30/2010") is None
    assert parse_birth_date("yesterday") is None
