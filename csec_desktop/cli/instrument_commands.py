"""``csec-admin instrument ...``: check, install and list screening instrument definitions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from csec_desktop.cli.common import CliError
from csec_desktop.instruments.registry import (
    InstallOutcome,
    InstrumentConflict,
    InstrumentRegistry,
)
from csec_desktop.instruments.validation import (
    InstrumentInvalid,
    check_instrument_bytes,
    read_instrument_bytes,
)


def register(subparsers: Any) -> None:
    group = subparsers.add_parser(
        "instrument", help="check, install and list screening instruments"
    )
    commands = group.add_subparsers(dest="instrument_command", metavar="ACTION")
    commands.required = True

    validate = commands.add_parser(
        "validate", help="check an instrument file; one line per problem"
    )
    validate.add_argument("file", type=Path, metavar="FILE")
    validate.set_defaults(handler=validate_command)

    install = commands.add_parser("import", help="check an instrument file, then install it")
    install.add_argument("file", type=Path, metavar="FILE")
    install.set_defaults(handler=import_command)

    listing = commands.add_parser("list", help="list shipped and installed instruments")
    listing.set_defaults(handler=list_command)


def validate_command(args: argparse.Namespace) -> int:
    try:
        data = read_instrument_bytes(args.file)
    except InstrumentInvalid as exc:
        raise CliError(str(exc)) from None
    instrument, problems = check_instrument_bytes(data)
    if instrument is None:
        for problem in problems:
            print(problem)
        return 1
    print(f"ok: {instrument.id} {instrument.version}")
    return 0


def import_command(args: argparse.Namespace) -> int:
    registry = InstrumentRegistry.for_data_dir(args.data_dir)
    try:
        instrument, outcome = registry.install(args.file)
    except InstrumentInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise CliError(f"{args.file.name} is not a valid instrument; nothing installed") from None
    except InstrumentConflict as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot install: {exc.strerror or type(exc).__name__}") from None
    if outcome is InstallOutcome.ALREADY_INSTALLED:
        print(f"already installed: {instrument.id} {instrument.version} (same content)")
    else:
        print(f"installed: {instrument.id} {instrument.version}")
    return 0


def list_command(args: argparse.Namespace) -> int:
    registry = InstrumentRegistry.for_data_dir(args.data_dir)
    for entry in registry.entries():
        instrument = entry.instrument
        validated = "validated" if instrument.validated else "not validated"
        print(
            f"{instrument.id}\t{instrument.version}\t{instrument.title.en}\t"
            f"{validated}\t{entry.source.value}"
        )
    for problem in registry.problems:
        print(f"skipped {problem.path.name}: {problem.problem}", file=sys.stderr)
    return 0
