"""County policy on the server: the county admin sets it (API and ``csec-county-server``), each
change is audited and announced through the feed, and it reaches laptops of this release while
laptops of the previous release keep syncing (they are not sent fields they cannot read).
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.server import accounts
from csec_desktop.server.cli import main as server_main
from csec_desktop.server.feed import county_config
from csec_desktop.server.schema import audit_events
from csec_desktop.services.county_policy import policy_from_config
from csec_desktop.sync.protocol import (
    CAPABILITIES_HEADER,
    CAPABILITY_COUNTY_POLICY,
    PROTOCOL_HEADER,
    CountyConfig,
    Role,
)
from tests.server.conftest import Device, Harness

NEW_CLIENT = {CAPABILITIES_HEADER: CAPABILITY_COUNTY_POLICY}


class PreviousReleaseConfig(BaseModel):
    """``CountyConfig`` exactly as the previous release's laptops read it: strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    county: str
    mdt_referral_days: int
    offline_lease_days: int
    config_version: int


def _put(server: Harness, device: Device, body: dict[str, Any]) -> Any:
    return server.client.put(
        "/api/v1/county/config", json=body, headers={**device.headers, **NEW_CLIENT}
    )


def _pull(server: Harness, device: Device, *, new_client: bool) -> dict[str, Any]:
    # The previous release speaks protocol 1 and names no capabilities.
    headers = {**device.headers, **NEW_CLIENT}
    if not new_client:
        headers = {k: v for k, v in headers.items() if k != CAPABILITIES_HEADER}
        headers[PROTOCOL_HEADER] = "1"
    answer = server.client.get("/api/v1/sync/pull", headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_the_county_admin_sets_the_policy_and_laptops_get_it_by_pull(server: Harness) -> None:
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    caseworker = server.user("cw1")
    answer = _put(
        server,
        admin,
        {
            "mdt_referral_days": 10,
            "offline_lease_days": 14,
            "victim_report_hours": 12,
            "document_at_risk": False,
            "labor_follow_up_days": 7,
            "time_zone": "America/Los_Angeles",
        },
    )
    assert answer.status_code == 200, answer.text
    config = CountyConfig.model_validate(answer.json())
    assert (config.config_version, config.victim_report_hours, config.mdt_referral_days) == (
        2,
        12,
        10,
    )
    pulled = _pull(server, caseworker, new_client=True)
    latest = CountyConfig.model_validate(pulled["config"])
    assert policy_from_config(latest) == CountyPolicy(
        mdt_referral_days=10,
        victim_report_hours=12,
        document_at_risk=False,
        labor_follow_up_days=7,
    )
    announced = [c for c in pulled["changes"] if c["kind"] == "county_config"]
    assert CountyConfig.model_validate(announced[-1]["payload"]) == latest
    with server.engine.connect() as conn:
        details = conn.execute(
            select(audit_events.c.actor, audit_events.c.detail).where(
                audit_events.c.action == "county_config"
            )
        ).all()
    assert [(row.actor, row.detail) for row in details] == [
        (
            "admin",
            "changed: document_at_risk, labor_follow_up_days, mdt_referral_days, "
            "victim_report_hours",
        )
    ]


def test_a_laptop_of_the_previous_release_still_syncs(server: Harness) -> None:
    """It names no capabilities: the config and the feed's config entries it is sent carry
    only the fields its strict model knows, so its pull still validates."""
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    old_laptop = server.user("cw-old")
    assert _put(server, admin, {"mdt_referral_days": 9, "offline_lease_days": 20,
                                "victim_report_hours": 6}).status_code == 200  # fmt: skip
    pulled = _pull(server, old_laptop, new_client=False)
    assert PreviousReleaseConfig.model_validate(pulled["config"]).mdt_referral_days == 9
    for change in pulled["changes"]:
        if change["kind"] == "county_config":
            PreviousReleaseConfig.model_validate(change["payload"])
    enrolled = server.client.post(
        "/api/v1/enroll",
        json={"code": _code(server, "cw-old2"), "device_name": "old"},
        headers={PROTOCOL_HEADER: "1"},
    )
    assert enrolled.status_code == 200
    PreviousReleaseConfig.model_validate(enrolled.json()["config"])


def _code(server: Harness, username: str) -> str:
    with server.engine.begin() as conn:
        accounts.create_user(conn, "Fresno", username, Role.CASEWORKER, "A")
        return accounts.issue_enrollment_code(conn, username)


def test_an_update_of_the_previous_release_keeps_the_policy(server: Harness) -> None:
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    _put(server, admin, {"mdt_referral_days": 10, "offline_lease_days": 14,
                         "refer_at_risk_to_mdt": True})  # fmt: skip
    answer = _put(server, admin, {"mdt_referral_days": 12, "offline_lease_days": 14})
    config = CountyConfig.model_validate(answer.json())
    assert (config.mdt_referral_days, config.refer_at_risk_to_mdt) == (12, True)
    same = CountyConfig.model_validate(
        _put(server, admin, {"mdt_referral_days": 12, "offline_lease_days": 14}).json()
    )
    assert same.config_version == config.config_version  # nothing changed: no new version


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"victim_report_hours": 25}, "victim_report_hours"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"labor_follow_up_days": -1}, "labor_follow_up_days"),
        ({"document_at_risk": "sometimes"}, "document_at_risk"),
    ],
)
def test_impossible_settings_are_refused_in_one_line(
    server: Harness, body: dict[str, Any], words: str
) -> None:
    server.county()
    admin = server.user("admin", Role.COUNTY_ADMIN)
    answer = _put(server, admin, {"mdt_referral_days": 5, "offline_lease_days": 14, **body})
    assert answer.status_code == 400
    assert words in answer.json()["error"]["message"]
    with server.engine.connect() as conn:
        assert county_config(conn, 1).config_version == 1


def test_only_the_county_admin_sets_the_policy(server: Harness) -> None:
    server.county()
    for role in (Role.CASEWORKER, Role.SUPERVISOR, Role.STATE_ANALYST):
        device = server.user(f"u-{role.value}", role)
        answer = _put(server, device, {"mdt_referral_days": 5, "offline_lease_days": 14})
        assert answer.status_code == 403


def test_county_it_sets_the_policy_from_the_command_line(
    server: Harness, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", server.url)
    server.county()
    code = server_main(
        ["county-policy", "--county", "Fresno", "--victim-report-hours", "12",
         "--document-at-risk", "no", "--time-zone", "America/Los_Angeles", "--json"]
    )  # fmt: skip
    assert code == 0
    printed = CountyConfig.model_validate_json(capsys.readouterr().out)
    assert (printed.victim_report_hours, printed.document_at_risk) == (12, False)
    assert server_main(["county-policy", "--county", "Fresno"]) == 0
    assert "victim report hours: 12" in capsys.readouterr().out
    assert server_main(["county-policy", "--county", "Fresno", "--victim-report-hours", "30"]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "victim_report_hours" in error
    assert server_main(["county-policy", "--county", "Fresno", "--document-at-risk", "maybe"]) == 2
