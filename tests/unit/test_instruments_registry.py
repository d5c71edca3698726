"""The registry: shipped + installed definitions by exact id and version; safe, atomic import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from csec_desktop.instruments import (
    InstallOutcome,
    InstrumentConflict,
    InstrumentInvalid,
    InstrumentRegistry,
    Source,
    UnknownInstrument,
    compute,
    fingerprint,
    parse_instrument,
)
from csec_desktop.paths import resources_dir
from tests.unit.test_instruments_validation import minimal_definition

SHIPPED_DIR = resources_dir() / "instruments"
CSEC_ID = "ca-csec-eligibility-risk"


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    shipped = tmp_path / "shipped"
    shutil.copytree(SHIPPED_DIR, shipped)
    return shipped, tmp_path / "data" / "instruments"


def registry_for(dirs: tuple[Path, Path]) -> InstrumentRegistry:
    return InstrumentRegistry(*dirs)


def write(path: Path, definition: dict[str, Any], indent: int | None = None) -> Path:
    path.write_text(json.dumps(definition, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path


def csec_definition() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (SHIPPED_DIR / f"{CSEC_ID}@2.0.0.json").read_text(encoding="utf-8")
    )
    return loaded


def test_the_default_registry_lists_the_shipped_instruments(tmp_path: Path) -> None:
    registry = InstrumentRegistry.for_data_dir(tmp_path)
    keys = [entry.instrument.key for entry in registry.entries()]
    assert (CSEC_ID, "1.0.0") in keys
    assert ("child-labor-trafficking-screen", "1.0.0") in keys
    assert all(entry.source is Source.SHIPPED for entry in registry.entries())
    assert registry.problems == []


def test_lookup_is_by_exact_version(dirs: tuple[Path, Path]) -> None:
    registry = registry_for(dirs)
    assert registry.get(CSEC_ID, "1.0.0").version == "1.0.0"
    with pytest.raises(UnknownInstrument):
        registry.get(CSEC_ID, "1.0")
    with pytest.raises(UnknownInstrument):
        registry.latest("no-such-instrument")


def test_install_then_reimport_identical_content_is_a_no_op(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    registry = registry_for(dirs)
    source = write(tmp_path / "county.json", minimal_definition())
    instrument, outcome = registry.install(source)
    assert outcome is InstallOutcome.INSTALLED
    installed = dirs[1] / "test-screen@1.0.json"
    assert installed.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in dirs[1].iterdir()) == ["test-screen@1.0.json"]  # no temp left
    assert registry.entry("test-screen", "1.0").source is Source.INSTALLED

    # Same content, different layout and key order: identical, nothing rewritten.
    reformatted = dict(reversed(list(minimal_definition().items())))
    again = write(tmp_path / "again.json", reformatted, indent=4)
    assert registry.install(again)[1] is InstallOutcome.ALREADY_INSTALLED
    assert installed.read_bytes() == source.read_bytes()
    assert fingerprint(instrument) == registry.entry("test-screen", "1.0").fingerprint


def test_different_content_under_an_installed_version_is_refused(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    registry = registry_for(dirs)
    registry.install(write(tmp_path / "v1.json", minimal_definition()))
    before = (dirs[1] / "test-screen@1.0.json").read_bytes()
    changed = minimal_definition()
    changed["risk_rules"][0]["level"] = "possible_concern"
    with pytest.raises(InstrumentConflict, match="different content"):
        registry.install(write(tmp_path / "v1-changed.json", changed))
    assert (dirs[1] / "test-screen@1.0.json").read_bytes() == before
    # A fresh registry (another process) refuses it too, at the file level.
    with pytest.raises(InstrumentConflict):
        registry_for(dirs).install(tmp_path / "v1-changed.json")


def test_a_shipped_version_cannot_be_replaced_by_an_import(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    changed = csec_definition()
    changed["title"]["en"] = "Something else"
    with pytest.raises(InstrumentConflict, match="already shipped"):
        registry_for(dirs).install(write(tmp_path / "csec.json", changed))
    assert not dirs[1].exists() or not list(dirs[1].iterdir())


def test_an_invalid_file_is_never_installed(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    broken = minimal_definition()
    broken["sections"][0]["items"][1]["id"] = "q1"
    with pytest.raises(InstrumentInvalid):
        registry_for(dirs).install(write(tmp_path / "broken.json", broken))
    assert not dirs[1].exists() or not list(dirs[1].iterdir())


def test_a_broken_installed_file_is_skipped_not_fatal(dirs: tuple[Path, Path]) -> None:
    dirs[1].mkdir(parents=True)
    (dirs[1] / "junk@1.json").write_text("{not json", encoding="utf-8")
    registry = registry_for(dirs)
    assert registry.get(CSEC_ID, "1.0.0")
    assert [problem.path.name for problem in registry.problems] == ["junk@1.json"]
    assert "not JSON" in registry.problems[0].problem


def test_a_screening_keeps_its_instrument_version_after_a_newer_one_is_installed(
    dirs: tuple[Path, Path], tmp_path: Path
) -> None:
    registry = registry_for(dirs)
    started_with = registry.latest(CSEC_ID)
    answers = {
        "ever_missing": "yes",
        "missing_episodes_past_year": 2,
        "screener_concern": "no_concern",
    }
    first = compute(started_with, answers)
    assert first.risk_level.value == "no_concern"

    newer = csec_definition()
    newer["version"] = "2.1.0"
    for indicator in newer["indicators"]:
        if indicator["id"] == "missing_runaway":
            indicator["clear_at"] = 2  # more sensitive
    registry.install(write(tmp_path / "newer.json", newer))

    later = InstrumentRegistry(*dirs)  # e.g. after a restart
    assert later.latest(CSEC_ID).version == "2.1.0"
    pinned = later.get(started_with.id, started_with.version)
    assert compute(pinned, answers) == first
    assert compute(later.latest(CSEC_ID), answers).risk_level.value == "possible_concern"
    assert fingerprint(pinned) == fingerprint(started_with)


def test_fingerprint_ignores_layout_but_not_content() -> None:
    definition = minimal_definition()
    one = parse_instrument(json.dumps(definition).encode())
    two = parse_instrument(json.dumps(definition, indent=2, sort_keys=True).encode())
    definition["version"] = "1.1"
    three = parse_instrument(json.dumps(definition).encode())
    assert fingerprint(one) == fingerprint(two) != fingerprint(three)
