"""Pydantic models and pure rules of the CSEC domain. No I/O, no Qt.

The names below are loaded on first use (PEP 562), as in ``services``: the app's configuration
needs ``domain.counties`` before its first window, and must not pay for pydantic and every model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csec_desktop._lazy import lazy_exports

_WHERE = {
    "AuditAction": "audit",
    "AuditEvent": "audit",
    "CsecCategory": "screening",
    "Determination": "screening",
    "DomainModel": "base",
    "EducationSession": "education",
    "ElementFinding": "screening",
    "EligibilityElement": "screening",
    "ExploitationStatus": "screening",
    "ExploitationTiming": "screening",
    "Gender": "youth",
    "Identification": "identification",
    "Jurisdiction": "youth",
    "LaborFinding": "screening",
    "InvalidTransition": "screening",
    "MissingEpisode": "episode",
    "Obligation": "obligation",
    "ObligationKind": "obligation",
    "PlacementType": "youth",
    "Record": "base",
    "Review": "review",
    "ReviewDecision": "review",
    "RiskLevel": "screening",
    "Screening": "screening",
    "ScreeningContext": "screening",
    "ScreeningResult": "screening",
    "ScreeningStatus": "screening",
    "SessionAudience": "education",
    "SessionSetting": "education",
    "Track": "screening",
    "Training": "education",
    "TrainingAudience": "education",
    "TrainingType": "education",
    "Youth": "youth",
    "utcnow": "base",
}

__all__ = [
    "RECORD_TYPES",
    "AuditAction",
    "AuditEvent",
    "CsecCategory",
    "Determination",
    "DomainModel",
    "EducationSession",
    "ElementFinding",
    "EligibilityElement",
    "ExploitationStatus",
    "ExploitationTiming",
    "Gender",
    "Identification",
    "InvalidTransition",
    "Jurisdiction",
    "LaborFinding",
    "MissingEpisode",
    "Obligation",
    "ObligationKind",
    "PlacementType",
    "Record",
    "Review",
    "ReviewDecision",
    "RiskLevel",
    "Screening",
    "ScreeningContext",
    "ScreeningResult",
    "ScreeningStatus",
    "SessionAudience",
    "SessionSetting",
    "Track",
    "Training",
    "TrainingAudience",
    "TrainingType",
    "Youth",
    "utcnow",
]


def _record_types() -> dict[str, type[Record]]:
    models = (
        __getattr__("Youth"),
        __getattr__("Screening"),
        __getattr__("MissingEpisode"),
        __getattr__("Obligation"),
        __getattr__("EducationSession"),
        __getattr__("Training"),
        __getattr__("Review"),
        __getattr__("Identification"),
    )
    return {model.record_type: model for model in models}


__getattr__ = lazy_exports(__name__, _WHERE, {"RECORD_TYPES": _record_types})


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from csec_desktop.domain.audit import AuditAction, AuditEvent
    from csec_desktop.domain.base import DomainModel, Record, utcnow
    from csec_desktop.domain.education import (
        EducationSession,
        SessionAudience,
        SessionSetting,
        Training,
        TrainingAudience,
        TrainingType,
    )
    from csec_desktop.domain.episode import MissingEpisode
    from csec_desktop.domain.identification import Identification
    from csec_desktop.domain.obligation import Obligation, ObligationKind
    from csec_desktop.domain.review import Review, ReviewDecision
    from csec_desktop.domain.screening import (
        CsecCategory,
        Determination,
        ElementFinding,
        EligibilityElement,
        ExploitationStatus,
        ExploitationTiming,
        InvalidTransition,
        LaborFinding,
        RiskLevel,
        Screening,
        ScreeningContext,
        ScreeningResult,
        ScreeningStatus,
        Track,
    )
    from csec_desktop.domain.youth import Gender, Jurisdiction, PlacementType, Youth

    RECORD_TYPES: dict[str, type[Record]]
