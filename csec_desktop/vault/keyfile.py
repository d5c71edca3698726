"""The vault's key hierarchy: passphrase → Argon2id → key-encryption key → random data key.

The database is encrypted with a random 256-bit **data key** (the store uses it raw with SQLCipher).
The data key never touches disk in the clear: the key file holds it wrapped with AES-256-GCM under a
key derived from the user's passphrase, and wrapped again to the county recovery public key when
one is configured. So a passphrase change rewraps 32 bytes instead of re-encrypting the database,
and county IT can recover a vault whose passphrase is lost.

Rotation of the data key is a two-step protocol, because the store's SQLCipher ``rekey`` and the
key file cannot change in one atomic step:

1. ``begin_rotation`` writes the key file with the current key *and* a new pending key;
2. the store rekeys the database to the pending key;
3. ``complete_rotation`` rewrites the key file with only the key that opens the database.

A crash anywhere leaves a key file from which the database opens: after step 1, ``unlock`` returns
both keys (``current`` and ``pending``) and the store tries them in that order, then completes the
rotation with the one that worked.

Every operation reads the key file afresh, so a ``KeyFile`` handle never acts on a stale copy, and
every write is atomic (see ``vault.atomic``). Nothing here ever deletes or "repairs" a key file.

About memory: Python cannot reliably wipe secrets (``bytes`` are immutable, and the cryptography
library copies its inputs). So data keys are plain ``bytes`` held only by ``UnlockedKeys`` until
``forget()``, and the passphrase-derived key lives only inside the call that needs it.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from csec_desktop.paths import KEY_FILE_NAME
from csec_desktop.vault.atomic import write_private_file
from csec_desktop.vault.document import (
    DATA_KEY_LENGTH,
    KEY_FILE_FORMAT,
    KEY_FILE_VERSION,
    KeyFileDocument,
    PassphraseWrap,
    RecoveryRecipient,
    RecoveryWrap,
    StoredKdf,
    WrappedDataKey,
    decode_document,
    encode_document,
    key_check_value,
    passphrase_associated_data,
    recovery_associated_data,
)
from csec_desktop.vault.errors import (
    KeyFileAccessError,
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    KeysForgotten,
    RecoveryKeyError,
    RotationError,
    WrongPassphrase,
)
from csec_desktop.vault.kdf import SALT_LENGTH, KdfParams, calibrate_kdf, derive_kek
from csec_desktop.vault.recovery import (
    NONCE_LENGTH,
    RecoveryPublicKey,
    unwrap_with_recovery_key,
    wrap_to_recovery_key,
)
from csec_desktop.vault.throttle import UnlockThrottle
from csec_desktop.vault.unlocked import UnlockedKeys


def key_file_path(data_dir: Path) -> Path:
    """Where a data folder's key file lives."""
    return data_dir / KEY_FILE_NAME


def new_data_key() -> bytes:
    """A fresh random 256-bit data key from the operating system's CSPRNG."""
    return secrets.token_bytes(DATA_KEY_LENGTH)


@dataclass(frozen=True)
class _Header:
    """What every wrap is bound to, gathered before the wraps exist."""

    vault_id: UUID
    kdf: StoredKdf
    recovery: RecoveryRecipient | None


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _new_kdf(params: KdfParams) -> StoredKdf:
    return StoredKdf(
        algorithm="argon2id",
        salt=secrets.token_bytes(SALT_LENGTH),
        memory_cost=params.memory_cost,
        iterations=params.iterations,
        lanes=params.lanes,
    )


def _passphrase_cipher(passphrase: str, kdf: StoredKdf) -> AESGCM:
    """AES-GCM under the key derived from ``passphrase`` (one Argon2id run).

    The derived key itself is dropped at once; the cipher object holding it lives only as long as
    the operation that asked for it.
    """
    kek = derive_kek(passphrase, kdf.salt, kdf.cost_only())
    cipher = AESGCM(kek)
    del kek
    return cipher


def _wrap_all(
    header: _Header,
    cipher: AESGCM,
    keys: dict[int, bytes],
    *,
    existing: KeyFileDocument | None,
) -> tuple[WrappedDataKey, ...]:
    """Every key wrapped with ``cipher`` (made for ``header.kdf``) and to the recovery key if any.

    Recovery wraps of ``existing`` are kept when they are still valid for ``header`` (same vault,
    same recovery key), so a passphrase change never needs the recovery key.
    """
    kept_recovery: dict[int, RecoveryWrap | None] = {}
    if existing is not None and existing.recovery == header.recovery:
        kept_recovery = {entry.generation: entry.recovery_wrap for entry in existing.wrapped_keys}
    entries = []
    for generation, data_key in sorted(keys.items()):
        nonce = secrets.token_bytes(NONCE_LENGTH)
        associated = passphrase_associated_data(
            vault_id=header.vault_id,
            generation=generation,
            kdf=header.kdf,
            recovery=header.recovery,
        )
        passphrase_wrap = PassphraseWrap(
            nonce=nonce, ciphertext=cipher.encrypt(nonce, data_key, associated)
        )
        recovery_wrap = kept_recovery.get(generation)
        if header.recovery is not None and recovery_wrap is None:
            recovery_wrap = RecoveryWrap.of(
                wrap_to_recovery_key(
                    data_key,
                    header.recovery.key(),
                    vault_id=header.vault_id,
                    generation=generation,
                    associated_data=recovery_associated_data(
                        vault_id=header.vault_id, generation=generation, recovery=header.recovery
                    ),
                )
            )
        entries.append(
            WrappedDataKey(
                generation=generation,
                key_check=key_check_value(data_key),
                passphrase_wrap=passphrase_wrap,
                recovery_wrap=recovery_wrap,
            )
        )
    return tuple(entries)


class KeyFile:
    """A vault's key file on disk, and every operation on it.

    Get one with ``KeyFile.create`` (a new vault) or ``KeyFile.load`` (an existing one). Operations
    that need the passphrase run one Argon2id derivation (about half a second by design; changing
    the passphrase runs two), so call them off the GUI thread.
    """

    def __init__(self, path: Path, document: KeyFileDocument, *, salvage: bool = False) -> None:
        """Use ``create`` or ``load``; this only binds a verified document to its path."""
        self.path = path
        self._document = document
        self._salvage = salvage

    # -- reading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path, *, salvage: bool = False) -> KeyFile:
        """The key file at ``path``, verified (checksum, format, version, KDF floor).

        ``salvage=True`` is for county IT recovering a damaged file with the recovery key: a
        checksum mismatch is then tolerated (the file must still be well formed). Safe because
        AES-GCM authenticates every wrap on its own; the price is that damage to a passphrase wrap
        shows as a wrong passphrase, which is why it is never the default.
        ``reset_passphrase_with_recovery`` on a salvaged file writes a whole, checksummed file.
        """
        return cls(path, _read_document(path, salvage=salvage), salvage=salvage)

    def reload(self) -> KeyFileDocument:
        """Read the file again (every operation does); returns the verified document."""
        self._document = _read_document(self.path, salvage=self._salvage)
        return self._document

    @property
    def document(self) -> KeyFileDocument:
        """The document as last read or written (it holds only wrapped keys)."""
        return self._document

    @property
    def vault_id(self) -> UUID:
        return self._document.vault_id

    @property
    def kdf_params(self) -> KdfParams:
        return self._document.kdf.cost_only()

    @property
    def recovery_key_id(self) -> str | None:
        recovery = self._document.recovery
        return None if recovery is None else recovery.key_id

    @property
    def generations(self) -> tuple[int, ...]:
        return tuple(entry.generation for entry in self._document.wrapped_keys)

    @property
    def rotation_pending(self) -> bool:
        return self._document.pending is not None

    # -- creating ----------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        kdf_params: KdfParams | None = None,
        recovery_key: RecoveryPublicKey | None = None,
        vault_id: UUID | None = None,
    ) -> tuple[KeyFile, UnlockedKeys]:
        """A new vault's key file with a fresh data key; refuses to replace an existing file.

        Without ``kdf_params`` the derivation is calibrated on this machine first (a few seconds).
        """
        # Checked here, not atomically at the rename: creating a vault is a one-off, single-process
        # step (first run or ``csec-admin vault init``), and an early refusal costs no derivation.
        if path.exists():
            raise KeyFileExists(path)
        params = kdf_params if kdf_params is not None else calibrate_kdf()
        header = _Header(
            vault_id=vault_id if vault_id is not None else uuid4(),
            kdf=_new_kdf(params),
            recovery=RecoveryRecipient.of(recovery_key) if recovery_key is not None else None,
        )
        keys = {1: new_data_key()}
        now = _utcnow()
        document = KeyFileDocument(
            format=KEY_FILE_FORMAT,
            version=KEY_FILE_VERSION,
            vault_id=header.vault_id,
            created_at=now,
            updated_at=now,
            kdf=header.kdf,
            recovery=header.recovery,
            wrapped_keys=_wrap_all(
                header, _passphrase_cipher(passphrase, header.kdf), keys, existing=None
            ),
        )
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise KeyFileAccessError(path, "create", exc.strerror or "unknown error") from None
        key_file = cls(path, document)
        key_file._write(document)
        return key_file, UnlockedKeys(header.vault_id, keys)

    # -- unlocking ---------------------------------------------------------------------------

    def unlock(self, passphrase: str, *, throttle: UnlockThrottle | None = None) -> UnlockedKeys:
        """The data keys, opened with ``passphrase``.

        With a ``throttle``, first waits out any delay earned by earlier wrong passphrases, then
        records this attempt's outcome. Raises ``WrongPassphrase``, ``KeyFileDamaged``, ...
        """
        document = self.reload()
        if throttle is None:
            return self._open(document, _passphrase_cipher(passphrase, document.kdf))
        with throttle.turn():  # parallel attempts queue: each pays the delay earned before it
            throttle.wait()
            try:
                keys = self._open(document, _passphrase_cipher(passphrase, document.kdf))
            except WrongPassphrase:
                throttle.record_failure()
                raise
            throttle.record_success()
            return keys

    def recover(self, private_key: X25519PrivateKey) -> UnlockedKeys:
        """The data keys, opened with the county recovery private key instead of the passphrase."""
        document = self.reload()
        recovery = document.recovery
        if recovery is None:
            raise RecoveryKeyError("this vault has no county recovery key")
        offered = RecoveryPublicKey.of(private_key).key_id
        if offered != recovery.key_id:
            raise RecoveryKeyError(
                f"this recovery key (id {offered}) is not the one this vault uses "
                f"(id {recovery.key_id})"
            )
        keys = {}
        for entry in document.wrapped_keys:
            assert entry.recovery_wrap is not None  # the document validator guarantees it
            data_key = unwrap_with_recovery_key(
                entry.recovery_wrap.parts(),
                private_key,
                vault_id=document.vault_id,
                generation=entry.generation,
                associated_data=recovery_associated_data(
                    vault_id=document.vault_id, generation=entry.generation, recovery=recovery
                ),
            )
            if data_key is None:
                raise KeyFileDamaged(self.path, "a recovery-wrapped key failed its integrity check")
            keys[entry.generation] = data_key
        return self._checked(document, keys)

    # -- changing ----------------------------------------------------------------------------

    def change_passphrase(
        self, old_passphrase: str, new_passphrase: str, *, kdf_params: KdfParams | None = None
    ) -> None:
        """Rewrap the same data key(s) under a new passphrase, with a new salt.

        ``kdf_params`` replaces the cost settings (for example after a recalibration); by default
        they stay as they are. Recovery wraps are kept unchanged.
        """
        document = self.reload()
        with self._open(document, _passphrase_cipher(old_passphrase, document.kdf)) as keys:
            self._rewrap(document, new_passphrase, keys, kdf_params=kdf_params)

    def reset_passphrase_with_recovery(
        self,
        private_key: X25519PrivateKey,
        new_passphrase: str,
        *,
        kdf_params: KdfParams | None = None,
    ) -> UnlockedKeys:
        """Set a new passphrase using the county recovery key; returns the (unchanged) keys."""
        keys = self.recover(private_key)
        self._rewrap(self._document, new_passphrase, keys, kdf_params=kdf_params)
        return keys

    def set_recovery_key(self, passphrase: str, recovery_key: RecoveryPublicKey | None) -> None:
        """Wrap the data key(s) to a new county recovery key, or (with None) to none."""
        document = self.reload()
        cipher = _passphrase_cipher(passphrase, document.kdf)
        with self._open(document, cipher) as keys:
            header = _Header(
                vault_id=document.vault_id,
                kdf=document.kdf,
                recovery=RecoveryRecipient.of(recovery_key) if recovery_key is not None else None,
            )
            self._replace(document, header, cipher, keys.by_generation())

    def begin_rotation(self, passphrase: str) -> tuple[bytes, bytes]:
        """Add a new pending data key beside the current one; returns ``(current, new)``.

        After this returns, the key file holds both keys, so the database opens whichever of them
        it ends up encrypted with. Refused while another rotation is unfinished.
        """
        document = self.reload()
        if document.pending is not None:
            raise RotationError(
                "a data-key rotation is already under way; open the vault to finish it first"
            )
        cipher = _passphrase_cipher(passphrase, document.kdf)
        with self._open(document, cipher) as keys:
            current = keys.current
            new_key = new_data_key()
            header = _Header(document.vault_id, document.kdf, document.recovery)
            all_keys = {keys.current_generation: current, keys.current_generation + 1: new_key}
            self._replace(document, header, cipher, all_keys)
        return current, new_key

    def complete_rotation(self, unlocked: str | UnlockedKeys, key_that_works: bytes) -> None:
        """Keep only the data key that opens the database; drop the other generation.

        ``unlocked`` proves the caller may change the vault: the passphrase, or any
        ``UnlockedKeys`` of this vault (for example those the database was first opened with).
        Which generation ``key_that_works`` is comes from the key file's own key checks, so a
        stale or mistaken caller can never make it keep a key other than ``key_that_works``.
        Harmless to repeat: with only that key left, nothing is written.
        """
        document = self.reload()
        if isinstance(unlocked, str):
            self._open(document, _passphrase_cipher(unlocked, document.kdf)).forget()
        elif unlocked.vault_id != document.vault_id:
            raise RotationError("these keys belong to another vault; the key file is unchanged")
        elif unlocked.forgotten:
            raise KeysForgotten()
        check = key_check_value(key_that_works).encode("ascii")
        kept = tuple(
            entry
            for entry in document.wrapped_keys
            if hmac.compare_digest(entry.key_check.encode("ascii"), check)
        )
        if not kept:
            raise RotationError(
                "that data key is not one of this vault's keys; the key file is unchanged"
            )
        if len(document.wrapped_keys) == 1:
            return
        self._write(document.model_copy(update={"wrapped_keys": kept, "updated_at": _utcnow()}))

    # -- internals ---------------------------------------------------------------------------

    def _open(self, document: KeyFileDocument, cipher: AESGCM) -> UnlockedKeys:
        """Every passphrase wrap opened with ``cipher``; all or nothing."""
        keys: dict[int, bytes] = {}
        for entry in document.wrapped_keys:
            associated = passphrase_associated_data(
                vault_id=document.vault_id,
                generation=entry.generation,
                kdf=document.kdf,
                recovery=document.recovery,
            )
            wrap = entry.passphrase_wrap
            try:
                keys[entry.generation] = cipher.decrypt(wrap.nonce, wrap.ciphertext, associated)
            except InvalidTag:
                continue
        if not keys:
            raise WrongPassphrase()
        if len(keys) != len(document.wrapped_keys):
            # The passphrase opened one wrap but not another: an edited file, not a typo.
            raise KeyFileDamaged(self.path, "a wrapped key failed its integrity check")
        return self._checked(document, keys)

    def _checked(self, document: KeyFileDocument, keys: dict[int, bytes]) -> UnlockedKeys:
        """``keys`` as ``UnlockedKeys``, once each matches its recorded key check."""
        for entry in document.wrapped_keys:
            expected = entry.key_check.encode("ascii")
            if not hmac.compare_digest(key_check_value(keys[entry.generation]).encode(), expected):
                raise KeyFileDamaged(self.path, "a key check does not match its key")
        return UnlockedKeys(document.vault_id, keys)

    def _rewrap(
        self,
        document: KeyFileDocument,
        new_passphrase: str,
        keys: UnlockedKeys,
        *,
        kdf_params: KdfParams | None,
    ) -> None:
        """Wrap ``keys`` under a new passphrase, with a fresh salt."""
        params = kdf_params if kdf_params is not None else document.kdf.cost_only()
        header = _Header(document.vault_id, _new_kdf(params), document.recovery)
        cipher = _passphrase_cipher(new_passphrase, header.kdf)
        self._replace(document, header, cipher, keys.by_generation())

    def _replace(
        self,
        document: KeyFileDocument,
        header: _Header,
        cipher: AESGCM,
        keys: dict[int, bytes],
    ) -> None:
        updated = KeyFileDocument(
            format=KEY_FILE_FORMAT,
            version=KEY_FILE_VERSION,
            vault_id=header.vault_id,
            created_at=document.created_at,
            updated_at=_utcnow(),
            kdf=header.kdf,
            recovery=header.recovery,
            wrapped_keys=_wrap_all(header, cipher, keys, existing=document),
        )
        self._write(updated)

    def _write(self, document: KeyFileDocument) -> None:
        try:
            write_private_file(self.path, encode_document(document))
        except OSError as exc:
            raise KeyFileAccessError(self.path, "save", exc.strerror or "unknown error") from None
        self._document = document


def _read_document(path: Path, *, salvage: bool = False) -> KeyFileDocument:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileMissing(path) from None
    except OSError as exc:
        raise KeyFileAccessError(path, "read", exc.strerror or "unknown error") from None
    return decode_document(path, data, verify_checksum=not salvage)
