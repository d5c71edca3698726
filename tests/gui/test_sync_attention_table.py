"""The Sync section's "Needs attention" table sorts like every table of the app: by what a
column means (version 10 after version 3), and the entry chosen after sorting is the one whose
details are shown."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from csec_desktop.gui.sync.attention_model import VERSION
from csec_desktop.services.youth import YouthService
from csec_desktop.store import sync_state as ss
from tests.gui.conftest import ACTOR
from tests.gui.sync_fixtures import quick_settings
from tests.reliability.sync_support import make_youth


def click_heading(qtbot: QtBot, table, column: int) -> None:  # type: ignore[no-untyped-def]
    header = table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def test_needs_attention_sorts_by_version_and_shows_the_chosen_entry(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, make_controller, session
) -> None:
    people = YouthService(session.store, actor=ACTOR)
    for n, version in enumerate((10, 2, 3)):
        youth = people.create(make_youth(20 + n)).youth
        body = json.dumps({"id": str(youth.id), "version": version})
        session.store.add_sync_conflict(
            kind=ss.ConflictKind.PUSH,
            record_type="youth",
            record_id=youth.id,
            local_version=version,
            server_version=version + 1,
            local_body=body,
            server_body=body,
            reason=f"changed on both sides at version {version}",
        )
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.sync_page))
    page = main.sync_page
    qtbot.waitUntil(lambda: page.attention_count() == 3, timeout=5_000)
    qtmodeltester.check(page.attention_model)
    table = page.attention_table

    def versions() -> list[str]:
        return [page.attention_proxy.index(row, VERSION).data() for row in range(3)]

    assert versions() == ["10", "2", "3"]  # the service's order until a heading is chosen
    click_heading(qtbot, table, VERSION)
    assert versions() == ["2", "3", "10"]  # as numbers, not as words
    click_heading(qtbot, table, VERSION)
    assert versions() == ["10", "3", "2"]
    table.selectRow(1)
    assert "at version 3" in page.detail.text()  # the entry chosen, not the model's row 1
    table.selectRow(0)
    assert "at version 10" in page.detail.text()
