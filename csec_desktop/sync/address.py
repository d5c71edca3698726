"""The one rule for a county server's address, used everywhere one is typed, configured or used.

HTTPS only: enrollment codes, device tokens and records must never travel in cleartext. Plain
``http://`` is accepted for this computer alone (``localhost``, ``127.0.0.0/8``, ``::1``), where
traffic never leaves the machine: a county server and the app on one laptop, the demo, the tests.
An address with a user name or password in it is refused too (it would end up in logs and files).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

HTTPS_ONLY = (
    "the server address must start with https:// "
    "(http:// only for this computer: localhost, 127.0.0.1 or ::1)"
)


class ServerAddressError(ValueError):
    """A server address the app will not use (the message is one plain line)."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_server_url(url: str) -> str:
    """``url`` without trailing slashes, or ``ServerAddressError``."""
    url = url.strip().rstrip("/")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ServerAddressError("the server address is not a valid web address") from None
    if parts.scheme not in ("https", "http") or not host:
        raise ServerAddressError(HTTPS_ONLY)
    if parts.username is not None or parts.password is not None:
        raise ServerAddressError("the server address must not contain a user name or password")
    if parts.scheme == "http" and not is_loopback(host):
        raise ServerAddressError(HTTPS_ONLY)
    return url
