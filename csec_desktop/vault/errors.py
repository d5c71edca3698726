"""What can go wrong with a vault's keys, as exceptions whose text is safe to show and log.

Every message is one plain line meant for a caseworker or county IT. None ever contains a
passphrase, a key, a ciphertext or a full path (a path can name a person's home folder): files are
named by their file name only, and the full path stays on the exception's ``path`` attribute for
code that needs it.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base of every vault error. ``str(error)`` is the one-line message to show."""


class EmptyPassphrase(VaultError):
    """An empty passphrase was given where one is needed."""

    def __init__(self) -> None:
        super().__init__("the passphrase is empty")


class WrongPassphrase(VaultError):
    """The passphrase does not open the key file (or the file was altered so that it cannot)."""

    def __init__(self) -> None:
        super().__init__("the passphrase is not correct")


class KeyFileMissing(VaultError):
    """There is no key file where one was expected: the vault was never set up here."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"there is no key file {path.name} in the vault's folder")


class KeyFileExists(VaultError):
    """Creating a key file would replace an existing one, which would lose that vault's keys."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"a key file {path.name} already exists; it was left unchanged")


class KeyFileAccessError(VaultError):
    """The operating system refused to read or write the key file (permissions, full disk, ...)."""

    def __init__(self, path: Path, action: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot {action} the key file {path.name}: {reason}")


class KeyFileDamaged(VaultError):
    """The key file is not a valid key file: damaged on disk, truncated, or edited.

    Raised before any passphrase is tried whenever the damage is detectable without one, so that a
    damaged file is never mistaken for a wrong passphrase. The file is never changed or deleted.
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"the key file {path.name} is damaged ({reason}); it was left unchanged: "
            "restore it from a backup or use the county recovery key"
        )


class WeakKdfParameters(KeyFileDamaged):
    """The key file asks for a cheaper passphrase derivation than this app ever writes.

    The app never writes such a file, so this is tampering (an attempt to make passphrase guessing
    cheaper) or damage; it is refused rather than honoured.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, "its key-derivation settings are below the minimum this app accepts")


class UnsupportedKeyFileVersion(VaultError):
    """The key file was written by a newer app (or names a version this app cannot upgrade)."""

    def __init__(self, path: Path, version: int, newest_known: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"the key file {path.name} has format version {version}, but this app reads versions "
            f"up to {newest_known}; install the current version of CSEC Desktop"
        )


class RecoveryKeyError(VaultError):
    """A county recovery key is unusable: malformed, wrong passphrase, or not this vault's."""


class RotationError(VaultError):
    """A data-key rotation step does not fit the key file's state."""


class KeysForgotten(VaultError):
    """Unlocked keys were used after ``forget()``: the vault is locked until unlocked again."""

    def __init__(self) -> None:
        super().__init__("the vault is locked; unlock it again")
