"""The vault's key hierarchy: the keys that open the encrypted local store. No Qt, no database.

Passphrase → Argon2id → key-encryption key → AES-256-GCM → random 256-bit data key, which the store
uses raw as its SQLCipher key. The data key is also wrapped to the county recovery public key
(X25519 + HKDF-SHA256 + AES-256-GCM) so county IT can recover a vault whose passphrase is lost.

Public API::

    KEY_FILE_NAME = "vault.key"                      # in the data folder
    key_file_path(data_dir) -> Path

    KdfParams(memory_cost=65536, iterations=3, lanes=4)   # refuses anything below that floor
    FLOOR_KDF_PARAMS                                 # that floor; what tests use
    calibrate_kdf(*, memory_cost=65536, lanes=4, ...) -> KdfParams   # ~0.5-1 s here; slow

    KeyFile.create(path, passphrase, *, kdf_params=None, recovery_key=None, vault_id=None)
        -> (KeyFile, UnlockedKeys)
    KeyFile.load(path, *, salvage=False) -> KeyFile  # salvage: recovery of a damaged file
    key_file.vault_id, .generations, .rotation_pending, .recovery_key_id, .kdf_params
    key_file.unlock(passphrase, *, throttle=None) -> UnlockedKeys
    key_file.change_passphrase(old, new, *, kdf_params=None) -> None
    key_file.begin_rotation(passphrase) -> (current_key, new_key)
    key_file.complete_rotation(passphrase_or_unlocked, key_that_works) -> None
    key_file.recover(private_key) -> UnlockedKeys
    key_file.reset_passphrase_with_recovery(private_key, new_passphrase, *, kdf_params=None)
        -> UnlockedKeys
    key_file.set_recovery_key(passphrase, recovery_key_or_none) -> None

    UnlockedKeys: .current, .pending (None normally), .candidates(), .generation_of(key),
                  .vault_id, .forget() (also on leaving a ``with`` block)
    UnlockThrottle(state_path, *, clock=time.time, sleep=time.sleep) / UnlockThrottle.beside(key)

    generate_recovery_keypair(passphrase, *, kdf_params=None)
        -> (sealed private key file, "csec-recovery-x25519:...")   # Argon2id, calibrated
    load_recovery_private_key(data, passphrase) -> X25519PrivateKey   # also old PBKDF2 files
    recovery_file_is_legacy(data) -> bool
    seal_private_key(private_key, passphrase, kdf_params=None) -> bytes
    parse_recovery_public_key(text) -> RecoveryPublicKey (.raw, .key_id, .text)

    shred_key_file(key_file) -> None                 # crypto-shred: overwrite, fsync, delete

Errors (``vault.errors``), all ``VaultError`` with a plain one-line message: ``WrongPassphrase``,
``EmptyPassphrase``, ``KeyFileMissing``, ``KeyFileExists``, ``KeyFileAccessError``,
``KeyFileDamaged`` (and its ``WeakKdfParameters``), ``UnsupportedKeyFileVersion``,
``RecoveryKeyError``, ``RotationError``, ``KeysForgotten``.
"""

from csec_desktop.paths import KEY_FILE_NAME
from csec_desktop.vault.errors import (
    EmptyPassphrase,
    KeyFileAccessError,
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    KeysForgotten,
    RecoveryKeyError,
    RotationError,
    UnsupportedKeyFileVersion,
    VaultError,
    WeakKdfParameters,
    WrongPassphrase,
)
from csec_desktop.vault.kdf import FLOOR_KDF_PARAMS, KdfParams, calibrate_kdf
from csec_desktop.vault.keyfile import KeyFile, key_file_path
from csec_desktop.vault.recovery import (
    RecoveryPublicKey,
    generate_recovery_keypair,
    load_recovery_private_key,
    parse_recovery_public_key,
    recovery_file_is_legacy,
)
from csec_desktop.vault.recovery_file import seal_private_key
from csec_desktop.vault.shred import shred_key_file
from csec_desktop.vault.throttle import UnlockThrottle
from csec_desktop.vault.unlocked import UnlockedKeys

__all__ = [
    "FLOOR_KDF_PARAMS",
    "KEY_FILE_NAME",
    "EmptyPassphrase",
    "KdfParams",
    "KeyFile",
    "KeyFileAccessError",
    "KeyFileDamaged",
    "KeyFileExists",
    "KeyFileMissing",
    "KeysForgotten",
    "RecoveryKeyError",
    "RecoveryPublicKey",
    "RotationError",
    "UnlockThrottle",
    "UnlockedKeys",
    "UnsupportedKeyFileVersion",
    "VaultError",
    "WeakKdfParameters",
    "WrongPassphrase",
    "calibrate_kdf",
    "generate_recovery_keypair",
    "key_file_path",
    "load_recovery_private_key",
    "parse_recovery_public_key",
    "recovery_file_is_legacy",
    "seal_private_key",
    "shred_key_file",
]
