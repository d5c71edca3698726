"""Plain, calm words for text that comes from data (instrument definitions).

A section title reads as a topic ("Commercial sexual exploitation"), not a statute; the statute
it names moves to the help under the title. A sentence written in capitals ("NOT A VALIDATED
INSTRUMENT.") reads in sentence case: capitals shout, and are harder to read.
"""

from __future__ import annotations

import re

# A trailing reference in brackets naming a code section: "(W&IC 300(b)(2))", "(PC 236.1)",
# "(Penal Code 236.1)", "(Welf. & Inst. Code § 300)". One level of nested brackets is allowed.
_REFERENCE = re.compile(
    r"\s*\(((?:W\s*&\s*I\s*C|WIC|W&IC|PC|Penal Code|Welf\.?\s*&\s*Inst\.?\s*Code|"
    r"Gov(?:ernment)?\.?\s*Code|Ed(?:ucation)?\.?\s*Code|§|P\.L\.|SB\s*\d)"
    r"(?:[^()]|\([^()]*\))*)\)\s*$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]?\s*")


def plain_title(title: str) -> tuple[str, str | None]:
    """``title`` without a trailing statute reference, and that reference (or None)."""
    match = _REFERENCE.search(title)
    if match is None:
        return title, None
    return title[: match.start()].rstrip(), match.group(1).strip()


def calm_case(text: str) -> str:
    """Each sentence of ``text`` written wholly in capitals, in sentence case instead."""

    def calm(match: re.Match[str]) -> str:
        sentence = match.group(0)
        letters = [ch for ch in sentence if ch.isalpha()]
        if len(letters) < 4 or not all(ch.isupper() for ch in letters):
            return sentence
        lowered = sentence.lower()
        first = next((i for i, ch in enumerate(lowered) if ch.isalpha()), 0)
        return lowered[:first] + lowered[first].upper() + lowered[first + 1 :]

    return _SENTENCE.sub(calm, text)


__all__ = ["calm_case", "plain_title"]
