"""A youth served by the county: the person a screening or session is about."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar, Self
from uuid import UUID

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.domain.base import Record, is_stored, today_for
from csec_desktop.domain.counties import CALIFORNIA_COUNTIES


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    TRANSGENDER_FEMALE = "transgender_female"
    TRANSGENDER_MALE = "transgender_male"
    NONBINARY = "nonbinary"
    OTHER = "other"
    DECLINED = "declined"


class PlacementType(StrEnum):
    """Where the youth lives now.

    "In care" (W&IC 16501.45's "while in foster care") means placed out of the parent's home:
    neither ``NOT_IN_CARE`` nor ``HOME_OF_PARENT`` (a dependent or ward living with a parent under
    the court's supervision is under jurisdiction but not in foster care).
    """

    NOT_IN_CARE = "not_in_care"
    HOME_OF_PARENT = "home_of_parent"
    RELATIVE = "relative"
    FOSTER_FAMILY = "foster_family"
    FOSTER_FAMILY_AGENCY = "foster_family_agency"
    STRTP = "strtp"  # short-term residential therapeutic program (group home)
    JUVENILE_HALL = "juvenile_hall"
    TRANSITIONAL_HOUSING = "transitional_housing"
    SUPERVISED_INDEPENDENT_LIVING = "supervised_independent_living"
    OTHER = "other"

    @property
    def in_care(self) -> bool:
        """Placed out of home (foster care, a relative, a group home, juvenile hall, ...)."""
        return self not in _NOT_OUT_OF_HOME


_NOT_OUT_OF_HOME = frozenset({PlacementType.NOT_IN_CARE, PlacementType.HOME_OF_PARENT})


class Jurisdiction(StrEnum):
    """The juvenile court's jurisdiction over the youth (the report counts dependents and wards
    apart)."""

    DEPENDENT = "dependent"  # W&IC 300: a dependent child (child welfare)
    WARD = "ward"  # W&IC 602: a ward (probation)
    DUAL_STATUS = "dual_status"  # W&IC 241.1(e): both at once
    NOT_UNDER_JURISDICTION = "not_under_jurisdiction"  # e.g. voluntary services, community youth


MAX_AGE_YEARS = 26  # extended foster care ends at 21; screenings of older people are data errors


class Youth(Record):
    record_type: ClassVar[str] = "youth"

    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    preferred_name: str | None = Field(default=None, max_length=100)
    date_of_birth: date
    gender: Gender | None = None
    county_client_id: str | None = Field(default=None, max_length=40, pattern=r"^[A-Za-z0-9-]+$")
    placement_type: PlacementType = PlacementType.NOT_IN_CARE
    county: str
    # When the youth (last) entered care: lets a dated exploitation be placed before or in care.
    entered_care_on: date | None = None
    # None on records made before it was asked: "not recorded", never guessed.
    jurisdiction: Jurisdiction | None = None
    # A duplicate record merged into another youth's: kept as a tombstone naming the survivor
    # (nothing erased; every record that named it now names the survivor).
    merged_into: UUID | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth_date(cls, value: date, info: ValidationInfo) -> date:
        if is_stored(info):
            return value
        today = today_for(info)
        if value > today:
            raise PydanticCustomError("birth_date_in_future", "date of birth is in the future")
        if today.year - value.year > MAX_AGE_YEARS:
            raise PydanticCustomError(
                "birth_date_too_old",
                "date of birth is more than {max_years} years ago",
                {"max_years": MAX_AGE_YEARS},
            )
        return value

    @field_validator("county")
    @classmethod
    def _known_county(cls, value: str) -> str:
        if value not in CALIFORNIA_COUNTIES:
            raise PydanticCustomError("unknown_county", "not a California county")
        return value

    @model_validator(mode="after")
    def _entered_care_after_birth(self) -> Self:
        if self.entered_care_on is not None and self.entered_care_on < self.date_of_birth:
            raise PydanticCustomError("care_before_birth", "entered care before the date of birth")
        return self

    @property
    def in_care(self) -> bool:
        """Placed out of home while under the court's jurisdiction (see ``PlacementType``). A
        youth recorded as not under jurisdiction is not in care, whatever the placement says."""
        if self.jurisdiction is Jurisdiction.NOT_UNDER_JURISDICTION:
            return False
        return self.placement_type.in_care

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"
