"""Translated names of screening and obligation values (the stored values stay English codes),
and how a moment or a time left is written for a caseworker."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    LaborFinding,
    ObligationKind,
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


def local_time(moment: datetime, zone: ZoneInfo) -> str:
    """``MM/DD/YYYY HH:MM`` in the county's time zone (how county forms write a time)."""
    return moment.astimezone(zone).strftime("%m/%d/%Y %H:%M")


def duration_text(span: timedelta) -> str:
    """A positive span as days, hours and minutes, coarsest two units."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return (
            QCoreApplication.translate("ScreeningLabels", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    if hours:
        return (
            QCoreApplication.translate("ScreeningLabels", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(minutes))
        )
    return QCoreApplication.translate("ScreeningLabels", "%1 min").replace("%1", str(minutes))


def time_left_text(due_at: datetime, now: datetime) -> str:
    """ "8 h 12 min left" or "OVERDUE by 2 h 5 min": words, so colour is never the only cue."""
    if now > due_at:
        return QCoreApplication.translate("ScreeningLabels", "OVERDUE by %1").replace(
            "%1", duration_text(now - due_at)
        )
    return QCoreApplication.translate("ScreeningLabels", "%1 left").replace(
        "%1", duration_text(due_at - now)
    )
