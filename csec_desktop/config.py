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

Every source is validated by ``ConfigValues.validate``: an unknown key, a wrong type or an
out-of-range value is a ``ConfigError`` with one plain line naming the source and the key, never a
traceback. The registry and plist readers are passed in, so they are tested on any platform.

This module deliberately does not use pydantic: the app loads it before its first window, and
importing pydantic (about 60 ms here) would more than double the time to the unlock window. The
schema is eight flat values; ``_FIELDS`` below is all of it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, Protocol

import platformdirs

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


class _Invalid(ValueError):
    """One bad value: the key it belongs to and a plain message (never the value itself)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _text(key: str, value: object, max_length: int | None = None) -> str:
    if not isinstance(value, str):
        raise _Invalid(key, "must be a text value")
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise _Invalid(key, f"must be at most {max_length} characters")
    return value


def _server_url(key: str, value: object) -> str:
    from csec_desktop.sync.address import ServerAddressError, checked_server_url

    url = _text(key, value, max_length=500)
    try:
        return checked_server_url(url)
    except ServerAddressError as exc:
        raise _Invalid(key, str(exc).removeprefix("the server address ")) from None


def _county(key: str, value: object) -> str:
    county = _text(key, value)
    if county not in CALIFORNIA_COUNTIES:
        raise _Invalid(key, "not a California county (spell it as the state does, e.g. 'Fresno')")
    return county


def _whole_number(key: str, value: object, low: int, high: int) -> int:
    # A registry string value or an MSI property arrives as text: "20" is 20.
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(key, "must be a whole number")
    if not low <= value <= high:
        raise _Invalid(key, f"must be between {low} and {high}")
    return value


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def _flag(key: str, value: object) -> bool:
    # TOML and plists have booleans; the registry has DWORD 0/1 and MSI properties text.
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _Invalid(key, "must be true or false")


def _language(key: str, value: object) -> str:
    language = _text(key, value)
    if language not in LANGUAGES:
        raise _Invalid(key, "must be " + " or ".join(f"'{code}'" for code in LANGUAGES))
    return language


# Each setting a file may hold, with the function that checks and converts its value.
_FIELDS: dict[str, Callable[[str, object], object]] = {
    "server_url": _server_url,
    "county": _county,
    "auto_lock_minutes": lambda k, v: _whole_number(k, v, 1, MAX_AUTO_LOCK_MINUTES),
    "language": _language,
    "ca_bundle": lambda k, v: Path(_text(k, v, max_length=4096)),
    "recovery_public_key": lambda k, v: _text(k, v, max_length=200),
    "offline_lease_days": lambda k, v: _whole_number(k, v, 1, 365),
    "allow_standalone": _flag,
}


@dataclass(frozen=True)
class ConfigValues:
    """What one configuration file may set. Every field is optional: unset means "not here"."""

    server_url: str | None = None
    county: str | None = None
    auto_lock_minutes: int | None = None
    language: Language | None = None
    ca_bundle: Path | None = None
    recovery_public_key: str | None = None
    offline_lease_days: int | None = None
    allow_standalone: bool | None = None

    @classmethod
    def validate(cls, data: Mapping[str, object]) -> ConfigValues:
        """Check and convert every value; the first problem raises ``_Invalid`` naming its key."""
        checked: dict[str, Any] = {}
        for key, value in data.items():
            check = _FIELDS.get(key)
            if check is None:
                raise _Invalid(key, "unknown setting")
            checked[key] = check(key, value)
        return cls(**checked)

    def set_values(self) -> dict[str, Any]:
        """The values this source sets (the ones not None)."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class AppConfig:
    """The effective configuration: defaults, then the user file, then the machine file."""

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

    def replace(self, **changes: Any) -> AppConfig:
        return replace(self, **changes)


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


def _describe(error: _Invalid) -> str:
    if error.message == "unknown setting":
        return f"unknown setting '{error.key}'"
    return f"'{error.key}': {error.message}"


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
    import tomllib  # only when there is a file to read (start-up time)

    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "not valid TOML"
        raise ConfigError(f"the {kind} {path.name} is not valid TOML: {reason}") from None
    try:
        return ConfigValues.validate(data)
    except _Invalid as exc:
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
        return ConfigValues.validate(data)
    except _Invalid as exc:
        policy_name = next((n for n, k in POLICY_VALUE_NAMES.items() if k == exc.key), exc.key)
        raise ConfigError(f"in {where}: '{policy_name}': {exc.message}") from None


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
        import plistlib  # macOS only; kept out of every other platform's start-up
        from xml.parsers.expat import ExpatError

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
        merged.update(source.read().set_values())
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
    merged: dict[str, Any] = user.set_values()
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
    current = read_config_file(path, required=False).set_values()
    current.update(changes)
    try:
        values = ConfigValues.validate(current)
    except _Invalid as exc:
        raise ConfigError(f"cannot save the setting: {_describe(exc)}") from None
    lines = [f"{key} = {_toml_value(v)}" for key, v in values.set_values().items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)
