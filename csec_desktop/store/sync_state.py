"""The names of what the vault keeps for sync (meta keys), and the sync types other layers use.

The pull cursor, the time of the last successful contact and the enrollment (server URL, device
token) are meta keys, so they live inside the encrypted database like everything else. Conflicts
are in ``conflicts.py``, the outbox in ``outbox.py``, the caseload in ``caseload.py``.
"""

from __future__ import annotations

from csec_desktop.store.conflicts import ConflictKind, SyncConflict
from csec_desktop.store.database import VaultReadOnly

# Meta keys (values are text). The device token is a secret: it is only ever stored here, inside
# the encrypted database, never in a settings file.
META_SERVER_URL = "sync.server_url"
META_DEVICE_TOKEN = "sync.device_token"  # noqa: S105  (a key name, not a secret)
META_DEVICE_ID = "sync.device_id"
META_USERNAME = "sync.username"
META_ROLE = "sync.role"
META_COUNTY_CONFIG = "sync.county_config"  # CountyConfig as JSON
META_CURSOR = "sync.cursor"
META_LAST_SUCCESS = "sync.last_success_at"  # ISO time of the last completed contact
# When a sync first found this vault's audit log not holding the head the county server had
# anchored (server/anchors.py): the log was rewound or rewritten. Cleared only by county IT.
META_AUDIT_MISMATCH = "sync.audit_mismatch_at"

__all__ = [
    "META_AUDIT_MISMATCH",
    "META_COUNTY_CONFIG",
    "META_CURSOR",
    "META_DEVICE_ID",
    "META_DEVICE_TOKEN",
    "META_LAST_SUCCESS",
    "META_ROLE",
    "META_SERVER_URL",
    "META_USERNAME",
    "ConflictKind",
    "SyncConflict",
    "VaultReadOnly",
]
