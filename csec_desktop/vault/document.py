"""The key file's on-disk form: a small, versioned, checksummed JSON document.

Example (version 1; binary values are base64)::

    {
      "checksum": "<sha256 hex of the canonical JSON of everything else>",
      "created_at": "2026-11-28T01:46:48Z", "updated_at": "...",
      "format": "csec-desktop-keyfile", "version": 1,
      "vault_id": "<uuid>",
      "kdf": {"algorithm": "argon2id", "salt": "...", "memory_cost": 65536,
              "iterations": 24, "lanes": 4},
      "recovery": {"key_id": "<16 hex>", "public_key": "csec-recovery-x25519:..."} | null,
      "wrapped_keys": [
        {"generation": 1, "key_check": "<32 hex>",
         "passphrase_wrap": {"nonce": "...", "ciphertext": "..."},
         "recovery_wrap": {"ephemeral_public_key": "...", "nonce": "...", "ciphertext": "..."}
                          | null}
      ]
    }

Two layers of protection, for two different problems:

* The **checksum** catches damage (a bad sector, a truncated copy, a hand edit) *before* any
  passphrase is tried, so damage is reported as damage and not as "wrong passphrase" (AES-GCM
  cannot tell those apart). It is not a secret-keyed MAC: anyone editing the file on purpose can
  recompute it.
* The **associated data** of every AES-GCM wrap binds the header (format, version, vault id,
  generation, and for passphrase wraps the whole KDF section and the recovery public key), so a
  deliberate edit that also fixes the checksum still makes the wrap fail to open. The KDF floor is
  checked on load too, so such an edit cannot make passphrase guessing cheaper either.

``wrapped_keys`` holds one entry, or two while a data-key rotation is under way: the lower
generation is the current key, the higher one the pending key.

Upgrades: ``_UPGRADES[n]`` turns a verified version-``n`` document (as a plain dict) into version
``n + 1``; loading applies the chain up to ``KEY_FILE_VERSION``. There are none yet. A step must
keep old wraps openable: their associated data names the version they were made under, so a step
that changes the header must record that version rather than rewrite it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, StrictInt, ValidationError, model_validator

from csec_desktop.vault._codec import Base64Bytes, FileModel, canonical_json
from csec_desktop.vault.errors import (
    KeyFileDamaged,
    RecoveryKeyError,
    UnsupportedKeyFileVersion,
    WeakKdfParameters,
)
from csec_desktop.vault.kdf import KDF_BELOW_FLOOR, SALT_LENGTH, KdfParams
from csec_desktop.vault.recovery import (
    NONCE_LENGTH,
    RecoveryPublicKey,
    RecoveryWrapParts,
    parse_recovery_public_key,
)

KEY_FILE_FORMAT = "csec-desktop-keyfile"
KEY_FILE_VERSION = 1
DATA_KEY_LENGTH = 32
_SEALED_LENGTH = DATA_KEY_LENGTH + 16  # AES-GCM appends a 16-byte tag
_KEY_CHECK_LABEL = b"csec-desktop/key-check/v1"
_MAX_FILE_BYTES = 64 * 1024  # a real key file is about 1 KiB; refuse to parse anything huge

# Version n (a verified dict) -> version n + 1. Empty: version 1 is the first format.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

Nonce = Annotated[Base64Bytes, Field(min_length=NONCE_LENGTH, max_length=NONCE_LENGTH)]
SealedDataKey = Annotated[Base64Bytes, Field(min_length=_SEALED_LENGTH, max_length=_SEALED_LENGTH)]
RawPublicKey = Annotated[Base64Bytes, Field(min_length=32, max_length=32)]


class PassphraseWrap(FileModel):
    """A data key sealed with AES-256-GCM under the passphrase-derived key."""

    nonce: Nonce
    ciphertext: SealedDataKey


class RecoveryWrap(FileModel):
    """A data key sealed to the county recovery public key (see ``vault.recovery``)."""

    ephemeral_public_key: RawPublicKey
    nonce: Nonce
    ciphertext: SealedDataKey

    def parts(self) -> RecoveryWrapParts:
        return RecoveryWrapParts(self.ephemeral_public_key, self.nonce, self.ciphertext)

    @classmethod
    def of(cls, parts: RecoveryWrapParts) -> RecoveryWrap:
        return cls(
            ephemeral_public_key=parts.ephemeral_public_key,
            nonce=parts.nonce,
            ciphertext=parts.ciphertext,
        )


class WrappedDataKey(FileModel):
    """One generation of the data key, wrapped once per way of opening it.

    ``key_check`` identifies the key without revealing it (see ``key_check_value``): it lets
    ``complete_rotation`` be sure which generation a working key is without the passphrase.
    """

    generation: StrictInt = Field(ge=1)
    key_check: str = Field(pattern=r"^[0-9a-f]{32}$")
    passphrase_wrap: PassphraseWrap
    recovery_wrap: RecoveryWrap | None


class StoredKdf(KdfParams):
    """The KDF section: the cost settings plus this file's random salt."""

    algorithm: Literal["argon2id"]
    salt: Annotated[Base64Bytes, Field(min_length=SALT_LENGTH, max_length=SALT_LENGTH)]


class RecoveryRecipient(FileModel):
    """Which county recovery key the data keys are also wrapped to (public, not secret)."""

    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    public_key: str

    @model_validator(mode="after")
    def _id_matches_key(self) -> Self:
        try:
            key = parse_recovery_public_key(self.public_key)
        except RecoveryKeyError:
            raise ValueError("not a valid recovery public key") from None
        if key.key_id != self.key_id:
            raise ValueError("key_id does not match the public key")
        return self

    def key(self) -> RecoveryPublicKey:
        return parse_recovery_public_key(self.public_key)

    @classmethod
    def of(cls, key: RecoveryPublicKey) -> RecoveryRecipient:
        return cls(key_id=key.key_id, public_key=key.text)


class KeyFileDocument(FileModel):
    """A whole key file, minus its checksum (added when written, checked and dropped when read)."""

    format: Literal["csec-desktop-keyfile"]
    version: Literal[1]
    vault_id: UUID
    created_at: AwareDatetime
    updated_at: AwareDatetime
    kdf: StoredKdf
    recovery: RecoveryRecipient | None
    wrapped_keys: tuple[WrappedDataKey, ...] = Field(min_length=1, max_length=2)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        generations = [entry.generation for entry in self.wrapped_keys]
        if generations != sorted(set(generations)):
            raise ValueError("wrapped key generations must be distinct and in order")
        for entry in self.wrapped_keys:
            if (entry.recovery_wrap is None) != (self.recovery is None):
                raise ValueError("recovery wraps do not match the recovery key setting")
        return self

    @property
    def current(self) -> WrappedDataKey:
        return self.wrapped_keys[0]

    @property
    def pending(self) -> WrappedDataKey | None:
        return self.wrapped_keys[1] if len(self.wrapped_keys) > 1 else None


def key_check_value(data_key: bytes) -> str:
    """A 128-bit fingerprint of a data key: HMAC-SHA256 keyed by the data key, truncated.

    A PRF output under a random 256-bit key reveals nothing usable about that key, and it tells
    two keys apart with certainty for practical purposes.
    """
    return hmac.new(data_key, _KEY_CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def passphrase_associated_data(
    *,
    vault_id: UUID,
    generation: int,
    kdf: StoredKdf,
    recovery: RecoveryRecipient | None,
    version: int = KEY_FILE_VERSION,
) -> bytes:
    """What a passphrase wrap is bound to: swapping any of it makes the wrap fail to open."""
    return canonical_json(
        {
            "purpose": "passphrase-wrap",
            "format": KEY_FILE_FORMAT,
            "version": version,
            "vault_id": str(vault_id),
            "generation": generation,
            "kdf": kdf.model_dump(mode="json"),
            "recovery_public_key": recovery.public_key if recovery is not None else None,
        }
    )


def recovery_associated_data(
    *,
    vault_id: UUID,
    generation: int,
    recovery: RecoveryRecipient,
    version: int = KEY_FILE_VERSION,
) -> bytes:
    """What a recovery wrap is bound to. Not the KDF: a passphrase change keeps recovery wraps."""
    return canonical_json(
        {
            "purpose": "recovery-wrap",
            "format": KEY_FILE_FORMAT,
            "version": version,
            "vault_id": str(vault_id),
            "generation": generation,
            "recovery_key_id": recovery.key_id,
        }
    )


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(body)).hexdigest()


def encode_document(document: KeyFileDocument) -> bytes:
    """The file's bytes: readable, sorted JSON with its checksum."""
    body: dict[str, Any] = document.model_dump(mode="json")
    body["checksum"] = _checksum(body)
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=True) + "\n").encode("ascii")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _no_special_numbers(_: str) -> Any:
    raise ValueError("NaN or Infinity")


def decode_document(path: Path, data: bytes, *, verify_checksum: bool = True) -> KeyFileDocument:
    """The document in ``data`` (read from ``path``), verified and upgraded to the current version.

    Raises ``KeyFileDamaged`` (or its ``WeakKdfParameters``) or ``UnsupportedKeyFileVersion`` with a
    plain one-line reason; never anything else for bad content. ``verify_checksum=False`` is
    only for salvaging a damaged file with the recovery key (see ``KeyFile.load``).
    """
    if len(data) > _MAX_FILE_BYTES:
        raise KeyFileDamaged(path, "it is far larger than a key file")
    try:
        raw = json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_special_numbers,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        reason = "it is empty" if not data.strip() else "it is not valid JSON; it may be truncated"
        raise KeyFileDamaged(path, reason) from None
    if not isinstance(raw, dict) or raw.get("format") != KEY_FILE_FORMAT:
        raise KeyFileDamaged(path, "it is not a CSEC Desktop key file")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise KeyFileDamaged(path, "its format version is missing or invalid")
    if version > KEY_FILE_VERSION:
        raise UnsupportedKeyFileVersion(path, version, KEY_FILE_VERSION)

    # The checksum covers the file exactly as found, unknown fields included, in the version's
    # own layout: it is checked before any upgrade step reshapes the document.
    stored_checksum = raw.pop("checksum", None)
    if verify_checksum:
        if not isinstance(stored_checksum, str):
            raise KeyFileDamaged(path, "its checksum is missing")
        expected = _checksum(raw).encode("ascii")
        if not hmac.compare_digest(stored_checksum.encode("ascii", "replace"), expected):
            raise KeyFileDamaged(path, "its checksum does not match its contents")

    while version < KEY_FILE_VERSION:
        step = _UPGRADES.get(version)
        if step is None:
            raise UnsupportedKeyFileVersion(path, version, KEY_FILE_VERSION)
        raw = step(raw)
        version = raw["version"]

    try:
        return KeyFileDocument.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False)
        if any(error["type"] == KDF_BELOW_FLOOR for error in errors):
            raise WeakKdfParameters(path) from None
        first = errors[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        message = first["msg"].removeprefix("Value error, ")
        raise KeyFileDamaged(path, f"{where}: {message}") from None
