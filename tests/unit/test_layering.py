"""The dependency direction of DESIGN.md, enforced on the source:

domain <- instruments, vault, store, sync <- services <- exports <- gui; server -> domain,
sync.protocol (and the shared report aggregation in services.reports).
Only the composition root (csec_desktop/app.py) sees everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "csec_desktop"

# For each layer, the csec_desktop layers it may import (besides itself and the shared helpers).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "instruments": {"domain"},
    "vault": set(),
    "store": {"domain"},
    "sync": {"domain", "store", "vault"},
    "services": {"domain", "instruments", "vault", "store", "sync"},
    "server": {"domain", "sync", "cli"},
    "exports": {"domain", "vault", "store", "sync", "services"},
    "cli": {"domain", "instruments", "vault", "store", "sync", "services", "exports"},
    "gui": {"domain", "instruments", "vault", "store", "sync", "services", "exports", "config"},
}
SHARED = {"paths", "_lazy", "__init__", "crash_dumps"}  # process-wide helpers, the version
HEADLESS = {
    "domain", "instruments", "vault", "store", "sync", "services", "exports", "server", "cli",
}  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    wrong = []
    for path in _layer_files(layer):
        for name in _imports(path):
            if not name.startswith("csec_desktop."):
                continue
            target = name.split(".")[1]
            if target not in SHARED and target != layer and target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("layer", sorted(HEADLESS))
def test_headless_layers_never_import_qt(layer: str) -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _layer_files(layer)
        if any(
            name.split(".")[0] in {"PySide6", "shiboken6", "pytestqt"} for name in _imports(path)
        )
    ]
    assert offenders == []


def test_protocol_is_shared_and_pure() -> None:
    protocol = PACKAGE / "sync" / "protocol.py"
    if not protocol.exists():
        pytest.fail("csec_desktop/sync/protocol.py is missing")
    imported = {n.split(".")[1] for n in _imports(protocol) if n.startswith("csec_desktop.")}
    assert imported <= {"domain"}
