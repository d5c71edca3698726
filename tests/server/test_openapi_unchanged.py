"""The OpenAPI document is the API's contract with every client: how the server parses bodies,
runs the token lookup or serialises answers must not change it. ``tests/fixtures/
openapi-12bb40d.json`` is the document main served at 12bb40d (before the state scenario's
per-request work, issue 16's sixth milestone); only the server's version may differ."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from csec_desktop import __version__
from csec_desktop.server.app import create_app

FIXTURE = Path(__file__).parents[1] / "fixtures" / "openapi-12bb40d.json"


def test_the_openapi_document_is_the_one_main_served(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'server.db'}", check=False)
    with TestClient(app) as client:
        served = client.get("/api/v1/openapi.json").json()
    app.state.engine.dispose()
    stored = json.loads(FIXTURE.read_text(encoding="utf-8"))
    stored["info"]["version"] = __version__
    assert json.dumps(served, indent=1, sort_keys=True) == json.dumps(
        stored, indent=1, sort_keys=True
    )
