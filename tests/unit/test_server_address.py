"""HTTPS only, except to this computer: the one rule, wherever an address is typed, configured,
stored or used (issue 14, finding 10)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from csec_desktop.config import ConfigError, read_config_file
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.sync import SyncService, SyncSettings
from csec_desktop.store import Store
from csec_desktop.sync.address import ServerAddressError, checked_server_url
from csec_desktop.sync.client import InsecureServerAddress, SyncClient

ACCEPTED = [
    ("https://csec.fresno.example/", "https://csec.fresno.example"),
    ("  https://10.1.2.3:8443 ", "https://10.1.2.3:8443"),
    ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("http://127.8.9.10", "http://127.8.9.10"),
    ("http://localhost:8000/", "http://localhost:8000"),
    ("http://[::1]:8000", "http://[::1]:8000"),
]
REFUSED = [
    "http://csec.fresno.example",
    "http://10.1.2.3:8000",
    "http://192.168.1.20",
    "http://[::ffff:10.0.0.1]",
    "http://localhost.evil.example",
    "http://127.0.0.1.nip.io",
    "ftp://csec.fresno.example",
    "csec.fresno.example",
    "https://user:secret@csec.fresno.example",
    "https://csec.fresno.example:99999",
    "",
]


@pytest.mark.parametrize(("typed", "kept"), ACCEPTED)
def test_https_anywhere_and_http_to_this_computer_are_accepted(typed: str, kept: str) -> None:
    assert checked_server_url(typed) == kept


@pytest.mark.parametrize("typed", REFUSED)
def test_cleartext_to_another_machine_is_refused(typed: str) -> None:
    with pytest.raises(ServerAddressError):
        checked_server_url(typed)


def test_the_client_refuses_a_cleartext_address_before_any_request() -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with pytest.raises(InsecureServerAddress, match="https://"):
        SyncClient("http://csec.fresno.example", token="t", transport=transport)
    assert sent == []


def test_enrollment_refuses_a_cleartext_address(tmp_path: Path) -> None:
    import os

    store = Store(tmp_path / "vault.db", os.urandom(32), create=True)
    try:
        service = SyncService(store, actor="cw", settings=SyncSettings())
        with pytest.raises(ServiceError, match="https://"):
            service.enroll("http://csec.fresno.example", "ABCDE-FGHJK")
        assert not service.enrolled
    finally:
        store.close()


def test_a_configuration_file_refuses_a_cleartext_address(tmp_path: Path) -> None:
    path = tmp_path / "csec.toml"
    path.write_text('server_url = "http://csec.fresno.example"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="https://"):
        read_config_file(path, required=True)
    path.write_text('server_url = "http://127.0.0.1:8000"\n', encoding="utf-8")
    assert read_config_file(path, required=True).server_url == "http://127.0.0.1:8000"
