"""Where instruments come from: shipped with the app, or installed by the county.

Shipped definitions live in ``resources/instruments/``; a county's licensed or updated ones are
installed into ``<data dir>/instruments/``. Every definition is looked up by its exact id *and*
version, so a screening started under version 1 keeps scoring under version 1 after version 2 is
installed. An installed id + version never changes: importing different content under an existing
id + version is refused; importing the same content again does nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from csec_desktop.instruments.model import FIELDS_ADDED_LATER, Instrument
from csec_desktop.instruments.validation import (
    InstrumentInvalid,
    Problem,
    parse_instrument,
    read_instrument_bytes,
)
from csec_desktop.paths import resources_dir

INSTALLED_DIR_NAME = "instruments"


class Source(StrEnum):
    SHIPPED = "shipped"
    INSTALLED = "installed"


class UnknownInstrument(LookupError):
    """No instrument with that id (and version) is available."""


class InstrumentConflict(ValueError):
    """An instrument with this id and version is already available with different content."""


@dataclass(frozen=True)
class RegistryEntry:
    instrument: Instrument
    source: Source
    path: Path
    fingerprint: str


@dataclass(frozen=True)
class LoadProblem:
    """A file in an instrument folder that could not be used (kept out of the registry)."""

    path: Path
    problem: str


class InstallOutcome(StrEnum):
    INSTALLED = "installed"
    ALREADY_INSTALLED = "already_installed"  # identical content was already there


def _without_later_defaults(value: Any) -> Any:
    """``value`` without the keys of fields added to the definition model after a definition
    could be written, while they hold their default: the content a stored screening's
    fingerprint was computed from does not change when the model grows."""
    if isinstance(value, dict):
        return {
            key: _without_later_defaults(item)
            for key, item in value.items()
            if not (key in FIELDS_ADDED_LATER and item is None)
        }
    if isinstance(value, list):
        return [_without_later_defaults(item) for item in value]
    return value


def fingerprint(instrument: Instrument) -> str:
    """SHA-256 of the definition's canonical JSON: equal for equal content, whatever the layout
    (and whatever later releases add to the model, see ``FIELDS_ADDED_LATER``)."""
    canonical = json.dumps(
        _without_later_defaults(instrument.model_dump(mode="json", by_alias=True)),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def shipped_instruments_dir() -> Path:
    return resources_dir() / "instruments"


def installed_instruments_dir(data_dir: Path) -> Path:
    return data_dir / INSTALLED_DIR_NAME


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class InstrumentRegistry:
    """The instruments available on this machine, by (id, version).

    Folders are read on first use and again after :meth:`reload`. A broken file never stops the
    rest from loading: it is listed in :attr:`problems` instead.
    """

    def __init__(self, shipped_dir: Path | None, installed_dir: Path | None) -> None:
        self.shipped_dir = shipped_dir
        self.installed_dir = installed_dir
        self._entries: dict[tuple[str, str], RegistryEntry] | None = None
        self._problems: list[LoadProblem] = []

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> InstrumentRegistry:
        """The shipped instruments plus those installed in ``data_dir``."""
        return cls(shipped_instruments_dir(), installed_instruments_dir(data_dir))

    def reload(self) -> None:
        self._entries = None

    def _load(self) -> dict[tuple[str, str], RegistryEntry]:
        if self._entries is not None:
            return self._entries
        entries: dict[tuple[str, str], RegistryEntry] = {}
        problems: list[LoadProblem] = []
        for source, directory in (
            (Source.SHIPPED, self.shipped_dir),
            (Source.INSTALLED, self.installed_dir),
        ):
            if directory is None or not directory.is_dir():
                continue
            for path in sorted(directory.glob("*.json")):
                try:
                    instrument = parse_instrument(read_instrument_bytes(path))
                except InstrumentInvalid as exc:
                    problems.append(LoadProblem(path, str(exc)))
                    continue
                entry = RegistryEntry(instrument, source, path, fingerprint(instrument))
                existing = entries.get(instrument.key)
                if existing is None:
                    entries[instrument.key] = entry
                elif existing.fingerprint != entry.fingerprint:
                    # The first one loaded (shipped before installed) stays: never swap content.
                    problems.append(
                        LoadProblem(
                            path,
                            f"{instrument.id} {instrument.version} is already loaded "
                            f"from {existing.path.name} with different content; ignored",
                        )
                    )
        self._entries = entries
        self._problems = problems
        return entries

    @property
    def problems(self) -> list[LoadProblem]:
        self._load()
        return list(self._problems)

    def entries(self) -> list[RegistryEntry]:
        """Every available instrument, by id then version."""
        return sorted(
            self._load().values(),
            key=lambda entry: (entry.instrument.id, version_key(entry.instrument.version)),
        )

    def entry(self, instrument_id: str, version: str) -> RegistryEntry:
        found = self._load().get((instrument_id, version))
        if found is None:
            raise UnknownInstrument(f"no instrument {instrument_id} version {version}")
        return found

    def get(self, instrument_id: str, version: str) -> Instrument:
        """The instrument with exactly this id and version (what a screening names)."""
        return self.entry(instrument_id, version).instrument

    def latest(self, instrument_id: str) -> Instrument:
        """The highest version of ``instrument_id`` (what a new screening starts with)."""
        versions = [entry for entry in self.entries() if entry.instrument.id == instrument_id]
        if not versions:
            raise UnknownInstrument(f"no instrument {instrument_id}")
        return versions[-1].instrument

    def install(self, source_file: Path) -> tuple[Instrument, InstallOutcome]:
        """Validate ``source_file`` and install it atomically into the installed folder.

        ``InstrumentInvalid`` if it is not a valid definition, ``InstrumentConflict`` if the same
        id and version is available with different content.
        """
        data = read_instrument_bytes(source_file)
        instrument = parse_instrument(data)
        if self.installed_dir is None:
            raise InstrumentConflict("this registry has no folder to install into")
        new_print = fingerprint(instrument)
        existing = self._load().get(instrument.key)
        if existing is not None:
            if existing.fingerprint == new_print:
                return instrument, InstallOutcome.ALREADY_INSTALLED
            raise InstrumentConflict(
                f"{instrument.id} {instrument.version} is already {existing.source.value} "
                "with different content; give the new definition a new version"
            )
        target = self.installed_dir / f"{instrument.id}@{instrument.version}.json"
        outcome = self._write_new(target, data, new_print)
        self.reload()
        return instrument, outcome

    def _write_new(self, target: Path, data: bytes, new_print: str) -> InstallOutcome:
        directory = target.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=directory)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                # A hard link never replaces an existing file, so two imports racing for the same
                # id + version cannot overwrite each other.
                os.link(temp, target)
            except FileExistsError:
                return self._compare_existing(target, new_print)
            except OSError:
                if target.exists():
                    return self._compare_existing(target, new_print)
                os.replace(temp, target)
            _fsync_dir(directory)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        return InstallOutcome.INSTALLED

    @staticmethod
    def _compare_existing(target: Path, new_print: str) -> InstallOutcome:
        try:
            current = parse_instrument(read_instrument_bytes(target))
        except InstrumentInvalid:
            raise InstrumentConflict(
                f"{target.name} already exists and is not a valid definition; remove it first"
            ) from None
        if fingerprint(current) == new_print:
            return InstallOutcome.ALREADY_INSTALLED
        raise InstrumentConflict(
            f"{current.id} {current.version} is already installed with different content"
        )


__all__ = [
    "InstallOutcome",
    "InstrumentConflict",
    "InstrumentRegistry",
    "LoadProblem",
    "Problem",
    "RegistryEntry",
    "Source",
    "UnknownInstrument",
    "fingerprint",
    "installed_instruments_dir",
    "shipped_instruments_dir",
    "version_key",
]
