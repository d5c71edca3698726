"""The frozen one-folder bundle, run as county IT runs it: from an empty environment."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.migrations import MIGRATIONS, applied_migrations
from csec_desktop.vault import KeyFile
from tests.fixtures.make_vault_fixture import FIXTURE_PASSPHRASE
from tests.installer.conftest import empty_env

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OLD_VAULTS = sorted(FIXTURES.glob("vault-schema-*"))
MAX_BUNDLE_MIB = 200
LEFT_OUT = (
    "csec_desktop.server",
    "fastapi",
    "uvicorn",
    "starlette",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "PyInstaller",
)


def run(
    command: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


def test_self_test_passes_from_an_empty_environment(bundle: Path, home: Path) -> None:
    done = run([str(bundle / "csec-desktop"), "--self-test"], empty_env(home))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "ok",
        "ok",
        "ok",
        "ok",
        "ok",
        "recovery key",
        "server",
    ]
    assert lines[4].startswith("ok: crash dumps: off")
    assert lines[0].startswith("ok: qt: Qt 6")
    assert "platform offscreen" in lines[0]
    assert lines[1].startswith("ok: sqlcipher: SQLCipher 4")
    assert "Traceback" not in done.stderr


def test_both_executables_answer_their_version(bundle: Path, home: Path) -> None:
    from csec_desktop import __version__

    for name in ("csec-desktop", "csec-admin"):
        done = run([str(bundle / name), "--version"], empty_env(home))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"{name} {__version__}"


def _embedded_modules(executable: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(executable))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def test_no_server_code_and_no_test_tools_inside(bundle: Path) -> None:
    for name in ("csec-desktop", "csec-admin"):
        modules = _embedded_modules(bundle / name)
        assert "csec_desktop.app" in modules or "csec_desktop.cli.admin" in modules
        bad = sorted(m for m in modules if m.startswith(LEFT_OUT))
        assert bad == [], f"{name} bundles {bad[:5]}"
    top_level = {p.name.split(".")[0] for p in (bundle / "_internal").iterdir()}
    assert not top_level & {"fastapi", "uvicorn", "sqlalchemy", "psycopg", "psycopg_binary"}


def test_resources_sqlcipher_and_qt_plugins_are_inside(bundle: Path) -> None:
    internal = bundle / "_internal"
    resources = internal / "resources"
    assert sorted(p.name for p in (resources / "translations").glob("*.qm")) == [
        "csec_desktop_en.qm",
        "csec_desktop_es.qm",
    ]
    assert list((resources / "instruments").glob("*.json"))
    assert (resources / "styles" / "app.qss").exists()
    assert (resources / "icons" / "csec-desktop.svg").exists()
    assert list((internal / "sqlcipher3").glob("_sqlite3*.so"))
    platforms = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    assert "libqwayland.so" not in platforms and "libqeglfs.so" not in platforms
    libraries = {p.name for p in internal.rglob("libQt6*")}
    assert not {
        n for n in libraries if n.startswith(("libQt6Quick", "libQt6Qml", "libQt6WebEngine"))
    }


def test_bundle_size_is_within_target(bundle: Path) -> None:
    size = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_dir())
    assert size <= MAX_BUNDLE_MIB * 1024 * 1024, f"{size / 2**20:.0f} MiB"


@pytest.mark.parametrize("fixture", OLD_VAULTS, ids=lambda p: p.name)
def test_frozen_build_migrates_and_verifies_an_old_vault(
    bundle: Path, home: Path, tmp_path: Path, fixture: Path
) -> None:
    """An upgrade keeps the user's vault: the new build opens an old schema, migrates, verifies."""
    data_dir = tmp_path / fixture.name
    shutil.copytree(fixture, data_dir)
    env = empty_env(home, CSEC_PASSPHRASE=FIXTURE_PASSPHRASE)  # via env, never argv
    done = run([str(bundle / "csec-admin"), "--data-dir", str(data_dir), "vault", "verify"], env)
    assert done.returncode == 0, done.stdout + done.stderr
    *checks, verdict = done.stdout.strip().splitlines()
    assert checks and all(line.startswith("ok: ") for line in checks)
    assert verdict == "the vault is sound"

    keys = KeyFile.load(data_dir / "vault.key").unlock(FIXTURE_PASSPHRASE)
    connection = sc.connect(data_dir / "vault.db", keys.current)
    try:
        assert applied_migrations(connection) == [m.number for m in MIGRATIONS]
    finally:
        connection.close()

    probe = run(
        [str(bundle / "csec-desktop"), "--data-dir", str(data_dir)],
        empty_env(home, CSEC_STARTUP_PROBE="1"),
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split()[-1] == "UnlockWindow"


def test_a_wrong_passphrase_is_one_plain_line(bundle: Path, home: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "vault"
    shutil.copytree(OLD_VAULTS[0], data_dir)
    env = empty_env(home, CSEC_PASSPHRASE="not the passphrase")
    done = run([str(bundle / "csec-admin"), "--data-dir", str(data_dir), "vault", "verify"], env)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
