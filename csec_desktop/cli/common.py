"""Shared plumbing of the command-line tools: plain one-line errors and passphrase input."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "CSEC_PASSPHRASE"  # noqa: S105  (a variable name, not a secret)
NEW_PASSPHRASE_ENV = "CSEC_NEW_PASSPHRASE"  # noqa: S105


class CliError(Exception):
    """A problem the user can fix. Printed as one plain line; the command exits non-zero."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def read_secret(
    args: argparse.Namespace, file_attr: str, env_var: str, what: str = "passphrase"
) -> str:
    """A passphrase from ``--<file_attr>`` (a file) or ``env_var``; never from argv.

    Only the first line of the file counts, without its line ending, so ``echo pw > f`` works.
    """
    path: Path | None = getattr(args, file_attr, None)
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot read the {what} file: {exc.strerror}") from None
        secret = text.splitlines()[0] if text else ""
    else:
        secret = os.environ.get(env_var, "")
        if not secret:
            flag = "--" + file_attr.replace("_", "-")
            raise CliError(f"no {what} given: use {flag} FILE or set {env_var}")
    if not secret:
        raise CliError(f"the {what} is empty")
    return secret


def run_cli(prog: str, main: object, argv: list[str] | None) -> int:
    """Run ``main(argv)``, turning expected failures into one plain line on stderr."""
    try:
        result = main(argv)  # type: ignore[operator]
    except CliError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    return int(result or 0)
