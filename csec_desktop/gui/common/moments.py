"""Date-and-time inputs in the county's time zone (what a caseworker reads on the wall clock)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit


def set_moment(edit: QDateTimeEdit, moment: datetime, zone: ZoneInfo) -> None:
    local = moment.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    edit.setDateTime(_qt(local))


def read_moment(edit: QDateTimeEdit, zone: ZoneInfo) -> datetime:
    """The edit's wall-clock time as an aware moment in ``zone`` (the earlier one when the
    autumn hour repeats)."""
    value = edit.dateTime()
    local = datetime(
        value.date().year(),
        value.date().month(),
        value.date().day(),
        value.time().hour(),
        value.time().minute(),
    )
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def limit_to_now(edit: QDateTimeEdit, zone: ZoneInfo) -> None:
    """No moment later than now can be chosen (a report made in the future is a typo)."""
    now = datetime.now(UTC).astimezone(zone).replace(tzinfo=None, second=59)
    edit.setMaximumDateTime(_qt(now))


def _qt(local: datetime) -> QDateTime:
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
