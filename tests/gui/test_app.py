"""``csec-desktop`` as IT runs it: --self-test and --version in a real process, plain errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from csec_desktop import __version__
from csec_desktop.app import main


def command() -> list[str]:
    script = Path(sys.executable).with_name("csec-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "csec_desktop.app"]


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config-home")  # no user config of the tester's
    env["CSEC_MACHINE_CONFIG"] = str(tmp_path / "no-machine-config.toml")
    return env


def test_self_test_passes_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [*command(), "--self-test"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(":")[0] for line in lines] == [
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "recovery key",
        "server",
    ]
    # Issue 14, finding 9: the real process cannot leave a core dump holding the vault key.
    assert lines[4] == "ok: crash dumps: off (core size limit 0, not dumpable)"
    assert lines[0].startswith("ok: qt")
    assert lines[1].startswith("ok: sqlcipher: SQLCipher 4")
    assert lines[-1] == "server: not configured"


def test_self_test_reports_an_unreachable_server(tmp_path: Path) -> None:
    config = tmp_path / "user.toml"
    config.write_text('server_url = "http://127.0.0.1:9"\n', encoding="utf-8")
    done = subprocess.run(
        [*command(), "--self-test", "--config", str(config)],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1].startswith("FAILED: server: ")
    assert "Traceback" not in done.stdout + done.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"csec-desktop {__version__}"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--data-dir"], "expected one argument"),
        (["--config", "/nonexistent/csec.toml"], "csec.toml does not exist"),
    ],
)
def test_bad_arguments_give_one_plain_line(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("csec-desktop: error: ")
    assert fragment in captured.err


def test_data_dir_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSEC_MACHINE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main(["--data-dir", str(a_file)]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_self_test_checks_the_configured_recovery_key(tmp_path: Path) -> None:
    """The app parses the county recovery key only when it creates a vault (start-up time), so
    a mistyped key must show up where IT looks after an install: the self-test."""
    from csec_desktop.vault import KdfParams, generate_recovery_keypair

    _, public_text = generate_recovery_keypair(
        "recovery passphrase for the test", kdf_params=KdfParams()
    )
    good = tmp_path / "good.toml"
    good.write_text(f'recovery_public_key = "{public_text}"\n', encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(f'recovery_public_key = "{public_text[:-6]}"\n', encoding="utf-8")
    lines = {}
    for name, config in (("good", good), ("bad", bad)):
        done = subprocess.run(
            [*command(), "--self-test", "--config", str(config)],
            env=clean_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        lines[name] = (done.returncode, done.stdout.splitlines()[-2])
    assert lines["good"][0] == 0
    assert lines["good"][1].startswith("ok: recovery key: county recovery key ")
    assert lines["bad"][0] == 1
    assert lines["bad"][1].startswith("FAILED: recovery key: RecoveryKeyError: ")
