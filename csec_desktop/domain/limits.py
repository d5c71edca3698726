"""How large one record may be, per record type: the same limits on the laptop (a save over the
limit is refused) and on the county server (a pushed record over it is rejected).

Sizes are of the record as compact JSON in UTF-8, which is how it is stored and sent. Each limit
is well above the largest record the domain's own field limits allow in ordinary text, and far
below what would hurt: a security review pushed ten 30 MB screenings and took the server to
1.25 GB of memory and the review queue to 2.4 s. A record type added later gets the default
until it is given its own.
"""

from __future__ import annotations

from collections.abc import Mapping

KIB = 1024

RECORD_BYTE_LIMITS: Mapping[str, int] = {
    "youth": 16 * KIB,
    "screening": 512 * KIB,  # notes, evidence per statutory element, answers
    "obligation": 32 * KIB,
    "missing_episode": 128 * KIB,
    "education_session": 256 * KIB,  # attendee ids, topics, notes
    "training": 128 * KIB,
    "review": 64 * KIB,
    "identification": 16 * KIB,  # ids, times, a void reason
}
DEFAULT_RECORD_BYTES = 64 * KIB
# What one push request carries at most (the laptop splits its batches to stay under it; the
# server's body limit is well above it).
PUSH_BATCH_BYTES = 4 * 1024 * KIB


class RecordTooLarge(ValueError):
    """A record over its type's size limit; the message names the limit, never the content."""


def record_byte_limit(record_type: str) -> int:
    return RECORD_BYTE_LIMITS.get(record_type, DEFAULT_RECORD_BYTES)


def _shown(size: int) -> str:
    if size >= 1024 * KIB:
        return f"{size / (1024 * KIB):.1f} MiB"
    return f"{size / KIB:.0f} KiB" if size >= KIB else f"{size} bytes"


def size_problem(record_type: str, size: int) -> str | None:
    """A plain line when a ``record_type`` record of ``size`` bytes is over its limit."""
    limit = record_byte_limit(record_type)
    if size <= limit:
        return None
    name = record_type.replace("_", " ")
    return f"a {name} record may be at most {_shown(limit)}; this one is {_shown(size)}"


def require_within_limit(record_type: str, size: int) -> None:
    problem = size_problem(record_type, size)
    if problem is not None:
        raise RecordTooLarge(problem)


def batches_within(sizes: list[int], budget: int) -> list[tuple[int, int]]:
    """``(start, end)`` slices of consecutive items whose sizes add up to at most ``budget``
    (an item larger than the budget alone gets a slice of its own)."""
    slices: list[tuple[int, int]] = []
    start, total = 0, 0
    for index, size in enumerate(sizes):
        if index > start and total + size > budget:
            slices.append((start, index))
            start, total = index, 0
        total += size
    if start < len(sizes):
        slices.append((start, len(sizes)))
    return slices
