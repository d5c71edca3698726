"""Checking a vault database for damage, and telling damage apart from other database errors.

SQLCipher authenticates every page with an HMAC. A page that fails it is never decrypted: the
query that touches it fails with a bare ``DatabaseError`` (or "malformed"), and from then on the
connection refuses writes ("attempt to write a readonly database"). ``cipher_integrity_check``
reads and authenticates every page without stopping at the first bad one; ``integrity_check``
then checks the b-trees. Both run on the open connection; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from csec_desktop.store import sqlcipher as sc


@dataclass(frozen=True)
class PageCheck:
    """What reading every page found. ``bad_pages`` are page numbers (no content)."""

    pages: int
    bad_pages: tuple[int, ...]
    other_problems: int  # lines of the cipher check that name no page

    @property
    def ok(self) -> bool:
        return not self.bad_pages and not self.other_problems

    def summary(self) -> str:
        """One plain line."""
        if self.ok:
            return f"all {self.pages} pages authenticated"
        if not self.pages:
            return "its pages could not be read"
        count = len(self.bad_pages) + self.other_problems
        shown = ", ".join(str(page) for page in self.bad_pages[:5])
        more = "…" if len(self.bad_pages) > 5 else ""
        where = f" (page {shown}{more})" if shown else ""
        return f"{count} of {self.pages} pages fail their authentication check{where}"


def check_pages(conn: Any) -> PageCheck:
    """Read and authenticate every page of the database (``cipher_integrity_check``)."""
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    bad: list[int] = []
    other = 0
    for (line,) in conn.execute("PRAGMA cipher_integrity_check").fetchall():
        words = str(line).rsplit(" ", 1)
        if len(words) == 2 and words[0].endswith("page") and words[1].isdigit():
            bad.append(int(words[1]))
        else:
            other += 1
    return PageCheck(pages, tuple(sorted(set(bad))), other)


def structure_problems(conn: Any) -> int:
    """How many problems SQLite's ``integrity_check`` finds in the b-trees (0 when sound).
    A check stopped by a page that cannot be read counts as one."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sc.DatabaseError:
        return 1
    lines = [line for (text,) in rows for line in str(text).splitlines()]
    return sum(1 for line in lines if line != "ok" and not line.startswith("***"))


def is_damage(exc: BaseException, damage_seen: bool) -> bool:
    """Whether a database error means the file is damaged (rather than, say, a constraint)."""
    if not isinstance(exc, sc.DatabaseError):
        return False
    message = str(exc)
    if type(exc) is sc.DatabaseError or "malformed" in message or "not a database" in message:
        return True
    # After an HMAC failure SQLCipher refuses every write on that connection.
    return damage_seen and "readonly database" in message
