"""Turning validation errors into messages that are safe to show and log.

pydantic's own ``str(ValidationError)`` repeats the rejected input (``input_value='Maria'``), which
would put a youth's personal data into logs and dialogs. Everything user-facing goes through here.
"""

from __future__ import annotations

from pydantic import ValidationError


def field_errors(error: ValidationError) -> list[tuple[str, str]]:
    """``(field path, message)`` pairs, without the rejected values."""
    pairs = []
    for item in error.errors(include_input=False, include_url=False):
        path = ".".join(str(part) for part in item["loc"]) or "(record)"
        message = item["msg"].removeprefix("Value error, ")
        pairs.append((path, message))
    return pairs


def describe(error: ValidationError) -> str:
    """One line per problem: ``field: message``. Never contains the rejected input."""
    return "; ".join(f"{path}: {message}" for path, message in field_errors(error))
