"""The issue's ``bench/startup.py``: runs ``bench_startup.py``, which ``make bench`` runs too.

Run: ``.venv/bin/python bench/startup.py``.
"""

from pathlib import Path
from runpy import run_path

run_path(str(Path(__file__).with_name("bench_startup.py")), run_name="__main__")
