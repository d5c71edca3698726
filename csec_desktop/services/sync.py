"""Sync with the county server: enrollment, push, pull, revocation and the offline lease.

One sync is push → pull → push again (a pulled decision makes a screening change to send back).

- Push: the outbox in batches. An item is marked sent only when a 2xx answer names its operation
  id; a rejected item is quarantined with the server's reason and the rest go on; a conflict keeps
  both versions (this device's record and the server's version number, plus the server's content
  when it sends it) and flags the record "needs attention". An item the server could not take
  this time (it answered 5xx for that item alone) stays pending for the next sync.
- Pull: the change feed from the stored cursor, each page applied in one transaction together with
  the cursor, so a crash re-applies nothing and skips nothing. A pull never deletes local work;
  a page that would leave fewer records than before aborts.
- Revoked (403 ``device_revoked``): crypto-shred — lock the vault, overwrite and delete the key
  file. The encrypted database stays and can never be read again.
- Offline lease: after the county's lease days without contact, :meth:`SyncService.enforce_lease`
  makes the store refuse record saves (``VaultReadOnly``) until a sync reaches the server.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from pydantic import ValidationError

from csec_desktop.domain import (
    RECORD_TYPES,
    Record,
    Review,
    ReviewDecision,
    Screening,
    ScreeningStatus,
)
from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.base import STORED
from csec_desktop.domain.errors import describe
from csec_desktop.domain.limits import PUSH_BATCH_BYTES, batches_within, size_problem
from csec_desktop.services.clock import Clock, now_utc, system_clock
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import OutboxItem, RecordNotFound, Store
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
    ServerUnreachable,
    SyncClient,
    SyncPhase,
)
from csec_desktop.sync.protocol import (
    MAX_PUSH_OPERATIONS,
    AuditAnchor,
    ChangeKind,
    CountyConfig,
    DeviceStatus,
    PullResponse,
    PushOperation,
    PushResponse,
    PushStatus,
)

DEFAULT_LEASE_DAYS = 30
# A pull page may remove at most this share of the vault's records (none do today: the feed only
# adds decisions and settings; this is the guard should that ever change or go wrong).
MAX_REMOVED_SHARE = 0.02
_REVIEWABLE = frozenset({ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED})


class Resolution(StrEnum):
    """How a person settled a push conflict (see ``SyncService.resolve_conflict``)."""

    MINE = "mine"
    SERVER = "server"
    MERGED = "merged"


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


class SyncAborted(ServiceError):
    """A pulled page would have removed too many local records; nothing of it was applied."""


# --- settings and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class SyncSettings:
    """How to reach the server. The GUI fills it from the app configuration."""

    ca_bundle: Path | None = None  # None: the operating system's trusted certificates
    timeout: httpx.Timeout | float = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    batch_size: int = MAX_PUSH_OPERATIONS
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
    finished_at: datetime | None = None

    @property
    def complete(self) -> bool:
        """Everything that was pending was sent or quarantined."""
        return self.left_pending == 0


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

_MAX_PUSH_PASSES = 20  # one change per record per batch: a record changed N times needs N passes
SUPERSEDED_BY_RESOLUTION = (
    "not sent: made while this record had a sync conflict; the version chosen when the conflict"
    " was resolved replaces it"
)

ClientFactory = Callable[[str, str | None, CancelToken], SyncClient]


def crypto_shred(session: VaultSession) -> None:
    """Destroy the vault's keys: lock (forgetting the data key), then overwrite and delete the key
    file and any temporary copy of it. The database stays, unreadable without them."""
    key_file = session.paths.key_file
    try:
        session.lock()
    finally:
        candidates = [key_file, *key_file.parent.glob(f".{key_file.name}.*.tmp")]
        for path in candidates:
            _overwrite_and_delete(path)


def _overwrite_and_delete(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b", buffering=0) as handle:
        handle.write(secrets.token_bytes(max(size, 1)))
        os.fsync(handle.fileno())
    path.unlink()
    if os.name != "nt":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
        if choice is None:
            return self.store.resolve_sync_conflict(conflict_id, actor=self.actor)
        conflict = self.store.sync_conflict(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            return False
        if conflict.kind is not ss.ConflictKind.PUSH:
            raise ServiceError(
                "a supervisor decision cannot be undone here: make the record right, then mark "
                "the conflict resolved"
            )
        model = RECORD_TYPES.get(conflict.record_type)
        if model is None:
            raise ServiceError("this version of the app cannot open this kind of record")
        if conflict.server_body is None:
            conflict = self.fetch_server_copy(conflict_id)
        assert conflict.server_body is not None
        try:
            server_record = model.model_validate_json(conflict.server_body, context=STORED)
        except ValidationError as exc:
            raise ServiceError(f"the server's version cannot be read: {describe(exc)}") from None
        try:
            mine: Record = self.store.get(model, conflict.record_id)
        except RecordNotFound:
            mine = model.model_validate_json(conflict.local_body, context=STORED)
        chosen: Record | None
        if isinstance(choice, Mapping):
            resolution = Resolution.MERGED
            chosen = _merged(model, server_record, mine, choice)
        else:
            resolution = Resolution(choice)
            chosen = mine if resolution is Resolution.MINE else None

        def _apply() -> None:
            # Edits made while the conflict was open were held back (never pushed on a base the
            # server no longer has); the resolved version replaces them. They stay, quarantined.
            self.store.supersede_pending(
                conflict.record_type, conflict.record_id, SUPERSEDED_BY_RESOLUTION
            )
            self.store.adopt_server_version(server_record, actor=self.actor)
            if chosen is not None:
                self.store.save_on_server_version(
                    chosen, server_version=server_record.version, actor=self.actor
                )
            self.store.resolve_sync_conflict(
                conflict_id, actor=self.actor, resolution=resolution.value
            )

        self.store.atomically(_apply)
        return True

    def fetch_server_copy(self, conflict_id: UUID) -> ss.SyncConflict:
        """Ask the server for its current version of a conflict's record and keep it in the
        conflict. Raises ``ServerUnreachable``, ``ServerRefused`` or ``DeviceWasRevoked``."""
        url = self.store.get_meta(ss.META_SERVER_URL)
        token = self.store.get_meta(ss.META_DEVICE_TOKEN)
        if not url or not token:
            raise NotEnrolled()
        conflict = self.store.sync_conflict(conflict_id)
        if conflict is None:
            raise ServiceError("no such conflict")
        client = self._client_factory(url, token, CancelToken())
        try:
            self._fetch_copy(client, conflict)
        except DeviceRevoked:
            client.close()
            self._shred()
            raise DeviceWasRevoked() from None
        finally:
            client.close()
        fetched = self.store.sync_conflict(conflict_id)
        assert fetched is not None
        return fetched

    def _fetch_copy(self, client: SyncClient, conflict: ss.SyncConflict) -> None:
        copy = client.record(conflict.record_type, conflict.record_id)
        self._contact_made()
        body = json.dumps(copy.payload, sort_keys=True, ensure_ascii=False)
        self.store.set_conflict_server_copy(conflict.id, body, copy.version)

    def _fetch_server_copies(self, client: SyncClient, cancel: CancelToken) -> None:
        """After pushing: fetch the server's version for each open push conflict without it, so
        both versions can be shown. Best effort: what cannot be fetched now is fetched later."""
        for conflict in self.store.sync_conflicts():
            if conflict.kind is not ss.ConflictKind.PUSH or conflict.server_body is not None:
                continue
            cancel.raise_if_cancelled()
            try:
                self._fetch_copy(client, conflict)
            except DeviceRevoked:
                raise
            except ServerRefused:
                continue  # the server holds no copy this user may read (kept as it is)
            except ServerUnreachable:
                return

    # -- sync ---------------------------------------------------------------------------------

    def sync(
        self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> SyncReport:
        """Push, pull, push. Raises ``ServerUnreachable`` (pending work stays), ``SyncCancelled``,
        ``DeviceWasRevoked`` (after destroying the keys), ``ServerRefused``, or ``StoreDamaged``
        before sending anything when a page of the vault fails its check."""
        self.store.require_sound()  # never push from a damaged vault
        url = self.store.get_meta(ss.META_SERVER_URL)
        token = self.store.get_meta(ss.META_DEVICE_TOKEN)
        if not url or not token:
            raise NotEnrolled()
        cancel = cancel or CancelToken()
        report = SyncReport()
        notify = progress or (lambda _p: None)
        notify(Progress(SyncPhase.CONNECTING, 0, 0))
        client = self._client_factory(url, token, cancel)
        try:
            self._push(client, report, notify, cancel)
            self._pull(client, report, notify, cancel)
            if self.store.pending_count() > 0:
                self._push(client, report, notify, cancel)
            self._fetch_server_copies(client, cancel)
            self._anchor_audit(client)
        except DeviceRevoked:
            client.close()
            self._shred()
            raise DeviceWasRevoked() from None
        finally:
            client.close()
        report.finished_at = now_utc(self.clock)
        self.store.set_meta(ss.META_LAST_SUCCESS, report.finished_at.isoformat())
        notify(Progress(SyncPhase.DONE, report.sent, report.sent))
        return report

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
        """The server answered this device: renew the lease and lift the read-only mode."""
        self.store.set_meta(META_LAST_CONTACT, now_utc(self.clock).isoformat())
        self.store.set_read_only(None)

    # -- push -----------------------------------------------------------------------------

    def _push(
        self,
        client: SyncClient,
        report: SyncReport,
        notify: ProgressCallback,
        cancel: CancelToken,
    ) -> None:
        total = self.store.pending_count()
        done = 0
        notify(Progress(SyncPhase.PUSHING, 0, total))
        high_water = 0
        try:
            for _pass in range(_MAX_PUSH_PASSES):
                high_water = 0
                deferred = False
                report.held_back = 0
                while True:
                    cancel.raise_if_cancelled()
                    items = self.store.claim_outbox_after(high_water, self.settings.batch_size)
                    if not items:
                        break
                    high_water = items[-1].seq
                    deferred |= self._push_batch(client, items, report)
                    done += len(items)
                    notify(Progress(SyncPhase.PUSHING, done, max(total, done)))
                if not deferred:
                    break  # nothing waits for a later pass (held-back items wait for a person)
        finally:
            report.left_pending = self.store.pending_count(high_water) if high_water else 0

    def _push_batch(self, client: SyncClient, items: list[OutboxItem], report: SyncReport) -> bool:
        """Send one claimed batch. Returns True when an item was held back only because an
        earlier change of the same record was in the batch (a later pass sends it)."""
        # The server compares version numbers, which two laptops can share. A change made on top
        # of a version the server refused (an open conflict) would otherwise be applied over the
        # other laptop's version, and so would a second change of a record sent in the same
        # batch as a first one that conflicts. So: one change per record per batch, and nothing
        # for a record with an open conflict until a person resolves it.
        open_conflicts = {(t, str(i)) for t, i in self.store.needs_attention()}
        in_batch: set[tuple[str, str]] = set()
        sendable: list[OutboxItem] = []
        deferred = False
        for item in items:
            key = (item.record_type, str(item.record_id))
            if key in open_conflicts:
                report.held_back += 1
            elif key in in_batch:
                deferred = True
            else:
                in_batch.add(key)
                sendable.append(item)
        pairs: list[tuple[OutboxItem, PushOperation]] = []
        sizes: list[int] = []
        for item in sendable:
            try:
                operation = _operation(item)
            except ValidationError as exc:
                self.store.quarantine(item.op_id, f"this change cannot be sent: {describe(exc)}")
                report.quarantined += 1
                continue
            size = len(json.dumps(item.payload, separators=(",", ":"), ensure_ascii=False).encode())
            too_large = size_problem(item.record_type, size)
            if too_large:  # saved before the limit existed: the server would refuse it too
                self.store.quarantine(item.op_id, f"this change cannot be sent: {too_large}")
                report.quarantined += 1
                continue
            pairs.append((item, operation))
            sizes.append(size)
        for start, end in batches_within(sizes, PUSH_BATCH_BYTES):
            self._send(client, pairs[start:end], report)
        return deferred

    def _send(
        self,
        client: SyncClient,
        pairs: list[tuple[OutboxItem, PushOperation]],
        report: SyncReport,
    ) -> None:
        try:
            response = client.push([op for _, op in pairs])
        except (DeviceRevoked, ServerRefused) as exc:
            if isinstance(exc, DeviceRevoked) or exc.status in (401, 403):
                raise
            # The whole batch was refused (400/413/...): split it to find the item at fault;
            # one item refused alone is quarantined with the server's reason.
            if len(pairs) > 1:
                self._split(client, pairs, report)
                return
            self.store.quarantine(pairs[0][0].op_id, str(exc))
            report.quarantined += 1
            return
        except ServerUnreachable as exc:
            if exc.status is not None and exc.status >= 500 and len(pairs) > 1:
                # The server fails on this batch but answers: maybe one item breaks it.
                self._split(client, pairs, report)
                return
            self.store.note_push_failure([item.op_id for item, _ in pairs], str(exc))
            if exc.status is not None and exc.status >= 500:
                return  # this one item stays pending; the rest of the queue goes on
            raise
        self._contact_made()
        self._settle(pairs, response, report)

    def _split(
        self,
        client: SyncClient,
        pairs: list[tuple[OutboxItem, PushOperation]],
        report: SyncReport,
    ) -> None:
        middle = len(pairs) // 2
        self._send(client, pairs[:middle], report)
        self._send(client, pairs[middle:], report)

    def _settle(
        self,
        pairs: list[tuple[OutboxItem, PushOperation]],
        response: PushResponse,
        report: SyncReport,
    ) -> None:
        """Record the server's answers for one batch, all in one transaction."""
        results = {result.op_id: result for result in response.results}

        def _record() -> None:
            sent: list[UUID] = []
            unanswered: list[UUID] = []
            retry_later: list[tuple[UUID, str]] = []
            for item, _op in pairs:
                result = results.get(item.op_id)
                if result is None:
                    unanswered.append(item.op_id)
                elif result.status in (PushStatus.APPLIED, PushStatus.DUPLICATE):
                    sent.append(item.op_id)
                elif result.status is PushStatus.CONFLICT:
                    sent.append(item.op_id)  # the server holds it, beside its own version
                    self.store.add_sync_conflict(
                        kind=ss.ConflictKind.PUSH,
                        record_type=item.record_type,
                        record_id=item.record_id,
                        op_id=item.op_id,
                        base_version=item.base_version or None,
                        local_version=item.version,
                        server_version=result.server_version,
                        local_body=json.dumps(item.payload, sort_keys=True),
                        reason=result.reason,
                    )
                    report.conflicts += 1
                elif "retry later" in result.reason:
                    # The server says "rejected" but means "not now" (two pushes raced).
                    retry_later.append((item.op_id, result.reason))
                else:
                    self.store.quarantine(item.op_id, result.reason or "refused by the server")
                    report.quarantined += 1
            if unanswered:
                self.store.note_push_failure(unanswered, "the server's answer did not name it")
            for op_id, reason in retry_later:
                self.store.note_push_failure([op_id], reason)
            if sent:
                self.store.mark_sent(sent)
                self.store.record_event(
                    AuditAction.SYNC_SENT, actor=self.actor, detail=f"{len(sent)} changes"
                )
            report.sent += len(sent)

        self.store.atomically(_record)

    # -- pull -----------------------------------------------------------------------------

    def _pull(
        self,
        client: SyncClient,
        report: SyncReport,
        notify: ProgressCallback,
        cancel: CancelToken,
    ) -> None:
        notify(Progress(SyncPhase.PULLING, 0, 0))
        while True:
            cancel.raise_if_cancelled()
            page = client.pull(self.store.get_meta(ss.META_CURSOR) or None)
            if page.device_status is DeviceStatus.REVOKED:
                raise DeviceRevoked(403, None, "this device was revoked")
            self._contact_made()
            self.store.atomically(partial(self._apply_page, page, report))
            notify(Progress(SyncPhase.PULLING, report.changes_applied, 0))
            if not page.has_more:
                return

    def _apply_page(self, page: PullResponse, report: SyncReport) -> None:
        """One page of the feed and its cursor, in the caller's transaction."""
        before = self.store.record_total()
        for change in page.changes:
            if change.kind is ChangeKind.REVIEW_DECISION:
                try:
                    review = Review.model_validate(change.payload, context=STORED)
                except ValidationError:
                    report.changes_skipped += 1
                    continue
                self._apply_decision(review)
            elif change.kind is ChangeKind.COUNTY_CONFIG:
                try:
                    self._keep_config(CountyConfig.model_validate(change.payload))
                except ValidationError:
                    report.changes_skipped += 1
                    continue
            report.changes_applied += 1
        self._keep_config(page.config)
        after = self.store.record_total()
        if before - after > max(1, int(before * MAX_REMOVED_SHARE)):
            raise SyncAborted(
                f"the server's changes would remove {before - after} of {before} local records; "
                "nothing was applied (contact county IT)"
            )
        self.store.set_meta(ss.META_CURSOR, page.next_cursor)

    def _keep_config(self, config: CountyConfig) -> None:
        current = self.county_config()
        if current is None or config.config_version >= current.config_version:
            self.store.set_meta(ss.META_COUNTY_CONFIG, config.model_dump_json())

    def _apply_decision(self, review: Review) -> None:
        """Approved → the screening is final; returned → editable again (the comment is in the
        stored ``Review``, which ``ScreeningService.reviews`` lists).

        The transition is the domain's (``Screening.with_status``, the same one
        ``ScreeningService.apply_review`` makes), but the ``Review`` is the server's own record,
        stored as it came and not queued: the server refuses reviews pushed by devices.
        """
        if not self.store.put_server_record(review, actor=self.actor):
            return  # already applied (a page replayed after a crash)
        try:
            screening = self.store.get(Screening, review.screening_id)
        except RecordNotFound:
            return  # a screening of another device of this user: the decision is kept
        target = (
            ScreeningStatus.APPROVED
            if review.decision is ReviewDecision.APPROVED
            else ScreeningStatus.RETURNED
        )
        if screening.version == review.screening_version and screening.status in _REVIEWABLE:
            self.store.save(screening.with_status(target), actor=self.actor)
            return
        self.store.add_sync_conflict(
            kind=ss.ConflictKind.REVIEW,
            record_type=Screening.record_type,
            record_id=screening.id,
            local_version=screening.version,
            server_version=review.screening_version,
            local_body=screening.model_dump_json(),
            server_body=review.model_dump_json(),
            reason=(
                f"a supervisor {review.decision.value} version {review.screening_version}, "
                f"this device holds version {screening.version} ({screening.status.value})"
            ),
        )


_SET_BY_SAVE = frozenset({"id", "version", "created_at", "updated_at"})


def _merged(model: type[Record], server: Record, mine: Record, choice: Mapping[str, str]) -> Record:
    """The server's version with the fields ``choice`` names "mine" taken from this device's."""
    server_fields = json.loads(server.model_dump_json())
    my_fields = json.loads(mine.model_dump_json())
    merged = dict(server_fields)
    for name, side in choice.items():
        if name in _SET_BY_SAVE or (name not in server_fields and name not in my_fields):
            raise ServiceError(f"'{name[:40]}' is not a field that can be chosen")
        if side not in ("mine", "server"):
            raise ServiceError("each field's choice must be 'mine' or 'server'")
        if side == "mine":
            if name in my_fields:
                merged[name] = my_fields[name]
            else:
                merged.pop(name, None)
    try:
        return model.model_validate(merged)
    except ValidationError as exc:
        raise ServiceError(f"the merged record is not valid: {describe(exc)}") from None


def _operation(item: OutboxItem) -> PushOperation:
    return PushOperation(
        op_id=item.op_id,
        record_type=item.record_type,
        record_id=item.record_id,
        base_version=item.base_version or None,
        version=item.version,
        payload=item.payload,
    )


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
