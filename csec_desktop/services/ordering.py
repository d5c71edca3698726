"""How obligation lists are ordered everywhere: 24-hour clocks first, then by due time.

A law-enforcement report has a 24-hour statutory clock, so it goes above a referral that is
due (or even overdue) by days: missing the report is the worse failure, and it is the one the
screener can still act on within the shift.
"""

from __future__ import annotations

from datetime import datetime

from csec_desktop.domain import Obligation, ObligationKind

TWENTY_FOUR_HOUR_KINDS = frozenset(
    {
        ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_LAW_ENFORCEMENT,
        ObligationKind.REPORT_MISSING_TO_NCMEC,
        ObligationKind.REPORT_LABOR_TRAFFICKING_TO_LAW_ENFORCEMENT,
    }
)


def urgency_key(obligation: Obligation) -> tuple[bool, datetime, str, str]:
    """Sort key: 24-hour kinds first, then earliest due, then kind and id (a stable order)."""
    return (
        obligation.kind not in TWENTY_FOUR_HOUR_KINDS,
        obligation.due_at,
        obligation.kind.value,
        str(obligation.id),
    )


def by_urgency(obligations: list[Obligation]) -> list[Obligation]:
    return sorted(obligations, key=urgency_key)


__all__ = ["TWENTY_FOUR_HOUR_KINDS", "by_urgency", "urgency_key"]
