"""Translated display names for domain values (the stored values stay English codes).

How dates and times are written is in ``dates.py``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    ElementFinding,
    Gender,
    LaborFinding,
    ObligationKind,
    PlacementType,
    RiskLevel,
    ScreeningContext,
    ScreeningStatus,
    Track,
)
from csec_desktop.domain.screening import labor_finding_of


def risk_label(value: RiskLevel) -> str:
    return {
        RiskLevel.NO_CONCERN: QCoreApplication.translate("ScreeningLabels", "No concern"),
        RiskLevel.POSSIBLE_CONCERN: QCoreApplication.translate(
            "ScreeningLabels", "Possible concern"
        ),
        RiskLevel.CLEAR_CONCERN: QCoreApplication.translate("ScreeningLabels", "Clear concern"),
    }[value]


def category_label(value: CsecCategory) -> str:
    return {
        CsecCategory.VICTIM_BEFORE_CARE: QCoreApplication.translate(
            "ScreeningLabels", "Victim before entering care"
        ),
        CsecCategory.VICTIM_IN_CARE: QCoreApplication.translate(
            "ScreeningLabels", "Victim while in care"
        ),
        CsecCategory.VICTIM_WHILE_ABSENT: QCoreApplication.translate(
            "ScreeningLabels", "Victim while absent from placement"
        ),
        CsecCategory.AT_RISK: QCoreApplication.translate("ScreeningLabels", "At risk"),
        CsecCategory.NOT_IDENTIFIED: QCoreApplication.translate(
            "ScreeningLabels", "Not identified"
        ),
    }[value]


def labor_finding_label(value: LaborFinding) -> str:
    return {
        LaborFinding.IDENTIFIED: QCoreApplication.translate(
            "ScreeningLabels", "Labor trafficking: identified victim"
        ),
        LaborFinding.AT_RISK: QCoreApplication.translate(
            "ScreeningLabels", "Labor trafficking: at risk"
        ),
        LaborFinding.NOT_IDENTIFIED: QCoreApplication.translate(
            "ScreeningLabels", "Labor trafficking: not identified"
        ),
    }[value]


def finding_label(value: CsecCategory | LaborFinding) -> str:
    """A CSEC category or a labor-trafficking finding, in words."""
    if isinstance(value, LaborFinding):
        return labor_finding_label(value)
    return category_label(value)


def determination_label(determination: Determination, track: Track) -> str:
    """What a determination found, on its screening's ``track``: a labor screening stored before
    tracks existed shows the labor finding its CSEC category stood for."""
    if track is Track.LABOR_TRAFFICKING:
        finding = determination.labor_finding or (
            labor_finding_of(determination.category)
            if determination.category is not None
            else LaborFinding.NOT_IDENTIFIED
        )
        return labor_finding_label(finding)
    if determination.category is None:
        return "—"
    return category_label(determination.category)


def jurisdiction_label(value: str) -> str:
    """A youth's jurisdiction (a ``Jurisdiction`` value, or the report's ``not_recorded``)."""
    return {
        "dependent": QCoreApplication.translate("ScreeningLabels", "Dependent (W&IC 300)"),
        "ward": QCoreApplication.translate("ScreeningLabels", "Ward (W&IC 602)"),
        "dual_status": QCoreApplication.translate("ScreeningLabels", "Dual status"),
        "not_under_jurisdiction": QCoreApplication.translate(
            "ScreeningLabels", "Not under the court's jurisdiction"
        ),
        "not_recorded": QCoreApplication.translate("ScreeningLabels", "Not recorded"),
    }.get(str(value), str(value))


def element_finding_label(value: ElementFinding) -> str:
    """An eligibility element's finding in plain words (never "met / not met")."""
    return {
        ElementFinding.MET: QCoreApplication.translate(
            "ScreeningLabels", "Yes: the answers support it"
        ),
        ElementFinding.NOT_MET: QCoreApplication.translate(
            "ScreeningLabels", "No: the answers do not support it"
        ),
        ElementFinding.UNKNOWN: QCoreApplication.translate("ScreeningLabels", "Not known yet"),
    }[value]


def context_label(value: ScreeningContext) -> str:
    return {
        ScreeningContext.ROUTINE: QCoreApplication.translate(
            "ScreeningLabels", "Routine screening"
        ),
        ScreeningContext.NEW_PLACEMENT: QCoreApplication.translate(
            "ScreeningLabels", "New placement"
        ),
        ScreeningContext.RETURN_FROM_MISSING: QCoreApplication.translate(
            "ScreeningLabels", "Return from missing"
        ),
        ScreeningContext.REFERRAL: QCoreApplication.translate("ScreeningLabels", "Referral"),
        ScreeningContext.OTHER: QCoreApplication.translate("ScreeningLabels", "Other"),
    }[value]


def status_label(value: ScreeningStatus) -> str:
    return {
        ScreeningStatus.DRAFT: QCoreApplication.translate("ScreeningLabels", "Draft"),
        ScreeningStatus.SUBMITTED: QCoreApplication.translate("ScreeningLabels", "Submitted"),
        ScreeningStatus.APPROVED: QCoreApplication.translate("ScreeningLabels", "Approved"),
        ScreeningStatus.RETURNED: QCoreApplication.translate(
            "ScreeningLabels", "Returned for changes"
        ),
        ScreeningStatus.RESUBMITTED: QCoreApplication.translate("ScreeningLabels", "Resubmitted"),
        ScreeningStatus.DISCARDED: QCoreApplication.translate("ScreeningLabels", "Discarded"),
    }[value]


def obligation_label(value: ObligationKind) -> str:
    return {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT: QCoreApplication.translate(
            "ScreeningLabels", "Report the identified victim to law enforcement"
        ),
        ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM: QCoreApplication.translate(
            "ScreeningLabels", "Document the CSEC status in CWS/CMS"
        ),
        ObligationKind.REFER_TO_MDT: QCoreApplication.translate(
            "ScreeningLabels", "Refer to the multidisciplinary team (MDT)"
        ),
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT: QCoreApplication.translate(
            "ScreeningLabels", "Report the missing youth to law enforcement and NCMEC"
        ),
        ObligationKind.REPORT_MISSING_TO_NCMEC: QCoreApplication.translate(
            "ScreeningLabels", "Report the missing youth to NCMEC"
        ),
        ObligationKind.SCREEN_RETURNING_YOUTH: QCoreApplication.translate(
            "ScreeningLabels", "Screen the youth who returned"
        ),
        ObligationKind.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT: QCoreApplication.translate(
            "ScreeningLabels", "Report the labor trafficking to law enforcement"
        ),
        ObligationKind.LABOR_TRAFFICKING_FOLLOW_UP: QCoreApplication.translate(
            "ScreeningLabels", "Follow up the labor trafficking (county protocol)"
        ),
    }[value]


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
