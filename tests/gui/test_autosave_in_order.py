"""Autosave is fire-and-forget (``gui/screening/draft_saves.py``): answers typed while a save is
still on the database lane reach the vault, also when the vault is locked before that save comes
back; a burst of answers is one write; a refused save keeps its answers under newer ones."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from csec_desktop.domain import Screening
from csec_desktop.gui.screening.draft_saves import DraftSaves
from csec_desktop.services.errors import Conflict
from csec_desktop.services.vault_session import VaultSession
from tests.gui.casework_support import (
    DEFAULT_INSTRUMENT,
    add_youth,
    answer_in_wizard,
    casework_for,
)
from tests.gui.conftest import PASSPHRASE
from tests.gui.test_screening_wizard import start_from_youth_page


def hold_the_lane(session: VaultSession) -> threading.Event:
    """Keep the database lane busy (as a slow disk would) until the event is set."""
    release = threading.Event()
    session.store.submit(release.wait, 30)
    return release


def test_answers_typed_while_a_save_is_on_the_lane_survive_locking(  # type: ignore[no-untyped-def]
    qtbot: QtBot, unlocked, session, data_dir: Path
) -> None:
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    screening_id = wizard.screening.id
    release = hold_the_lane(session)
    answer_in_wizard(qtbot, wizard, "ever_missing", "yes")
    wizard.save_now()  # the first save: queued behind the busy lane, not back yet
    answer_in_wizard(qtbot, wizard, "missing_episodes_past_year", 4)
    assert wizard.has_unsaved
    unlocked.lock()  # Ctrl+L before the first save came back
    release.set()
    qtbot.waitUntil(lambda: session.locked and unlocked.unlock_window is not None, timeout=10_000)

    reopened = VaultSession.open(data_dir, PASSPHRASE)
    try:
        saved = casework_for(reopened).screenings.get(screening_id)
    finally:
        reopened.lock()
    assert saved.answers["ever_missing"] == "yes"
    assert saved.answers["missing_episodes_past_year"] == 4


def test_answers_given_while_a_save_is_queued_go_in_one_write(  # type: ignore[no-untyped-def]
    qtbot: QtBot, unlocked, session
) -> None:
    add_youth(session)
    wizard = start_from_youth_page(qtbot, unlocked)
    opened_version = wizard.screening.version
    release = hold_the_lane(session)
    answer_in_wizard(qtbot, wizard, "ever_missing", "yes")
    wizard.save_now()
    answer_in_wizard(qtbot, wizard, "ever_missing", "no")  # changed before it was written
    wizard.save_now()
    answer_in_wizard(qtbot, wizard, "missing_episodes_past_year", 2)
    wizard.save_now()
    with qtbot.waitSignal(wizard.draft_saved, timeout=10_000):
        release.set()
    assert not wizard.has_unsaved
    assert wizard.save_label.text().startswith("Saved at")
    saved = casework_for(session).screenings.get(wizard.screening.id)
    assert saved.version == opened_version + 1  # the queued save took all three changes
    assert saved.answers["ever_missing"] == "no"  # the newer answer, not the one it replaced
    assert saved.answers["missing_episodes_past_year"] == 2
    assert wizard.screening.version == saved.version  # the wizard continues from it


def test_a_refused_save_keeps_its_answers_under_newer_ones(session) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    screenings = casework_for(session).screenings
    draft = screenings.start(youth.id, DEFAULT_INSTRUMENT)
    elsewhere = screenings.answer(draft, {"ever_missing": "yes"})  # a second window saved first
    saves = DraftSaves(screenings.answer, draft)  # still on the version it opened
    assert saves.add({"ever_missing": "no", "missing_episodes_past_year": 1})
    with pytest.raises(Conflict):
        session.store.call(saves.save_waiting)
    assert saves.busy  # nothing dropped: the answers wait for a retry
    assert saves.add({"missing_episodes_past_year": 5})
    saves.restart_from(elsewhere)  # what a person does after settling the conflict
    saved: Screening = session.store.call(saves.save_waiting)
    assert saved.answers == {"ever_missing": "no", "missing_episodes_past_year": 5}
    assert not saves.busy
