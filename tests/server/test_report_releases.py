"""The state analyst's figures through the API: fixed, settled periods only, each frozen at its
first release, and no combination of answers gives a small count away (issue 14, finding 1).
County-internal users keep exact figures for any dates."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from sqlalchemy import func, select

from csec_desktop.domain import CsecCategory
from csec_desktop.domain.suppression import Period
from csec_desktop.server.schema import report_releases
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening

YEAR = date.today().year - 2  # long closed and settled


def _ask(server: Harness, device: Device, **params: str) -> Any:
    return server.client.get("/api/v1/reports/county", params=params, headers=device.headers)


def _figures(body: dict[str, Any]) -> dict[tuple[str, str], int | None]:
    return {(c["measure"], c["key"]): c["value"] for c in body["counts"]}


def _screen(server: Harness, device: Device, youth_id: Any, on: date, **kw: Any) -> None:
    [result] = server.push(device, op(screening(youth_id, screening_date=on, by="cw1", **kw)))
    assert result["status"] == "applied", result


def test_the_analyst_gets_only_fixed_settled_periods(server: Harness) -> None:
    server.county()
    analyst = server.user("analyst", Role.STATE_ANALYST)
    admin = server.user("admin", Role.COUNTY_ADMIN)
    for params in (
        {"start": f"{YEAR}-01-01", "end": f"{YEAR}-01-31"},
        {"period": f"{YEAR}-Q1", "start": f"{YEAR}-01-01"},
        {},
        {"period": f"{YEAR}-03"},
        {"period": "0000"},
    ):
        assert _ask(server, analyst, **params).status_code == 400, params
    this_quarter = Period(date.today().year, (date.today().month - 1) // 3 + 1)
    unsettled = _ask(server, analyst, period=this_quarter.id)
    assert unsettled.status_code == 404 and "published from" in unsettled.text
    # The county's own people still choose any dates, and see exact figures.
    assert _ask(server, admin, start=f"{YEAR}-02-03", end=f"{YEAR}-02-17").status_code == 200


def test_a_release_is_frozen_while_records_keep_arriving(server: Harness) -> None:
    server.county()
    caseworker = server.user("cw1")
    analyst = server.user("analyst", Role.STATE_ANALYST)
    admin = server.user("admin", Role.COUNTY_ADMIN)
    on = date(YEAR, 2, 10)
    for _ in range(14):
        _screen(server, caseworker, server.youth_of(caseworker), on)
    first = _ask(server, analyst, period=f"{YEAR}-Q1").json()
    for _ in range(3):  # late pushes into the same, already published quarter
        _screen(server, caseworker, server.youth_of(caseworker), on)
    again = _ask(server, analyst, period=f"{YEAR}-Q1").json()
    assert again == first
    assert _figures(first)[("screenings", "total")] == 14
    exact = _figures(_ask(server, admin, period=f"{YEAR}-Q1").json())
    assert exact[("screenings", "total")] == 17  # the county sees what it holds now


def test_asking_for_a_year_releases_its_quarters_first(server: Harness) -> None:
    server.county()
    analyst = server.user("analyst", Role.STATE_ANALYST)
    assert _ask(server, analyst, period=f"{YEAR}").status_code == 200
    with server.engine.connect() as conn:
        periods = conn.execute(select(report_releases.c.period)).scalars().all()
        assert sorted(periods) == sorted([f"{YEAR}", *[f"{YEAR}-Q{q}" for q in range(1, 5)]])
        assert conn.execute(select(func.count()).select_from(report_releases)).scalar_one() == 5


def test_no_combination_of_the_analysts_answers_gives_a_small_count_away(
    server: Harness,
) -> None:
    """The review's attack, through the API: twenty children in Q1 and a few more later, a few
    victims in Q3, and every answer the analyst can get for the year subtracted from the
    others."""
    server.county()
    caseworker = server.user("cw1")
    analyst = server.user("analyst", Role.STATE_ANALYST)
    children = [server.youth_of(caseworker) for _ in range(26)]
    for child in children[:20]:
        _screen(server, caseworker, child, date(YEAR, 1, 15))
        _screen(server, caseworker, child, date(YEAR, 5, 15))
    for child in children[20:23]:
        _screen(server, caseworker, child, date(YEAR, 8, 1), category=CsecCategory.VICTIM_IN_CARE)
    # The year is asked first (releasing its quarters), then more records arrive for Q4.
    year = _figures(_ask(server, analyst, period=f"{YEAR}").json())
    for child in children[23:]:
        _screen(server, caseworker, child, date(YEAR, 11, 1))
    quarters = [_figures(_ask(server, analyst, period=f"{YEAR}-Q{q}").json()) for q in range(1, 5)]
    found = []
    for key, total in year.items():
        if total is None:
            continue
        known = [q[key] for q in quarters if q[key] is not None]
        for size in range(1, len(known) + 1):
            for combo in itertools.combinations(known, size):
                if 1 <= total - sum(combo) <= 10:
                    found.append((key, total, combo))
    assert found == []
    assert year[("children_screened", "total")] is None  # 23 - 20 = 3 would give them away
    assert all(v is None or not 1 <= v <= 10 for q in [year, *quarters] for v in q.values())
