"""A caseworker saves a screening as PDF from the youth page: confidential answers are left out
unless included, the file is owner-only, and the save is audited as a print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from csec_desktop.domain import AuditAction
from tests.gui.casework_support import (
    DEFAULT_INSTRUMENT,
    add_youth,
    casework_for,
    complete_answers,
    show_youth,
)
from tests.gui.test_printing_pdf import pdf_streams, pdf_text

SECRET = "CONFIDENTIAL-NOTE-5521"


def _screening_with_a_confidential_answer(session):  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    service = casework_for(session).screenings
    draft = service.start(youth.id, DEFAULT_INSTRUMENT)
    answers = complete_answers(
        service.instrument_for(draft),
        induced_commercial_sex="yes",
        exploitation_notes=SECRET,
    )
    return service.answer(draft, answers)


def _save(qtbot: QtBot, controller, target: Path, *, include: bool):  # type: ignore[no-untyped-def]
    page = show_youth(qtbot, controller)
    panel = page.casework.screenings
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=10_000)
    panel.list.setCurrentRow(0)
    assert panel.pdf_button.isEnabled()

    def options(dialog):  # type: ignore[no-untyped-def]
        dialog.include.setChecked(include)
        return QDialog.DialogCode.Accepted

    panel.ask_print_options = options
    panel.ask_save_path = lambda suggested: target
    panel.pdf_button.click()
    qtbot.waitUntil(lambda: target.exists() and "Saved" in panel.message.text(), timeout=15_000)
    return target.read_bytes()


def test_saved_pdf_leaves_confidential_answers_out(
    qtbot: QtBot, unlocked, session, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _screening_with_a_confidential_answer(session)
    target = tmp_path / "out" / "screening.pdf"
    target.parent.mkdir()
    data = _save(qtbot, unlocked, target, include=False)
    assert data.startswith(b"%PDF")
    assert SECRET not in pdf_text(data)
    assert SECRET.encode() not in pdf_streams(data)
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["screening.pdf"]  # no temp file
    last = session.store.audit_events()[-1]
    assert last.action is AuditAction.PRINT and "redacted" in last.detail


def test_saved_pdf_includes_them_when_asked(
    qtbot: QtBot, unlocked, session, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _screening_with_a_confidential_answer(session)
    data = _save(qtbot, unlocked, tmp_path / "screening.pdf", include=True)
    assert SECRET in pdf_text(data)
    assert "with confidential" in session.store.audit_events()[-1].detail
