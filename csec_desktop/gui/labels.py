"""Translated display names for domain enum values (the stored values stay English codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import Gender, PlacementType


def gender_label(value: Gender | None) -> str:
    labels = {
        None: QCoreApplication.translate("Labels", "Not recorded"),
        Gender.FEMALE: QCoreApplication.translate("Labels", "Female"),
        Gender.MALE: QCoreApplication.translate("Labels", "Male"),
        Gender.TRANSGENDER_FEMALE: QCoreApplication.translate("Labels", "Transgender female"),
        Gender.TRANSGENDER_MALE: QCoreApplication.translate("Labels", "Transgender male"),
        Gender.NONBINARY: QCoreApplication.translate("Labels", "Nonbinary"),
        Gender.OTHER: QCoreApplication.translate("Labels", "Other"),
        Gender.DECLINED: QCoreApplication.translate("Labels", "Declined to state"),
    }
    return labels[value]


def placement_label(value: PlacementType) -> str:
    labels = {
        PlacementType.NOT_IN_CARE: QCoreApplication.translate("Labels", "Not in care"),
        PlacementType.HOME_OF_PARENT: QCoreApplication.translate("Labels", "Home of parent"),
        PlacementType.RELATIVE: QCoreApplication.translate("Labels", "Relative or extended family"),
        PlacementType.FOSTER_FAMILY: QCoreApplication.translate("Labels", "Foster family"),
        PlacementType.FOSTER_FAMILY_AGENCY: QCoreApplication.translate(
            "Labels", "Foster family agency home"
        ),
        PlacementType.STRTP: QCoreApplication.translate("Labels", "Group home (STRTP)"),
        PlacementType.JUVENILE_HALL: QCoreApplication.translate("Labels", "Juvenile hall"),
        PlacementType.TRANSITIONAL_HOUSING: QCoreApplication.translate(
            "Labels", "Transitional housing"
        ),
        PlacementType.SUPERVISED_INDEPENDENT_LIVING: QCoreApplication.translate(
            "Labels", "Supervised independent living"
        ),
        PlacementType.OTHER: QCoreApplication.translate("Labels", "Other"),
    }
    return labels[value]


GENDER_CHOICES: tuple[Gender | None, ...] = (None, *Gender)
PLACEMENT_CHOICES: tuple[PlacementType, ...] = tuple(PlacementType)
