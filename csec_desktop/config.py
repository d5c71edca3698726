"""The app's configuration: a user file and a machine-wide file for county IT, both TOML.

Headless (no Qt): the composition root loads it before any window exists, and ``--self-test``
uses it to find the county server.

Two layers, read in this order:

* the **user** file (``--config FILE``, default ``config.toml`` in the per-user config folder);
* the **machine** configuration county IT installs, from the sources of the platform, later ones
  winning (see ``machine_sources``):

  - Linux: ``/etc/csec-desktop/config.toml`` (a conffile of the Debian package);
  - Windows: ``%ProgramData%\\CSEC Desktop\\config.toml``, then the registry policy key
    ``HKLM\\Software\\Policies\\CSEC Desktop`` (what the MSI properties or Group Policy write);
  - macOS: ``/Library/Application Support/CSEC Desktop/config.toml``, then the managed preferences
    ``/Library/Managed Preferences/<MACOS_BUNDLE_ID>.plist`` (what an MDM profile installs).

  ``CSEC_MACHINE_CONFIG`` (or ``machine_file``) names one TOML file that replaces those sources.
  Every value the machine sets overrides the user's and is reported in ``AppConfig.locked`` so the
  GUI can show it as set by the county.

Every source is validated with pydantic: an unknown key, a wrong type or an out-of-range value is a
``ConfigError`` with one plain line naming the source and the key, never a traceback. The registry
and plist readers are passed in, so they are tested on any platform.
"""

from __future__ import annotations

import os
import plistlib
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol
from xml.parsers.expat import ExpatError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from csec_desktop.domain.counties import CALIFORNIA_COUNTIES
from csec_desktop.paths import APP_NAME

CONFIG_FILE_NAME = "config.toml"
MACHINE_CONFIG_ENV = "CSEC_MACHINE_CONFIG"
LINUX_MACHINE_CONFIG = Path("/etc/csec-desktop") / CONFIG_FILE_NAME
WINDOWS_POLICY_KEY = r"Software\Policies\CSEC Desktop"  # under HKEY_LOCAL_MACHINE
WINDOWS_PROGRAM_DATA_FOLDER = "CSEC Desktop"  # in %ProgramData%
MACOS_BUNDLE_ID = "org.csec-desktop.CSECDesktop"
MACOS_SUPPORT_FOLDER = "CSEC Desktop"  # in /Library/Application Support
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


def default_machine_config_file(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The machine-wide TOML file of this platform (``CSEC_MACHINE_CONFIG`` when set)."""
    environ = os.environ if environ is None else environ
    named = environ.get(MACHINE_CONFIG_ENV)
    if named:
        return Path(named)
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        program_data = environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / WINDOWS_PROGRAM_DATA_FOLDER / CONFIG_FILE_NAME
    if platform == "darwin":
        return Path("/Library/Application Support", MACOS_SUPPORT_FOLDER, CONFIG_FILE_NAME)
    return LINUX_MACHINE_CONFIG


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(file)"
    if first["type"] == "extra_forbidden":
        return f"unknown setting '{key}'"
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"'{key}': {message[:1].lower()}{message[1:]}"


def read_config_file(
    path: Path, *, required: bool, kind: str = "configuration file"
) -> ConfigValues:
    """The values one file sets. A missing file is empty unless ``required``."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(f"the {kind} {path.name} does not exist") from None
        return ConfigValues()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(f"cannot read the {kind} {path.name}: {reason}") from None
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "not valid TOML"
        raise ConfigError(f"the {kind} {path.name} is not valid TOML: {reason}") from None
    try:
        return ConfigValues.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"in the {kind} {path.name}: {_describe(exc)}") from None


# -- machine configuration sources ------------------------------------------------------------

# The value names of the Windows policy key and of the macOS managed preferences: the names an MSI
# property, a Group Policy template or an MDM profile uses. Registry names are case-insensitive.
POLICY_VALUE_NAMES: dict[str, str] = {
    "ServerUrl": "server_url",
    "County": "county",
    "AutoLockMinutes": "auto_lock_minutes",
    "Language": "language",
    "CaBundle": "ca_bundle",
    "RecoveryKey": "recovery_public_key",
    "OfflineLeaseDays": "offline_lease_days",
    "AllowStandalone": "allow_standalone",
}


class MachineSource(Protocol):
    """One place county IT sets machine values. ``read`` raises ``ConfigError`` on a bad value."""

    @property
    def description(self) -> str: ...

    def read(self) -> ConfigValues: ...


@dataclass(frozen=True)
class TomlFileSource:
    path: Path

    @property
    def description(self) -> str:
        return f"the machine configuration file {self.path}"

    def read(self) -> ConfigValues:
        return read_config_file(self.path, required=False, kind="machine configuration file")


def _policy_values(named: Mapping[str, object], where: str) -> ConfigValues:
    """Validate values named as in ``POLICY_VALUE_NAMES``; errors name the policy value."""
    by_lower = {name.lower(): (name, key) for name, key in POLICY_VALUE_NAMES.items()}
    data: dict[str, object] = {}
    for name, value in named.items():
        known = by_lower.get(name.lower())
        if known is None:
            raise ConfigError(f"in {where}: unknown setting '{name}'")
        if isinstance(value, str) and not value.strip():
            continue  # an MSI writes an empty string for a property left unset
        data[known[1]] = value
    try:
        return ConfigValues.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        policy_name = next((n for n, k in POLICY_VALUE_NAMES.items() if k == key), key)
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(
            f"in {where}: '{policy_name}': {message[:1].lower()}{message[1:]}"
        ) from None


class WinregLike(Protocol):
    """The part of the standard ``winreg`` module the policy reader uses (a fake in tests)."""

    HKEY_LOCAL_MACHINE: int
    KEY_READ: int
    REG_SZ: int
    REG_EXPAND_SZ: int
    REG_DWORD: int

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = ...) -> Any: ...

    def EnumValue(self, key: Any, index: int) -> tuple[str, Any, int]: ...

    def CloseKey(self, key: Any) -> None: ...


@dataclass(frozen=True)
class RegistryPolicySource:
    """``HKLM\\Software\\Policies\\CSEC Desktop``: string and DWORD values; others are errors."""

    winreg: WinregLike
    key: str = WINDOWS_POLICY_KEY

    @property
    def description(self) -> str:
        return f"the registry policy key HKLM\\{self.key}"

    def read(self) -> ConfigValues:
        reg = self.winreg
        access = reg.KEY_READ | getattr(reg, "KEY_WOW64_64KEY", 0)  # the 64-bit view, always
        try:
            handle = reg.OpenKey(reg.HKEY_LOCAL_MACHINE, self.key, 0, access)
        except FileNotFoundError:
            return ConfigValues()
        except OSError as exc:
            raise ConfigError(f"cannot read {self.description}: {exc.strerror}") from None
        named: dict[str, object] = {}
        try:
            index = 0
            while True:
                try:
                    name, value, kind = reg.EnumValue(handle, index)
                except OSError:  # ERROR_NO_MORE_ITEMS ends the enumeration
                    break
                index += 1
                if kind not in (reg.REG_SZ, reg.REG_EXPAND_SZ, reg.REG_DWORD):
                    raise ConfigError(
                        f"in {self.description}: '{name}': must be a string or a DWORD value"
                    )
                if kind == reg.REG_EXPAND_SZ:
                    value = os.path.expandvars(value)
                named[name] = value
        finally:
            reg.CloseKey(handle)
        return _policy_values(named, self.description)


@dataclass(frozen=True)
class ManagedPreferencesSource:
    """A macOS managed preferences plist (an MDM configuration profile writes it)."""

    path: Path

    @property
    def description(self) -> str:
        return f"the managed preferences {self.path.name}"

    def read(self) -> ConfigValues:
        try:
            with self.path.open("rb") as stream:
                data = plistlib.load(stream)
        except FileNotFoundError:
            return ConfigValues()
        except OSError as exc:
            raise ConfigError(f"cannot read {self.description}: {exc.strerror}") from None
        except (plistlib.InvalidFileException, ValueError, ExpatError):
            raise ConfigError(f"{self.description} is not a valid property list") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{self.description} is not a dictionary of settings")
        return _policy_values(data, self.description)


def _real_winreg() -> WinregLike:
    import winreg  # only on Windows

    return winreg  # type: ignore[return-value]


def machine_sources(
    platform: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    root: Path = Path("/"),
    winreg: WinregLike | Callable[[], WinregLike] = _real_winreg,
) -> list[MachineSource]:
    """The machine configuration sources of ``platform``, lowest precedence first.

    ``root`` prefixes the macOS and Linux paths and ``winreg`` stands in for the registry, so each
    platform's sources can be exercised anywhere.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        reg = winreg() if callable(winreg) else winreg
        return [
            TomlFileSource(
                default_machine_config_file(platform, {**environ, MACHINE_CONFIG_ENV: ""})
            ),
            RegistryPolicySource(reg),
        ]
    if platform == "darwin":
        library = root / "Library"
        return [
            TomlFileSource(
                library / "Application Support" / MACOS_SUPPORT_FOLDER / CONFIG_FILE_NAME
            ),
            ManagedPreferencesSource(library / "Managed Preferences" / f"{MACOS_BUNDLE_ID}.plist"),
        ]
    return [TomlFileSource(root / LINUX_MACHINE_CONFIG.relative_to("/"))]


def read_machine_values(sources: Sequence[MachineSource]) -> dict[str, Any]:
    """The values every source sets, later sources overriding earlier ones."""
    merged: dict[str, Any] = {}
    for source in sources:
        merged.update(source.read().model_dump(exclude_none=True))
    return merged


def load_config(
    user_file: Path | None = None,
    machine_file: Path | None = None,
    *,
    sources: Sequence[MachineSource] | None = None,
) -> AppConfig:
    """The effective configuration.

    ``user_file`` given explicitly (``--config``) must exist; the default one may be absent.
    The machine values come from ``machine_file`` alone when given (or ``CSEC_MACHINE_CONFIG``
    is set), else from ``sources`` (default: ``machine_sources()`` of this platform).
    """
    explicit = user_file is not None
    user_path = user_file if user_file is not None else default_user_config_file()
    user = read_config_file(user_path, required=explicit)
    if machine_file is None and os.environ.get(MACHINE_CONFIG_ENV):
        machine_file = default_machine_config_file()
    if machine_file is not None:
        sources = [TomlFileSource(machine_file)]
    elif sources is None:
        sources = machine_sources()
    merged: dict[str, Any] = user.model_dump(exclude_none=True)
    machine_values = read_machine_values(sources)
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
