"""Small-count suppression that holds across every answer a state analyst can get.

Hiding each count of 1-10 in each report is not enough: an analyst who asks for two overlapping
periods subtracts one answer from the other and recovers the hidden counts (a security review
recovered 206 of them in 118 requests). The method here closes every way to combine answers
that the server offers:

1. **Fixed periods only.** The analyst gets calendar quarters and years in the county's time zone,
   nothing else, so no two answers overlap except a year and its own quarters. A period is
   published only once it is closed and settled (``RELEASE_AFTER_DAYS`` after its end, so late
   pushes are in).
2. **Frozen releases.** A period's figures are computed and suppressed once, the first time they
   are asked for, stored, and given unchanged ever after: asking again a month later, when more
   records have arrived, yields the same answer, not a difference.
3. **A year is built on its published quarters.** The year's additive counts (screenings,
   categories, sessions, trainings, obligations: each record counts in exactly one quarter) are
   the sums of the quarters' published counts, hidden where a quarter's is: they tell nothing the
   quarters did not. Its counts of *distinct* children (``counts_distinct``: a child screened in
   two quarters counts once in the year) are new, so each is hidden when it minus any combination
   of its quarters' published counts (a quarter, two, three or all four) is from 1 to 10: "the
   year minus the first quarter" is a count of children too. Quarters are released before their
   year, so the year, the newcomer, is always the one that hides more.
4. **Within every report** (complementary suppression over the model's ``additive_groups``): no
   group has exactly one hidden count, and a published total minus its published parts (the sum
   of the hidden parts) is never from 1 to 10.

Counts from 1 to 10 show as "1-10"; counts hidden only to protect others show as "hidden". Zero is
shown: it reveals nobody. What this does not cover is said in docs/security.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from csec_desktop.domain.reporting import (
    HIDDEN_MARKER,
    SUPPRESS_HIGH,
    SUPPRESS_LOW,
    CountyReport,
    additive_groups,
)

Path = tuple[Any, ...]  # a count's place in ``CountyReport.model_dump()``
SMALL_MARKER = f"{SUPPRESS_LOW}-{SUPPRESS_HIGH}"
RELEASE_AFTER_DAYS = 30  # a closed period is published this long after it ends
_NOT_COUNTS = frozenset({"county", "period_start", "period_end", "as_of", "suppressed"})
# The model's counts of distinct children (each child once per period, so a year is not the sum
# of its quarters; a child's category in a period is the one of their latest identification in
# it). A count not named here is treated as additive (screenings, obligations, sessions,
# trainings, anonymous attendees: each record falls in exactly one quarter), so a model that adds a
# distinct count must name it here; a test checks every count of the model is classified.
DISTINCT_MEASURES = frozenset(
    {
        "children",
        "children_by_category",
        "victim_children",
        "children_by_jurisdiction",
        "victims_by_jurisdiction",
        "children_identified",
        "children_identified_more_than_once",
        "eligible_children",
        "children_screened",
        "children_by_risk_level",
        "labor_children",
        "labor_children_by_finding",
        "labor_children_identified",
        "youth_reached",
        "linked_youth_reached",
        "youth_reached_by_audience",
    }
)
ADDITIVE_MEASURES = frozenset(
    {
        "screenings",
        "labor_screenings",
        "obligations",
        "obligations_by_kind",
        "sessions",
        "sessions_by_audience",
        "anonymous_attendees",
        "trainings",
        "trainings_by_audience",
    }
)


def counts_distinct(path: Path) -> bool:
    return path[0] in DISTINCT_MEASURES


@dataclass(frozen=True, order=True)
class Period:
    """A calendar year, or one of its quarters (``quarter`` 1-4)."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"2026"`` or ``"2026-Q1"``; ``ValueError`` for anything else."""
        head, _, tail = text.strip().upper().partition("-Q")
        if not (len(head) == 4 and head.isascii() and head.isdigit()):
            raise ValueError("a period is a year (2026) or a quarter (2026-Q1)")
        if not 1900 <= int(head) <= 2199:
            raise ValueError("a period's year must be from 1900 to 2199")
        if not tail and "-" not in text:
            return cls(int(head))
        if tail not in ("1", "2", "3", "4"):
            raise ValueError("a period is a year (2026) or a quarter (2026-Q1)")
        return cls(int(head), int(tail))

    @property
    def id(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 3 * self.quarter + 1, 1)

    def quarters(self) -> list[Period]:
        return [] if self.quarter is not None else [Period(self.year, q) for q in range(1, 5)]

    def released_by(self, today: date) -> bool:
        """Whether the period is closed and settled on ``today`` (a county date)."""
        return today >= self.end + timedelta(days=RELEASE_AFTER_DAYS)


def _get(data: dict[str, Any], path: Path) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key, 0) if isinstance(value, dict) else 0
    return value


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def count_paths(data: dict[str, Any], prefix: Path = ()) -> list[Path]:
    """Every count in a dumped report (booleans, dates and names are not counts)."""
    found: list[Path] = []
    for key, value in data.items():
        if not prefix and key in _NOT_COUNTS:
            continue
        if isinstance(value, dict):
            found += count_paths(value, (*prefix, key))
        elif isinstance(value, int | str) and not isinstance(value, bool):
            found.append((*prefix, key))
    return found


def publish_period(
    exact: CountyReport[int],
    parts: Sequence[CountyReport[int | str]] = (),
    *,
    distinct: Callable[[Path], bool] = counts_distinct,
) -> CountyReport[int | str]:
    """``exact`` as the state analyst may see it (see the module docstring).

    ``parts`` are the published quarters when ``exact`` is their year (empty for a quarter).
    """
    data = exact.model_dump()
    part_data = [part.model_dump() for part in parts]
    paths = count_paths(data)
    value: dict[Path, int] = {}
    hidden: set[Path] = set()
    derived: set[Path] = set()  # set by the parts: hiding one of them would protect nothing
    for path in paths:
        if part_data and not distinct(path):
            shares = [_get(part, path) for part in part_data]
            derived.add(path)
            if all(isinstance(share, int) for share in shares):
                value[path] = sum(shares)
            else:
                value[path] = int(_get(data, path))
                hidden.add(path)
        else:
            value[path] = int(_get(data, path))
            if SUPPRESS_LOW <= value[path] <= SUPPRESS_HIGH:
                hidden.add(path)

    # The model's own statement of which totals are sums of parts, checked on the exact counts:
    # in a year, a derived part can differ from the exact one by records that arrived after its
    # quarter was frozen, and the group must still be protected as the reader sees it.
    exact_data = exact.model_dump()
    groups = [
        [total, *members]
        for total, members in additive_groups(exact)
        if _get(exact_data, total) == sum(_get(exact_data, member) for member in members)
    ]

    def small(number: int) -> bool:
        return SUPPRESS_LOW <= number <= SUPPRESS_HIGH

    def protect(cells: list[Path]) -> bool:
        """Hide one more count of ``cells`` (a group) that is not derived; False if none."""
        candidates = [c for c in cells if c not in hidden and c not in derived and value[c] > 0]
        if not candidates:
            return False
        choice = min(candidates, key=lambda c: (c == cells[0], value[c]))
        hidden.add(choice)
        return True

    changed = True
    while changed:
        changed = False
        # A distinct count minus any combination of its published quarters.
        for path in paths:
            if path in hidden or path in derived or not part_data:
                continue
            published = [_get(part, path) for part in part_data]
            shares = [share for share in published if isinstance(share, int)]
            for size in range(1, len(shares) + 1):
                if any(
                    small(value[path] - sum(combo))
                    for combo in itertools.combinations(shares, size)
                ):
                    hidden.add(path)
                    changed = True
                    break
        # Within the report: never exactly one hidden count in a group, and never a small sum
        # of hidden parts beside a published total.
        for cells in groups:
            inside = [cell for cell in cells if cell in hidden]
            total, members = cells[0], cells[1:]
            remainder = sum(value[m] for m in members if m in hidden)
            exposed = len(inside) == 1 or (total not in hidden and small(remainder))
            if not exposed:
                continue
            if not protect(cells):
                hidden.update(cell for cell in cells if cell not in derived)
                if len([cell for cell in cells if cell in hidden]) < 2:
                    hidden.update(cells)  # nothing left to hide it behind: hide the group
            changed = True

    for path in paths:
        if path in hidden:
            shown = SMALL_MARKER if small(value[path]) else HIDDEN_MARKER
            _set(data, path, shown)
        else:
            _set(data, path, value[path])
    data["suppressed"] = True
    return CountyReport[int | str].model_validate(data)
