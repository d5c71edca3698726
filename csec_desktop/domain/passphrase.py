"""The passphrase rule for a vault: one rule for the app's windows and for ``csec-admin``.

Guidance, not a gate beyond a minimum length: a long phrase of ordinary words is strong, and rules
like "one symbol" mostly produce passwords people write on sticky notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MIN_LENGTH = 12
GOOD_LENGTH = 16
STRONG_LENGTH = 24
COMMON = frozenset(
    {
        "password",
        "passphrase",
        "123456789012",
        "qwertyuiopas",
        "letmeinletmein",
        "iloveyouiloveyou",
        "csecdesktop",
        "caseworker",
        "fosteryouth",
    }
)


class Hint(Enum):
    TOO_SHORT = "too_short"
    REPEATED = "repeated"
    COMMON = "common"
    ADD_WORDS = "add_words"


@dataclass(frozen=True)
class Assessment:
    score: int  # 0 (unusable) .. 4 (strong)
    acceptable: bool
    hints: tuple[Hint, ...]


def assess(passphrase: str) -> Assessment:
    text = passphrase.strip()
    hints: list[Hint] = []
    if len(text) < MIN_LENGTH:
        hints.append(Hint.TOO_SHORT)
    distinct = len(set(text.casefold()))
    if text and distinct <= max(3, len(text) // 4):
        hints.append(Hint.REPEATED)
    squashed = "".join(ch for ch in text.casefold() if ch.isalnum())
    if any(word in squashed for word in COMMON) and len(squashed) < GOOD_LENGTH + 4:
        hints.append(Hint.COMMON)
    acceptable = not hints
    if not acceptable:
        score = 0 if len(text) < MIN_LENGTH // 2 else 1
    elif len(text) >= STRONG_LENGTH and len(text.split()) >= 3:
        score = 4
    elif len(text) >= GOOD_LENGTH:
        score = 3
    else:
        score = 2
    if acceptable and score < 4:
        hints.append(Hint.ADD_WORDS)
    return Assessment(score=score, acceptable=acceptable, hints=tuple(hints))
