"""Education: log a youth session (with a youth attendee and an anonymous count) and a training,
see both listed, open and correct them; a bad input marks its field and loses nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csec_desktop.domain import EducationSession, Training
from csec_desktop.domain.education import SessionAudience, TrainingType
from csec_desktop.gui.common.tables import TableProxy
from csec_desktop.gui.education.model import EducationTableModel
from csec_desktop.services.education import EducationService
from csec_desktop.services.youth import YouthService
from tests.gui.conftest import ACTOR
from tests.reliability.sync_support import make_youth


def education_page(controller):  # type: ignore[no-untyped-def]
    main = controller.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.education_page))
    return main.education_page


def test_log_a_session_and_a_training_then_edit(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    youth = YouthService(session.store, actor=ACTOR).create(make_youth(7)).youth
    page = education_page(unlocked)
    page.session_button.click()
    editor = page.editor
    ui = editor.ui
    qtbot.keyClicks(ui.curriculumEdit, "My Life My Choice")
    qtbot.keyClicks(ui.moduleEdit, "Module 2")
    ui.audienceCombo.setCurrentIndex(ui.audienceCombo.findData(SessionAudience.GROUP_HOME_YOUTH))
    ui.settingCombo.setCurrentIndex(0)  # chosen every time: it starts empty
    qtbot.keyClicks(ui.topicsEdit, "recruitment, online safety")
    qtbot.keyClicks(ui.youthSearchEdit, "SyncFixture")
    qtbot.keyClick(ui.youthSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.addAttendeeButton.isEnabled(), timeout=5_000)
    ui.addAttendeeButton.click()
    assert ui.attendeeList.count() == 1
    ui.anonymousSpin.setValue(3)
    ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()  # no facilitator yet
    assert editor.isVisible()
    assert ui.facilitatorsEdit.property("invalid") is True
    assert "Facilitators" in ui.errorLabel.text()
    assert ui.curriculumEdit.text() == "My Life My Choice"  # nothing lost
    qtbot.keyClicks(ui.facilitatorsEdit, "A. Rivera, B. Chen")
    with qtbot.waitSignal(editor.finished, timeout=5_000):
        ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5_000)

    page.training_button.click()
    editor = page.editor
    ui = editor.ui
    ui.typeCombo.setCurrentIndex(ui.typeCombo.findData(TrainingType.OTHER))
    ui.attendeeCountSpin.setValue(12)
    ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()  # "other" needs a title
    assert editor.isVisible() and ui.titleEdit.property("invalid") is True
    assert ui.attendeeCountSpin.value() == 12
    qtbot.keyClicks(ui.titleEdit, "Caregiver night")
    with qtbot.waitSignal(editor.finished, timeout=5_000):
        ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)
    assert "1 youth session" in page.status_label.text()

    service = EducationService(session.store, actor=ACTOR)
    [logged] = service.sessions()
    assert logged.attendee_youth_ids == [youth.id] and logged.anonymous_attendee_count == 3
    assert logged.facilitators == ["A. Rivera", "B. Chen"]
    assert logged.topics == ["recruitment", "online safety"]
    row = page.model.row_of(logged.id)
    page.table.selectRow(row)
    page.open_button.click()
    editor = page.editor
    qtbot.waitUntil(lambda: "SyncFixture" in editor.ui.attendeeList.item(0).text(), timeout=5_000)
    editor.ui.minutesSpin.setValue(90)
    with qtbot.waitSignal(editor.finished, timeout=5_000):
        editor.ui.buttonBox.button(editor.ui.buttonBox.StandardButton.Save).click()
    [updated] = service.sessions()
    assert updated.minutes == 90 and updated.version == 2
    assert service.trainings()[0].title == "Caregiver night"


def test_education_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EducationTableModel()
    session = EducationSession(
        session_date=date(2024, 5, 1),
        minutes=60,
        curriculum="Curriculum",
        audience=SessionAudience.MIXED,
        setting="school",
        facilitators=["A"],
        anonymous_attendee_count=4,
    )
    training = Training(
        training_date=date(2024, 5, 2),
        training_type=TrainingType.CSEC_101,
        audience_type="foster_parents",
        attendee_count=9,
        minutes=120,
    )
    model.set_entries([session], [training])
    qtmodeltester.check(model, force_py=True)
    assert model.entry(0) == training  # newest first
    assert model.data(model.index(1, 4)) == "4"
    # Sorted by a header through the proxy: dates as dates, counts as numbers.
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "May 1, 2024"
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 4).data() == "9"
    qtmodeltester.check(proxy)
