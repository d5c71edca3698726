"""What the unlock and first-run windows ask of the vault, as calls to run off the GUI thread.

A thin layer over ``VaultSession`` (a service): it knows the data folder and the settings a new
vault is created with, and turns a wrong passphrase into an answer (with the throttle's wait)
instead of an exception, so the unlock window can show the growing delay. Every method blocks:
call them through the ``TaskRunner``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csec_desktop.paths import KEY_FILE_NAME, vault_files_exist

# The vault, the store and pydantic are imported by the methods, which run on a worker thread
# after the first window is up: the unlock window must not wait for them (start-up time).
if TYPE_CHECKING:
    from csec_desktop.services.vault_session import VaultSession
    from csec_desktop.vault import KdfParams, RecoveryPublicKey, UnlockThrottle

LOCAL_ACTOR = "caseworker"  # standalone mode has no account; enrollment brings the user's id


@dataclass(frozen=True)
class ThrottleStatus:
    failures: int
    seconds_to_wait: float


@dataclass(frozen=True)
class UnlockAttempt:
    """A finished attempt: the open session, or the throttle's state after a wrong passphrase."""

    session: VaultSession | None
    throttle: ThrottleStatus


class VaultAccess:
    def __init__(
        self,
        data_dir: Path,
        *,
        kdf_params: KdfParams | None = None,
        recovery_key: RecoveryPublicKey | str | None = None,
        actor: str = LOCAL_ACTOR,
    ) -> None:
        """``kdf_params`` None means calibrate to this laptop (slow, seconds); tests pass the
        floor parameters to stay quick. ``recovery_key`` may be the configured text: it is parsed
        when a vault is created (a malformed one is then a plain ``RecoveryKeyError``; IT sees it
        at once in ``--self-test``)."""
        self.data_dir = data_dir
        self.kdf_params = kdf_params
        self.recovery_key = recovery_key
        self.actor = actor

    def vault_exists(self) -> bool:
        return vault_files_exist(self.data_dir)

    def create(self, passphrase: str) -> VaultSession:
        from csec_desktop.services.vault_session import VaultSession
        from csec_desktop.vault import parse_recovery_public_key

        recovery_key = self.recovery_key
        if isinstance(recovery_key, str):
            recovery_key = parse_recovery_public_key(recovery_key)
        return VaultSession.create(
            self.data_dir,
            passphrase,
            actor=self.actor,
            kdf_params=self.kdf_params,
            recovery_key=recovery_key,
        )

    def _throttle(self) -> UnlockThrottle:
        from csec_desktop.vault import UnlockThrottle

        return UnlockThrottle.beside(self.data_dir / KEY_FILE_NAME)

    def throttle_status(self) -> ThrottleStatus:
        """The throttle's state now; also loads what ``unlock`` needs, so it starts at once."""
        import csec_desktop.services.vault_session  # noqa: F401

        throttle = self._throttle()
        return ThrottleStatus(throttle.failures, throttle.seconds_to_wait())

    def unlock(self, passphrase: str) -> UnlockAttempt:
        """Open the vault. A wrong passphrase is an answer; a damaged file raises (its message
        names the file)."""
        from csec_desktop.services.vault_session import VaultSession
        from csec_desktop.store.sync_state import META_USERNAME
        from csec_desktop.vault import WrongPassphrase

        throttle = self._throttle()
        try:
            session = VaultSession.open(
                self.data_dir, passphrase, actor=self.actor, throttle=throttle
            )
        except WrongPassphrase:
            return UnlockAttempt(
                None, ThrottleStatus(throttle.failures, throttle.seconds_to_wait())
            )
        enrolled_as = session.store.get_meta(META_USERNAME)
        if enrolled_as:
            session.actor = enrolled_as  # the audit log names the enrolled person
        return UnlockAttempt(session, ThrottleStatus(0, 0.0))
