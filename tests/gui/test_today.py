"""Today and the lists a caseworker works from: the window opens on what is due, counted on the
side list and in the status bar; every row opens its youth; the youth list is the caseload with
its risk and open work before anything is typed; lists sort by a header and filter by youth and
kind. The records are made through the services a caseworker's actions use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csec_desktop.domain import ObligationKind, Youth
from csec_desktop.gui.common.tables import YOUTH_ROLE
from csec_desktop.gui.youth.model import OPEN_WORK, RISK
from csec_desktop.services.youth import YouthService
from tests.gui.casework_support import add_youth, casework_for, complete_answers


def _second_youth(session) -> Youth:  # type: ignore[no-untyped-def]
    return (
        YouthService(session.store, actor="caseworker")
        .create(
            Youth(
                given_name="Bea DEMO",
                family_name="Zamora DEMO",
                date_of_birth=datetime(2008, 6, 1).date(),
                county="Fresno",
            )
        )
        .youth
    )


def _victim(session, youth: Youth) -> None:  # type: ignore[no-untyped-def]
    service = casework_for(session).screenings
    screening = service.start(youth.id, "ca-csec-eligibility-risk")
    answers = complete_answers(
        service.instrument_for(screening),
        induced_commercial_sex="yes",
        exploitation_timing=["before_care"],
    )
    service.submit(service.confirm(service.answer(screening, answers)))


def test_the_window_opens_on_what_is_due_and_a_row_opens_its_youth(
    qtbot: QtBot, make_controller, session
) -> None:  # type: ignore[no-untyped-def]
    runaway = add_youth(session)
    casework_for(session).missing.start(runaway.id, datetime.now(UTC) - timedelta(hours=2))
    victim = _second_youth(session)
    _victim(session, victim)
    controller = make_controller()
    controller.open_session(session)
    main = controller.main_window
    today = main.today_page
    assert main.pages.currentWidget() is today  # opens on Today, not on an empty search
    qtbot.waitUntil(lambda: today.loaded_count > 0, timeout=10_000)
    model = today.due_model
    kinds = [model.row_at(r).obligation.kind for r in range(model.rowCount())]
    # The three 24-hour reports (missing: law enforcement and NCMEC; victim: law enforcement),
    # urgent from their first minute, come first.
    assert set(kinds[:3]) == {
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_NCMEC,
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
    }
    assert today.missing_list.count() == 1 and "Okafor DEMO" in today.missing_list.item(0).text()
    needs = today.view.needs_you
    assert main.sections.item(0).text() == f"Today ({needs})"  # the count on the side list
    assert f"Today: {needs} to do" in main.today_status.text()  # and in the status bar
    assert main.sections.item(main.pages.indexOf(main.obligations_page)).text().endswith(")")

    # Enter on the victim's report opens the victim's page.
    row = next(
        r
        for r in range(today.due_proxy.rowCount())
        if today.due_proxy.index(r, 0).data(YOUTH_ROLE) == str(victim.id)
    )
    today.due_table.setFocus()
    today.due_table.setCurrentIndex(today.due_proxy.index(row, 0))
    qtbot.keyClick(today.due_table, Qt.Key.Key_Return)
    page = main.youth_page
    assert main.pages.currentWidget() is page
    qtbot.waitUntil(lambda: "Zamora DEMO" in page.detail.heading.text(), timeout=10_000)

    # The missing youth's row opens theirs.
    main.sections.setCurrentRow(main.pages.indexOf(today))
    today.missing_list.setCurrentRow(0)
    today.open_button.click()
    qtbot.waitUntil(lambda: "Okafor DEMO" in page.detail.heading.text(), timeout=10_000)


def test_the_youth_list_is_the_caseload_before_anything_is_typed(
    qtbot: QtBot, qtmodeltester, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    add_youth(session)
    victim = _second_youth(session)
    _victim(session, victim)
    main = unlocked.main_window
    page = main.youth_page
    main.sections.setCurrentRow(main.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    assert page.search_edit.text() == ""
    assert "Your caseload: 2 youth" in page.status_label.text()
    proxy = page.proxy
    names = [proxy.index(r, 0).data() for r in range(2)]
    assert names == ["Okafor DEMO, Ada DEMO", "Zamora DEMO, Bea DEMO"]  # by family name
    zamora = 1
    assert proxy.index(zamora, RISK).data() == "Clear concern"
    assert proxy.index(zamora, OPEN_WORK).data().startswith("3 open")
    # A header click sorts by risk: the clear concern first when descending.
    page.table.sortByColumn(RISK, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data() == "Zamora DEMO, Bea DEMO"
    qtmodeltester.check(proxy)


def test_obligations_filter_by_youth_and_kind_and_open_their_youth(
    qtbot: QtBot, unlocked, session
) -> None:  # type: ignore[no-untyped-def]
    runaway = add_youth(session)
    casework_for(session).missing.start(runaway.id, datetime.now(UTC) - timedelta(hours=2))
    victim = _second_youth(session)
    _victim(session, victim)
    main = unlocked.main_window
    view = main.obligations_page
    main.sections.setCurrentRow(main.pages.indexOf(view))
    view.refresh()
    # The missing youth's two reports (law enforcement, NCMEC) and the victim's three duties.
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)
    view.youth_filter.setCurrentIndex(view.youth_filter.findData(str(victim.id)))
    assert view.proxy.rowCount() == 3
    assert "3 shown with the filters chosen." in view.summary.text()
    view.kind_filter.setCurrentIndex(view.kind_filter.findData(ObligationKind.REFER_TO_MDT.value))
    assert view.proxy.rowCount() == 1
    view.table.selectRow(0)
    assert view.selected().kind is ObligationKind.REFER_TO_MDT
    view.open_button.click()
    page = main.youth_page
    assert main.pages.currentWidget() is page
    qtbot.waitUntil(lambda: "Zamora DEMO" in page.detail.heading.text(), timeout=10_000)
    # Back, everyone's again.
    view.youth_filter.setCurrentIndex(0)
    view.kind_filter.setCurrentIndex(0)
    assert view.proxy.rowCount() == 5
