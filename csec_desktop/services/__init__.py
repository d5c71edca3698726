"""The use cases the GUI and sync call: headless (no Qt), each given its store, actor and clock.

The names below are loaded on first use (PEP 562): importing one small module of this package
(``services.errors``, say) must not load every service, the store and the instruments, because
the app imports a few of them before its first window and start-up time is felt by every user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csec_desktop._lazy import lazy_exports

_WHERE = {
    "Clock": "clock",
    "FixedClock": "clock",
    "system_clock": "clock",
    "EducationService": "education",
    "Conflict": "errors",
    "IncompleteScreening": "errors",
    "InvalidAnswers": "errors",
    "InvalidInput": "errors",
    "InvalidState": "errors",
    "NotEditable": "errors",
    "NotFound": "errors",
    "OverrideNeedsReason": "errors",
    "ServiceError": "errors",
    "UnknownInstrumentError": "errors",
    "IdentificationEntry": "identifications",
    "IdentificationService": "identifications",
    "MissingEpisodeService": "missing",
    "ObligationService": "obligations",
    "CountyReport": "reports",
    "ReportService": "reports",
    "suppress_small_counts": "reports",
    "ScreeningService": "screenings",
    "YouthCreated": "youth",
    "YouthOverview": "youth",
    "YouthService": "youth",
    "county_policy": "county_policy",
}

__all__ = [
    "Clock",
    "Conflict",
    "CountyReport",
    "EducationService",
    "FixedClock",
    "IdentificationEntry",
    "IdentificationService",
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
    "county_policy",
    "suppress_small_counts",
    "system_clock",
]


__getattr__ = lazy_exports(__name__, _WHERE)


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from csec_desktop.services.clock import Clock, FixedClock, system_clock
    from csec_desktop.services.county_policy import county_policy
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
    from csec_desktop.services.identifications import IdentificationEntry, IdentificationService
    from csec_desktop.services.missing import MissingEpisodeService
    from csec_desktop.services.obligations import ObligationService
    from csec_desktop.services.reports import CountyReport, ReportService, suppress_small_counts
    from csec_desktop.services.screenings import ScreeningService
    from csec_desktop.services.youth import YouthCreated, YouthOverview, YouthService
