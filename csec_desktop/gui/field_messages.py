"""What is wrong with a field, in the reader's language.

The core describes an invalid field as data (``domain.errors.Problem``: the rule broken and its
bounds) with an English line for logs and the command line. A screen words it here, so a
caseworker using the app in Spanish never meets an English validation message. The rejected
value is never part of the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain.errors import Problem

CLIENT_ID_PATTERN = r"^[A-Za-z0-9-]+$"  # domain.youth: county_client_id


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# The domain's and services' own rules, by the ``kind`` they raise.
_OWN_RULES: dict[str, Callable[[Problem], str]] = {
    "birth_date_in_future": lambda p: QCoreApplication.translate(
        "FieldMessages", "The date of birth is in the future."
    ),
    "birth_date_too_old": lambda p: QCoreApplication.translate(
        "FieldMessages",
        "The date of birth is more than %n years ago.",
        "",
        int(p.limits.get("max_years", 0)),
    ),
    "unknown_county": lambda p: QCoreApplication.translate(
        "FieldMessages", "This is not a California county."
    ),
    "care_before_birth": lambda p: QCoreApplication.translate(
        "FieldMessages", "The youth entered care before the date of birth."
    ),
    "date_in_future": lambda p: QCoreApplication.translate(
        "FieldMessages", "The date is in the future."
    ),
    "attendee_twice": lambda p: QCoreApplication.translate(
        "FieldMessages", "A youth is listed twice among the attendees."
    ),
    "no_attendees": lambda p: QCoreApplication.translate(
        "FieldMessages",
        "Add at least one attendee: a youth from the list or a number of other attendees.",
    ),
    "training_needs_title": lambda p: QCoreApplication.translate(
        "FieldMessages", "A training of the type Other needs a title."
    ),
    "ends_before_start": lambda p: QCoreApplication.translate(
        "FieldMessages", "The end is before the start."
    ),
    "return_needs_comment": lambda p: QCoreApplication.translate(
        "FieldMessages", "Write a comment saying what needs to change."
    ),
    "agency_missing": lambda p: QCoreApplication.translate(
        "FieldMessages", "Say which law-enforcement agency received the report."
    ),
    "before_missing": lambda p: QCoreApplication.translate(
        "FieldMessages", "This is before the youth went missing."
    ),
    "time_in_future": lambda p: QCoreApplication.translate(
        "FieldMessages", "This time is in the future."
    ),
    "needs_time_zone": lambda p: QCoreApplication.translate(
        "FieldMessages", "This time has no time zone."
    ),
    "episode_of_other_youth": lambda p: QCoreApplication.translate(
        "FieldMessages", "This missing episode belongs to another youth."
    ),
    # Identifications, received-at times, missing-episode reports (issue 12).
    "before_birth": lambda p: QCoreApplication.translate(
        "FieldMessages", "This is before the youth's date of birth."
    ),
    "already_voided": lambda p: QCoreApplication.translate(
        "FieldMessages", "This identification is already voided."
    ),
    "reason_missing": lambda p: QCoreApplication.translate(
        "FieldMessages", "Write why this identification is voided."
    ),
    "void_needs_reason": lambda p: QCoreApplication.translate(
        "FieldMessages", "Voiding needs who, when and a written reason."
    ),
    "identification_needs_victim_category": lambda p: QCoreApplication.translate(
        "FieldMessages", "An identification of sexual exploitation needs a victim category."
    ),
    "labor_identification_has_category": lambda p: QCoreApplication.translate(
        "FieldMessages", "A labor-trafficking identification has no CSEC category."
    ),
    "timing_twice": lambda p: QCoreApplication.translate(
        "FieldMessages", "A timing is chosen twice."
    ),
    "answer_twice": lambda p: QCoreApplication.translate(
        "FieldMessages", "An answer is chosen twice."
    ),
    "debrief_before_return": lambda p: QCoreApplication.translate(
        "FieldMessages", "Record the youth's return before the debrief."
    ),
    "ncmec_needs_number": lambda p: QCoreApplication.translate(
        "FieldMessages", "The NCMEC report needs its case number."
    ),
    "number_missing": lambda p: QCoreApplication.translate(
        "FieldMessages", "Give the NCMEC case number."
    ),
    # Corrections (issue 15): a reason is written for each.
    "reopen_needs_reason": lambda p: QCoreApplication.translate(
        "FieldMessages", "Write why it is reopened."
    ),
    "session_void_needs_reason": lambda p: QCoreApplication.translate(
        "FieldMessages", "Write why this session is voided."
    ),
    "merge_same_youth": lambda p: QCoreApplication.translate(
        "FieldMessages", "Choose another record: this is the same one."
    ),
    "merge_other_county": lambda p: QCoreApplication.translate(
        "FieldMessages", "Records of two counties are not merged."
    ),
}


def _length(problem: Problem) -> str | None:
    limits = problem.limits
    match problem.kind:
        case "string_too_short" if limits.get("min_length") == 1:
            return QCoreApplication.translate("FieldMessages", "This cannot be empty.")
        case "string_too_short":
            return QCoreApplication.translate(
                "FieldMessages",
                "Use at least %n character(s).",
                "",
                int(limits.get("min_length", 0)),
            )
        case "string_too_long":
            return QCoreApplication.translate(
                "FieldMessages",
                "Use at most %n character(s).",
                "",
                int(limits.get("max_length", 0)),
            )
        case "too_short":
            return QCoreApplication.translate(
                "FieldMessages", "Add at least %n.", "", int(limits.get("min_length", 0))
            )
        case "too_long":
            return QCoreApplication.translate(
                "FieldMessages", "Give at most %n.", "", int(limits.get("max_length", 0))
            )
    return None


def _bounds(problem: Problem) -> str | None:
    limits = problem.limits
    match problem.kind:
        case "greater_than_equal":
            return QCoreApplication.translate(
                "FieldMessages", "Use a number of at least %1."
            ).replace("%1", _number(limits.get("ge")))
        case "greater_than":
            return QCoreApplication.translate(
                "FieldMessages", "Use a number greater than %1."
            ).replace("%1", _number(limits.get("gt")))
        case "less_than_equal":
            return QCoreApplication.translate(
                "FieldMessages", "Use a number of at most %1."
            ).replace("%1", _number(limits.get("le")))
        case "less_than":
            return QCoreApplication.translate(
                "FieldMessages", "Use a number less than %1."
            ).replace("%1", _number(limits.get("lt")))
    return None


def _form(problem: Problem) -> str | None:
    kind = problem.kind
    if kind == "missing":
        return QCoreApplication.translate("FieldMessages", "This is required.")
    if kind == "string_pattern_mismatch":
        if problem.limits.get("pattern") == CLIENT_ID_PATTERN:
            return QCoreApplication.translate(
                "FieldMessages", "Use only letters, digits and hyphens."
            )
        return QCoreApplication.translate("FieldMessages", "This is not in the expected form.")
    if kind.startswith("int_"):
        return QCoreApplication.translate("FieldMessages", "Enter a whole number.")
    if kind.startswith("float_") or kind.startswith("decimal_"):
        return QCoreApplication.translate("FieldMessages", "Enter a number.")
    if kind.startswith("datetime_") or kind.startswith("timezone_"):
        return QCoreApplication.translate("FieldMessages", "Enter a date and time.")
    if kind.startswith("date_"):
        return QCoreApplication.translate("FieldMessages", "Enter a date.")
    if kind in ("enum", "literal_error"):
        return QCoreApplication.translate("FieldMessages", "Choose one of the values offered.")
    if kind.startswith("bool_"):
        return QCoreApplication.translate("FieldMessages", "Choose yes or no.")
    return None


def problem_text(problem: Problem) -> str:
    """One sentence saying what is wrong, in the current language."""
    own = _OWN_RULES.get(problem.kind)
    if own is not None:
        return own(problem)
    return (
        _length(problem)
        or _bounds(problem)
        or _form(problem)
        or QCoreApplication.translate("FieldMessages", "This value cannot be used here.")
    )
