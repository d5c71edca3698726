"""The issue's ``bench/startup.py``: cold start to the unlock window vs a bare Qt window.

Two kinds of fresh process, alternated in one run so machine noise falls on both alike:

* the app (``python -m csec_desktop.app``) on an existing vault, with the hidden
  ``CSEC_STARTUP_PROBE=1`` hook: it prints a wall-clock timestamp once the first window (the
  unlock window) is shown and has had its first paint, then quits;
* a bare ``QApplication`` + ``QMainWindow`` shown, timed the same way (same probe code).

Each is timed from just before the process is spawned to the printed timestamp; offscreen Qt.
Figures: the medians and their ratio (target <= 1.5x).

Run: ``make bench`` or ``.venv/bin/python bench/bench_startup.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import report  # type: ignore[import-not-found]

from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS

REPEATS = 15
FIRST_RUN_REPEATS = 5

# The baseline: the least a Qt Widgets app can do to show a main window, reported exactly as the
# app's start-up probe reports (csec_desktop.app._probe_first_window).
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
def report():
    QApplication.processEvents()
    shown = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
    print(f"startup-probe {time.time():.6f} {','.join(shown)}", flush=True)
    QApplication.quit()
QTimer.singleShot(0, report)
app.exec()
"""


def time_to_first_window(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    lines = [line for line in done.stdout.splitlines() if line.startswith("startup-probe ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"no start-up probe from {command}: {done.stderr.strip()[-300:]}")
    _, stamp, window = [*lines[-1].split(), ""][:3]
    return float(stamp) - started, window


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="csec-bench-startup-") as tmp:
        data_dir = Path(tmp) / "vault"
        VaultSession.create(data_dir, "bench passphrase", kdf_params=FLOOR_KDF_PARAMS).lock()
        home = Path(tmp) / "home"
        home.mkdir()
        env = {
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "PATH": os.environ.get("PATH", ""),
            "CSEC_STARTUP_PROBE": "1",
        }
        app = [sys.executable, "-m", "csec_desktop.app", "--data-dir", str(data_dir)]
        first_run = [sys.executable, "-m", "csec_desktop.app", "--data-dir", str(Path(tmp) / "new")]
        bare = [sys.executable, "-c", BARE_WINDOW]
        for command in (app, bare):  # untimed: the first ever start pays disk I/O
            time_to_first_window(command, env)
        app_times: list[float] = []
        bare_times: list[float] = []
        first_run_times: list[float] = []
        windows: set[str] = set()
        for _ in range(REPEATS):
            seconds, window = time_to_first_window(app, env)
            app_times.append(seconds)
            windows.add(window)
            bare_times.append(time_to_first_window(bare, env)[0])
        for _ in range(FIRST_RUN_REPEATS):  # the first start on a laptop: no vault yet
            seconds, window = time_to_first_window(first_run, env)
            first_run_times.append(seconds)
            windows.add(window)
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    print(f"fresh processes, alternated, median of {REPEATS}; offscreen Qt")
    report("app start to unlock window", app_median * 1000, "ms")
    report("bare QApplication + QMainWindow shown", bare_median * 1000, "ms")
    report("ratio app / bare", app_median / bare_median, "x", "<= 1.5")
    report("app start, fastest / slowest", min(app_times) * 1000, "ms")
    report("", max(app_times) * 1000, "ms")
    report(
        f"first run (empty data folder) to the first-run window, median of {FIRST_RUN_REPEATS}",
        statistics.median(first_run_times) * 1000,
        "ms",
    )
    print(f"  first windows shown by the app: {', '.join(sorted(windows))}")


if __name__ == "__main__":
    main()
