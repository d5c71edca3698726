"""The encrypted local store (SQLCipher through sqlcipher3, wrapped by sqlite-utils)."""

# sqlcipher must be imported first: it points sqlite-utils at SQLCipher (see its docstring).
from csec_desktop.store import sqlcipher  # noqa: F401, I001
from csec_desktop.paths import DATABASE_FILE_NAME
from csec_desktop.store.errors import (
    RecordNotFound,
    RecordTooLarge,
    StaleVersion,
    StoreClosed,
    StoreDamaged,
    StoreError,
)
from csec_desktop.store.outbox import OutboxCounts, OutboxItem, OutboxKind, OutboxState
from csec_desktop.store.store import Store

__all__ = [
    "DATABASE_FILE_NAME",
    "OutboxCounts",
    "OutboxItem",
    "OutboxKind",
    "OutboxState",
    "RecordNotFound",
    "RecordTooLarge",
    "StaleVersion",
    "Store",
    "StoreClosed",
    "StoreDamaged",
    "StoreError",
]
