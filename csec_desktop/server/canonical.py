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
Anything else takes the full encoding.

:func:`canonical_bytes` makes the same text (as UTF-8) with orjson where that is certain: a value
made of exactly ``dict`` (string keys), ``list``, ``str``, ``int``, ``bool`` and ``None``, with no
float anywhere (orjson writes floats in another form, ``1e-05`` as ``0.00001``, and NaN as
``null``). For those types orjson's sorted text is ``json``'s byte for byte: keys in code point
order (UTF-8's byte order is code point order), the same escapes (``"``, ``\\``, the short forms
and ``\\u00XX`` for the other control characters, nothing else escaped), integers as ``repr``;
what it cannot write exactly (integers beyond 64 bits, lone surrogates, nesting deeper than 255)
it refuses, and those values take ``json``'s path. json's C encoder with ``sort_keys`` was ~20 µs
of a pushed record's CPU on the server, orjson plus the type walk ~9 (issue 16, sixth milestone);
records have no float field but a screening's answers.
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


_PLAIN = frozenset({str, int, bool, type(None)})
_SORTED = orjson.OPT_SORT_KEYS


def _plain(value: Any) -> bool:
    """Whether ``value`` is made of exactly ``dict`` (``str`` keys), ``list``, ``str``, ``int``,
    ``bool`` and ``None``: no float, no subclass, no other type."""
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (type(item) not in _PLAIN and not _plain(item)):
                return False
        return True
    if kind is list:
        return all(type(item) in _PLAIN or _plain(item) for item in value)
    return kind in _PLAIN


def _sorted_orjson(value: Any) -> bytes | None:
    """orjson's text of ``value`` with sorted keys; None for what it cannot write."""
    try:
        return orjson.dumps(value, option=_SORTED)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return None


def _quick_text(value: Any) -> bytes | None:
    """``canonical_text(value).encode()`` when orjson certainly makes the same (see the module
    docstring), else None."""
    try:
        plain = _plain(value)
    except RecursionError:
        return None
    return _sorted_orjson(value) if plain else None


def canonical_bytes(value: Any) -> bytes:
    """``canonical_text(value).encode()``, made by orjson when that is certain to be the same
    text (see the module docstring)."""
    quick = _quick_text(value)
    return canonical_text(value).encode() if quick is None else quick


def canonical_and_same(value: Any, sent: Any) -> tuple[bytes, bool]:
    """``canonical_bytes(value)``, and ``same_json(sent, value)`` (``value``: a record as the
    domain model writes it; ``sent``: the record as it came), with orjson's text of ``value``
    made once for both when it is the canonical text."""
    quick = _quick_text(value)
    if quick is None:
        return canonical_text(value).encode(), same_json(sent, value)
    return quick, sent == value and _sorted_orjson(sent) == quick


def canonical_hash(value: Any) -> str:
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


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
