"""Canonical JSON: the exact text the server hashes and stores, and how a push makes it once.

A record's stored payload, its ``content_hash`` and the push log's ``operation_hash`` are made
from :func:`canonical_text` (``json.dumps`` with sorted keys, compact separators, non-ASCII as is,
``default=str``). Those hashes are stored, so that text can never change.

A push used to encode each record twice: the payload as sent, inside the operation hash, and the
payload as the domain model normalised it, for the size check, the content hash and the stored
text. Encoding was the largest single item of a push's CPU on the server (issue 16: 19 and 14 µs
of ``push._check``'s 76 per record). A real client sends the payload normalised already
(``model_dump(mode="json")``), so the two texts are the same and the operation's text can be
put together around the payload text made once (:func:`operation_hash_from`).

"The same text" must be certain, not likely, because a wrong operation hash would answer a retry
"different content". Python's ``==`` is not enough on its own: ``1 == 1.0 == True`` and
``0.0 == -0.0``, which ``json`` writes differently. :func:`same_json` adds orjson's text of both
values, in their own key order: it writes ``1``, ``1.0``, ``true``, ``0.0`` and ``-0.0``
differently, refuses what it cannot write exactly (integers beyond 64 bits, lone surrogates,
non-string keys), and what it writes alike that ``json`` does not (NaN, infinities and ``None``
all as ``null``; a date or UUID as its text) is told apart by ``==``. So equal values with equal
orjson texts are, leaf by leaf, the same JSON type and value, and ``json`` writes them alike.
Anything else takes the full encoding. orjson never makes a stored text or hash here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

# ``json.dumps(value, **these options)`` is ``JSONEncoder(**these options).encode(value)``; one
# encoder made once saves building one per call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_text(value: Any) -> str:
    """The canonical JSON text of ``value``: the definition every stored hash was made by
    (``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    default=str)``)."""
    return _ENCODER.encode(value)


def canonical_hash(value: Any) -> str:
    return hashlib.sha256(canonical_text(value).encode()).hexdigest()


def same_json(a: Any, b: Any) -> bool:
    """True only if ``canonical_text(a) == canonical_text(b)`` for certain (see the module
    docstring); False may also mean "not known"."""
    if a != b:
        return False
    try:
        return orjson.dumps(a) == orjson.dumps(b)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return False


def operation_fields(
    record_type: str, record_id: str, base_version: int | None, version: int, payload: Any
) -> dict[str, Any]:
    """What an operation hash is the canonical hash of."""
    return {
        "record_type": record_type,
        "record_id": record_id,
        "base_version": base_version,
        "version": version,
        "payload": payload,
    }


def operation_hash_from(
    record_type: str,
    record_id: str,
    base_version: int | None,
    version: int,
    payload_text: bytes,
) -> str:
    """``canonical_hash(operation_fields(..., payload))`` from the payload's canonical text
    (UTF-8), without encoding the payload again. The keys in sorted order: base_version,
    payload, record_id, record_type, version."""
    digest = hashlib.sha256()
    digest.update(f'{{"base_version":{_scalar_text(base_version)},"payload":'.encode())
    digest.update(payload_text)
    digest.update(
        f',"record_id":{_scalar_text(record_id)},"record_type":{_scalar_text(record_type)},'
        f'"version":{_scalar_text(version)}}}'.encode()
    )
    return digest.hexdigest()


def _scalar_text(value: object) -> str:
    """``canonical_text(value)``, quicker for ``None`` and exact ints (``json`` writes an int with
    ``int.__repr__``; encoding one through the encoder costs ten times more)."""
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    return canonical_text(value)
