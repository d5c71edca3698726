"""An unlocked vault: the key file and the open encrypted store, managed together.

This is where the key hierarchy (``vault``) meets the database (``store``): creating a vault,
unlocking it (finishing a data-key rotation that a crash cut short), locking it, changing the
passphrase, rotating the data key and recovering with the county key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from csec_desktop.domain.audit import AuditAction
from csec_desktop.paths import vault_files_exist
from csec_desktop.store import DATABASE_FILE_NAME, Store, StoreDamaged, StoreError
from csec_desktop.store import sqlcipher as sc
from csec_desktop.store.integrity import PageCheck, check_pages
from csec_desktop.store.sync_state import META_AUDIT_MISMATCH
from csec_desktop.vault import (
    KdfParams,
    KeyFile,
    RecoveryPublicKey,
    UnlockedKeys,
    UnlockThrottle,
    VaultError,
    key_file_path,
)

VAULT_ID_META = "vault_id"
SYSTEM_ACTOR = "system"


class VaultExists(VaultError):
    def __init__(self, data_dir: Path) -> None:
        # The folder is not named: a home-folder path can carry a person's name.
        super().__init__("a vault already exists in this data folder; nothing was changed")


class NoVault(VaultError):
    def __init__(self, data_dir: Path) -> None:
        super().__init__("there is no vault in this data folder (create one with 'vault init')")


@dataclass(frozen=True)
class VaultPaths:
    data_dir: Path

    @property
    def key_file(self) -> Path:
        return key_file_path(self.data_dir)

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    def exists(self) -> bool:
        return vault_files_exist(self.data_dir)


@dataclass
class VerifyReport:
    """What ``vault verify`` found: one line per check, each passed or not."""

    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append((name, ok, detail))

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def verdict(self) -> str:
        """The whole report in one plain line."""
        failed = [f"{name}: {detail}" for name, ok, detail in self.checks if not ok]
        if not failed:
            return "the vault is sound"
        return "the vault is damaged: " + "; ".join(failed)


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


class VaultSession:
    """An unlocked vault. ``lock()`` closes the store and forgets the keys."""

    def __init__(
        self, paths: VaultPaths, key_file: KeyFile, keys: UnlockedKeys, store: Store, actor: str
    ) -> None:
        self.paths = paths
        self.key_file = key_file
        self._keys: UnlockedKeys | None = keys
        self._store: Store | None = store
        self.actor = actor

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        actor: str = SYSTEM_ACTOR,
        kdf_params: KdfParams | None = None,
        recovery_key: RecoveryPublicKey | None = None,
    ) -> VaultSession:
        """A new, empty vault in ``data_dir``. Refuses if any vault file is already there."""
        paths = VaultPaths(data_dir)
        if paths.exists():
            raise VaultExists(data_dir)
        _private_dir(data_dir)
        key_file, keys = KeyFile.create(
            paths.key_file, passphrase, kdf_params=kdf_params, recovery_key=recovery_key
        )
        store = Store(paths.database, keys.current, create=True)
        store.set_meta(VAULT_ID_META, str(keys.vault_id))
        return cls(paths, key_file, keys, store, actor)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        actor: str = SYSTEM_ACTOR,
        throttle: UnlockThrottle | None = None,
    ) -> VaultSession:
        """Unlock with the passphrase. Raises ``WrongPassphrase`` (after the throttle's wait), or
        a plain ``VaultError``/``StoreError`` naming a damaged file; never deletes anything."""
        paths = VaultPaths(data_dir)
        if not paths.key_file.exists():
            raise NoVault(data_dir)
        key_file = KeyFile.load(paths.key_file)
        if throttle is None:
            throttle = UnlockThrottle.beside(paths.key_file)
        keys = key_file.unlock(passphrase, throttle=throttle)
        return cls._open_store(paths, key_file, keys, actor, AuditAction.UNLOCK)

    @classmethod
    def open_with_recovery_key(
        cls,
        data_dir: Path,
        private_key: X25519PrivateKey,
        new_passphrase: str,
        *,
        actor: str = SYSTEM_ACTOR,
        kdf_params: KdfParams | None = None,
    ) -> VaultSession:
        """County IT's recovery: open with the county private key and set a new passphrase."""
        paths = VaultPaths(data_dir)
        if not paths.key_file.exists():
            raise NoVault(data_dir)
        # salvage: a key file whose only damage is its checksum can still be recovered; every
        # wrapped key is still authenticated by AES-GCM.
        key_file = KeyFile.load(paths.key_file, salvage=True)
        keys = key_file.reset_passphrase_with_recovery(
            private_key, new_passphrase, kdf_params=kdf_params
        )
        return cls._open_store(paths, key_file, keys, actor, AuditAction.RECOVERY)

    @classmethod
    def _open_store(
        cls,
        paths: VaultPaths,
        key_file: KeyFile,
        keys: UnlockedKeys,
        actor: str,
        action: AuditAction,
    ) -> VaultSession:
        if not paths.database.exists():
            keys.forget()
            raise StoreError(f"the database file {paths.database.name} is missing")
        store = None
        opened_with = None
        damaged: StoreDamaged | None = None
        for candidate in keys.candidates():  # current, then a rotation's pending key
            try:
                store = Store(paths.database, candidate)
            except StoreDamaged as exc:
                damaged = exc
                continue
            opened_with = candidate
            break
        if store is None or opened_with is None:
            keys.forget()
            assert damaged is not None
            raise damaged
        try:
            if store.get_meta(VAULT_ID_META) != str(keys.vault_id):
                raise StoreDamaged(paths.database.name, "it belongs to another vault")
            if keys.pending is not None:
                # A rotation was interrupted: keep whichever key the database is encrypted with.
                key_file.complete_rotation(keys, opened_with)
                keys = cls._only(keys, opened_with)
            store.record_event(action, actor=actor)
        except BaseException:
            store.close()
            keys.forget()
            raise
        return cls(paths, key_file, keys, store, actor)

    @staticmethod
    def _only(keys: UnlockedKeys, data_key: bytes) -> UnlockedKeys:
        """``keys`` reduced to ``data_key`` (the old object is forgotten)."""
        generation = keys.generation_of(data_key)
        assert generation is not None
        kept = UnlockedKeys(keys.vault_id, {generation: data_key})
        keys.forget()
        return kept

    # -- using ---------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:
            raise StoreError("the vault is locked")
        return self._store

    @property
    def locked(self) -> bool:
        return self._store is None

    def lock(self) -> None:
        """Close the database and drop the keys. Safe to call twice."""
        store, self._store = self._store, None
        keys, self._keys = self._keys, None
        try:
            if store is not None:
                try:
                    # A damaged database refuses writes (SQLCipher, after a failed page): the
                    # lock is then not logged, but the vault still closes and the keys go.
                    if store.damage is None:
                        store.record_event(AuditAction.LOCK, actor=self.actor)
                except StoreDamaged:
                    pass
                finally:
                    store.close()
        finally:
            if keys is not None:
                keys.forget()

    def __enter__(self) -> VaultSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    # -- key management ------------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the data key under ``new`` (the database is untouched)."""
        self.key_file.change_passphrase(old, new)
        self.store.record_event(AuditAction.PASSPHRASE_CHANGE, actor=self.actor)

    def rotate_data_key(self, passphrase: str) -> None:
        """Re-encrypt the database under a fresh data key.

        Order matters for crash safety: the key file first holds both keys, then the database is
        rekeyed (one SQLCipher transaction), then the old key is dropped. A crash at any point
        leaves a vault that opens, finishing the rotation on the next unlock.
        """
        current, new_key = self.key_file.begin_rotation(passphrase)
        self.store.rekey(new_key)
        generations = self.key_file.generations  # (current, new), as begin_rotation wrote them
        both = UnlockedKeys(
            self.key_file.vault_id, dict(zip(generations, (current, new_key), strict=True))
        )
        self.key_file.complete_rotation(both, new_key)
        if self._keys is not None:
            self._keys.forget()
        self._keys = self._only(both, new_key)
        self.store.record_event(AuditAction.KEY_ROTATION, actor=self.actor)

    def check_pages(self) -> PageCheck:
        """Authenticate every page on a connection of its own, so the database lane stays free
        for the user's work (0.3 to 1 s per 30 MB; see docs/benchmarks.md). Any
        damage found is remembered by the store: sync then refuses to send anything."""
        if self._keys is None:
            raise StoreError("the vault is locked")
        unreadable = PageCheck(pages=0, bad_pages=(), other_problems=1)
        try:
            conn = sc.connect(self.paths.database, self._keys.current)
        except StoreDamaged:
            found = unreadable
        else:
            try:
                found = check_pages(conn)
            except sc.DatabaseError:
                found = unreadable
            finally:
                conn.close()
        self.store.note_page_check(found)
        return found

    def verify(self) -> VerifyReport:
        """Every page authenticated, the database structure, the audit chain (the keys opened,
        so they hold). Damage is a failed check in the report, never an exception."""
        report = VerifyReport()
        report.add("key file", True, f"format ok, generation {self.key_file.generations[-1]}")
        pages = self.store.check_pages()
        report.add("database pages", pages.ok, pages.summary())
        structure = self.store.structure_problems()
        report.add(
            "database structure", structure == 0, f"{structure} problems" if structure else "ok"
        )
        try:
            chain = self.store.verify_audit()
            mismatch = self.store.get_meta(META_AUDIT_MISMATCH)
        except StoreDamaged:
            report.add("audit chain", False, "cannot be read from the damaged pages")
            return report
        report.add(
            "audit chain",
            chain.ok,
            "; ".join(chain.problems[:5]) or f"{chain.events} entries, unbroken",
        )
        report.add(
            "audit anchor",
            mismatch is None,
            f"the log no longer holds what the county server anchored (found {mismatch})"
            if mismatch
            else "no mismatch found at sync",
        )
        return report
