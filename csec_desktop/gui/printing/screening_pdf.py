"""A single screening as a PDF, for the case file.

Redaction removes text, it does not cover it: the answer of every item the instrument marks
``confidential`` (and the free text of notes and eligibility evidence, which can hold the same
details) is never put into the document unless the user explicitly includes it, so neither the
PDF's text nor its bytes contain it. Without the instrument definition, no item can be known to be
safe, so every answer is treated as confidential.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import JsonValue
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from csec_desktop.domain import Obligation, Screening
from csec_desktop.exports import ExportService
from csec_desktop.gui.common.dates import date_text, moment_text
from csec_desktop.gui.common.labels import (
    determination_label,
    obligation_label,
    risk_label,
    status_label,
)
from csec_desktop.gui.common.reasons import screening_reasons
from csec_desktop.gui.printing.pdf import document_to_pdf
from csec_desktop.gui.printing.report_pdf import STYLE, heading
from csec_desktop.instruments.model import DECLINED, Instrument, Item, ResponseType

ENGINE_EVIDENCE_PREFIX = "items: "  # InstrumentResult.eligibility_elements' own evidence


def redacted_text() -> str:
    return QCoreApplication.translate("ScreeningPdf", "[Confidential — left out of this copy]")


def answer_text(item: Item, value: JsonValue, language: str) -> str:
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("ScreeningPdf", "(no answer)")
    if value == DECLINED and DECLINED not in {o.value for o in item.options or []}:
        return QCoreApplication.translate("ScreeningPdf", "Declined to answer")
    if item.type is ResponseType.YES_NO_UNKNOWN:
        return {
            "yes": QCoreApplication.translate("ScreeningPdf", "Yes"),
            "no": QCoreApplication.translate("ScreeningPdf", "No"),
            "unknown": QCoreApplication.translate("ScreeningPdf", "Unknown"),
        }.get(str(value), str(value))
    options = {o.value: o.label.get(language) for o in item.options or []}
    if item.type is ResponseType.MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(options.get(str(v), str(v)) for v in value)
    if item.type is ResponseType.SINGLE_CHOICE:
        return options.get(str(value), str(value))
    if item.type is ResponseType.CONCERN:
        labels = {
            "no_concern": QCoreApplication.translate("ScreeningPdf", "No concern"),
            "possible_concern": QCoreApplication.translate("ScreeningPdf", "Possible concern"),
            "clear_concern": QCoreApplication.translate("ScreeningPdf", "Clear concern"),
        }
        return labels.get(str(value), str(value))
    return str(value)


def _written_evidence(text: str) -> bool:
    """Evidence a person wrote (not the engine's list of item ids, which is never printed)."""
    return bool(text.strip()) and not text.startswith(ENGINE_EVIDENCE_PREFIX)


def _row(label: str, value: str) -> str:
    return f"<tr><td>{html.escape(label)}</td><td>{html.escape(value)}</td></tr>"


def screening_html(
    screening: Screening,
    instrument: Instrument | None,
    *,
    include_confidential: bool,
    language: str = "en",
    subject: str = "",
    obligations: Sequence[Obligation] = (),
    zone: ZoneInfo | None = None,
) -> str:
    """The screening as HTML (printed, and shown to a reviewing supervisor). ``subject`` is how
    the youth is named on the page (never in the PDF's metadata or file name)."""
    hidden = redacted_text()
    parts = [heading(1, QCoreApplication.translate("ScreeningPdf", "CSEC screening"))]
    facts = [
        _row(
            QCoreApplication.translate("ScreeningPdf", "Youth"),
            subject or QCoreApplication.translate("ScreeningPdf", "(not shown)"),
        ),
        _row(
            QCoreApplication.translate("ScreeningPdf", "Screening date"),
            date_text(screening.screening_date),
        ),
        _row(QCoreApplication.translate("ScreeningPdf", "Screener"), screening.screener),
        _row(QCoreApplication.translate("ScreeningPdf", "Status"), status_label(screening.status)),
        _row(
            QCoreApplication.translate("ScreeningPdf", "Instrument"),
            f"{instrument.title.get(language) if instrument else screening.instrument_id}"
            f" {screening.instrument_version}",
        ),
    ]
    parts.append("<table class='figures' cellspacing='0'>" + "".join(facts) + "</table>")
    if not include_confidential:
        parts.append(
            "<p class='note'>"
            + html.escape(
                QCoreApplication.translate(
                    "ScreeningPdf",
                    "Confidential answers, notes and evidence are left out of this copy. "
                    "Print again and include them only where the case file needs them.",
                )
            )
            + "</p>"
        )

    # What it came to, first: the determination, what it created, then why (worded now, in the
    # reader's language, from the answers that support it: never ids, never the answers).
    determination = screening.determination
    if determination is not None:
        parts.append(heading(2, QCoreApplication.translate("ScreeningPdf", "Determination")))
        rows = [
            _row(
                QCoreApplication.translate("ScreeningPdf", "CSEC category"),
                determination_label(determination, screening.screening_track),
            ),
            _row(
                QCoreApplication.translate("ScreeningPdf", "Risk level"),
                risk_label(determination.risk_level),
            ),
        ]
        if determination.information_received_at is not None:
            rows.append(
                _row(
                    QCoreApplication.translate("ScreeningPdf", "The agency learned of it"),
                    moment_text(determination.information_received_at, zone),
                )
            )
        rows += [
            _row(
                QCoreApplication.translate("ScreeningPdf", "Confirmed by"),
                determination.confirmed_by,
            ),
            _row(
                QCoreApplication.translate("ScreeningPdf", "Confirmed at"),
                moment_text(determination.confirmed_at, zone),
            ),
        ]
        if determination.override_reason:
            reason = determination.override_reason if include_confidential else hidden
            rows.append(
                _row(
                    QCoreApplication.translate("ScreeningPdf", "Reason for a different category"),
                    reason,
                )
            )
        parts.append("<table class='figures' cellspacing='0'>" + "".join(rows) + "</table>")
    if obligations:
        parts.append(
            heading(2, QCoreApplication.translate("ScreeningPdf", "Follow-up obligations"))
        )
        rows = [
            _row(
                obligation_label(o.kind),
                QCoreApplication.translate("ScreeningPdf", "due %1").replace(
                    "%1", moment_text(o.due_at, zone)
                ),
            )
            for o in obligations
        ]
        parts.append("<table class='figures' cellspacing='0'>" + "".join(rows) + "</table>")
    eligibility: list[str] = []
    if instrument is not None and screening.answers:
        _result, reasons, eligibility, declined = screening_reasons(screening, instrument, language)
        parts.append(heading(2, QCoreApplication.translate("ScreeningPdf", "Why")) + "<ul>")
        parts += [f"<li>{html.escape(line)}</li>" for line in reasons]
        parts.append("</ul>")
        if declined:
            parts.append(f"<p>{html.escape(declined)}</p>")

    parts.append(heading(2, QCoreApplication.translate("ScreeningPdf", "Answers")))
    if instrument is not None:
        for section in instrument.sections:
            answered = [i for i in section.items if i.id in screening.answers]
            if not answered:
                continue
            parts.append(f"<h3>{html.escape(section.title.get(language))}</h3>")
            rows = []
            for item in answered:
                shown = (
                    answer_text(item, screening.answers[item.id], language)
                    if include_confidential or not item.confidential
                    else hidden
                )
                rows.append(_row(item.text.get(language), shown))
            parts.append("<table class='figures' cellspacing='0'>" + "".join(rows) + "</table>")
    else:
        rows = [
            _row(key, str(value) if include_confidential else hidden)
            for key, value in sorted(screening.answers.items())
        ]
        parts.append("<table class='figures' cellspacing='0'>" + "".join(rows) + "</table>")
    if eligibility or screening.eligibility:
        parts.append(
            heading(2, QCoreApplication.translate("ScreeningPdf", "Eligibility for CSEC services"))
        )
        if eligibility:
            parts.append("<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in eligibility))
            parts.append("</ul>")
        written = [e.evidence for e in screening.eligibility if _written_evidence(e.evidence)]
        if written:
            label = QCoreApplication.translate("ScreeningPdf", "The screener's evidence")
            shown = "; ".join(written) if include_confidential else hidden
            parts.append("<table class='figures' cellspacing='0'>" + _row(label, shown))
            parts.append("</table>")
    if screening.notes:
        parts.append(heading(2, QCoreApplication.translate("ScreeningPdf", "Notes")))
        parts.append(f"<p>{html.escape(screening.notes if include_confidential else hidden)}</p>")

    return "".join(parts)


def screening_document(
    screening: Screening,
    instrument: Instrument | None,
    *,
    include_confidential: bool,
    language: str = "en",
    subject: str = "",
    obligations: Sequence[Obligation] = (),
    zone: ZoneInfo | None = None,
) -> QTextDocument:
    """The screening laid out for printing (see :func:`screening_html`)."""
    body = screening_html(
        screening,
        instrument,
        include_confidential=include_confidential,
        language=language,
        subject=subject,
        obligations=obligations,
        zone=zone,
    )
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    document.setHtml("<html><body>" + body + "</body></html>")
    return document


def screening_pdf(
    screening: Screening,
    instrument: Instrument | None,
    *,
    include_confidential: bool,
    language: str = "en",
    subject: str = "",
    obligations: Sequence[Obligation] = (),
    zone: ZoneInfo | None = None,
) -> bytes:
    document = screening_document(
        screening,
        instrument,
        include_confidential=include_confidential,
        language=language,
        subject=subject,
        obligations=obligations,
        zone=zone,
    )
    return document_to_pdf(
        document, title=QCoreApplication.translate("ScreeningPdf", "CSEC screening")
    )


def save_screening_pdf(
    exports: ExportService,
    destination: Path,
    screening: Screening,
    instrument: Instrument | None,
    *,
    include_confidential: bool,
    language: str,
    obligations: Sequence[Obligation],
    zone: ZoneInfo | None = None,
) -> Path:
    """Render and save (owner-only, atomic, audited as a print). Blocks: run it off-thread."""
    data = screening_pdf(
        screening,
        instrument,
        include_confidential=include_confidential,
        language=language,
        obligations=obligations,
        zone=zone,
    )
    detail = "screening pdf " + ("with confidential" if include_confidential else "redacted")
    return exports.save_document(destination, data, detail=detail, printed=True)


def screening_file_name(screening: Screening) -> str:
    """A default file name with the date and a short id: never a youth's name."""
    return f"csec-screening-{screening.screening_date.isoformat()}-{str(screening.id)[:8]}.pdf"
