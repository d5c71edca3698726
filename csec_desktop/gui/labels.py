"""Translated display names for domain enum values (the stored values stay English codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import Gender, PlacementType


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def gender_label(value: Gender | None) -> str:
    labels = {
        None: _t("Not recorded"),
        Gender.FEMALE: _t("Female"),
        Gender.MALE: _t("Male"),
        Gender.TRANSGENDER_FEMALE: _t("Transgender female"),
        Gender.TRANSGENDER_MALE: _t("Transgender male"),
        Gender.NONBINARY: _t("Nonbinary"),
        Gender.OTHER: _t("Other"),
        Gender.DECLINED: _t("Declined to state"),
    }
    return labels[value]


def placement_label(value: PlacementType) -> str:
    labels = {
        PlacementType.NOT_IN_CARE: _t("Not in care"),
        PlacementType.HOME_OF_PARENT: _t("Home of parent"),
        PlacementType.RELATIVE: _t("Relative or extended family"),
        PlacementType.FOSTER_FAMILY: _t("Foster family"),
        PlacementType.FOSTER_FAMILY_AGENCY: _t("Foster family agency home"),
        PlacementType.STRTP: _t("Group home (STRTP)"),
        PlacementType.JUVENILE_HALL: _t("Juvenile hall"),
        PlacementType.TRANSITIONAL_HOUSING: _t("Transitional housing"),
        PlacementType.SUPERVISED_INDEPENDENT_LIVING: _t("Supervised independent living"),
        PlacementType.OTHER: _t("Other"),
    }
    return labels[value]


GENDER_CHOICES: tuple[Gender | None, ...] = (None, *Gender)
PLACEMENT_CHOICES: tuple[PlacementType, ...] = tuple(PlacementType)
