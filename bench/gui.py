"""The issue's ``bench/gui.py``: runs ``bench_gui.py``, which ``make bench`` runs too.

Run: ``.venv/bin/python bench/gui.py``.
"""

from pathlib import Path
from runpy import run_path

run_path(str(Path(__file__).with_name("bench_gui.py")), run_name="__main__")
