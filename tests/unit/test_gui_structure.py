"""The GUI's structure, enforced on the source: changes are announced by the operation helper
alone, services are built in one place, and the screening package is no hub."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "csec_desktop" / "gui"


def _sources() -> list[Path]:
    return [p for p in sorted(GUI.rglob("*.py")) if "forms" not in p.parts]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_only_the_operation_helper_announces_changes() -> None:
    emitting = [
        str(p.relative_to(GUI))
        for p in _sources()
        if "records_did_change.emit" in p.read_text(encoding="utf-8")
    ]
    assert emitting == ["common/ops.py"]


def test_services_are_built_in_one_place() -> None:
    """Casework (every service of the open vault) is built by the composition root alone."""
    building = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for name in ("Casework.for_store(", "ReviewService(", "ExportService(", "TodayService("):
            if name in text and path.name != "casework.py":
                building.append(f"{path.relative_to(GUI)}: {name}")
    # (open_session, and again once a standalone vault is enrolled)
    assert building == ["application.py: Casework.for_store("]


def test_the_screening_package_is_no_hub() -> None:
    """Only the youth's page (which opens the wizard) imports from gui/screening."""
    importers = sorted(
        {
            str(p.relative_to(GUI).parent)
            for p in _sources()
            if p.parent.name != "screening"
            and any(name.startswith("csec_desktop.gui.screening") for name in _imports(p))
        }
    )
    assert importers == ["youth"]
