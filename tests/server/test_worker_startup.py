"""A server worker's app (``app_from_environment``, what ``serve`` runs) is built and then moved
out of the garbage collector's sight: its objects live as long as the worker, and full
collections that scanned them all were a sixth of a pushed record's CPU (issue 16); and the
worker collects its youngest objects after 10,000 rather than Python's 700."""

from __future__ import annotations

import gc

import pytest

from csec_desktop.server.app import YOUNG_OBJECTS_PER_COLLECTION, app_from_environment


def test_a_worker_freezes_what_it_built_at_startup_and_collects_young_objects_less_often(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    gc.unfreeze()
    threshold = gc.get_threshold()
    try:
        app = app_from_environment()
        frozen = gc.get_freeze_count()
        # The app and what it holds are among the frozen objects, not the collector's.
        tracked = {id(o) for o in gc.get_objects()}
        assert id(app) not in tracked
        assert id(app.router) not in tracked
        assert frozen > 10_000
        assert gc.get_threshold() == (YOUNG_OBJECTS_PER_COLLECTION, *threshold[1:])
        app.state.engine.dispose()
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
        gc.set_threshold(*threshold)
