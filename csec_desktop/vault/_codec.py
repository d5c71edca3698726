"""Small encoding helpers shared by the vault's file formats.

The vault keeps its own pydantic base instead of ``domain.DomainModel``: the bytes of a key file
must not change because a domain-wide setting (such as whitespace stripping) changes.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer


class FileModel(BaseModel):
    """Base of every model stored in a vault file: immutable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """Standard base64 with padding, refusing anything else (no silently skipped characters)."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not valid base64") from None


def _bytes_from_json(value: Any) -> Any:
    if isinstance(value, str):
        return b64decode(value)
    if isinstance(value, bytes):
        return value
    raise ValueError("expected base64 text")


# Bytes stored as base64 text in JSON, and kept as ``bytes`` in Python.
Base64Bytes = Annotated[
    bytes,
    BeforeValidator(_bytes_from_json),
    PlainSerializer(b64encode, return_type=str, when_used="json"),
]


def canonical_json(value: Any) -> bytes:
    """One exact byte form of a JSON value, for checksums and associated data.

    Sorted keys, no insignificant whitespace, ASCII only: the same value always gives the same
    bytes, whatever order or spacing the file on disk happens to use.
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")
