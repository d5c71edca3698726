"""The open session's long-lived objects are kept out of full garbage collections (which held
the interpreter lock for up to 91 ms in the middle of an autosave; ``gui/collector.py``), and
are given back to the collector when the vault locks, so a closed window is freed."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot


class Marker:
    """An object in a reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


def test_the_session_is_frozen_while_open_and_freed_after_lock(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_controller, session
) -> None:
    gc.unfreeze()
    controller = make_controller()
    cycle = Marker()  # made before the window: lives in a cycle, unreachable after del
    alive = weakref.ref(cycle)
    controller.open_session(session)
    assert gc.get_freeze_count() > 1_000  # the window and its pages, out of the collector's sight
    del cycle
    gc.collect()
    assert alive() is not None  # frozen: a full collection does not even look at it
    controller.lock()
    qtbot.waitUntil(lambda: session.locked and controller.unlock_window is not None)
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert alive() is None  # given back at lock: freed
