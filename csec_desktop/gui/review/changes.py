"""What changed since the supervisor returned a screening, in words: the question (not its id),
the answers as the screen shows them, the determination's and the eligibility's values as labels
(never a stored code such as ``victim_before_care`` or a record dumped as text)."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import CsecCategory, ElementFinding, ExploitationTiming, RiskLevel
from csec_desktop.gui.common.labels import category_label, element_finding_label, risk_label
from csec_desktop.gui.printing.screening_pdf import answer_text
from csec_desktop.instruments.model import Instrument
from csec_desktop.services.review import Change


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _determination_value(key: str, value: Any) -> str:
    with contextlib.suppress(ValueError, TypeError):
        if key == "category":
            return category_label(CsecCategory(value))
        if key == "risk_level":
            return risk_label(RiskLevel(value))
        if key == "timing":
            return timing_words(ExploitationTiming(value))
    return str(value)


def timing_words(value: ExploitationTiming) -> str:
    return {
        ExploitationTiming.BEFORE_CARE: QCoreApplication.translate(
            "ReviewChanges", "Before entering care"
        ),
        ExploitationTiming.WHILE_IN_CARE: QCoreApplication.translate(
            "ReviewChanges", "While in care"
        ),
        ExploitationTiming.WHILE_ABSENT: QCoreApplication.translate(
            "ReviewChanges", "While absent from placement"
        ),
        ExploitationTiming.UNKNOWN: QCoreApplication.translate("ReviewChanges", "Not known"),
    }.get(value, QCoreApplication.translate("ReviewChanges", "Not known"))


def _determination_what(key: str) -> str:
    return {
        "category": QCoreApplication.translate("ReviewChanges", "Category"),
        "risk_level": QCoreApplication.translate("ReviewChanges", "Risk level"),
        "override_reason": QCoreApplication.translate(
            "ReviewChanges", "Reason for a different category"
        ),
        "timing": QCoreApplication.translate("ReviewChanges", "When the exploitation happened"),
    }.get(key, QCoreApplication.translate("ReviewChanges", "Determination"))


def change_row(
    change: Change, instrument: Instrument | None, language: str
) -> tuple[str, str, str]:
    """(what, before, now) for one change, in words."""
    dash = "—"

    def shown(value: Any, word: Any) -> str:
        return dash if _empty(value) else str(word(value))

    if change.what == "answer":
        what = QCoreApplication.translate("ReviewChanges", "An answer")
        item = None
        if instrument is not None:
            with contextlib.suppress(KeyError):
                item = instrument.item(change.key)
                what = item.text.get(language)
        if item is None:
            return (
                what,
                shown(
                    change.before,
                    lambda _v: QCoreApplication.translate("ReviewChanges", "(answered)"),
                ),
                shown(
                    change.after,
                    lambda _v: QCoreApplication.translate("ReviewChanges", "(answered)"),
                ),
            )
        return (
            what,
            shown(change.before, lambda v: answer_text(item, v, language)),
            shown(change.after, lambda v: answer_text(item, v, language)),
        )
    if change.what == "determination":
        return (
            _determination_what(change.key),
            shown(change.before, lambda v: _determination_value(change.key, v)),
            shown(change.after, lambda v: _determination_value(change.key, v)),
        )
    if change.what == "eligibility":
        what = QCoreApplication.translate("ReviewChanges", "Eligibility")
        if instrument is not None:
            titles = {e.id.value: e.title.get(language) for e in instrument.eligibility}
            what = titles.get(change.key, what)

        def finding(value: Any) -> str:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                return element_finding_label(ElementFinding(value.get("finding")))
            return QCoreApplication.translate("ReviewChanges", "(changed)")

        return what, shown(change.before, finding), shown(change.after, finding)
    return (
        QCoreApplication.translate("ReviewChanges", "Notes"),
        shown(change.before, str),
        shown(change.after, str),
    )


__all__ = ["change_row", "timing_words"]
