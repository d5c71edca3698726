"""How a date or a moment is written for a person: one format everywhere, in the reader's language.

A date reads "May 17, 2026" in English and "17 may 2026" in Spanish: the month is a word, so a
caseworker never has to guess whether 03/04 is March or April (the county forms' MM/DD/YYYY stays
what a person *types*, see :func:`parse_date_input`). A moment is shown in the county's time zone
with the locale's clock ("2:05 PM", "2:05 p.m."). The formats are translatable strings, so the
Spanish catalog decides the Spanish order. Nothing here ever shows a raw ISO or UTC time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def date_text(day: date) -> str:
    """A calendar date, e.g. "May 17, 2026" (Spanish: "17 may 2026")."""
    # Translators: a Qt date format; the month as a short word keeps the date unambiguous.
    pattern = QCoreApplication.translate("Dates", "MMM d, yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def clock_text(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """The time of day in ``zone`` (the computer's zone when None), e.g. "2:05 PM"."""
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def moment_text(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """A date and time in ``zone`` (the county's; the computer's zone when None)."""
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    # Translators: %1 is a date, %2 a time of day.
    return (
        QCoreApplication.translate("Dates", "%1, %2")
        .replace("%1", date_text(local.date()))
        .replace("%2", clock_text(local, zone))
    )


def short_moment_text(moment: datetime, zone: ZoneInfo | None = None, *, today: date) -> str:
    """Only the time when ``moment`` falls on ``today`` (in ``zone``), else date and time."""
    local = moment.astimezone(zone) if zone is not None else moment.astimezone()
    if local.date() == today:
        return clock_text(local, zone)
    return moment_text(moment, zone)


def duration_text(span: timedelta) -> str:
    """A positive span in calm, coarse words: "3 days", "1 day 4 h", "5 h 10 min", "12 min"."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days >= 2:
        return QCoreApplication.translate("Dates", "%n day(s)", "", days)
    if days == 1:
        return QCoreApplication.translate("Dates", "1 day %1 h").replace("%1", str(hours))
    if hours:
        return (
            QCoreApplication.translate("Dates", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(minutes))
        )
    return QCoreApplication.translate("Dates", "%1 min").replace("%1", str(minutes))


def time_left_text(due_at: datetime, now: datetime) -> str:
    """ "8 h 12 min left" or "Overdue by 175 days": words, so colour is never the only cue."""
    if now > due_at:
        return QCoreApplication.translate("Dates", "Overdue by %1").replace(
            "%1", duration_text(now - due_at)
        )
    return QCoreApplication.translate("Dates", "%1 left").replace("%1", duration_text(due_at - now))


def parse_date_input(text: str) -> date | None:
    """A typed date: MM/DD/YYYY (as county forms write it) or YYYY-MM-DD; None otherwise."""
    if match := _US_DATE.match(text):
        month, day, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_input_text(day: date) -> str:
    """A date as it is typed into a field (MM/DD/YYYY), for editing a saved one."""
    return day.strftime("%m/%d/%Y")


def date_edit_format() -> str:
    """The display format of a date field (a QDateEdit): the same words as everywhere."""
    return QCoreApplication.translate("Dates", "MMM d, yyyy")


def moment_edit_format() -> str:
    """The display format of a date-and-time field (a QDateTimeEdit)."""
    # Translators: a Qt date-time format; Spanish uses the 24-hour clock.
    return QCoreApplication.translate("Dates", "MMM d, yyyy h:mm AP")
