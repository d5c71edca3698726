"""Errors of the local store. Messages are plain, one line, and never contain record content."""

from __future__ import annotations


class StoreError(Exception):
    """Something went wrong in the local store."""


class StoreDamaged(StoreError):
    """The database file cannot be read with its key: damaged, truncated or replaced."""

    def __init__(self, file_name: str, detail: str = "") -> None:
        self.file_name = file_name
        message = f"the database file {file_name} is damaged or is not this vault's database"
        super().__init__(f"{message}: {detail}" if detail else message)


class RecordTooLarge(StoreError):
    """A record over its type's size limit (``domain.limits``); the message names the limit."""


class RecordNotFound(StoreError):
    def __init__(self, record_type: str) -> None:
        super().__init__(f"no such {record_type} record")


class StaleVersion(StoreError):
    """A save based on a version that is no longer the current one: a conflict, not an overwrite."""

    def __init__(self, record_type: str, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(
            f"this {record_type} was changed since it was opened "
            f"(opened version {expected}, now version {current})"
        )


class StoreClosed(StoreError):
    def __init__(self) -> None:
        super().__init__("the vault is locked")
