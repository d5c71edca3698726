"""What every table view of the app shares."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

# Columns sized to their contents measure this many rows, not Qt's default of 1,000: each row
# measured is a call into a Python model, so a long caseload cost the GUI thread ~25 ms on every
# reload or countdown tick. The first rows (sorted by what matters) set the widths well enough.
MEASURED_ROWS = 50


def measure_few_rows(header: QHeaderView) -> None:
    header.setResizeContentsPrecision(MEASURED_ROWS)
