"""The sync indicator and the Sync section against a real county server process: last synced,
N pending, syncing, offline (failed — retry) when the server is down; the offline lease's
read-only banner; a revoked laptop going back to first run; the Needs attention list."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csec_desktop.gui.sync.controller import SyncState
from csec_desktop.services.youth import YouthService
from csec_desktop.store import OutboxState
from csec_desktop.store import sync_state as ss
from csec_desktop.store.sync_state import VaultReadOnly
from tests.gui.conftest import ACTOR
from tests.gui.sync_fixtures import county_server, data_files, enroll, quick_settings
from tests.reliability.sync_support import (
    COUNTY,
    ServerProcess,
    free_port,
    make_youth,
    sqlite_database,
)
from tests.reliability.sync_support import County as ServerCounty

__all__ = ["county_server"]  # the module-scoped server fixture


def indicator_text(controller) -> str:  # type: ignore[no-untyped-def]
    return str(controller.main_window.sync_indicator.text()).lower()


def save_youth(controller, session, n: int) -> None:  # type: ignore[no-untyped-def]
    YouthService(session.store, actor=ACTOR).create(make_youth(n))
    controller.broadcast.records_did_change.emit(frozenset({"youth"}))


def test_last_synced_pending_and_syncing(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server
) -> None:
    server, county = county_server
    enroll(session, server, county)
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    qtbot.waitUntil(lambda: "last synced at" in indicator_text(controller), timeout=15_000)
    save_youth(controller, session, 1)
    save_youth(controller, session, 2)
    qtbot.waitUntil(lambda: "2 pending" in indicator_text(controller), timeout=5_000)
    sync = controller.sync
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignals(
        [sync.changed, controller.broadcast.sync_did_finish],
        check_params_cbs=[lambda view: view.state is SyncState.SYNCING, None],
        timeout=15_000,
    ):
        qtbot.keyClick(controller.main_window, Qt.Key.Key_S, keys)  # Ctrl+Shift+S
    indicator = controller.main_window.sync_indicator
    syncing = replace(sync.view, state=SyncState.SYNCING, done=1, total=2)
    assert indicator.describe(syncing) == "Syncing 1 of 2…"
    qtbot.waitUntil(lambda: "pending" not in indicator_text(controller), timeout=5_000)
    assert "last synced at" in indicator_text(controller)
    page = controller.main_window.sync_page
    assert page._values["server"].text() == server.url
    assert "0 changes" in page._values["pending"].text()
    assert page._values["audit"].text() == "Matched what the county server recorded"


def test_server_down_is_offline_then_retry_works(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, tmp_path: Path
) -> None:
    url = sqlite_database(tmp_path)
    county = ServerCounty.create(url)
    server = ServerProcess(url).start()
    try:
        enroll(session, server, county)
        controller = make_controller(sync_settings=quick_settings())
        controller.open_session(session)
        qtbot.waitUntil(lambda: "last synced at" in indicator_text(controller), timeout=15_000)
        server.stop()
        save_youth(controller, session, 3)
        controller.sync.sync_now()
        qtbot.waitUntil(lambda: controller.sync.view.state is SyncState.OFFLINE, timeout=15_000)
        qtbot.waitUntil(lambda: "1 pending" in indicator_text(controller), timeout=5_000)
        text = indicator_text(controller)
        assert "offline" in text and "retry" in text
        assert "cannot be reached" in controller.main_window.sync_page.message.text()
        server.start()  # same port and database
        with qtbot.waitSignal(controller.broadcast.sync_did_finish, timeout=15_000):
            controller.main_window.sync_indicator.click()  # "retry"
        qtbot.waitUntil(lambda: "pending" not in indicator_text(controller), timeout=5_000)
        assert "last synced at" in indicator_text(controller)
    finally:
        server.stop()
        county.dispose()


def test_lease_expired_banner_and_edits_disabled(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server
) -> None:
    server, county = county_server
    enroll(session, server, county)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    session.store.set_meta("sync.last_contact_at", long_ago.isoformat())
    session.store.set_meta(ss.META_SERVER_URL, f"http://127.0.0.1:{free_port()}")  # unreachable
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    qtbot.waitUntil(lambda: main.read_only_banner.isVisible(), timeout=10_000)
    assert "Read-only until you sync" in main.read_only_banner.text()
    assert not main.new_youth_action.isEnabled()
    assert not main.youth_page.new_button.isEnabled()
    assert not main.education_page.session_button.isEnabled()
    try:
        YouthService(session.store, actor=ACTOR).create(make_youth(4))
        raise AssertionError("a save went through on an expired lease")
    except VaultReadOnly:
        pass
    qtbot.waitUntil(lambda: controller.sync.view.state is SyncState.OFFLINE, timeout=10_000)
    session.store.set_meta(ss.META_SERVER_URL, server.url)
    with qtbot.waitSignal(controller.broadcast.sync_did_finish, timeout=15_000):
        main.sync_page.sync_button.click()
    qtbot.waitUntil(lambda: not main.read_only_banner.isVisible(), timeout=5_000)
    assert main.education_page.session_button.isEnabled()


def test_revoked_laptop_says_so_and_returns_to_first_run(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server, data_dir: Path
) -> None:
    server, county = county_server
    enroll(session, server, county)
    from uuid import UUID

    county.revoke(UUID(session.store.get_meta(ss.META_DEVICE_ID)))
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    qtbot.waitUntil(lambda: controller.first_run_window is not None, timeout=15_000)
    assert controller.main_window is None and controller.session is None
    window = controller.first_run_window
    assert "revoked this laptop" in window.ui.messageLabel.text()
    assert "keys were destroyed" in window.ui.messageLabel.text()
    files = data_files(data_dir)
    assert "vault.key" not in " ".join(files)
    assert any(name.startswith("revoked-") for name in files)  # kept, never deleted
    assert not controller.access.vault_exists()  # first run can set the laptop up afresh


def test_needs_attention_lists_conflicts_and_quarantined(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session
) -> None:
    youth = YouthService(session.store, actor=ACTOR).create(make_youth(5)).youth
    item = session.store.outbox_items(OutboxState.PENDING)[0]
    session.store.quarantine(item.op_id, "county_client_id: not a valid client id")
    local = json.loads(json.dumps(item.payload))
    server_side = {**local, "placement_type": "relative"}
    session.store.add_sync_conflict(
        kind=ss.ConflictKind.PUSH,
        record_type="youth",
        record_id=youth.id,
        local_version=2,
        server_version=2,
        local_body=json.dumps(local),
        server_body=json.dumps(server_side),
        reason="the server holds a newer version",
    )
    controller = make_controller(sync_settings=quick_settings())
    controller.open_session(session)
    main = controller.main_window
    main.sections.setCurrentRow(main.pages.indexOf(main.sync_page))
    page = main.sync_page
    qtbot.waitUntil(lambda: page.attention_count() == 2, timeout=5_000)
    page.attention_table.selectRow(0)
    assert "Conflict" in page.attention_proxy.index(0, 0).data()
    assert page.versions.isVisible()
    assert "● placement_type" in page.server_text.toPlainText()
    assert "● placement_type" in page.local_text.toPlainText()
    page.attention_table.selectRow(1)
    assert "not a valid client id" in page.detail.text()
    assert not page.resolve_button.isVisible()
    page.attention_table.selectRow(0)
    page.resolve_button.click()
    qtbot.waitUntil(lambda: page.attention_count() == 1, timeout=5_000)
    assert session.store.open_conflict_count() == 0
    assert COUNTY  # the demo county the server fixtures use


def test_an_older_count_read_never_replaces_a_newer_one(qtbot: QtBot, unlocked, session) -> None:  # type: ignore[no-untyped-def]
    """Counts are read on pool threads; two reads can finish out of order (two saves in a row).
    The indicator keeps the newest read's counts."""
    sync = unlocked.sync
    qtbot.waitUntil(lambda: sync.view.status is not None, timeout=5_000)
    older = sync._numbered_read()()
    YouthService(session.store, actor=ACTOR).create(make_youth(1))
    newer = sync._numbered_read()()
    assert newer[1].status.pending == older[1].status.pending + 1
    sync._on_numbered_snapshot(newer)  # the second read finished first
    sync._on_numbered_snapshot(older)
    assert sync.view.status.pending == newer[1].status.pending


def test_a_restore_shows_records_received_x_of_y(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session, county_server, tmp_path: Path
) -> None:
    """A new laptop of a user with a caseload fills at its first sync; the indicator says how
    far ("Restoring 10 of 24 records…") while the pages arrive."""
    from csec_desktop.sync.client import RetryPolicy
    from tests.gui.sync_fixtures import new_code
    from tests.reliability.sync_support import fast_settings, open_device

    server, county = county_server
    code = new_code(county)
    source = open_device(tmp_path / "old-laptop.db")
    try:
        enrollment = source.service.enroll(server.url, code)
        source.store.save_many([make_youth(n) for n in range(24)], actor="cw")
        source.service.sync()
    finally:
        source.close()
    from csec_desktop.services.sync import SyncService

    SyncService.for_session(session, settings=quick_settings()).enroll(
        server.url, county.code(enrollment.username)
    )
    controller = make_controller(
        sync_settings=fast_settings(retry=RetryPolicy(attempts=1), pull_page_size=5)
    )
    views: list[object] = []
    controller.open_session(session)  # the first sync starts off the GUI thread
    controller.sync.changed.connect(views.append)
    qtbot.waitUntil(lambda: "last synced at" in indicator_text(controller), timeout=20_000)
    indicator = controller.main_window.sync_indicator
    seen = [indicator.describe(view) for view in views]
    assert "Restoring 5 of 24 records…" in seen
    assert "Restoring 24 of 24 records…" in seen
    receiving = replace(controller.sync.view, state=SyncState.SYNCING, done=1200, total=6000)
    from csec_desktop.sync.client import SyncPhase

    later = replace(receiving, phase=SyncPhase.PULLING, restoring=False)
    assert indicator.describe(later) == "Receiving 1,200 of 6,000 records…"
