"""Reports: exact figures for the county, small counts suppressed for the state analyst."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from csec_desktop.domain import (
    CsecCategory,
    EducationSession,
    RiskLevel,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
)
from csec_desktop.domain.report_table import CSV_HEADER, ROWS
from csec_desktop.domain.suppression import Period
from csec_desktop.server.releases import county_today
from csec_desktop.sync.protocol import Role
from tests.server.conftest import Device, Harness, op, screening

# The county's date, as the server reads it: between midnight UTC and midnight in California the
# computer's date (UTC in CI) is already tomorrow there, and an end in the future is refused.
TODAY = county_today()
PERIOD = {"start": "2000-01-01", "end": TODAY.isoformat()}
# A quarter long closed, so the state analyst may have it (fixed, settled periods only).
QUARTER = Period(TODAY.year - 1, 2)
ON = QUARTER.start + timedelta(days=10)


def _figures(body: dict[str, Any]) -> dict[tuple[str, str], Any]:
    return {(c["measure"], c["key"]): (c["value"], c["suppressed"]) for c in body["counts"]}


def _fill(server: Harness) -> Device:
    server.county()
    device = server.user("cw1", team="A")
    victims = [
        screening(server.youth_of(device), category=CsecCategory.VICTIM_IN_CARE, screening_date=ON)
        for _ in range(3)
    ]
    at_risk = [
        screening(
            server.youth_of(device),
            category=CsecCategory.AT_RISK,
            risk=RiskLevel.CLEAR_CONCERN,
            screening_date=ON,
        )
        for _ in range(12)
    ]
    session = EducationSession(
        session_date=ON,
        minutes=60,
        curriculum="My Life My Choice",
        audience=SessionAudience.FOSTER_YOUTH,
        setting=SessionSetting.GROUP_HOME,
        facilitators=["cw1"],
        anonymous_attendee_count=14,
    )
    training = Training(
        training_date=ON,
        training_type=TrainingType.CSEC_101,
        audience_type=TrainingAudience.FOSTER_PARENTS,
        attendee_count=4,
        minutes=90,
    )
    records = [*victims, *at_risk, session, training]
    results = server.push(device, *[op(r) for r in records])
    assert {r["status"] for r in results} == {"applied"}
    return device


def _analyst(server: Harness, device: Device, **params: str) -> Any:
    return server.client.get(
        "/api/v1/reports/county", params={"period": QUARTER.id, **params}, headers=device.headers
    )


def _report(server: Harness, device: Device, **params: str) -> Any:
    return server.client.get(
        "/api/v1/reports/county", params={**PERIOD, **params}, headers=device.headers
    )


def test_county_admin_gets_exact_figures(server: Harness) -> None:
    _fill(server)
    admin = server.user("admin", Role.COUNTY_ADMIN)
    answer = _report(server, admin)
    assert answer.status_code == 200
    figures = _figures(answer.json())
    assert figures[("screenings", "total")] == (15, False)
    assert figures[("children", "total")] == (15, False)  # one screening per child here
    assert figures[("victim_children", "total")] == (3, False)
    assert figures[("children_by_category", "victim_in_care")] == (3, False)
    assert figures[("children_by_risk_level", "clear_concern")] == (12, False)
    assert figures[("youth_reached", "total")] == (14, False)
    assert figures[("trainings_by_audience", "foster_parents")] == (1, False)
    assert figures[("people_trained_by_audience", "foster_parents")] == (4, False)


def test_state_analyst_gets_small_counts_suppressed(server: Harness) -> None:
    _fill(server)
    server.county("Kern")
    analyst = server.user("analyst", Role.STATE_ANALYST, county="Kern")
    body = _analyst(server, analyst, county="Fresno").json()
    assert body["suppression"] is True
    figures = _figures(body)
    assert figures[("screenings", "total")] == (15, False)
    assert figures[("victim_children", "total")] == (None, True)
    assert figures[("children_by_category", "victim_in_care")] == (None, True)
    assert figures[("children_by_category", "victim_before_care")] == (0, False)
    # 15 children, 12 of clear concern and 3 at another (hidden) level: 12 would give the 3
    # away by subtraction, so it is hidden too (complementary suppression).
    assert figures[("children_by_risk_level", "clear_concern")] == (None, True)
    assert figures[("people_trained_by_audience", "foster_parents")] == (None, True)
    assert all(c["value"] is None or not 1 <= c["value"] <= 10 for c in body["counts"])
    assert "cw1" not in _analyst(server, analyst, county="Fresno").text


def test_report_as_csv(server: Harness) -> None:
    _fill(server)
    analyst = server.user("analyst", Role.STATE_ANALYST)
    answer = _analyst(server, analyst, format="csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    by_key = {(r["measure"], r["key"]): r for r in rows}
    assert by_key[("screenings", "total")]["value"] == "15"
    assert by_key[("victim_children", "total")]["value"] == ""
    assert by_key[("victim_children", "total")]["suppressed"] == "yes"
    # The same column list and writer as the desktop's CSV: the period's last day, inclusive.
    assert list(rows[0]) == list(CSV_HEADER)
    assert [(r["measure"], r["key"]) for r in rows] == [(m, k) for m, k, _ in ROWS]
    assert rows[0]["period_end"] == (QUARTER.end - timedelta(days=1)).isoformat()


def test_supervisor_gets_only_the_team(server: Harness) -> None:
    _fill(server)
    other_team = server.user("sup-b", Role.SUPERVISOR, team="B")
    body = _report(server, other_team).json()
    assert body["team"] == "B"
    assert _figures(body)[("screenings", "total")] == (0, False)


def test_report_scoping_and_roles(server: Harness) -> None:
    device = _fill(server)
    server.county("Kern")
    admin = server.user("admin", Role.COUNTY_ADMIN)
    assert _report(server, device).status_code == 403
    assert _report(server, admin, county="Kern").status_code == 403
    analyst = server.user("analyst", Role.STATE_ANALYST)
    assert _analyst(server, analyst, county="Nowhere").status_code == 404
    backwards = _report(server, admin, start="2024-02-01", end="2024-01-01")
    assert backwards.status_code == 400
