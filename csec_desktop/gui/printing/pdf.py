"""A ``QTextDocument`` to PDF bytes, in memory."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

PDF_RESOLUTION = 300  # dots per inch of the PDF's coordinate system (text stays vector)


def document_to_pdf(document: QTextDocument, *, title: str) -> bytes:
    """Lay ``document`` out on US Letter pages and return the PDF. ``title`` goes in the PDF's
    metadata: pass a generic title, never a youth's name."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("CSEC Desktop")
    # Lay out in the PDF's own resolution, so point sizes print at their size.
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())
