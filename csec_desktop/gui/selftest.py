"""``csec-desktop --self-test``: can this laptop run the app? For county IT after an install.

One line per check, ``ok: ...`` or ``FAILED: ...``; exit status 0 when every check passed. It
touches no real vault and prints no personal data: the vault check works in a temporary folder
that is deleted afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from csec_desktop.config import AppConfig

Check = Callable[[], str]
HEALTH_PATH = "/api/v1/health"
SERVER_TIMEOUT_SECONDS = 10.0


def check_qt() -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a check for IT, often run over SSH
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(["csec-desktop-self-test"])
    label = QLabel("self-test")
    label.resize(120, 30)
    pixmap = label.grab()
    if pixmap.isNull():
        raise RuntimeError("a widget could not be drawn")
    platform = QApplication.platformName() if isinstance(app, QApplication) else "?"
    return f"Qt {qVersion()} (PySide6 {PySide6.__version__}), platform {platform}"


def check_sqlcipher() -> str:
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
        provider = conn.execute("PRAGMA cipher_provider").fetchone()
    finally:
        conn.close()
    if not row or not row[0]:
        raise RuntimeError("this SQLite build has no SQLCipher")
    return f"SQLCipher {row[0]} ({provider[0] if provider else 'unknown provider'})"


def check_crypto() -> str:
    from uuid import uuid4

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from csec_desktop.vault import FLOOR_KDF_PARAMS
    from csec_desktop.vault.kdf import derive_kek
    from csec_desktop.vault.recovery import (
        RecoveryPublicKey,
        unwrap_with_recovery_key,
        wrap_to_recovery_key,
    )

    kek = derive_kek("self-test passphrase", os.urandom(16), FLOOR_KDF_PARAMS)
    secret = os.urandom(32)
    nonce = os.urandom(12)
    if AESGCM(kek).decrypt(nonce, AESGCM(kek).encrypt(nonce, secret, b"t"), b"t") != secret:
        raise RuntimeError("AES-256-GCM round trip failed")
    private = X25519PrivateKey.generate()
    public = RecoveryPublicKey(private.public_key().public_bytes_raw())
    vault_id = uuid4()
    parts = wrap_to_recovery_key(
        secret, public, vault_id=vault_id, generation=1, associated_data=b"t"
    )
    opened = unwrap_with_recovery_key(
        parts, private, vault_id=vault_id, generation=1, associated_data=b"t"
    )
    if opened != secret:
        raise RuntimeError("X25519 recovery round trip failed")
    return "Argon2id, AES-256-GCM and X25519 round trips"


def check_vault() -> str:
    from csec_desktop.services.vault_session import VaultSession
    from csec_desktop.vault import FLOOR_KDF_PARAMS

    passphrase = "self-test " + os.urandom(8).hex()
    with tempfile.TemporaryDirectory(prefix="csec-self-test-") as tmp:
        data_dir = Path(tmp) / "vault"
        with VaultSession.create(
            data_dir, passphrase, actor="self-test", kdf_params=FLOOR_KDF_PARAMS
        ) as session:
            session.store.set_meta("self_test", "written")
        with VaultSession.open(data_dir, passphrase, actor="self-test") as session:
            if session.store.get_meta("self_test") != "written":
                raise RuntimeError("what was saved did not read back after reopening")
            report = session.verify()
            if not report.ok:
                failed = next(name for name, ok, _ in report.checks if not ok)
                raise RuntimeError(f"verify failed: {failed}")
    return "temporary vault created, saved, locked, reopened and verified"


def check_crash_dumps() -> str:
    """That this process can no longer write a core dump holding keys (``crash_dumps``)."""
    import sys as _sys

    from csec_desktop.crash_dumps import crash_dumps_off

    if _sys.platform == "win32":
        return "Windows Error Reporting keeps no dump unless IT configures LocalDumps"
    if not crash_dumps_off():
        raise RuntimeError("this process could still write a core dump")
    return "off (core size limit 0" + (", not dumpable)" if _sys.platform == "linux" else ")")


def recovery_key_check(config: AppConfig) -> Check | None:
    """The configured county recovery key parses (it is used when a vault is created)."""
    text = config.recovery_public_key
    if not text:
        return None

    def check_recovery_key() -> str:
        from csec_desktop.vault import parse_recovery_public_key

        key = parse_recovery_public_key(text)
        return f"county recovery key {key.key_id} is well-formed"

    return check_recovery_key


def server_check(config: AppConfig) -> Check | None:
    if not config.server_url:
        return None

    def check_server() -> str:
        import httpx

        verify: bool | str = str(config.ca_bundle) if config.ca_bundle else True
        url = config.server_url + HEALTH_PATH  # type: ignore[operator]
        response = httpx.get(url, timeout=SERVER_TIMEOUT_SECONDS, verify=verify)
        if response.status_code != 200:
            raise RuntimeError(f"{HEALTH_PATH} answered HTTP {response.status_code}")
        return f"{config.server_url} answers"

    return check_server


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_self_test(config: AppConfig, out: TextIO = sys.stdout) -> int:
    checks: list[tuple[str, Check | None]] = [
        ("qt", check_qt),
        ("sqlcipher", check_sqlcipher),
        ("crypto", check_crypto),
        ("vault", check_vault),
        ("crash dumps", check_crash_dumps),
        ("recovery key", recovery_key_check(config)),
        ("server", server_check(config)),
    ]
    failed = 0
    for name, check in checks:
        if check is None:
            print(f"{name}: not configured", file=out, flush=True)
            continue
        try:
            detail = check()
        except Exception as exc:
            failed += 1
            print(f"FAILED: {name}: {_reason(exc)}", file=out, flush=True)
        else:
            print(f"ok: {name}: {detail}", file=out, flush=True)
    return 1 if failed else 0
