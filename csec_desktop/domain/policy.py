"""A county's configurable follow-up rules: the deadlines its protocol sets.

The county sets them on its server (``csec-county-server county-policy``, or ``PUT
/api/v1/county/config``); every laptop pulls them with the county configuration at sync, and
services build this model from the vault's stored copy (``services.county_policy``). A vault that
never synced (standalone) uses the defaults below, chosen to be safe, not legal advice:

- report an identified victim to law enforcement: 24 elapsed hours from when the agency received
  the information (the federal maximum under P.L. 113-183; a county may set a shorter time,
  never a longer one);
- report a youth missing from care to law enforcement and to NCMEC: 24 elapsed hours after the
  youth went missing (same rule);
- document the CSEC status in the county system (CWS/CMS): 3 calendar days, for victims, and for
  at-risk youth unless ``document_at_risk`` is off;
- refer to the multidisciplinary team: 5 calendar days (victims always; at-risk youth only if
  ``refer_at_risk_to_mdt``);
- screen a youth returning from a missing episode: 72 elapsed hours after the return;
- labor trafficking (its own track): report to law enforcement within ``labor_report_hours``
  (24) when ``labor_report_to_law_enforcement``, and follow up per the county's protocol within
  ``labor_follow_up_days`` (5) when ``labor_follow_up``.

An obligation keeps the due time it was created with: changing the policy never moves it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from csec_desktop.domain.base import DomainModel

STATUTORY_REPORT_HOURS = 24
DEFAULT_TIME_ZONE = "America/Los_Angeles"


def check_time_zone(value: str) -> str:
    """``value`` if it names a time zone the computer knows (IANA, e.g. America/Los_Angeles)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("not a known time zone") from None
    return value


class CountyPolicy(DomainModel):
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, max_length=64)
    victim_report_hours: int = Field(
        default=STATUTORY_REPORT_HOURS, ge=1, le=STATUTORY_REPORT_HOURS
    )
    missing_report_hours: int = Field(
        default=STATUTORY_REPORT_HOURS, ge=1, le=STATUTORY_REPORT_HOURS
    )
    document_within_days: int = Field(default=3, ge=0, le=60)
    document_at_risk: bool = True
    mdt_referral_days: int = Field(default=5, ge=0, le=365)
    refer_at_risk_to_mdt: bool = False
    return_screening_hours: int = Field(default=72, ge=1, le=24 * 30)
    labor_report_to_law_enforcement: bool = True
    labor_report_hours: int = Field(default=STATUTORY_REPORT_HOURS, ge=1, le=72)
    labor_follow_up: bool = True
    labor_follow_up_days: int = Field(default=5, ge=0, le=90)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_time_zone(value)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)
