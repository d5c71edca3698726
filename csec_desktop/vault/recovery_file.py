"""The county recovery private key file: the X25519 private key under an Argon2id-derived key.

The recovery key opens every vault of the county, so its file is protected at least as strongly
as a vault: Argon2id with the vault's floor (64 MiB, 3 passes) and, by default, calibrated on
the machine that makes it to more than a vault gets (256 MiB, about 1-2 s: made once, used for a
recovery now and then). The file is armored text, so IT can print it or keep it on paper::

    -----BEGIN CSEC RECOVERY PRIVATE KEY-----
    <base64 of the JSON document, in lines of 64>
    -----END CSEC RECOVERY PRIVATE KEY-----

The JSON holds ``format``, ``version`` (2), ``kdf`` (Argon2id settings and salt), ``public_key``
(the raw public key, so the key id can be shown and the decrypted key checked), ``nonce`` and
``ciphertext`` (AES-256-GCM of the 32 raw private-key bytes). The associated data is the
canonical JSON of everything but the nonce and ciphertext, so no setting can be changed unseen.

Version 1 files (PKCS#8 PEM encrypted with PBKDF2 by ``cryptography``'s best available scheme,
about 2,000 iterations) still load; ``csec-admin recovery-key-upgrade`` rewrites one as version 2
(the same key pair: laptops keep their configuration).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import textwrap
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import ValidationError

from csec_desktop.vault._codec import Base64Bytes, FileModel
from csec_desktop.vault.errors import EmptyPassphrase, RecoveryKeyError
from csec_desktop.vault.kdf import (
    CALIBRATION_MAX_MEMORY_COST,
    SALT_LENGTH,
    KdfParams,
    calibrate_kdf,
    derive_kek,
)

BEGIN = "-----BEGIN CSEC RECOVERY PRIVATE KEY-----"
END = "-----END CSEC RECOVERY PRIVATE KEY-----"
FORMAT = "csec-recovery-private-key"
VERSION = 2
_NONCE_LENGTH = 12
_LEGACY_ENCRYPTED = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_LEGACY_PLAIN = b"-----BEGIN PRIVATE KEY-----"
# More than a vault's calibration: a recovery key opens every vault of the county.
RECOVERY_TARGET_SECONDS = (1.0, 1.5, 3.0)  # min, target, max


class RecoveryKdf(KdfParams):
    salt: Base64Bytes


class RecoveryKeyDocument(FileModel):
    format: Literal["csec-recovery-private-key"]
    version: Literal[2]
    kdf: RecoveryKdf
    public_key: Base64Bytes
    nonce: Base64Bytes
    ciphertext: Base64Bytes

    def associated_data(self) -> bytes:
        header = self.model_dump(mode="json", exclude={"nonce", "ciphertext"})
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")


def calibrate_recovery_kdf() -> KdfParams:
    """Argon2id settings for a new recovery key on this machine (several seconds)."""
    low, target, high = RECOVERY_TARGET_SECONDS
    return calibrate_kdf(
        memory_cost=CALIBRATION_MAX_MEMORY_COST,
        target_seconds=target,
        min_seconds=low,
        max_seconds=high,
    )


def seal_private_key(
    private_key: X25519PrivateKey, passphrase: str, kdf_params: KdfParams | None = None
) -> bytes:
    """The armored version-2 file for ``private_key`` under ``passphrase``."""
    params = (kdf_params or calibrate_recovery_kdf()).cost_only()
    salt = os.urandom(SALT_LENGTH)
    header = RecoveryKeyDocument(
        format=FORMAT,
        version=VERSION,
        kdf=RecoveryKdf(**params.model_dump(), salt=salt),
        public_key=private_key.public_key().public_bytes_raw(),
        nonce=bytes(_NONCE_LENGTH),
        ciphertext=b"",
    )
    nonce = os.urandom(_NONCE_LENGTH)
    raw = private_key.private_bytes_raw()
    ciphertext = AESGCM(_key(passphrase, salt, params)).encrypt(
        nonce, raw, header.associated_data()
    )
    document = header.model_copy(update={"nonce": nonce, "ciphertext": ciphertext})
    encoded = base64.b64encode(document.model_dump_json().encode("ascii")).decode("ascii")
    return "\n".join([BEGIN, *textwrap.wrap(encoded, 64), END, ""]).encode("ascii")


def open_private_key(data: bytes, passphrase: str) -> tuple[X25519PrivateKey, bool]:
    """``(private key, legacy)``: ``legacy`` is True for a version-1 (PBKDF2) file."""
    if not passphrase:
        raise RecoveryKeyError("the recovery key passphrase is empty")
    if BEGIN.encode("ascii") in data:
        return _open_v2(data, passphrase), False
    if _LEGACY_ENCRYPTED in data:
        return _open_legacy(data, passphrase), True
    if _LEGACY_PLAIN in data:
        raise RecoveryKeyError(
            "the recovery private key file is not encrypted; make a new key pair"
        )
    raise RecoveryKeyError("this is not a CSEC recovery private key file")


def _key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    try:
        return derive_kek(passphrase, salt, params)
    except EmptyPassphrase:
        raise RecoveryKeyError("the recovery key passphrase is empty") from None


def _open_v2(data: bytes, passphrase: str) -> X25519PrivateKey:
    damaged = RecoveryKeyError("the recovery private key file is damaged")
    text = data.decode("ascii", errors="replace")
    body = text.split(BEGIN, 1)[1].split(END, 1)[0]
    try:
        document = RecoveryKeyDocument.model_validate_json(
            base64.b64decode("".join(body.split()), validate=True)
        )
    except (binascii.Error, ValueError, ValidationError):
        raise damaged from None
    params = document.kdf.cost_only()  # below the floor: refused by validation above
    try:
        raw = AESGCM(_key(passphrase, document.kdf.salt, params)).decrypt(
            document.nonce, document.ciphertext, document.associated_data()
        )
    except InvalidTag:
        raise RecoveryKeyError(
            "the recovery private key could not be opened: wrong passphrase or damaged file"
        ) from None
    key = X25519PrivateKey.from_private_bytes(raw)
    if key.public_key().public_bytes_raw() != document.public_key:
        raise damaged
    return key


def _open_legacy(pem: bytes, passphrase: str) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        # cryptography reports a wrong passphrase and a damaged file alike.
        raise RecoveryKeyError(
            "the recovery private key could not be opened: wrong passphrase or damaged file"
        ) from None
    if not isinstance(key, X25519PrivateKey):
        raise RecoveryKeyError("this private key is not a CSEC recovery key (X25519)")
    return key
