"""Sync with the county server: enrollment, push, pull, revocation and the offline lease.

One sync is push → pull → push again → tidy up. The pieces:

- ``sync_push``: the outbox, one queue for record versions, a supervisor's review decisions and
  caseload changes. An item is marked sent only when the server's answer names it; a refused one
  is quarantined (kept, shown); a conflict keeps both versions for a person.
- ``sync_pull``: protocol 2's caseload feed, page by page, each page applied in one transaction
  with its cursor: the records of the youth this user holds (a restore is the first pull of a new
  laptop), the youth that join and leave the caseload, other laptops' changes, county settings.
  A youth that leaves takes its records with it, except what the server does not hold yet.
- the second push sends what the pull made (a decision applied to a screening); then the youth
  that left with something unsent are tried again, conflicts get the server's copy, the audit
  head is anchored, and a supervisor's team caseload is refreshed.
- ``sync_conflicts``: a person settles a conflict (mine, server's, merged).
- Revoked (403 ``device_revoked``): crypto-shred — lock the vault, overwrite and delete the key
  file. The encrypted database stays and can never be read again.
- Offline lease: after the county's lease days without contact, :meth:`SyncService.enforce_lease`
  makes the store refuse record saves (``VaultReadOnly``) until a sync reaches the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

from csec_desktop.domain.audit import AuditAction
from csec_desktop.services import caseload, review_outbox
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.sync_conflicts import ConflictResolver, Resolution
from csec_desktop.services.sync_pull import (
    META_RESTORE,
    Puller,
    PullTally,
    RestoreState,
    SyncAborted,
    restore_state,
)
from csec_desktop.services.sync_push import Pusher, PushTally
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import Store
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.address import ServerAddressError, checked_server_url
from csec_desktop.sync.client import (
    DEFAULT_TIMEOUT,
    CancelToken,
    DeviceRevoked,
    Progress,
    ProgressCallback,
    RetryPolicy,
    ServerRefused,
    SyncClient,
    SyncPhase,
)
from csec_desktop.sync.protocol import MAX_PUSH_OPERATIONS, AuditAnchor, CountyConfig
from csec_desktop.vault import shred_key_file

DEFAULT_LEASE_DAYS = 30
_TEAM_ROLES = frozenset({"supervisor", "county_admin"})


# --- errors -------------------------------------------------------------------------------------


class NotEnrolled(ServiceError):
    def __init__(self) -> None:
        super().__init__("this vault is not enrolled with a county server (use 'enroll')")


class AlreadyEnrolled(ServiceError):
    def __init__(self) -> None:
        super().__init__("this vault is already enrolled with a county server")


class DeviceWasRevoked(ServiceError):
    def __init__(self) -> None:
        super().__init__(
            "county IT revoked this device: its vault keys were destroyed and its data can no "
            "longer be opened; ask IT to set the laptop up again"
        )


# --- settings and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class SyncSettings:
    """How to reach the server. The GUI fills it from the app configuration."""

    ca_bundle: Path | None = None  # None: the operating system's trusted certificates
    timeout: httpx.Timeout | float = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    batch_size: int = MAX_PUSH_OPERATIONS
    pull_page_size: int = 500
    default_lease_days: int = DEFAULT_LEASE_DAYS  # until the server has sent the county's
    device_name: str = ""
    sleep: Callable[[float], None] | None = None  # tests: backoff without waiting
    rand: Callable[[], float] | None = None


@dataclass
class SyncReport:
    sent: int = 0
    quarantined: int = 0
    conflicts: int = 0
    left_pending: int = 0  # items of this sync still pending (the server could not take them)
    held_back: int = 0  # changes of records with an open conflict: they wait for a person
    changes_applied: int = 0
    changes_skipped: int = 0  # feed entries this version cannot read (kept on the server)
    records_received: int = 0  # records stored from the server (a restore: all of them)
    youth_removed: int = 0  # youth that left the caseload
    records_removed: int = 0  # their records that left the vault
    records_kept: int = 0  # of those youth: unsent, conflicted or drafts, kept and blocked
    conflicts_closed: int = 0  # resolved on another laptop of this user
    finished_at: datetime | None = None

    @property
    def complete(self) -> bool:
        """Everything that was pending was sent or quarantined."""
        return self.left_pending == 0

    def add_push(self, tally: PushTally) -> None:
        self.sent += tally.sent
        self.quarantined += tally.quarantined
        self.conflicts += tally.conflicts
        self.left_pending = tally.left_pending
        self.held_back = tally.held_back

    def add_pull(self, tally: PullTally) -> None:
        self.changes_applied += tally.changes_applied
        self.changes_skipped += tally.changes_skipped
        self.records_received += tally.records_received
        self.youth_removed += tally.youth_removed
        self.records_removed += tally.records_removed
        self.records_kept += tally.records_kept
        self.conflicts_closed += tally.conflicts_closed


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    username: str | None
    pending: int
    quarantined: int
    conflicts: int
    last_successful_sync: datetime | None
    lease_days: int
    lease_expires_at: datetime | None
    lease_expired: bool
    # Since when this vault's audit log has not matched what the county server anchored.
    audit_mismatch_since: datetime | None = None
    records: dict[str, int] = field(default_factory=dict)  # record counts by type
    restore: RestoreState = field(default_factory=RestoreState)
    caseload_youth: int = 0  # youth the server says this laptop holds
    departed_youth: int = 0  # youth that left with records still kept here (blocked)

    def as_json(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "enrolled": self.enrolled,
            "server_url": self.server_url,
            "username": self.username,
            "pending": self.pending,
            "quarantined": self.quarantined,
            "conflicts": self.conflicts,
            "last_successful_sync": iso(self.last_successful_sync),
            "lease_days": self.lease_days,
            "lease_expires_at": iso(self.lease_expires_at),
            "lease_expired": self.lease_expired,
            "audit_mismatch_since": iso(self.audit_mismatch_since),
            "records": dict(self.records),
            "restore": self.restore.model_dump(mode="json"),
            "caseload": {"youth": self.caseload_youth, "departed": self.departed_youth},
        }


@dataclass(frozen=True)
class Enrollment:
    device_id: UUID
    username: str
    role: str
    county: str


log = logging.getLogger(__name__)

# Meta keys beyond the store's own (all inside the encrypted database).
META_LAST_CONTACT = "sync.last_contact_at"  # renews the offline lease
META_CA_BUNDLE = "sync.ca_bundle"  # the CA bundle path given at enrollment (not a secret)
CONTACT_RESOLUTION = timedelta(minutes=1)

ClientFactory = Callable[[str, str | None, CancelToken], SyncClient]


def crypto_shred(session: VaultSession) -> None:
    """Destroy the vault's keys: lock (forgetting the data key), then overwrite and delete the key
    file and any temporary copy of it (``vault.shred_key_file``). The database stays, unreadable
    without them."""
    try:
        session.lock()
    finally:
        shred_key_file(session.paths.key_file)


# --- the service --------------------------------------------------------------------------------


class SyncService:
    """Sync of one unlocked vault. Call it off the GUI thread (it waits on the network)."""

    def __init__(
        self,
        store: Store,
        *,
        actor: str,
        clock: Clock = system_clock,
        settings: SyncSettings | None = None,
        client_factory: ClientFactory | None = None,
        shred: Callable[[], None] | None = None,
    ) -> None:
        """``shred`` destroys the vault's keys when the server says the device was revoked
        (:meth:`for_session` passes :func:`crypto_shred`); without it the store is only closed."""
        self.store = store
        self.actor = actor
        self.clock = clock
        self.settings = settings or SyncSettings()
        self._client_factory = client_factory or self._default_client
        self._shred = shred or store.close
        self._conflicts = ConflictResolver(
            store, actor=actor, contact_made=self._contact_made, fetch_copy=self.fetch_server_copy
        )

    @classmethod
    def for_session(cls, session: VaultSession, **options: Any) -> SyncService:
        return cls(
            session.store,
            actor=options.pop("actor", session.actor),
            shred=lambda: crypto_shred(session),
            **options,
        )

    def _default_client(self, url: str, token: str | None, cancel: CancelToken) -> SyncClient:
        stored_bundle = self.store.get_meta(META_CA_BUNDLE)
        bundle = self.settings.ca_bundle or (Path(stored_bundle) if stored_bundle else None)
        return SyncClient(
            url,
            token=token,
            ca_bundle=bundle,
            timeout=self.settings.timeout,
            retry=self.settings.retry,
            cancel=cancel,
            sleep=self.settings.sleep,
            rand=self.settings.rand,
        )

    def client(self, cancel: CancelToken | None = None) -> SyncClient:
        """A client for this vault's server and device token (the one sync client; the review
        and caseload services use it too). Raises ``NotEnrolled``."""
        url = self.store.get_meta(ss.META_SERVER_URL)
        token = self.store.get_meta(ss.META_DEVICE_TOKEN)
        if not url or not token:
            raise NotEnrolled()
        return self._client_factory(url, token, cancel or CancelToken())

    # -- enrollment ---------------------------------------------------------------------------

    @property
    def enrolled(self) -> bool:
        return bool(self.store.get_meta(ss.META_DEVICE_TOKEN))

    def enroll(self, server_url: str, code: str, *, replace: bool = False) -> Enrollment:
        """Spend the one-time ``code`` at ``server_url``; keep the device token in the vault."""
        try:
            url = checked_server_url(server_url)
        except ServerAddressError as exc:
            raise ServiceError(str(exc)) from None
        if self.enrolled and not replace:
            raise AlreadyEnrolled()
        with self._client_factory(url, None, CancelToken()) as client:
            answer = client.enroll(code, self.settings.device_name)
        now = now_utc(self.clock).isoformat()
        values = {
            ss.META_SERVER_URL: url,
            ss.META_DEVICE_TOKEN: answer.device_token,
            ss.META_DEVICE_ID: str(answer.device_id),
            ss.META_USERNAME: answer.username,
            ss.META_ROLE: answer.role.value,
            ss.META_COUNTY_CONFIG: answer.config.model_dump_json(),
            META_LAST_CONTACT: now,
        }
        if self.settings.ca_bundle is not None:
            values[META_CA_BUNDLE] = str(self.settings.ca_bundle.resolve())

        def _save() -> None:
            for key, value in values.items():
                self.store.set_meta(key, value)
            self.store.delete_meta(ss.META_CURSOR)  # a new enrollment reads its feed from the start
            self.store.delete_meta(META_RESTORE)  # ...and its first sync is a restore
            self.store.record_event(AuditAction.UPDATE, actor=self.actor, detail="enrolled")

        self.store.atomically(_save)
        self.store.set_read_only(None)
        return Enrollment(
            answer.device_id, answer.username, answer.role.value, answer.config.county
        )

    # -- the offline lease --------------------------------------------------------------------

    def county_config(self) -> CountyConfig | None:
        raw = self.store.get_meta(ss.META_COUNTY_CONFIG)
        return CountyConfig.model_validate_json(raw) if raw else None

    def lease_days(self) -> int:
        config = self.county_config()
        return config.offline_lease_days if config else self.settings.default_lease_days

    def _time_meta(self, key: str) -> datetime | None:
        raw = self.store.get_meta(key)
        return datetime.fromisoformat(raw) if raw else None

    def lease_expires_at(self) -> datetime | None:
        """When the vault turns read-only without contact; None when not enrolled."""
        if not self.enrolled:
            return None
        contact = self._time_meta(META_LAST_CONTACT)
        if contact is None:
            return None
        return contact + timedelta(days=self.lease_days())

    def lease_expired(self, now: datetime | None = None) -> bool:
        expires = self.lease_expires_at()
        moment = now if now is not None else now_utc(self.clock)
        return expires is not None and moment >= expires

    def enforce_lease(self, now: datetime | None = None) -> bool:
        """Make the vault read-only if the lease ran out (call after unlocking). True if so."""
        if self.lease_expired(now):
            self.store.set_read_only(
                f"no contact with the county server for more than {self.lease_days()} days: "
                "the vault is read-only until it syncs"
            )
            return True
        return False

    # -- status -------------------------------------------------------------------------------

    def status(self, now: datetime | None = None) -> SyncStatus:
        counts = self.store.outbox_counts()
        return SyncStatus(
            enrolled=self.enrolled,
            server_url=self.store.get_meta(ss.META_SERVER_URL),
            username=self.store.get_meta(ss.META_USERNAME),
            pending=counts.pending,
            quarantined=counts.quarantined,
            conflicts=self.store.open_conflict_count(),
            last_successful_sync=self._time_meta(ss.META_LAST_SUCCESS),
            lease_days=self.lease_days(),
            lease_expires_at=self.lease_expires_at(),
            lease_expired=self.lease_expired(now),
            audit_mismatch_since=self._time_meta(ss.META_AUDIT_MISMATCH),
            records=self.store.repositories.records.counts_by_type(),
            restore=restore_state(self.store),
            caseload_youth=len(self.store.repositories.caseload.held()),
            departed_youth=len(self.store.repositories.caseload.departures()),
        )

    def conflicts(self) -> list[ss.SyncConflict]:
        """Unresolved conflicts, oldest first: both versions of each, for a person to decide."""
        return self.store.sync_conflicts()

    def needs_attention(self) -> list[tuple[str, UUID]]:
        return self.store.needs_attention()

    def resolve_conflict(
        self, conflict_id: UUID, choice: Resolution | Mapping[str, str] | None = None
    ) -> bool:
        """Settle a conflict; both versions stay in the conflict and in the record's history.

        - ``None``: only mark it resolved (the person made the record right by hand);
        - ``Resolution.SERVER``: the server's version becomes this vault's current record, stored
          as it came (no outbox item: the server has it);
        - ``Resolution.MINE``: this device's version is saved again on top of the server's, so the
          next push is based on the server's version (an ordinary save, with an outbox item);
        - a mapping ``{field: "mine" | "server"}``: a new version from the server's, with the
          fields named "mine" taken from this device's version (fields not named: the server's).

        Uses the server's copy kept in the conflict (the one the person saw); fetches it first
        when the conflict has none (needs the server). If the server moved on meanwhile, the next
        push is a new conflict, never an overwrite. False when the conflict is not open.
        """
        return self._conflicts.resolve(conflict_id, choice)

    def fetch_server_copy(self, conflict_id: UUID) -> ss.SyncConflict:
        """Ask the server for its current version of a conflict's record and keep it in the
        conflict. Raises ``ServerUnreachable``, ``ServerRefused`` or ``DeviceWasRevoked``."""
        conflict = self.store.sync_conflict(conflict_id)
        if conflict is None:
            raise ServiceError("no such conflict")
        with self._revocation_guard(self.client()) as client:
            self._conflicts.fetch_copy(client, conflict)
        fetched = self.store.sync_conflict(conflict_id)
        assert fetched is not None
        return fetched

    # -- sync ---------------------------------------------------------------------------------

    def sync(
        self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> SyncReport:
        """Push, pull, push. Raises ``ServerUnreachable`` (pending work stays), ``SyncCancelled``,
        ``DeviceWasRevoked`` (after destroying the keys), ``SyncAborted``, ``ServerRefused``, or
        ``StoreDamaged`` before sending anything when a page of the vault fails its check."""
        self.store.require_sound()  # never push from a damaged vault
        cancel = cancel or CancelToken()
        report = SyncReport()
        notify = progress or (lambda _p: None)
        client = self.client(cancel)
        notify(Progress(SyncPhase.CONNECTING, 0, 0))
        pusher = Pusher(
            self.store,
            actor=self.actor,
            batch_size=self.settings.batch_size,
            contact_made=self._contact_made,
            settle_decision=review_outbox.settler(self.store, actor=self.actor, clock=self.clock),
        )
        puller = Puller(
            self.store,
            actor=self.actor,
            clock=self.clock,
            contact_made=self._contact_made,
            keep_config=lambda config: self._keep_config(config),
            page_size=self.settings.pull_page_size,
        )
        with self._revocation_guard(client):
            self._push(pusher, client, report, notify, cancel)
            pulled = PullTally()
            try:
                puller.pull(client, pulled, notify, cancel)
            finally:
                report.add_pull(pulled)
            if self.store.pending_count() > 0:
                self._push(pusher, client, report, notify, cancel)
            tidy = PullTally()
            puller.finish_departures(tidy)
            report.records_removed += tidy.records_removed
            if report.records_removed:
                # Removed records' old pages may linger in the write-ahead log until a checkpoint.
                self.store.db.read(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
            self._conflicts.fetch_missing_copies(client, cancel)
            self._anchor_audit(client)
            if self.store.get_meta(ss.META_ROLE) in _TEAM_ROLES:
                caseload.refresh_team(self.store, client, self.clock)
        report.finished_at = now_utc(self.clock)
        self.store.set_meta(ss.META_LAST_SUCCESS, report.finished_at.isoformat())
        notify(Progress(SyncPhase.DONE, report.sent, report.sent))
        return report

    def send_pending(self, cancel: CancelToken | None = None) -> SyncReport:
        """Push only: send what waits in the outbox (the review page's "Sync reviews" sends the
        decisions this way before it refreshes the queue)."""
        cancel = cancel or CancelToken()
        report = SyncReport()
        client = self.client(cancel)
        pusher = Pusher(
            self.store,
            actor=self.actor,
            batch_size=self.settings.batch_size,
            contact_made=self._contact_made,
            settle_decision=review_outbox.settler(self.store, actor=self.actor, clock=self.clock),
        )
        with self._revocation_guard(client):
            self._push(pusher, client, report, lambda _p: None, cancel)
        return report

    def _push(
        self,
        pusher: Pusher,
        client: SyncClient,
        report: SyncReport,
        notify: ProgressCallback,
        cancel: CancelToken,
    ) -> None:
        tally = PushTally()
        try:
            pusher.push(client, tally, notify, cancel)
        finally:
            report.add_push(tally)

    def _revocation_guard(self, client: SyncClient) -> _RevocationGuard:
        return _RevocationGuard(client, self._shred)

    def _keep_config(self, config: CountyConfig) -> None:
        current = self.county_config()
        if current is None or (
            config.config_version >= current.config_version and config != current
        ):
            self.store.set_meta(ss.META_COUNTY_CONFIG, config.model_dump_json())

    def _anchor_audit(self, client: SyncClient) -> None:
        """Anchor this vault's audit head on the server, and check the head anchored before is
        still in this vault's log (a rewritten log cannot hold it). A mismatch is remembered and
        shown (``SyncStatus.audit_mismatch_since``, ``vault verify``); it blocks nothing.

        One request every sync, even when nothing was logged since: remembering "already
        anchored" in the vault would let whoever rewrites the log rewrite that too."""
        head = self.store.audit_head()
        if head is None:
            return
        try:
            answer = client.audit_anchor(AuditAnchor(seq=head[0], hash=head[1]))
        except ServerRefused as exc:
            if exc.status == 404:  # a county server from before audit anchors
                return
            raise
        previous = answer.previous
        intact = answer.accepted and (
            previous is None or self.store.audit_hash_at(previous.seq) == previous.hash
        )
        if not intact and self.store.get_meta(ss.META_AUDIT_MISMATCH) is None:
            log.warning("this vault's audit log does not hold the head the server anchored")
            self.store.set_meta(ss.META_AUDIT_MISMATCH, now_utc(self.clock).isoformat())

    def _contact_made(self) -> None:
        """The server answered this device: renew the lease and lift the read-only mode. (The
        lease counts days, so the time is written at most once a minute, not at every answer:
        each write is a durable commit.)"""
        now = now_utc(self.clock)
        last = self._time_meta(META_LAST_CONTACT)
        if last is None or now - last >= CONTACT_RESOLUTION or now < last:
            self.store.set_meta(META_LAST_CONTACT, now.isoformat())
        self.store.set_read_only(None)


class _RevocationGuard:
    """Closes the client; on ``DeviceRevoked`` destroys the vault's keys and says so plainly."""

    def __init__(self, client: SyncClient, shred: Callable[[], None]) -> None:
        self.client = client
        self._shred = shred

    def __enter__(self) -> SyncClient:
        return self.client

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: Any
    ) -> None:
        self.client.close()
        if isinstance(exc, DeviceRevoked):
            self._shred()
            raise DeviceWasRevoked() from None


__all__ = [
    "AlreadyEnrolled",
    "DeviceWasRevoked",
    "Enrollment",
    "NotEnrolled",
    "Resolution",
    "SyncAborted",
    "SyncReport",
    "SyncService",
    "SyncSettings",
    "SyncStatus",
    "crypto_shred",
]
