"""Translated names for the education enums (stored values stay English codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain.education import (
    SessionAudience,
    SessionSetting,
    TrainingAudience,
    TrainingType,
)


def session_audience_label(value: SessionAudience) -> str:
    return {
        SessionAudience.FOSTER_YOUTH: QCoreApplication.translate("EducationLabels", "Foster youth"),
        SessionAudience.PROBATION_YOUTH: QCoreApplication.translate(
            "EducationLabels", "Probation youth"
        ),
        SessionAudience.GROUP_HOME_YOUTH: QCoreApplication.translate(
            "EducationLabels", "Group home youth"
        ),
        SessionAudience.COMMUNITY_YOUTH: QCoreApplication.translate(
            "EducationLabels", "Community youth"
        ),
        SessionAudience.MIXED: QCoreApplication.translate("EducationLabels", "Mixed audience"),
    }[value]


def session_setting_label(value: SessionSetting) -> str:
    return {
        SessionSetting.GROUP_HOME: QCoreApplication.translate("EducationLabels", "Group home"),
        SessionSetting.FOSTER_HOME: QCoreApplication.translate("EducationLabels", "Foster home"),
        SessionSetting.JUVENILE_HALL: QCoreApplication.translate(
            "EducationLabels", "Juvenile hall"
        ),
        SessionSetting.SCHOOL: QCoreApplication.translate("EducationLabels", "School"),
        SessionSetting.COUNTY_OFFICE: QCoreApplication.translate(
            "EducationLabels", "County office"
        ),
        SessionSetting.COMMUNITY: QCoreApplication.translate("EducationLabels", "Community"),
        SessionSetting.VIRTUAL: QCoreApplication.translate("EducationLabels", "Virtual"),
        SessionSetting.OTHER: QCoreApplication.translate("EducationLabels", "Other"),
    }[value]


def training_type_label(value: TrainingType) -> str:
    return {
        TrainingType.CSEC_101: QCoreApplication.translate(
            "EducationLabels", "CSEC 101: identification and awareness"
        ),
        TrainingType.CSEC_102: QCoreApplication.translate(
            "EducationLabels", "CSEC 102: engagement skills"
        ),
        TrainingType.OTHER: QCoreApplication.translate("EducationLabels", "Other training"),
    }[value]


def training_type_short(value: TrainingType) -> str:
    return {
        TrainingType.CSEC_101: QCoreApplication.translate("EducationLabels", "CSEC 101 training"),
        TrainingType.CSEC_102: QCoreApplication.translate("EducationLabels", "CSEC 102 training"),
        TrainingType.OTHER: QCoreApplication.translate("EducationLabels", "Training"),
    }[value]


def training_audience_label(value: TrainingAudience) -> str:
    return {
        TrainingAudience.FOSTER_PARENTS: QCoreApplication.translate(
            "EducationLabels", "Foster parents and caregivers"
        ),
        TrainingAudience.GROUP_HOME_STAFF: QCoreApplication.translate(
            "EducationLabels", "Group home staff"
        ),
        TrainingAudience.SOCIAL_WORKERS: QCoreApplication.translate(
            "EducationLabels", "Social workers"
        ),
        TrainingAudience.PROBATION: QCoreApplication.translate(
            "EducationLabels", "Probation staff"
        ),
        TrainingAudience.OTHER: QCoreApplication.translate("EducationLabels", "Other"),
    }[value]


def split_list(text: str) -> list[str]:
    """ "a, b; c" -> ["a", "b", "c"] (commas or semicolons; blanks dropped)."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
