"""A county's configurable follow-up rules: the deadlines its protocol sets.

Defaults (a county sets its own in its configuration; these are placeholders chosen to be safe,
not legal advice):

- report an identified victim to law enforcement: 24 elapsed hours (the federal maximum under
  P.L. 113-183; a county may set a shorter time, never a longer one);
- report a youth missing from care to law enforcement and NCMEC: 24 elapsed hours after the youth
  went missing (same rule);
- document the CSEC status in the county system (CWS/CMS): 3 calendar days;
- refer to the multidisciplinary team: 5 calendar days (victims always; at-risk youth only if
  ``refer_at_risk_to_mdt``);
- screen a youth returning from a missing episode: 72 elapsed hours after the return.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from csec_desktop.domain.base import DomainModel

STATUTORY_REPORT_HOURS = 24


class CountyPolicy(DomainModel):
    time_zone: str = Field(default="America/Los_Angeles", max_length=64)
    victim_report_hours: int = Field(
        default=STATUTORY_REPORT_HOURS, ge=1, le=STATUTORY_REPORT_HOURS
    )
    missing_report_hours: int = Field(
        default=STATUTORY_REPORT_HOURS, ge=1, le=STATUTORY_REPORT_HOURS
    )
    document_within_days: int = Field(default=3, ge=0, le=60)
    document_at_risk: bool = True
    mdt_referral_days: int = Field(default=5, ge=0, le=90)
    refer_at_risk_to_mdt: bool = False
    return_screening_hours: int = Field(default=72, ge=1, le=24 * 30)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("not a known time zone") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)
