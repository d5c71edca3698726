"""Finding a youth: the name index, a search that forgives typing, and the duplicate check.

A caseworker types what they heard or remember: "Lopes" for López, "Hernnadez", "Garcia" for
García-López, the family name first. Every name (given, family, preferred) is split into words
("terms": lower case, accents removed, hyphens and spaces split, so each part of a double surname
is a term of its own) and kept in ``youth_name_terms``. A typed word matches a term when

* the term is the word or starts with it ("Gar" finds García): always tried;
* the two sound alike (their Metaphone codes are equal, e.g. Lopes and López, Vasquez and
  Vázquez): words of 4 letters and more;
* they differ by one edit, a swap of two neighbouring letters counted as one ("Mraia", "Lpoez"),
  two edits for words of 8 letters and more (Damerau-Levenshtein): words of 4 letters and more.

Every typed word must match some term of the youth, in any order (given and family swapped).
Results rank exact words first, then prefixes, sound-alikes, then typos; then by family name.

The typo and sound-alike candidates come from ``name_variants``: for each *distinct* term, its
Metaphone code and its one-letter deletions (the SymSpell idea: two words within one edit share a
deletion). That table grows with the vocabulary of names, not with the number of youth, and the
candidates it returns are checked with the exact distance before they count.

The duplicate check uses the same matching: another youth born the same day (or with day and
month swapped, a common slip) whose names match word for word, or with the same county client
id, is a possible duplicate.

Every function takes the open connection and runs on the database lane (``Store`` calls them).
"""

from __future__ import annotations

import contextlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import jellyfish

from csec_desktop.domain.base import STORED
from csec_desktop.domain.youth import Youth

EXACT, PREFIX, SOUNDS_ALIKE, TYPO = range(4)
FUZZY_MIN_LENGTH = 4  # shorter words are still being typed: prefixes only
LONG_WORD = 8  # from this length two edits are forgiven
MIN_CODE_LENGTH = 3  # shorter Metaphone codes ("MR") say too little to match on
_APOSTROPHES = re.compile(r"['’`]")
_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
)
_HIGHEST = "\U0010ffff"


# -- words ---------------------------------------------------------------------------------------


def terms_of(text: str) -> list[str]:
    """The words of ``text`` as index terms: case and accents folded, apostrophes dropped
    (O'Brien is "obrien"), split at anything that is not a letter or digit."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    plain = _APOSTROPHES.sub("", plain)
    return [word for word in re.split(r"[^\w]+|_", plain) if word]


def youth_terms(youth: Youth) -> set[str]:
    names = (youth.given_name, youth.family_name, youth.preferred_name or "")
    return {term for name in names for term in terms_of(name)}


def sound_code(term: str) -> str | None:
    """The term's Metaphone code, or None when it is too short to mean anything."""
    if not term.isalpha():
        return None
    code = str(jellyfish.metaphone(term))
    return code if len(code) >= MIN_CODE_LENGTH else None


def variants(term: str) -> set[str]:
    """The keys under which ``term`` is found by a misspelling of it (see the module docstring).
    ``#`` marks a sound code, ``~`` a spelling with at most one letter left out."""
    keys: set[str] = set()
    code = sound_code(term)
    if code is not None:
        keys.add("#" + code)
    if len(term) >= FUZZY_MIN_LENGTH - 1:
        keys.add("~" + term)
        keys.update("~" + term[:i] + term[i + 1 :] for i in range(len(term)))
    return keys


def _query_keys(word: str) -> set[str]:
    keys = {key for key in variants(word) if key.startswith("~")}
    code = sound_code(word)
    if code is not None:
        keys.add("#" + code)
    return keys


def match_score(word: str, term: str) -> int | None:
    """How well the typed ``word`` matches the name ``term`` (lower is better), or None."""
    if term == word:
        return EXACT
    if term.startswith(word):
        return PREFIX
    if len(word) < FUZZY_MIN_LENGTH:
        return None
    code = sound_code(word)
    if code is not None and code == sound_code(term):
        return SOUNDS_ALIKE
    allowed = 2 if len(word) >= LONG_WORD else 1
    if jellyfish.damerau_levenshtein_distance(word, term) <= allowed:
        return TYPO
    return None


def names_match(first: Iterable[str], second: Iterable[str]) -> bool:
    """Whether two sets of name terms name the same person: every term of the shorter set
    matches a term of the other (a double surname may be written in part)."""
    a, b = sorted((set(first), set(second)), key=len)
    if not a:
        return False
    return all(any(_symmetric_score(term, other) is not None for other in b) for term in a)


def _symmetric_score(a: str, b: str) -> int | None:
    # A whole name is compared with a whole name: a prefix is no match here ("Ana" is not
    # "Anabel"), only the same word, a sound-alike or a typo.
    if a == b:
        return EXACT
    score = match_score(a, b) if len(a) >= len(b) else match_score(b, a)
    return None if score == PREFIX else score


# -- keeping the index ---------------------------------------------------------------------------


def index_youth(conn: Any, youth: Youth) -> None:
    """Add or refresh ``youth`` in the index (inside the transaction that saves the record).
    A tombstone (a duplicate merged into another youth) keeps its row but none of its words:
    a search by name finds the survivor it was merged into, not the record it replaced."""
    sort_name = f"{youth.family_name}\x1f{youth.given_name}".casefold()
    row = conn.execute("SELECT rowid FROM youth_index WHERE id = ?", (str(youth.id),)).fetchone()
    birth, client = youth.date_of_birth.isoformat(), youth.county_client_id
    if row is None:
        cursor = conn.execute(
            "INSERT INTO youth_index (id, date_of_birth, county_client_id, sort_name)"
            " VALUES (?, ?, ?, ?)",
            (str(youth.id), birth, client, sort_name),
        )
        rowid = cursor.lastrowid
    else:
        rowid = row[0]
        conn.execute(
            "UPDATE youth_index SET date_of_birth = ?, county_client_id = ?, sort_name = ?"
            " WHERE rowid = ?",
            (birth, client, sort_name, rowid),
        )
    index_terms(conn, rowid, set() if youth.merged_into is not None else youth_terms(youth))


def index_terms(conn: Any, rowid: int, terms: set[str]) -> None:
    """Make ``terms`` the name terms of the youth at ``rowid``; a term nobody has any more
    leaves the vocabulary (a renamed youth is not found under the old name)."""
    rows = conn.execute("SELECT term FROM youth_name_terms WHERE youth = ?", (rowid,))
    old = {row[0] for row in rows}
    gone, new = old - terms, terms - old
    conn.executemany(
        "DELETE FROM youth_name_terms WHERE term = ? AND youth = ?", [(t, rowid) for t in gone]
    )
    for term in new:
        if not _in_vocabulary(conn, term):  # a name already known has its keys already
            conn.executemany(
                "INSERT OR IGNORE INTO name_variants (variant, term) VALUES (?, ?)",
                [(key, term) for key in variants(term)],
            )
        conn.execute("INSERT INTO youth_name_terms (term, youth) VALUES (?, ?)", (term, rowid))
    for term in gone:
        if not _in_vocabulary(conn, term):
            conn.executemany(
                "DELETE FROM name_variants WHERE variant = ? AND term = ?",
                [(key, term) for key in variants(term)],
            )


def unindex_youth(conn: Any, youth_id: UUID) -> None:
    """Forget a youth whose records left the vault (inside the removing transaction): its name
    terms, the spellings only it had, and its index row."""
    row = conn.execute("SELECT rowid FROM youth_index WHERE id = ?", (str(youth_id),)).fetchone()
    if row is None:
        return
    index_terms(conn, row[0], set())
    conn.execute("DELETE FROM youth_index WHERE rowid = ?", (row[0],))


def _in_vocabulary(conn: Any, term: str) -> bool:
    found = conn.execute("SELECT 1 FROM youth_name_terms WHERE term = ? LIMIT 1", (term,))
    return found.fetchone() is not None


# -- searching -----------------------------------------------------------------------------------


def parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


# ``youth_index y CROSS JOIN records r`` below: CROSS JOIN makes SQLite read the index first and
# then the few records it names; left to itself it walked every youth record (no statistics).


def _youth(rows: Iterable[tuple[Any, ...]]) -> list[Youth]:
    return [Youth.model_validate_json(r[0], context=STORED) for r in rows]


def search(conn: Any, text: str, limit: int = 50) -> list[Youth]:
    """Youth whose names match every word of ``text`` (see the module docstring), or born on
    the date ``text`` gives (``YYYY-MM-DD`` or ``MM/DD/YYYY``), or whose county client id
    starts with ``text``. Best matches first; at most ``limit``."""
    text = text.strip()
    birth_date = parse_date(text)
    if birth_date is not None:
        return _youth(
            conn.execute(
                "SELECT r.body FROM youth_index y CROSS JOIN records r"
                " ON r.record_type = 'youth' AND r.id = y.id"
                " WHERE y.date_of_birth = ? ORDER BY y.sort_name LIMIT ?",
                (birth_date.isoformat(), limit),
            )
        )
    if any(ch.isdigit() for ch in text):
        return _youth(
            conn.execute(
                "SELECT r.body FROM youth_index y CROSS JOIN records r"
                " ON r.record_type = 'youth' AND r.id = y.id"
                " WHERE y.county_client_id >= ? AND y.county_client_id < ?"
                " ORDER BY y.county_client_id LIMIT ?",
                (text, text + _HIGHEST, limit),
            )
        )
    words = list(dict.fromkeys(terms_of(text)))
    if not words:
        return []
    ctes: list[str] = []
    params: list[Any] = []
    for number, word in enumerate(words):
        # Each word: the youth it matches and how well (exact 0, prefix 1, then fuzzy scores).
        fuzzy = _fuzzy_terms(conn, word)
        matches = (
            "SELECT youth, CASE WHEN term = ? THEN 0 ELSE 1 END AS score"
            " FROM youth_name_terms WHERE term >= ? AND term < ?"
        )
        if fuzzy:  # its CTE comes first in the text, so its values come first too
            ctes.append(f"f{number}(term, score) AS (VALUES {', '.join(['(?, ?)'] * len(fuzzy))})")
            params += [value for pair in fuzzy for value in pair]
        params += [word, word, word + _HIGHEST]
        if fuzzy:
            matches += (
                f" UNION ALL SELECT t.youth, f.score FROM f{number} f"  # noqa: S608 (numbers only)
                " JOIN youth_name_terms t ON t.term = f.term"
            )
        ctes.append(
            f"w{number}(youth, score) AS"  # noqa: S608 (numbers and placeholders only)
            f" (SELECT youth, min(score) FROM ({matches}) GROUP BY youth)"
        )
    joins = " ".join(f"JOIN w{n} USING (youth)" for n in range(1, len(words)))
    total = " + ".join(f"w{n}.score" for n in range(len(words)))
    # Rank on the small index rows first; only the bodies of the rows shown are read.
    sql = (
        f"WITH {', '.join(ctes)}, ranked AS (SELECT y.id, {total} AS score, y.sort_name"  # noqa: S608
        f" FROM w0 {joins} JOIN youth_index y ON y.rowid = w0.youth"
        " ORDER BY score, y.sort_name LIMIT ?)"
        " SELECT r.body FROM ranked JOIN records r ON r.record_type = 'youth' AND r.id = ranked.id"
        " ORDER BY ranked.score, ranked.sort_name"
    )
    return _youth(conn.execute(sql, [*params, limit]))


def _fuzzy_terms(conn: Any, word: str) -> list[tuple[str, int]]:
    """Terms of the vocabulary that ``word`` matches by sound or by a typo (checked exactly)."""
    if len(word) < FUZZY_MIN_LENGTH:
        return []
    keys = sorted(_query_keys(word))
    marks = ", ".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT DISTINCT term FROM name_variants WHERE variant IN ({marks})",  # noqa: S608
        keys,
    ).fetchall()
    found = []
    for (term,) in rows:
        score = match_score(word, term)
        if score is not None and score >= SOUNDS_ALIKE:
            found.append((term, score))
    return found


# -- duplicates ----------------------------------------------------------------------------------


def _birth_dates(day: date) -> list[str]:
    dates = {day.isoformat()}
    if day.day <= 12 and day.day != day.month:
        with contextlib.suppress(ValueError):  # e.g. 02/30 is no date
            dates.add(date(day.year, day.day, day.month).isoformat())
    return sorted(dates)


@dataclass(frozen=True)
class _Candidate:
    youth: Youth
    same_client_id: bool


def possible_duplicates(conn: Any, youth: Youth) -> list[Youth]:
    """Other youth who may be ``youth``: born the same day (or with day and month swapped)
    with names that match word for word (:func:`names_match`), or with the same county client
    id. Sorted by family name."""
    births = _birth_dates(youth.date_of_birth)
    marks = ", ".join("?" * len(births))
    # Two indexed lookups (an OR across the two columns would read the whole index).
    sql = (
        "SELECT r.body, y.county_client_id, y.sort_name FROM youth_index y CROSS JOIN records r"
        " ON r.record_type = 'youth' AND r.id = y.id WHERE y.id != ? AND "
    )
    rows = conn.execute(
        sql + f"y.date_of_birth IN ({marks})",
        (str(youth.id), *births),
    ).fetchall()
    if youth.county_client_id:
        rows += conn.execute(
            sql + "y.county_client_id = ?", (str(youth.id), youth.county_client_id)
        ).fetchall()
    rows = sorted({row[0]: row for row in rows}.values(), key=lambda row: row[2])
    mine = youth_terms(youth)
    found = []
    for body, client_id, _sort_name in rows:
        other = Youth.model_validate_json(body, context=STORED)
        candidate = _Candidate(other, bool(client_id) and client_id == youth.county_client_id)
        if candidate.same_client_id or names_match(mine, youth_terms(other)):
            found.append(candidate.youth)
    return found


# -- building the index for a vault made before it -------------------------------------------


def index_all(conn: Any) -> int:
    """Index every youth already in the vault (the migration that adds the index). Returns how
    many were indexed."""
    rows = conn.execute(
        "SELECT y.rowid, r.body FROM youth_index y CROSS JOIN records r"
        " ON r.record_type = 'youth' AND r.id = y.id"
    ).fetchall()
    for rowid, body in rows:
        names = json.loads(body)
        terms = {
            term
            for key in ("given_name", "family_name", "preferred_name")
            for term in terms_of(names.get(key) or "")
        }
        index_terms(conn, rowid, terms)
    return len(rows)


__all__ = [
    "index_youth",
    "names_match",
    "possible_duplicates",
    "search",
    "terms_of",
]
