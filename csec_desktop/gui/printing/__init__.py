"""Printing to PDF: the county CSEC Program report (with bar charts and their tables) and a single
screening (confidential answers left out unless the user includes them).

Documents are laid out with ``QTextDocument`` and written by ``QPdfWriter`` into memory; the
caller saves the bytes with ``ExportService.save_document`` (atomic, owner-only, audited). No
file is written here. Everything here may run on a worker thread (no widgets).
"""
