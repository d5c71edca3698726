"""Revocation (crypto-shred), TLS verification and the csec-admin sync commands, real server."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from csec_desktop.cli.admin import main as admin_main
from csec_desktop.services.sync import DeviceWasRevoked, SyncService, SyncSettings
from csec_desktop.services.vault_session import NoVault, VaultSession
from csec_desktop.sync.client import CertificateRefused
from csec_desktop.vault import FLOOR_KDF_PARAMS
from tests.reliability.sync_support import (
    County,
    ServerProcess,
    fast_settings,
    make_youth,
    open_device,
    sqlite_database,
)

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def county_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, County]]:
    url = sqlite_database(tmp_path_factory.mktemp("server"))
    county = County.create(url)
    server = ServerProcess(url).start()
    yield server, county
    server.stop()
    county.dispose()


def _vault(path: Path) -> VaultSession:
    return VaultSession.create(path, PASSPHRASE, actor="cw", kdf_params=FLOOR_KDF_PARAMS)


def test_a_revoked_device_destroys_its_keys(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    server, county = county_server
    county.user("revoked-cw")
    data_dir = tmp_path / "vault"
    session = _vault(data_dir)
    service = SyncService.for_session(session, settings=fast_settings())
    enrollment = service.enroll(server.url, county.code("revoked-cw"))
    session.store.save(make_youth(), actor="cw")
    service.sync()
    county.revoke(enrollment.device_id)
    key_bytes = session.paths.key_file.read_bytes()
    assert key_bytes
    with pytest.raises(DeviceWasRevoked, match="keys were destroyed"):
        service.sync()
    assert session.locked
    assert not session.paths.key_file.exists()
    assert not list(data_dir.glob(".vault.key*"))
    assert session.paths.database.exists()  # encrypted, and now without any key
    with pytest.raises(NoVault):
        VaultSession.open(data_dir, PASSPHRASE)


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "csec test county server")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certfile, keyfile = directory / "server.pem", directory / "server.key"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certfile, keyfile


def test_a_certificate_the_device_does_not_trust_is_refused(tmp_path: Path) -> None:
    url = sqlite_database(tmp_path)
    county = County.create(url)
    certfile, keyfile = _self_signed(tmp_path)
    server = ServerProcess(url, certfile=certfile, keyfile=keyfile).start()
    try:
        county.user("tls-cw")
        code = county.code("tls-cw")
        data_dir = tmp_path / "vault"
        with _vault(data_dir) as session:
            untrusting = SyncService.for_session(session, settings=fast_settings())
            with pytest.raises(CertificateRefused, match="not trusted"):
                untrusting.enroll(server.url, code)
            assert not untrusting.enrolled
            trusting = SyncService.for_session(
                session, settings=SyncSettings(ca_bundle=certfile, retry=fast_settings().retry)
            )
            trusting.enroll(server.url, code)  # the code was not spent by the refused try
            session.store.save(make_youth(), actor="cw")
            assert trusting.sync().sent == 1
            # The bundle given at enrollment is kept, so a later sync trusts the same CA.
            assert SyncService.for_session(session, settings=fast_settings()).sync().complete
    finally:
        server.stop()
        county.dispose()


def test_admin_commands_enroll_sync_and_status(
    tmp_path: Path,
    county_server: tuple[ServerProcess, County],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, county = county_server
    county.user("cli-cw")
    data_dir = tmp_path / "vault"
    with _vault(data_dir) as session:
        session.store.save_many([make_youth(n) for n in range(3)], actor="cw")
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(data_dir)]

    assert admin_main([*base, "status", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["enrolled"] is False and before["pending"] == 3

    code = county.code("cli-cw")
    assert admin_main([*base, "enroll", "--server", server.url, "--code", code]) == 0
    assert "enrolled as cli-cw" in capsys.readouterr().out
    assert admin_main([*base, "sync", "--quiet"]) == 0
    assert "sent 3" in capsys.readouterr().out
    assert admin_main([*base, "status", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["pending"] == 0 and after["server_url"] == server.url
    assert after["last_successful_sync"] is not None
    assert admin_main([*base, "status"]) == 0
    assert "pending: 0" in capsys.readouterr().out


def test_demo_data_seeded_into_an_enrolled_vault_is_the_caseworkers_and_all_of_it_syncs(
    tmp_path: Path,
    county_server: tuple[ServerProcess, County],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """County IT enrolls a training laptop as a caseworker, then seeds it with demo data: the
    demo screenings are that caseworker's own, so the server takes every one of them and every
    record that depends on them (signed as someone else they were quarantined and held the rest
    back)."""
    server, county = county_server
    county.user("cli-trainee")
    data_dir = tmp_path / "vault"
    _vault(data_dir).lock()
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(data_dir)]
    code = county.code("cli-trainee")
    assert admin_main([*base, "enroll", "--server", server.url, "--code", code]) == 0
    seed = ["seed-demo", "--youth", "20", "--screenings", "10", "--sessions", "3", "--seed", "7"]
    assert admin_main([*base, *seed]) == 0
    assert admin_main([*base, "sync", "--quiet"]) == 0
    capsys.readouterr()
    assert admin_main([*base, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["records"]["screening"] == 10
    assert (status["pending"], status["quarantined"], status["conflicts"]) == (0, 0, 0)


def test_admin_sync_shows_a_restore_and_status_reports_it(
    tmp_path: Path,
    county_server: tuple[ServerProcess, County],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """IT sets up a replacement laptop for a caseworker with a caseload: ``csec-admin sync``
    shows the restore's progress, and ``status --json`` reports what arrived, by type."""
    server, county = county_server
    county.user("cli-restore")
    old = open_device(tmp_path / "old.db")
    try:
        old.service.enroll(server.url, county.code("cli-restore"))
        old.store.save_many([make_youth(n) for n in range(7)], actor="cw")
        old.service.sync()
    finally:
        old.close()
    data_dir = tmp_path / "new"
    _vault(data_dir).lock()
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(data_dir)]
    code = county.code("cli-restore")
    assert admin_main([*base, "enroll", "--server", server.url, "--code", code]) == 0
    capsys.readouterr()
    assert admin_main([*base, "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["restore"]["state"] == "not_started"
    assert admin_main([*base, "sync"]) == 0
    out, err = capsys.readouterr()
    assert "restoring: 7 of 7 records" in err
    assert "received 7 records" in out
    assert admin_main([*base, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["records"] == {"youth": 7}
    assert status["restore"]["state"] == "complete" and status["restore"]["received"] == 7
    assert status["caseload"] == {"youth": 7, "departed": 0}
    assert admin_main([*base, "status"]) == 0
    text = capsys.readouterr().out
    assert "records: youth 7" in text and "restore: complete, 7 records" in text


def test_sync_command_fails_in_one_line_when_the_server_is_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "vault"
    with _vault(data_dir) as session:
        session.store.save(make_youth(), actor="cw")
        session.store.set_meta("sync.server_url", "http://127.0.0.1:9")  # discard port: refused
        session.store.set_meta("sync.device_token", "token")
    monkeypatch.setenv("CSEC_PASSPHRASE", PASSPHRASE)
    assert admin_main(["--data-dir", str(data_dir), "sync", "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("csec-admin: error: cannot connect to the server")
    with VaultSession.open(data_dir, PASSPHRASE) as session:
        assert session.store.outbox_counts().pending == 1
