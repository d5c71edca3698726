"""``csec-admin`` vault commands: exit codes, plain one-line errors, passphrases never in argv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from csec_desktop.cli.admin import main
from tests.integration.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)


def _admin(data_dir: Path, *args: str) -> list[str]:
    return ["--data-dir", str(data_dir), *args]


def _init(data_dir: Path, *extra: str) -> int:
    return main(_admin(data_dir, "vault", "init", "--kdf-iterations", "3", *extra))


def test_init_verify_and_seed(
    tmp_path: Path, env_passphrase: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert _init(data) == 0
    assert "created vault" in capsys.readouterr().out
    assert main(_admin(data, "seed-demo", "--youth", "20", "--screenings", "10")) == 0
    assert "20 youth, 10 screenings" in capsys.readouterr().out
    assert main(_admin(data, "vault", "verify")) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out[:-1]] == ["ok"] * 5
    assert out[-2] == "ok: audit anchor: no mismatch found at sync"
    assert out[-1] == "the vault is sound"


def test_passphrase_from_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    data = tmp_path / "data"
    assert _init(data, "--passphrase-file", str(secret)) == 0
    assert main(_admin(data, "vault", "verify", "--passphrase-file", str(secret))) == 0


def test_missing_passphrase_is_one_plain_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CSEC_PASSPHRASE", raising=False)
    assert _init(tmp_path / "data") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "CSEC_PASSPHRASE" in err


def test_init_refuses_a_passphrase_the_app_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CSEC_PASSPHRASE", "password")
    assert _init(tmp_path / "data") == 1
    assert "too common" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def test_init_twice_changes_nothing(
    tmp_path: Path, env_passphrase: None, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert _init(data) == 0
    before = (data / "vault.key").read_bytes()
    assert _init(data) == 1
    assert "already exists" in capsys.readouterr().err
    assert (data / "vault.key").read_bytes() == before


def test_change_passphrase_and_rotate(
    tmp_path: Path,
    env_passphrase: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    assert _init(data) == 0
    # The GUI's rule (issue 14, finding 13): too short, too repetitive, too common.
    for weak in ("short", "password", "passwordpassword1", "aaaaaaaaaaaaaaaa"):
        monkeypatch.setenv("CSEC_NEW_PASSPHRASE", weak)
        assert main(_admin(data, "vault", "change-passphrase")) == 1, weak
        assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setenv("CSEC_NEW_PASSPHRASE", "amber river lantern")
    assert main(_admin(data, "vault", "change-passphrase")) == 0
    assert "vault rotate-key" in capsys.readouterr().out  # the data key did not change
    monkeypatch.setenv("CSEC_PASSPHRASE", "amber river lantern")
    assert main(_admin(data, "vault", "rotate-key")) == 0
    assert main(_admin(data, "vault", "verify")) == 0


def test_recovery_keygen_and_recover(
    tmp_path: Path, env_passphrase: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSEC_RECOVERY_PASSPHRASE", "county recovery passphrase")
    private, public = tmp_path / "county.pem", tmp_path / "county.pub"
    keygen = [
        *("recovery-keygen", "--private-key-out", str(private)),
        *("--public-key-out", str(public), "--kdf-iterations", "3"),
    ]
    assert main(keygen) == 0
    assert private.stat().st_mode & 0o777 == 0o600
    assert b"BEGIN CSEC RECOVERY PRIVATE KEY" in private.read_bytes()
    assert main(keygen) == 1  # never overwrites a key
    data = tmp_path / "data"
    assert _init(data, "--recovery-public-key", str(public)) == 0
    monkeypatch.setenv("CSEC_NEW_PASSPHRASE", "reset by county IT")
    recover = ["vault", "recover", "--recovery-private-key", str(private)]
    assert main(_admin(data, *recover)) == 0
    monkeypatch.setenv("CSEC_PASSPHRASE", "reset by county IT")
    assert main(_admin(data, "vault", "verify")) == 0


def test_an_old_recovery_key_file_recovers_with_a_warning_and_can_be_upgraded(
    tmp_path: Path,
    env_passphrase: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A county key made before Argon2id (PKCS#8 with PBKDF2) still recovers a vault; IT is
    told to rewrite it, and the rewritten file (the same key pair) recovers too."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from csec_desktop.vault import RecoveryPublicKey

    monkeypatch.setenv("CSEC_RECOVERY_PASSPHRASE", "county recovery passphrase")
    key = X25519PrivateKey.generate()
    old = tmp_path / "old.pem"
    old.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"county recovery passphrase"),
        )
    )
    data = tmp_path / "data"
    assert _init(data, "--recovery-public-key", RecoveryPublicKey.of(key).text) == 0
    monkeypatch.setenv("CSEC_NEW_PASSPHRASE", "reset by county IT")
    capsys.readouterr()
    assert main(_admin(data, "vault", "recover", "--recovery-private-key", str(old))) == 0
    assert "recovery-key-upgrade" in capsys.readouterr().err

    new = tmp_path / "new.key"
    upgrade = ["recovery-key-upgrade", "--private-key", str(old), "--out", str(new)]
    assert main([*upgrade, "--kdf-iterations", "3"]) == 0
    assert new.stat().st_mode & 0o777 == 0o600
    assert b"BEGIN CSEC RECOVERY PRIVATE KEY" in new.read_bytes()
    assert main([*upgrade, "--kdf-iterations", "3"]) == 1  # never overwrites
    monkeypatch.setenv("CSEC_PASSPHRASE", "reset by county IT")
    monkeypatch.setenv("CSEC_NEW_PASSPHRASE", "reset again by county IT")
    capsys.readouterr()
    assert main(_admin(data, "vault", "recover", "--recovery-private-key", str(new))) == 0
    assert "upgrade" not in capsys.readouterr().err


def test_wrong_passphrase_in_a_real_process_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "CSEC_PASSPHRASE": PASSPHRASE}
    admin = [sys.executable, "-m", "csec_desktop.cli.admin", "--data-dir", str(data)]
    subprocess.run([*admin, "vault", "init", "--kdf-iterations", "3"], env=env, check=True)
    env["CSEC_PASSPHRASE"] = "wrong passphrase"
    done = subprocess.run(
        [*admin, "vault", "verify"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 1
    assert done.stderr == "csec-admin: error: the passphrase is not correct\n"
    assert "Traceback" not in done.stdout + done.stderr


def test_tampered_database_in_a_real_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "CSEC_PASSPHRASE": PASSPHRASE}
    admin = [sys.executable, "-m", "csec_desktop.cli.admin", "--data-dir", str(data)]
    subprocess.run([*admin, "vault", "init", "--kdf-iterations", "3"], env=env, check=True)
    db = data / "vault.db"
    raw = bytearray(db.read_bytes())
    raw[100] ^= 0xFF
    db.write_bytes(bytes(raw))
    done = subprocess.run([*admin, "vault", "verify"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "vault.db" in done.stderr and "damaged" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert db.exists()


def test_usage_error_is_plain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vault", "explode"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("csec-admin: error:") and err.count("\n") == 1
