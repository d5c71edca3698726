"""A damaged vault database is reported in one plain line by every command, and never synced.

Damage is made the way disks and careless copies make it: a flipped byte in a random page, a
zeroed page, a file cut short. ``vault verify``, ``status`` and ``sync`` run in-process as
``csec-admin`` does; each must exit non-zero with one ``csec-admin: error:`` line, never a
traceback, and leave the files as they were apart from the normal unlock entry.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from csec_desktop.cli.admin import main
from csec_desktop.store import DATABASE_FILE_NAME, StoreDamaged
from tests.integration.conftest import PASSPHRASE
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    make_youth,
    open_device,
    sqlite_database,
)

PAGE = 4096
DAMAGED_COPIES = 40


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("seeded") / "data"
    os.environ["CSEC_PASSPHRASE"] = PASSPHRASE
    try:
        assert main(["--data-dir", str(data), "vault", "init", "--kdf-iterations", "3"]) == 0
        seed = ["seed-demo", "--youth", "60", "--screenings", "30", "--sessions", "5"]
        assert main(["--data-dir", str(data), *seed]) == 0
    finally:
        del os.environ["CSEC_PASSPHRASE"]
    return data


def _damage(database: Path, rng: random.Random) -> str:
    """Damage ``database`` in one of three ways; returns how (for the failure message)."""
    data = bytearray(database.read_bytes())
    pages = len(data) // PAGE
    page = rng.randrange(pages)
    how = rng.choice(["flip", "zero", "truncate"])
    if how == "flip":
        data[page * PAGE + rng.randrange(PAGE)] ^= 1 << rng.randrange(8)
    elif how == "zero":
        data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
    else:
        del data[max(PAGE, page * PAGE + rng.randrange(PAGE)) :]
    database.write_bytes(bytes(data))
    return f"{how} page {page + 1} of {pages}"


def _one_plain_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("csec-admin: error: "), captured.err
    return lines[0]


@pytest.mark.slow
def test_every_damaged_copy_is_reported_by_verify_status_and_sync(
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    rng = random.Random(14)
    for n in range(DAMAGED_COPIES):
        data = tmp_path / f"copy{n}"
        shutil.copytree(seeded, data)
        how = _damage(data / DATABASE_FILE_NAME, rng)
        # verify on every copy; status and sync (each a full unlock) on every fourth.
        commands = [["vault", "verify"], *([["status"], ["sync"]] if n % 4 == 0 else [])]
        for command in commands:
            code = main(["--data-dir", str(data), *command])
            assert code == 1, (how, command)
            captured = capsys.readouterr()
            assert "Traceback" not in captured.err + captured.out
            if command == ["status"] and not captured.err:
                assert "database: DAMAGED" in captured.out, how  # opened: the figures, flagged
                continue
            lines = captured.err.splitlines()
            assert len(lines) == 1 and lines[0].startswith("csec-admin: error: "), (how, lines)
            assert "damaged" in lines[0], (how, command, lines)
        shutil.rmtree(data)


def test_status_says_damaged_beside_its_figures(
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    data = tmp_path / "copy"
    shutil.copytree(seeded, data)
    database = data / DATABASE_FILE_NAME
    raw = bytearray(database.read_bytes())
    raw[len(raw) // 2] ^= 0x40  # a page in the middle: the vault still opens
    database.write_bytes(bytes(raw))
    capsys.readouterr()
    assert main(["--data-dir", str(data), "status"]) == 1
    out = capsys.readouterr().out
    assert "pending:" in out
    assert "database: DAMAGED: 1 of" in out and "nothing will be sent" in out
    assert main(["--data-dir", str(seeded), "status"]) == 0
    assert "database: ok (all" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["empty", "folder"])
def test_an_empty_or_folder_database_is_a_plain_error_and_gets_no_schema(
    seeded: Path,
    tmp_path: Path,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    data = tmp_path / "copy"
    shutil.copytree(seeded, data)
    database = data / DATABASE_FILE_NAME
    database.unlink()
    if kind == "empty":
        database.touch()
    else:
        database.mkdir()
    capsys.readouterr()
    for command in (["vault", "verify"], ["status"], ["sync"]):
        assert main(["--data-dir", str(data), *command]) == 1
        line = _one_plain_error(capsys)
        assert DATABASE_FILE_NAME in line
    if kind == "empty":
        assert database.stat().st_size == 0  # no schema was written into it
    else:
        assert list(database.iterdir()) == []


def test_nothing_is_pushed_from_a_damaged_vault(tmp_path: Path) -> None:
    """An enrolled laptop with unsent records whose database took damage: sync refuses before
    sending anything, and the unsent records stay queued in the files."""
    url = sqlite_database(tmp_path)
    county = County.create(url)
    county.user("cw")
    server = ServerProcess(url).start()
    try:
        device = open_device(tmp_path / "laptop.db")
        device.service.enroll(server.url, county.code("cw"))
        for n in range(300):
            device.store.save(make_youth(n, family_name="Damaged" * 14), actor="cw")
        device.close()
        raw = bytearray(device.path.read_bytes())
        raw[len(raw) - PAGE // 2] ^= 0x01  # the last page: the vault still opens
        device.path.write_bytes(bytes(raw))

        reopened = open_device(device.path, device.key)
        try:
            with pytest.raises(StoreDamaged, match="damaged"):
                reopened.service.sync()
            assert reopened.store.damage is not None
        finally:
            reopened.close()
        assert county.record_versions() == {}
    finally:
        server.stop()
        county.dispose()


def test_the_check_reads_every_page_of_a_sound_vault(tmp_path: Path) -> None:
    device = open_device(tmp_path / "laptop.db")
    try:
        for n in range(200):
            device.store.save(make_youth(n), actor="cw")
        found = device.store.check_pages()
        assert found.ok and found.pages > 10
        device.store.require_sound()  # no error
        assert device.store.damage is None
    finally:
        device.close()
