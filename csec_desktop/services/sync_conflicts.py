"""Settling a sync conflict: keep this laptop's version, the server's, or a field-by-field merge.

Both versions stay (in the conflict and in the record's history) whatever is chosen. The server's
copy kept in the conflict is the one the person saw; when the conflict has none it is fetched
first. If the server moved on meanwhile, the next push is a new conflict, never an overwrite.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from enum import StrEnum
from uuid import UUID

from pydantic import ValidationError

from csec_desktop.domain import RECORD_TYPES, Record
from csec_desktop.domain.base import STORED
from csec_desktop.domain.errors import describe
from csec_desktop.services.errors import ServiceError
from csec_desktop.store import RecordNotFound, Store
from csec_desktop.store import sync_state as ss
from csec_desktop.sync.client import (
    CancelToken,
    DeviceRevoked,
    ServerRefused,
    ServerUnreachable,
    SyncClient,
)

SUPERSEDED_BY_RESOLUTION = (
    "not sent: made while this record had a sync conflict; the version chosen when the conflict"
    " was resolved replaces it"
)


class Resolution(StrEnum):
    """How a person settled a push conflict (see ``SyncService.resolve_conflict``)."""

    MINE = "mine"
    SERVER = "server"
    MERGED = "merged"


_SET_BY_SAVE = frozenset({"id", "version", "created_at", "updated_at"})


class ConflictResolver:
    def __init__(
        self,
        store: Store,
        *,
        actor: str,
        contact_made: Callable[[], None],
        fetch_copy: Callable[[UUID], ss.SyncConflict],
    ) -> None:
        self.store = store
        self.actor = actor
        self._contact_made = contact_made
        self._fetch = fetch_copy

    def resolve(
        self, conflict_id: UUID, choice: Resolution | Mapping[str, str] | None = None
    ) -> bool:
        """See ``SyncService.resolve_conflict``."""
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
            conflict = self._fetch(conflict_id)
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
            chosen = merged(model, server_record, mine, choice)
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

    def fetch_copy(self, client: SyncClient, conflict: ss.SyncConflict) -> None:
        copy = client.record(conflict.record_type, conflict.record_id)
        self._contact_made()
        body = json.dumps(copy.payload, sort_keys=True, ensure_ascii=False)
        self.store.set_conflict_server_copy(conflict.id, body, copy.version)

    def fetch_missing_copies(self, client: SyncClient, cancel: CancelToken) -> None:
        """After pushing: fetch the server's version for each open push conflict without it, so
        both versions can be shown. Best effort: what cannot be fetched now is fetched later."""
        for conflict in self.store.sync_conflicts():
            if conflict.kind is not ss.ConflictKind.PUSH or conflict.server_body is not None:
                continue
            cancel.raise_if_cancelled()
            try:
                self.fetch_copy(client, conflict)
            except DeviceRevoked:
                raise
            except ServerRefused:
                continue  # the server holds no copy this user may read (kept as it is)
            except ServerUnreachable:
                return


def merged(model: type[Record], server: Record, mine: Record, choice: Mapping[str, str]) -> Record:
    """The server's version with the fields ``choice`` names "mine" taken from this device's."""
    server_fields = json.loads(server.model_dump_json())
    my_fields = json.loads(mine.model_dump_json())
    result = dict(server_fields)
    for name, side in choice.items():
        if name in _SET_BY_SAVE or (name not in server_fields and name not in my_fields):
            raise ServiceError(f"'{name[:40]}' is not a field that can be chosen")
        if side not in ("mine", "server"):
            raise ServiceError("each field's choice must be 'mine' or 'server'")
        if side == "mine":
            if name in my_fields:
                result[name] = my_fields[name]
            else:
                result.pop(name, None)
    try:
        return model.model_validate(result)
    except ValidationError as exc:
        raise ServiceError(f"the merged record is not valid: {describe(exc)}") from None
