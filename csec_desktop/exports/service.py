"""The exports a user can make from the vault, each written with :func:`write_export`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from csec_desktop.domain.audit import AuditAction
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.exports.files import write_export
from csec_desktop.exports.report_csv import county_report_csv
from csec_desktop.exports.worklist import CountySystemAdapter, worklist_entries
from csec_desktop.services.clock import Clock, system_clock
from csec_desktop.services.reports import ReportService, suppress_small_counts
from csec_desktop.store import Store


class ExportService:
    """County report CSV, county-system worklists, and the bytes the GUI prints to PDF."""

    def __init__(
        self,
        store: Store,
        policy: CountyPolicy,
        *,
        actor: str,
        clock: Clock = system_clock,
        county: str | None = None,
    ) -> None:
        self.store = store
        self.policy = policy
        self.actor = actor
        self.reports = ReportService(store, policy, clock, county=county)

    def county_report_csv(
        self, start: date, end: date, destination: Path, *, leaves_county: bool = True
    ) -> Path:
        """The county report for ``[start, end)`` as CSV. Counts 1-10 are suppressed unless the
        user said the file stays in the county (``leaves_county=False``)."""
        report = self.reports.county_report(start, end)
        published = suppress_small_counts(report) if leaves_county else report
        detail = (
            f"county report csv {start.isoformat()}/{end.isoformat()}"
            f" suppressed={'yes' if leaves_county else 'no'}"
        )
        return write_export(
            self.store,
            destination,
            county_report_csv(published),
            actor=self.actor,
            detail=detail,
        )

    def worklist_csv(
        self, adapter: CountySystemAdapter, start: date, end: date, destination: Path
    ) -> Path:
        """What to document in ``adapter``'s county system for youth identified in the period."""
        entries = worklist_entries(self.store, self.policy, start, end)
        return write_export(
            self.store,
            destination,
            adapter.render(entries),
            actor=self.actor,
            detail=f"worklist {adapter.system} {start.isoformat()}/{end.isoformat()}",
        )

    def save_document(
        self, destination: Path, data: bytes, *, detail: str, printed: bool = False
    ) -> Path:
        """Save bytes made elsewhere (a PDF drawn by the GUI) the same way, audited."""
        return write_export(
            self.store,
            destination,
            data,
            actor=self.actor,
            action=AuditAction.PRINT if printed else AuditAction.EXPORT,
            detail=detail,
        )
