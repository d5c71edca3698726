"""The app's configuration: a user file and a machine-wide file for county IT, both TOML.

Headless (no Qt): the composition root loads it before any window exists, and ``--self-test``
uses it to find the county server.

Two layers, read in this order:

* the **user** file (``--config FILE``, default ``config.toml`` in the per-user config folder);
* the **machine** file county IT installs (``config.toml`` in the machine-wide config folder, or
  the file named by ``CSEC_MACHINE_CONFIG``). Every value it sets overrides the user's and is
  reported in ``AppConfig.locked`` so the GUI can show it as set by the county.

Both files are validated with pydantic: an unknown key, a wrong type or an out-of-range value is a
``ConfigError`` with one plain line naming the file and the key, never a traceback.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from csec_desktop.domain.counties import CALIFORNIA_COUNTIES
from csec_desktop.paths import APP_NAME

CONFIG_FILE_NAME = "config.toml"
MACHINE_CONFIG_ENV = "CSEC_MACHINE_CONFIG"
DEFAULT_AUTO_LOCK_MINUTES = 15
MAX_AUTO_LOCK_MINUTES = 30  # the county policy ceiling: a laptop left open locks within 30 min
LANGUAGES = ("en", "es")
Language = Literal["en", "es"]


class ConfigError(Exception):
    """A configuration file cannot be used. ``str(error)`` is one plain line to show."""


class ConfigValues(BaseModel):
    """What one configuration file may set. Every field is optional: unset means "not here"."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    server_url: str | None = Field(default=None, max_length=500)
    county: str | None = None
    auto_lock_minutes: int | None = Field(default=None, ge=1, le=MAX_AUTO_LOCK_MINUTES)
    language: Language | None = None
    ca_bundle: Path | None = None
    recovery_public_key: str | None = Field(default=None, max_length=200)
    offline_lease_days: int | None = Field(default=None, ge=1, le=365)
    allow_standalone: bool | None = None

    @field_validator("server_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for a local test server)")
        return value.rstrip("/")

    @field_validator("county")
    @classmethod
    def _known_county(cls, value: str | None) -> str | None:
        if value is not None and value not in CALIFORNIA_COUNTIES:
            raise ValueError("not a California county (spell it as the state does, e.g. 'Fresno')")
        return value


class AppConfig(BaseModel):
    """The effective configuration: defaults, then the user file, then the machine file."""

    model_config = ConfigDict(frozen=True)

    server_url: str | None = None
    county: str | None = None
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MINUTES
    language: Language = "en"
    ca_bundle: Path | None = None
    recovery_public_key: str | None = None
    offline_lease_days: int = 30
    allow_standalone: bool = True
    locked: frozenset[str] = frozenset()  # the keys the machine file set (shown locked)
    user_file: Path | None = None

    def is_locked(self, key: str) -> bool:
        return key in self.locked


def default_user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


def default_machine_config_file() -> Path:
    named = os.environ.get(MACHINE_CONFIG_ENV)
    if named:
        return Path(named)
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(file)"
    if first["type"] == "extra_forbidden":
        return f"unknown setting '{key}'"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"'{key}': {message[:1].lower()}{message[1:]}"


def read_config_file(path: Path, *, required: bool) -> ConfigValues:
    """The values one file sets. A missing file is empty unless ``required``."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(f"the configuration file {path.name} does not exist") from None
        return ConfigValues()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"cannot read the configuration file {path.name}: {reason}") from None
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "not valid TOML"
        message = f"the configuration file {path.name} is not valid TOML: {reason}"
        raise ConfigError(message) from None
    try:
        return ConfigValues.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"in the configuration file {path.name}: {_describe(exc)}") from None


def load_config(user_file: Path | None = None, machine_file: Path | None = None) -> AppConfig:
    """The effective configuration.

    ``user_file`` given explicitly (``--config``) must exist; the default one may be absent.
    """
    explicit = user_file is not None
    user_path = user_file if user_file is not None else default_user_config_file()
    machine_path = machine_file if machine_file is not None else default_machine_config_file()
    user = read_config_file(user_path, required=explicit)
    machine = read_config_file(machine_path, required=False)
    merged: dict[str, Any] = user.model_dump(exclude_none=True)
    machine_values = machine.model_dump(exclude_none=True)
    merged.update(machine_values)
    return AppConfig(**merged, locked=frozenset(machine_values), user_file=user_path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def save_user_settings(path: Path, changes: dict[str, object]) -> None:
    """Write ``changes`` into the user file, keeping its other settings. Validated first."""
    current = read_config_file(path, required=False).model_dump(exclude_none=True)
    current.update(changes)
    try:
        values = ConfigValues.model_validate(current)
    except ValidationError as exc:
        raise ConfigError(f"cannot save the setting: {_describe(exc)}") from None
    lines = [f"{key} = {_toml_value(v)}" for key, v in values.model_dump(exclude_none=True).items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)
