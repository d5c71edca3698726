"""The county recovery key: how county IT opens a vault whose passphrase is lost.

County IT makes one X25519 key pair per county (``generate_recovery_keypair``), keeps the private
half offline, encrypted under its own passphrase with Argon2id (``recovery_file``), and puts the
public half in the machine-wide TOML configuration as one line,
``csec-recovery-x25519:<base64 of the 32 raw bytes>``. Every laptop then wraps each data key a
second time to that public key, so the private key alone (no laptop passphrase) recovers the vault.

The wrap is ephemeral-static ECDH, as in HPKE's base mode or a libsodium sealed box:

1. a fresh X25519 key pair is made for each wrap and its private half dropped straight away;
2. ``shared = X25519(ephemeral private, recovery public)``;
3. ``wrapping key = HKDF-SHA256(shared, salt = ephemeral public || recovery public, info)`` where
   ``info = b"csec-desktop/recovery-wrap/v1|vault=<vault uuid>|key=<key id>|generation=<n>"``;
   the salt ties the key to both public keys, and the info to this vault, this recovery key and
   this data-key generation, so a wrap cannot be moved to another vault or generation;
4. ``AES-256-GCM(wrapping key, random 96-bit nonce, data key, associated data)`` where the caller's
   associated data binds the key file's header.

A recovery key is named by its key id: the first 16 hex digits of SHA-256 of the raw public key.
It is not secret, and lets a key file say which county key it was wrapped to.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from csec_desktop.vault._codec import b64decode, b64encode
from csec_desktop.vault.errors import RecoveryKeyError
from csec_desktop.vault.kdf import KdfParams
from csec_desktop.vault.recovery_file import BEGIN, open_private_key, seal_private_key

PUBLIC_KEY_PREFIX = "csec-recovery-x25519:"
NONCE_LENGTH = 12
_RAW_KEY_LENGTH = 32
_HKDF_INFO_PREFIX = b"csec-desktop/recovery-wrap/v1"


@dataclass(frozen=True)
class RecoveryPublicKey:
    """A county recovery public key, as parsed from its one-line text form."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != _RAW_KEY_LENGTH:
            raise RecoveryKeyError("a recovery public key is 32 bytes")

    @property
    def key_id(self) -> str:
        return recovery_key_id(self.raw)

    @property
    def text(self) -> str:
        """The one-line form for a TOML file: ``csec-recovery-x25519:<base64>``."""
        return PUBLIC_KEY_PREFIX + b64encode(self.raw)

    def to_cryptography(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(self.raw)

    @classmethod
    def of(cls, private_key: X25519PrivateKey) -> RecoveryPublicKey:
        """The public half of ``private_key``."""
        return cls(private_key.public_key().public_bytes_raw())


@dataclass(frozen=True)
class RecoveryWrapParts:
    """What one recovery wrap stores: the ephemeral public key, the nonce and the ciphertext."""

    ephemeral_public_key: bytes
    nonce: bytes
    ciphertext: bytes


def recovery_key_id(raw_public_key: bytes) -> str:
    """The key id of a raw public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(raw_public_key).hexdigest()[:16]


def _passphrase_text(passphrase: str | bytes) -> str:
    text = passphrase.decode("utf-8") if isinstance(passphrase, bytes) else passphrase
    if not text:
        raise RecoveryKeyError("the recovery key passphrase is empty")
    return text


def generate_recovery_keypair(
    passphrase: str | bytes, *, kdf_params: KdfParams | None = None
) -> tuple[bytes, str]:
    """A new county recovery key pair: ``(private key file, public key text)``.

    The private key file is sealed under ``passphrase`` with Argon2id (``recovery_file``):
    calibrated here, never below the vault floor, unless ``kdf_params`` are given. The public key
    text is the one-line form for the machine configuration.
    """
    secret = _passphrase_text(passphrase)
    private_key = X25519PrivateKey.generate()
    return seal_private_key(private_key, secret, kdf_params), RecoveryPublicKey.of(private_key).text


def load_recovery_private_key(data: bytes, passphrase: str | bytes) -> X25519PrivateKey:
    """The private key from a file made by ``generate_recovery_keypair`` (either version).

    An unencrypted PEM is refused: county policy is that the recovery key is never stored in the
    clear, and accepting one here would hide a file that breaks it.
    """
    return open_private_key(data, _passphrase_text(passphrase))[0]


def recovery_file_is_legacy(data: bytes) -> bool:
    """Whether a recovery private key file is of the old kind (PBKDF2, ~2,000 iterations)."""
    return BEGIN.encode("ascii") not in data


def parse_recovery_public_key(text: str) -> RecoveryPublicKey:
    """A public key from its one-line form; surrounding whitespace is ignored."""
    value = text.strip()
    expected = f"expected '{PUBLIC_KEY_PREFIX}' followed by the base64 of 32 bytes"
    if not value.startswith(PUBLIC_KEY_PREFIX):
        raise RecoveryKeyError(f"not a CSEC recovery public key: {expected}")
    try:
        raw = b64decode(value.removeprefix(PUBLIC_KEY_PREFIX))
    except ValueError:
        raise RecoveryKeyError(f"the recovery public key is not valid: {expected}") from None
    if len(raw) != _RAW_KEY_LENGTH:
        raise RecoveryKeyError(f"the recovery public key is not valid: {expected}")
    return RecoveryPublicKey(raw)


def _hkdf_info(vault_id: UUID, key_id: str, generation: int) -> bytes:
    return b"|".join(
        [
            _HKDF_INFO_PREFIX,
            f"vault={vault_id}".encode("ascii"),
            f"key={key_id}".encode("ascii"),
            f"generation={generation}".encode("ascii"),
        ]
    )


def _wrapping_key(
    shared: bytes,
    ephemeral_public: bytes,
    recipient_public: bytes,
    vault_id: UUID,
    generation: int,
) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=_hkdf_info(vault_id, recovery_key_id(recipient_public), generation),
    )
    return hkdf.derive(shared)


def wrap_to_recovery_key(
    data_key: bytes,
    recipient: RecoveryPublicKey,
    *,
    vault_id: UUID,
    generation: int,
    associated_data: bytes,
) -> RecoveryWrapParts:
    """``data_key`` sealed so that only ``recipient``'s private key can open it."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(recipient.to_cryptography())
    except ValueError:
        raise RecoveryKeyError("the recovery public key is not a usable X25519 key") from None
    key = _wrapping_key(shared, ephemeral_public, recipient.raw, vault_id, generation)
    nonce = os.urandom(NONCE_LENGTH)
    ciphertext = AESGCM(key).encrypt(nonce, data_key, associated_data)
    return RecoveryWrapParts(ephemeral_public, nonce, ciphertext)


def unwrap_with_recovery_key(
    parts: RecoveryWrapParts,
    private_key: X25519PrivateKey,
    *,
    vault_id: UUID,
    generation: int,
    associated_data: bytes,
) -> bytes | None:
    """The data key sealed in ``parts``, or None if it does not open (wrong key or altered)."""
    recipient_public = private_key.public_key().public_bytes_raw()
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(parts.ephemeral_public_key))
    except ValueError:
        return None  # a low-order point: never written by this app
    key = _wrapping_key(shared, parts.ephemeral_public_key, recipient_public, vault_id, generation)
    try:
        return AESGCM(key).decrypt(parts.nonce, parts.ciphertext, associated_data)
    except InvalidTag:
        return None
