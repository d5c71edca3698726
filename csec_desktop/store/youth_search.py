"""Finding a youth: the lookup index and name search, as one unit.

``youth_index`` holds the columns a lookup needs (birth date, county client id, a sort name) and
``youth_search`` (FTS5) the names; both are kept by :func:`index_youth` in the transaction that
saves the youth, and emptied for a youth by :func:`unindex_youth` when its records leave the vault.
Every function takes the open connection and runs on the database lane.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from csec_desktop.domain.base import STORED
from csec_desktop.domain.youth import Youth

_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
)


def _parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _fts_query(text: str) -> str | None:
    """Each word of ``text`` as a quoted prefix term, all required. None if there is no word."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _sort_name(youth: Youth) -> str:
    return f"{youth.family_name}\x1f{youth.given_name}".casefold()


def index_youth(conn: Any, youth: Youth) -> None:
    """Make ``youth`` findable (inside the transaction that saves it)."""
    names = " ".join(n for n in (youth.given_name, youth.family_name, youth.preferred_name) if n)
    sort_name = _sort_name(youth)
    row = conn.execute("SELECT rowid FROM youth_index WHERE id = ?", (str(youth.id),)).fetchone()
    if row is None:
        cursor = conn.execute(
            "INSERT INTO youth_index (id, date_of_birth, county_client_id, sort_name)"
            " VALUES (?, ?, ?, ?)",
            (str(youth.id), youth.date_of_birth.isoformat(), youth.county_client_id, sort_name),
        )
        rowid = cursor.lastrowid
    else:
        rowid = row[0]
        conn.execute(
            "UPDATE youth_index SET date_of_birth = ?, county_client_id = ?, sort_name = ?"
            " WHERE rowid = ?",
            (youth.date_of_birth.isoformat(), youth.county_client_id, sort_name, rowid),
        )
        conn.execute("DELETE FROM youth_search WHERE rowid = ?", (rowid,))
    conn.execute("INSERT INTO youth_search (rowid, names) VALUES (?, ?)", (rowid, names))


def unindex_youth(conn: Any, youth_id: UUID) -> None:
    """Forget a youth whose records left the vault (inside the removing transaction)."""
    row = conn.execute("SELECT rowid FROM youth_index WHERE id = ?", (str(youth_id),)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM youth_search WHERE rowid = ?", (row[0],))
    conn.execute("DELETE FROM youth_index WHERE rowid = ?", (row[0],))


def search(conn: Any, text: str, limit: int = 50) -> list[Youth]:
    """Youth whose names start with each word of ``text``, or born on the date ``text`` gives
    (``YYYY-MM-DD`` or ``MM/DD/YYYY``), or whose county client id starts with ``text``."""
    text = text.strip()
    birth_date = _parse_date(text)
    params: tuple[Any, ...]
    if birth_date is not None:
        sql = (
            "SELECT r.body FROM youth_index y JOIN records r"
            " ON r.record_type = 'youth' AND r.id = y.id"
            " WHERE y.date_of_birth = ? ORDER BY y.sort_name LIMIT ?"
        )
        params = (birth_date.isoformat(), limit)
    elif any(ch.isdigit() for ch in text):
        sql = (
            "SELECT r.body FROM youth_index y JOIN records r"
            " ON r.record_type = 'youth' AND r.id = y.id"
            " WHERE y.county_client_id >= ? AND y.county_client_id < ?"
            " ORDER BY y.county_client_id LIMIT ?"
        )
        params = (text, text + "\U0010ffff", limit)
    else:
        query = _fts_query(text)
        if query is None:
            return []
        sql = (
            "SELECT r.body FROM youth_search s JOIN youth_index y ON y.rowid = s.rowid"
            " JOIN records r ON r.record_type = 'youth' AND r.id = y.id"
            " WHERE youth_search MATCH ? ORDER BY y.sort_name LIMIT ?"
        )
        params = (query, limit)
    rows = conn.execute(sql, params).fetchall()
    return [Youth.model_validate_json(r[0], context=STORED) for r in rows]


def possible_duplicates(conn: Any, youth: Youth) -> list[Youth]:
    """Other youth with the same given and family name and date of birth (case-insensitive)."""
    rows = conn.execute(
        "SELECT r.body FROM youth_index y JOIN records r"
        " ON r.record_type = 'youth' AND r.id = y.id"
        " WHERE y.sort_name = ? AND y.date_of_birth = ? AND y.id != ?",
        (_sort_name(youth), youth.date_of_birth.isoformat(), str(youth.id)),
    ).fetchall()
    return [Youth.model_validate_json(r[0], context=STORED) for r in rows]
