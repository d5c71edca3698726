"""``csec-desktop``: the composition root, the one module that sees every layer.

It reads the command line and the configuration, then either answers (``--version``,
``--self-test``) or builds the GUI: the task runner, the broadcast hub, the vault access for the
data folder, and the controller that shows the first-run or unlock window.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from csec_desktop import __version__
from csec_desktop.config import AppConfig, ConfigError, load_config
from csec_desktop.crash_dumps import disable_crash_dumps
from csec_desktop.paths import APP_NAME, default_data_dir

PROG = "csec-desktop"
STARTUP_PROBE_ENV = "CSEC_STARTUP_PROBE"  # hidden; bench/bench_bundle.py times start-up with it


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One plain line instead of argparse's usage block.
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="CSEC screening and risk-education log for county child welfare.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the folder holding the encrypted vault (default: the per-user data folder)",
    )
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="the user configuration file (TOML)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check Qt, SQLCipher, crypto, a temporary vault and the server; exit 0 or 1",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _quiet_excepthook(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """An exception that escaped a slot: report where, never its message (it may quote a record).

    The app keeps running: PySide6 calls this for exceptions in slots instead of aborting.
    """
    frames = traceback.extract_tb(tb)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    print(f"{PROG}: internal error {kind.__name__} at {where}", file=sys.stderr)


def _probe_first_window() -> None:
    """Once the first window is up, print the wall-clock time and its class, then quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        QApplication.processEvents()  # let the window's show and first paint go through
        shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
        print(f"startup-probe {time.time():.6f} {','.join(shown)}", flush=True)
        QApplication.quit()

    QTimer.singleShot(0, report)


def run_gui(data_dir: Path, config: AppConfig) -> int:
    from PySide6.QtWidgets import QApplication

    from csec_desktop.gui.application import AppController
    from csec_desktop.gui.common.theme import apply_theme
    from csec_desktop.gui.i18n import Translations
    from csec_desktop.gui.vault_access import VaultAccess

    app = QApplication([sys.argv[0] if sys.argv else PROG])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("CSEC Desktop")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # locking closes the main window before unlock shows
    apply_theme(app)  # the desktop's light or dark setting; palette and style sheet
    translations = Translations()
    translations.install(app, config.language)
    sys.excepthook = _quiet_excepthook
    controller = AppController(
        VaultAccess(data_dir, recovery_key=config.recovery_public_key),
        config,
        translations=translations,
    )
    controller.finished.connect(app.quit)
    app.aboutToQuit.connect(controller.quit)
    controller.start()
    if os.environ.get(STARTUP_PROBE_ENV) == "1":
        _probe_first_window()
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    disable_crash_dumps()  # before any key or record is in memory
    try:
        args = _parser().parse_args(argv)
        config = load_config(args.config)
    except (UsageError, ConfigError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    if args.self_test:
        from csec_desktop.gui.selftest import run_self_test

        return run_self_test(config)
    data_dir: Path = args.data_dir or default_data_dir()
    if data_dir.exists() and not data_dir.is_dir():
        print(f"{PROG}: error: --data-dir {data_dir.name} is not a folder", file=sys.stderr)
        return 2
    try:
        return run_gui(data_dir, config)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # e.g. a malformed recovery key in the configuration
        print(f"{PROG}: error: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
