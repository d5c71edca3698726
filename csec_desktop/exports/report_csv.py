"""The county CSEC Program report as CSV, and a server's report read back into the model.

Both are ``domain.report_table``'s, the one column list and the one CSV writer the county server
uses too: the desktop's file and the server's list exactly the same rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from csec_desktop.domain.report_table import CSV_HEADER, figure_rows, report_csv, report_from_rows
from csec_desktop.services.reports import CountyReport
from csec_desktop.sync.protocol import CountyReport as WireReport


def report_rows(report: CountyReport[Any]) -> list[tuple[str, str, Any]]:
    """``(measure, key, value)`` for every figure, in the fixed order (CSV, PDF tables)."""
    return figure_rows(report)


def county_report_csv(report: CountyReport[Any]) -> bytes:
    """The report as UTF-8 CSV. Pass a suppressed report for anything leaving the county: a
    hidden count shows as an empty value with ``suppressed`` = ``yes``."""
    return report_csv(report).encode("utf-8")


def figures_from_wire(report: WireReport, *, as_of: datetime) -> CountyReport[int | str]:
    """The server's report (``measure, key, value`` rows, see ``server/reports.py``) as the
    core's ``CountyReport``, so the app prints and exports a team or county report fetched from
    the server the same way as one computed from the vault. A count the server suppressed stays
    hidden (``HIDDEN_MARKER``: the server does not say whether it was a count of 1-10 or one
    hidden to protect such a count). The wire's period end is its last day."""
    values = {
        (count.measure, count.key): (None if count.suppressed else count.value)
        for count in report.counts
    }
    return report_from_rows(
        values,
        county=report.county if report.team is None else f"{report.county} ({report.team})",
        period_start=report.period_start,
        last=report.period_end,
        as_of=as_of,
        suppressed=report.suppression,
    )


__all__ = ["CSV_HEADER", "county_report_csv", "figures_from_wire", "report_rows"]
