"""The use cases the GUI and sync call: headless (no Qt), each given its store, actor and clock."""

from csec_desktop.services.clock import Clock, FixedClock, system_clock
from csec_desktop.services.education import EducationService
from csec_desktop.services.errors import (
    Conflict,
    IncompleteScreening,
    InvalidAnswers,
    InvalidInput,
    InvalidState,
    NotEditable,
    NotFound,
    OverrideNeedsReason,
    ServiceError,
    UnknownInstrumentError,
)
from csec_desktop.services.missing import MissingEpisodeService
from csec_desktop.services.obligations import ObligationService
from csec_desktop.services.reports import CountyReport, ReportService, suppress_small_counts
from csec_desktop.services.screenings import ScreeningService
from csec_desktop.services.youth import YouthCreated, YouthOverview, YouthService

__all__ = [
    "Clock",
    "Conflict",
    "CountyReport",
    "EducationService",
    "FixedClock",
    "IncompleteScreening",
    "InvalidAnswers",
    "InvalidInput",
    "InvalidState",
    "MissingEpisodeService",
    "NotEditable",
    "NotFound",
    "ObligationService",
    "OverrideNeedsReason",
    "ReportService",
    "ScreeningService",
    "ServiceError",
    "UnknownInstrumentError",
    "YouthCreated",
    "YouthOverview",
    "YouthService",
    "suppress_small_counts",
    "system_clock",
]
