"""A supervisor's device in the GUI against a real county server process and a caseworker's
vault: the Review and Team dashboard sections appear only for a supervisor; approve, return
(with a required comment), resubmit and re-review showing what changed; a screening saved as a
redacted PDF; the dashboard's figures with their tables."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csec_desktop.domain import ScreeningStatus
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.gui.common.pdf_prompts import PrintOptionsDialog
from csec_desktop.gui.review.dialogs import ReturnDialog
from csec_desktop.gui.review.page import ReviewPage
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import ScreeningService
from csec_desktop.services.review import ReviewService
from csec_desktop.services.sync import SyncService
from csec_desktop.sync.protocol import Role
from tests.gui.sync_fixtures import county_server, quick_settings
from tests.gui.test_printing_pdf import pdf_text
from tests.integration.review_support import SECRET, Team
from tests.reliability.sync_support import open_device

__all__ = ["county_server"]
_teams = itertools.count()


def _caseworker_team(tmp_path: Path, server, county, session) -> Team:  # type: ignore[no-untyped-def]
    n = next(_teams)
    county.user(f"gcw{n}", team=f"g{n}")
    county.user(f"gsup{n}", Role.SUPERVISOR, team=f"g{n}")
    caseworker = open_device(tmp_path / "caseworker.db")
    caseworker.service.enroll(server.url, county.code(f"gcw{n}"))
    SyncService.for_session(session, settings=quick_settings()).enroll(
        server.url, county.code(f"gsup{n}")
    )
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / "instruments")
    screenings = ScreeningService(caseworker.store, registry, CountyPolicy(), actor=f"gcw{n}")
    review = ReviewService(session.store, actor=f"gsup{n}")
    return Team(server, county, caseworker, caseworker, screenings, review)


def _titles(main) -> list[str]:  # type: ignore[no-untyped-def]
    return [main.sections.item(i).text() for i in range(main.sections.count())]


def _state(page: ReviewPage, row: int = 0) -> str:
    return str(page.model.data(page.model.index(row, 5)))


def test_review_return_resubmit_rereview_approve_and_print(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, make_controller, session, county_server, tmp_path: Path
) -> None:
    server, county = county_server
    team = _caseworker_team(tmp_path, server, county, session)
    try:
        submitted = team.submit_screening()
        team.caseworker.service.sync()

        controller = make_controller(sync_settings=quick_settings())
        controller.open_session(session)
        main = controller.main_window
        titles = _titles(main)
        assert "Review" in titles and "Team dashboard" in titles
        page: ReviewPage = main.supervisor_pages[0]
        main.sections.setCurrentRow(titles.index("Review"))
        # The app's first sync also syncs the reviews: the queue arrives by itself.
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
        qtmodeltester.check(page.model)
        assert page.model.data(page.model.index(0, 1)) == team.review.queue()[0].author
        assert _state(page) == "New"

        page.table.selectRow(0)
        qtbot.waitUntil(lambda: SECRET in page.case_view.toPlainText(), timeout=10_000)
        text = page.case_view.toPlainText()
        assert "Victim before entering care" in text
        assert "Report the identified victim to law enforcement" in text  # obligations
        assert page.approve_button.isEnabled() and page.return_button.isEnabled()

        # Saving it as a PDF leaves the confidential answer out unless included.
        out = tmp_path / "pdfs"
        out.mkdir()
        temp_before = set(Path(tempfile.gettempdir()).iterdir())
        page.ask_print_options = lambda _dialog: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
        page.ask_save_path = lambda name: out / name  # type: ignore[method-assign]
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        # Wait for the save to finish (its atomic write briefly holds a hidden temp file here).
        qtbot.waitUntil(lambda: "Saved" in page.status.text(), timeout=10_000)
        [pdf] = list(out.iterdir())  # the PDF alone: no temporary file left behind
        assert pdf.name.startswith("csec-screening-") and "DEMO" not in pdf.name
        assert SECRET not in pdf_text(pdf.read_bytes())
        assert set(Path(tempfile.gettempdir()).iterdir()) - temp_before == set()

        # Return needs a comment: OK stays disabled until one is typed.
        def fill_and_accept(dialog: ReturnDialog) -> int:
            assert not dialog.ok_button.isEnabled()
            qtbot.keyClicks(dialog.comment, "Add who reported it.")
            assert dialog.ok_button.isEnabled()
            return QDialog.DialogCode.Accepted

        page.ask_return = fill_and_accept  # type: ignore[method-assign]
        qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: page.model.rowCount() == 0 and not team.review.pending(), timeout=15_000
        )
        team.caseworker.service.sync()
        assert team.screenings.get(submitted.id).status is ScreeningStatus.RETURNED

        team.resubmit(submitted.id, {"observations": SECRET + " reported by school"})
        team.caseworker.service.sync()
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=15_000)
        assert _state(page) == "Resubmitted after return"
        page.table.selectRow(0)
        qtbot.waitUntil(
            lambda: "Changed since you returned version" in page.case_view.toPlainText(),
            timeout=10_000,
        )
        text = page.case_view.toPlainText()
        assert "Your comment: Add who reported it." in text
        assert SECRET + " reported by school" in text

        # Approving asks once, naming whose screening and which version; the button says so.
        asked: list[str] = []

        def approve_once(box: QMessageBox) -> object:
            asked.append(box.text())
            assert box.windowTitle() == "Approve screening"  # no one named in a title
            return next(
                b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
            )

        page.ask_approval = approve_once  # type: ignore[method-assign]
        version, author = page.case.version, page.case.author
        assert page.approve_button.accessibleName() == f"Approve version {version}"
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
        assert len(asked) == 1 and f"Version {version} of the screening" in asked[0]
        assert f"by {author}" in asked[0]
        qtbot.waitUntil(
            lambda: page.model.rowCount() == 0 and not team.review.pending(), timeout=15_000
        )
        team.caseworker.service.sync()
        assert team.screenings.get(submitted.id).status is ScreeningStatus.APPROVED

        # The dashboard: the figures the review syncs brought, each chart with its table.
        dashboard = main.supervisor_pages[1]
        main.sections.setCurrentRow(titles.index("Team dashboard"))
        qtbot.waitUntil(
            lambda: dashboard.blocks["categories"].model.rowCount() == 12, timeout=10_000
        )
        categories = dashboard.blocks["categories"].model
        qtmodeltester.check(categories)
        last = [categories.data(categories.index(11, c)) for c in range(categories.columnCount())]
        assert last[1] == "1" and last[-1] == "1"  # one victim before care this month, total 1
        obligations = dashboard.blocks["obligations"].model
        first_clock = [obligations.data(obligations.index(0, c)) for c in range(4)]
        assert first_clock == ["Report victim (24 h)", "0", "1", "1"]  # overdue, due, total
        # ...and the same open obligations one by one, with whose they are (never a youth's name).
        listed = dashboard.open_list.model()
        assert listed.rowCount() >= 1
        qtmodeltester.check(dashboard.open_model)
        first = [listed.index(0, c).data() for c in range(listed.columnCount())]
        assert first[0] == "Report the identified victim to law enforcement"
        assert first[2].endswith(" left") and "cw" in first[3]  # the caseworker's user name
        assert dashboard.open_list.accessibleName()
    finally:
        team.caseworker.close()


def test_a_caseworker_sees_no_supervisor_sections(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server
) -> None:
    server, county = county_server
    county.user("plain-cw")
    SyncService.for_session(session, settings=quick_settings()).enroll(
        server.url, county.code("plain-cw")
    )
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    assert main.supervisor_pages == []
    assert "Review" not in _titles(main) and "Team dashboard" not in _titles(main)


def test_print_options_start_with_confidential_answers_left_out(qtbot: QtBot) -> None:
    dialog = PrintOptionsDialog()
    qtbot.addWidget(dialog)
    assert not dialog.include.isChecked()
