"""``csec-admin instrument validate | import | list``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from csec_desktop.cli.admin import main
from tests.unit.test_instruments_validation import minimal_definition

REPO = Path(__file__).resolve().parents[2]


def write(path: Path, definition: object) -> Path:
    path.write_text(json.dumps(definition), encoding="utf-8")
    return path


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), "instrument", *args])


def broken_definition() -> dict[str, object]:
    definition = minimal_definition()
    definition["sections"][0]["items"][1]["id"] = "q1"  # type: ignore[index]
    definition["title"] = {"en": "Only English"}
    return definition


def test_validate_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(tmp_path, "validate", str(write(tmp_path / "ok.json", minimal_definition())))
    assert code == 0
    assert capsys.readouterr().out == "ok: test-screen 1.0\n"


def test_validate_prints_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(tmp_path, "validate", str(write(tmp_path / "bad.json", broken_definition())))
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert "title.es: missing translation (Spanish)" in lines
    assert "sections[0].items[1].id: duplicate id 'q1'" in lines


@pytest.mark.parametrize("content", [b"", b"{", b"\x00\x01"])
def test_validate_unreadable_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(content)
    assert run(tmp_path, "validate", str(path)) == 1
    out = capsys.readouterr().out
    assert out.startswith("(file): ") and out.count("\n") == 1


def test_validate_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "validate", str(tmp_path / "nope.json")) == 1
    err = capsys.readouterr().err
    assert err.startswith("csec-admin: error: ") and err.count("\n") == 1


def test_import_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "county.json", minimal_definition())
    assert run(tmp_path, "import", str(source)) == 0
    assert capsys.readouterr().out == "installed: test-screen 1.0\n"
    assert (tmp_path / "data" / "instruments" / "test-screen@1.0.json").is_file()

    assert run(tmp_path, "import", str(source)) == 0
    assert "already installed" in capsys.readouterr().out

    assert run(tmp_path, "list") == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    by_id = {row[0]: row for row in rows}
    assert by_id["test-screen"] == [
        "test-screen",
        "1.0",
        "Test screen (en)",
        "not validated",
        "installed",
    ]
    assert by_id["ca-csec-eligibility-risk"][3:] == ["not validated", "shipped"]
    assert "child-labor-trafficking-screen" in by_id


def test_import_refuses_changed_content_under_the_same_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "import", str(write(tmp_path / "a.json", minimal_definition()))) == 0
    changed = minimal_definition()
    changed["license"] = "something else"
    assert run(tmp_path, "import", str(write(tmp_path / "b.json", changed))) == 1
    err = capsys.readouterr().err
    assert "different content" in err and err.count("\n") == 1


def test_import_refuses_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "import", str(write(tmp_path / "bad.json", broken_definition()))) == 1
    err = capsys.readouterr().err
    assert "duplicate id 'q1'" in err
    assert (
        err.splitlines()[-1]
        == "csec-admin: error: bad.json is not a valid instrument; nothing installed"
    )
    assert not (tmp_path / "data" / "instruments").exists()


def test_instrument_needs_an_action(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    script = REPO / ".venv" / "bin" / "csec-admin"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "csec_desktop.cli.admin"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "sections": [{"items": [{"id": 5}]}], "x": ', encoding="utf-8")
    broken = write(tmp_path / "broken.json", broken_definition())
    for path in (bad, broken):
        done = subprocess.run(
            [*command, "--data-dir", str(tmp_path / "data"), "instrument", "validate", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 1
        assert "Traceback" not in done.stdout + done.stderr
        assert done.stdout.strip()
