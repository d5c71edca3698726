"""Pydantic models and pure rules of the CSEC domain. No I/O, no Qt."""

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
from csec_desktop.domain.obligation import Obligation, ObligationKind
from csec_desktop.domain.review import Review, ReviewDecision
from csec_desktop.domain.screening import (
    CsecCategory,
    Determination,
    ElementFinding,
    EligibilityElement,
    InvalidTransition,
    RiskLevel,
    Screening,
    ScreeningContext,
    ScreeningResult,
    ScreeningStatus,
)
from csec_desktop.domain.youth import Gender, PlacementType, Youth

RECORD_TYPES: dict[str, type[Record]] = {
    model.record_type: model
    for model in (Youth, Screening, MissingEpisode, Obligation, EducationSession, Training, Review)
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
    "Gender",
    "InvalidTransition",
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
    "Training",
    "TrainingAudience",
    "TrainingType",
    "Youth",
    "utcnow",
]
