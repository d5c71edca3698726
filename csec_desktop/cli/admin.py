"""``csec-admin``: support and IT commands that work on a vault, without the GUI.

Each group of commands lives in its own module with a ``register(subparsers)`` function that adds
its parsers and sets ``handler`` on each; this module only assembles them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from csec_desktop import __version__
from csec_desktop.cli.common import CliError, run_cli
from csec_desktop.crash_dumps import disable_crash_dumps
from csec_desktop.paths import default_data_dir

PROG = "csec-admin"

# Command groups, in the order their help is shown.
COMMAND_MODULES = (
    "csec_desktop.cli.vault_commands",
    "csec_desktop.cli.instrument_commands",
    "csec_desktop.cli.demo_commands",
    "csec_desktop.cli.sync_commands",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one plain line and exit 2 (no usage dump to wade in)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see '{self.prog} --help')", exit_code=2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="CSEC Desktop administration and support commands.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the vault's folder (default: the app's per-user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    disable_crash_dumps()  # these commands open vaults: no core file may hold their keys

    def _run(args_list: list[str] | None) -> int:
        args = build_parser().parse_args(args_list)
        if args.data_dir is None:
            args.data_dir = default_data_dir()
        return int(args.handler(args) or 0)

    return run_cli(PROG, _run, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
