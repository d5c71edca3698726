"""``python -m bench`` (``make bench``): run every ``bench/bench_*.py`` in turn, each in its own
process so one benchmark's memory and caches do not colour the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    only = sys.argv[1:]
    status = 0
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load}")
    scripts = sorted([*HERE.glob("bench_*.py"), *HERE.glob("*_load.py")])
    for script in scripts:
        if only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"== {script.stem} ==", flush=True)
        status |= subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
    return status


if __name__ == "__main__":
    sys.exit(main())
