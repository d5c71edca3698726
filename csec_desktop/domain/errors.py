"""Turning validation errors into messages that are safe to show and log.

pydantic's own ``str(ValidationError)`` repeats the rejected input (``input_value='Maria'``), which
would put a youth's personal data into logs and dialogs. Everything user-facing goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One invalid field, as data a screen can put into words in its own language.

    ``kind`` is pydantic's error type (``"string_too_long"``, ``"missing"``; ``"value_error"``
    for the domain's own rules, whose English ``message`` then says which rule); ``limits`` holds
    the rule's bounds (``{"max_length": 100}``). Never the rejected input.
    """

    field: str
    message: str
    kind: str
    limits: dict[str, Any] = dataclass_field(default_factory=dict)


def problems(error: ValidationError) -> list[Problem]:
    """Every problem of ``error``, without the rejected values."""
    found = []
    for item in error.errors(include_input=False, include_url=False, include_context=True):
        path = ".".join(str(part) for part in item["loc"]) or "(record)"
        message = item["msg"].removeprefix("Value error, ")
        limits = {
            key: value
            for key, value in (item.get("ctx") or {}).items()
            if key != "error" and isinstance(value, int | float | str)
        }
        found.append(Problem(path, message, item["type"], limits))
    return found


def field_errors(error: ValidationError) -> list[tuple[str, str]]:
    """``(field path, message)`` pairs, without the rejected values."""
    return [(problem.field, problem.message) for problem in problems(error)]


def describe(error: ValidationError) -> str:
    """One line per problem: ``field: message``. Never contains the rejected input."""
    return "; ".join(f"{path}: {message}" for path, message in field_errors(error))
