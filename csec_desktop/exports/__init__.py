"""Reports and worklists leaving the vault as files (headless core: no Qt).

Every export is built in memory, then written once, atomically and owner-only, to the place the
user chose (:func:`write_export`), and recorded in the vault's audit log without personal data.
No plaintext temporary file is ever written anywhere else. PDFs are drawn by the GUI layer
(``gui/printing``), which hands its bytes to the same :func:`write_export`.
"""

from csec_desktop.exports.files import ExportFailed, write_export
from csec_desktop.exports.report_csv import county_report_csv
from csec_desktop.exports.service import ExportService
from csec_desktop.exports.worklist import (
    ADAPTERS,
    CountySystemAdapter,
    CwsCmsAdapter,
    WorklistEntry,
    worklist_entries,
)

__all__ = [
    "ADAPTERS",
    "CountySystemAdapter",
    "CwsCmsAdapter",
    "ExportFailed",
    "ExportService",
    "WorklistEntry",
    "county_report_csv",
    "worklist_entries",
    "write_export",
]
