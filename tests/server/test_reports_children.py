"""The server's county report counts children the way the desktop does, from the same records:
casework done through the desktop services, pushed to the server as a laptop pushes it, gives
the same CSV, row for row (one model, one column list, one CSV writer), exact for the county
and suppressed for the state analyst. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from csec_desktop.domain import (
    RECORD_TYPES,
    Jurisdiction,
    ObligationKind,
    PlacementType,
    Review,
)
from csec_desktop.domain.report_table import report_csv
from csec_desktop.domain.suppression import Period, publish_period
from csec_desktop.services.reports import ReportService
from csec_desktop.store import Store
from csec_desktop.sync.protocol import Role
from tests.casebook.driver import (
    Case,
    Child,
    Expect,
    GoesMissing,
    MarkDone,
    ReportsMissing,
    Screen,
    run_case,
)
from tests.casebook.facts import LABOR, Fact
from tests.server.conftest import Harness, op

F = Fact
START, LAST = date(2025, 1, 1), date(2025, 6, 30)

# A small caseload a county would recognise: identified victims (one twice, one late report),
# a ward, a youth at risk, a labor-trafficking victim, a missing episode.
CASELOAD = Case(
    "one county's first half of 2025",
    children=(
        Child(
            steps=(
                Screen("2025-01-14 10:00",
                       frozenset({F.PAID_FOR_SEX, F.BEFORE_ENTERING_CARE, F.HAS_STOPPED}),
                       received="2025-01-13 16:00"),
                MarkDone("2025-01-15 09:00", ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT),
                Screen("2025-03-04 10:00",
                       frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAPPENING_NOW,
                                  F.NEW_INCIDENT_SINCE_REPORT}),
                       received="2025-03-04 09:00"),
                MarkDone("2025-03-04 11:00", ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT),
            )
        ),
        Child(
            placement=PlacementType.JUVENILE_HALL,
            jurisdiction=Jurisdiction.WARD,
            steps=(
                Screen("2025-02-04 10:00",
                       frozenset({F.SEXUAL_IMAGES_SOLD, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED}),
                       received="2025-02-04 09:00"),
            ),
        ),
        Child(steps=(Screen("2025-02-10 10:00", frozenset({F.MUCH_OLDER_PARTNER,
                                                           F.SCREENER_POSSIBLY_CONCERNED})),)),
        Child(
            placement=PlacementType.RELATIVE,
            steps=(
                Screen("2025-05-06 11:00",
                       frozenset({F.WORKS_ON_A_FARM, F.MADE_TO_WORK_OFF_A_DEBT,
                                  F.WHILE_IN_PLACEMENT, F.LABOR_HAPPENING_NOW}),
                       instrument=LABOR, received="2025-05-06 09:00"),
            ),
        ),
        Child(
            steps=(
                GoesMissing("2025-04-10 09:00", since="2025-04-10 07:00"),
                ReportsMissing("2025-04-10 10:00"),
            )
        ),
    ),
    expect=Expect(now="2025-07-01 09:00"),
)  # fmt: skip


@pytest.fixture
def desktop(tmp_path: Path) -> Any:
    store = Store(tmp_path / "vault.db", bytes(range(32)), create=True)
    with run_case(CASELOAD, store, tmp_path) as outcome:
        yield outcome
    store.close()


def _push_everything(server: Harness, outcome: Any) -> None:
    device = server.user("cw-casebook")
    # In the order a laptop's outbox has them: a record after the records it links to (the
    # server refuses a link to a record it does not hold).
    order = ["youth", "screening", "identification", "missing_episode", "obligation"]
    models = sorted(
        (model for model in RECORD_TYPES.values() if model is not Review),
        key=lambda model: order.index(model.record_type) if model.record_type in order else 99,
    )
    operations = [op(record) for model in models for record in outcome.store.records(model)]
    results = server.push(device, *operations)
    assert {r["status"] for r in results} == {"applied"}, results


def _server_csv(server: Harness, role: Role, username: str, period: str | None = None) -> str:
    device = server.user(username, role)
    asked = {"period": period} if period else {"start": START.isoformat(), "end": LAST.isoformat()}
    answer = server.client.get(
        "/api/v1/reports/county",
        params={**asked, "format": "csv"},
        headers=device.headers,
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def _desktop_report(outcome: Any) -> Any:
    service = ReportService(outcome.store, outcome.casework.policy, county="Fresno")
    return service.county_report(START, date(2025, 7, 1))


def test_the_server_and_the_desktop_publish_the_same_report(server: Harness, desktop: Any) -> None:
    server.county()
    _push_everything(server, desktop)
    exact = _server_csv(server, Role.COUNTY_ADMIN, "admin")
    assert exact == report_csv(_desktop_report(desktop))
    rows = {(r["measure"], r["key"]): r["value"] for r in csv.DictReader(io.StringIO(exact))}
    assert rows[("children", "total")] == "3"  # the labor and the missing youth are not CSEC
    assert rows[("victim_children", "total")] == "2"
    assert rows[("children_identified_more_than_once", "total")] == "1"
    assert rows[("victims_by_jurisdiction", "ward")] == "1"
    assert rows[("labor_children_identified", "total")] == "1"
    assert rows[("obligations_met_late", "report_victim_to_law_enforcement")] == "1"
    assert rows[("obligations_open_overdue", "report_missing_to_ncmec")] == "1"

    # The state analyst gets fixed periods, released once with the suppression that holds across
    # them (domain.suppression): the same as the desktop's figures of that quarter, published.
    published = _server_csv(server, Role.STATE_ANALYST, "analyst", period="2025-Q1")
    quarter = Period.parse("2025-Q1")
    desktop_quarter = ReportService(
        desktop.store, desktop.casework.policy, county="Fresno"
    ).county_report(quarter.start, quarter.end)
    assert published == report_csv(publish_period(desktop_quarter))
    values = [r["value"] for r in csv.DictReader(io.StringIO(published))]
    assert all(v == "" or int(v) == 0 or int(v) > 10 for v in values)
