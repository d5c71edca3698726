"""Resolving a sync conflict from the Needs attention list: a per-field merge, run off the GUI
thread, leaves a new version based on the server's and keeps both originals in the conflict."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from csec_desktop.domain import Youth
from csec_desktop.services.youth import YouthService
from csec_desktop.store import OutboxState
from csec_desktop.store import sync_state as ss
from tests.gui.conftest import ACTOR
from tests.gui.sync_fixtures import quick_settings
from tests.reliability.sync_support import make_youth


def test_merge_chosen_fields_from_the_needs_attention_list(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session
) -> None:
    youth = YouthService(session.store, actor=ACTOR).create(make_youth(7)).youth
    [item] = session.store.outbox_items(OutboxState.PENDING)
    session.store.mark_sent([item.op_id])  # pushed: the server answered with a conflict
    local = {**item.payload, "preferred_name": "Mine"}
    server_side = {**item.payload, "preferred_name": "Theirs", "placement_type": "relative"}
    conflict_id = session.store.add_sync_conflict(
        kind=ss.ConflictKind.PUSH,
        record_type="youth",
        record_id=youth.id,
        local_version=1,
        server_version=1,
        local_body=json.dumps(local),
        server_body=json.dumps(server_side),
        reason="the server holds version 1, this edit was based on no version",
    )
    session.store.adopt_server_version(
        Youth.model_validate(local), actor=ACTOR
    )  # this laptop shows its own version
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.sync_page))
    page = main.sync_page
    qtbot.waitUntil(lambda: page.attention_count() == 1, timeout=5_000)
    page.attention_table.selectRow(0)
    assert page.keep_mine_button.isVisible() and page.keep_server_button.isVisible()
    assert page.merge_table.isVisible()
    fields = [page.merge_table.item(r, 0).text() for r in range(page.merge_table.rowCount())]
    assert fields == ["placement_type", "preferred_name"]
    assert "● preferred_name: Theirs" in page.server_text.toPlainText()
    choice = page.merge_table.cellWidget(fields.index("preferred_name"), 1)
    assert isinstance(choice, QComboBox)
    choice.setCurrentIndex(choice.findData("mine"))
    assert page.merge_choices() == {"placement_type": "server", "preferred_name": "mine"}

    page.merge_button.click()
    qtbot.waitUntil(lambda: session.store.open_conflict_count() == 0, timeout=5_000)
    qtbot.waitUntil(lambda: page.attention_empty.isVisible(), timeout=5_000)
    assert page.attention_count() == 0 and page.attention_table.isHidden()
    merged = session.store.get(Youth, youth.id)
    assert (merged.version, merged.preferred_name, merged.placement_type.value) == (
        2,
        "Mine",
        "relative",
    )
    [pending] = session.store.outbox_items(OutboxState.PENDING)
    assert (pending.base_version, pending.version) == (1, 2)  # based on the server's version
    [kept] = session.store.sync_conflicts(open_only=False)
    assert kept.id == conflict_id and kept.resolution == "merged"
    assert json.loads(kept.local_body)["preferred_name"] == "Mine"
    assert json.loads(kept.server_body or "{}")["preferred_name"] == "Theirs"
