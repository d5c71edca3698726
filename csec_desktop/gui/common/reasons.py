"""Why a screening came out as it did, in plain sentences a person reads in seconds.

Rendered at display time in the reader's language (a Spanish reader sees Spanish even for a
screening submitted in English) from the answers and the exact instrument definition, never
from the English lines stored at submission. The same sentences appear in the wizard's summary,
the supervisor's review pane and the screening PDF.

What a sentence may say: the rule's own description, a risk area's title and the *questions*
whose answers support it. Never an item id, never "→", never "met / not met", never the answer
itself (a redacted PDF must not leak a confidential answer through its reasons), and never a
question answered "unknown" or declined as if it were evidence: declined questions are listed
apart, as declined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import JsonValue
from PySide6.QtCore import QCoreApplication

from csec_desktop.domain import ElementFinding, RiskLevel, Screening
from csec_desktop.instruments import Instrument, InstrumentResult, compute
from csec_desktop.instruments.model import DECLINED

_NOT_EVIDENCE = frozenset({"unknown", DECLINED})
_PREVIOUSLY_IDENTIFIED = "previously_identified"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _quoted(questions: Iterable[str]) -> str:
    return "; ".join(f"“{q.strip()}”" for q in questions)


def _level_words(level: RiskLevel) -> str:
    return {
        RiskLevel.NO_CONCERN: QCoreApplication.translate("Reasons", "no concern"),
        RiskLevel.POSSIBLE_CONCERN: QCoreApplication.translate("Reasons", "a possible concern"),
        RiskLevel.CLEAR_CONCERN: QCoreApplication.translate("Reasons", "a clear concern"),
    }[level]


class _Reader:
    def __init__(
        self, result: InstrumentResult, instrument: Instrument, answers: Mapping[str, JsonValue]
    ) -> None:
        self.result = result
        self.instrument = instrument
        self.answers = answers
        self.declined = set(result.declined_items)

    def supports(self, item_id: str) -> bool:
        """Whether the answer to ``item_id`` may be quoted as supporting a finding."""
        answer = self.answers.get(item_id)
        if item_id in self.declined or answer is None:
            return False
        if isinstance(answer, list):
            return not {str(value) for value in answer} <= _NOT_EVIDENCE
        return not (isinstance(answer, str) and answer in _NOT_EVIDENCE)

    def questions(self, item_ids: Iterable[str], language: str) -> list[str]:
        found = []
        for item_id in item_ids:
            if not self.supports(item_id):
                continue
            try:
                found.append(self.instrument.item(item_id).text.get(language))
            except KeyError:
                continue  # an item this definition does not have: never named by its id
        return found


def reason_sentences(
    result: InstrumentResult,
    instrument: Instrument,
    answers: Mapping[str, JsonValue],
    language: str,
) -> list[str]:
    """What set the risk level: the rules at that level, each with the risk areas and
    questions whose answers support it."""
    reader = _Reader(result, instrument, answers)
    rules = {rule.id: rule for rule in instrument.risk_rules}
    titles = {indicator.id: indicator.title.get(language) for indicator in instrument.indicators}
    lines: list[str] = []
    for hit in result.driving_rules:
        rule = rules.get(hit.id)
        if rule is None:
            continue
        lines.append(_sentence(rule.description.get(language)))
        for name in hit.matched_indicators:
            try:
                indicator = result.indicator(name)
            except KeyError:
                continue
            questions = reader.questions(indicator.driving_items, language)
            title = titles.get(name)
            if title is None:
                continue
            if questions:
                text = (
                    QCoreApplication.translate("Reasons", "%1 shows %2, from the answers to %3.")
                    .replace("%1", title)
                    .replace("%2", _level_words(indicator.level))
                    .replace("%3", _quoted(questions))
                )
            else:
                text = (
                    QCoreApplication.translate("Reasons", "%1 shows %2.")
                    .replace("%1", title)
                    .replace("%2", _level_words(indicator.level))
                )
            lines.append(text)
        questions = reader.questions(hit.matched_items, language)
        if questions:
            lines.append(
                QCoreApplication.translate("Reasons", "From the answers to %1.").replace(
                    "%1", _quoted(questions)
                )
            )
    if not lines:
        lines.append(QCoreApplication.translate("Reasons", "No answer points to a concern."))
    return lines


def eligibility_sentences(
    result: InstrumentResult,
    instrument: Instrument,
    answers: Mapping[str, JsonValue],
    language: str,
) -> list[str]:
    """Each eligibility element (W&IC 300(b)(2)) in a sentence: supported by which answers,
    not shown by the answers, or not known yet."""
    reader = _Reader(result, instrument, answers)
    titles = {element.id.value: element.title.get(language) for element in instrument.eligibility}
    lines = []
    for element in result.elements:
        title = titles.get(element.id)
        if title is None:
            continue
        if element.finding is ElementFinding.MET:
            questions = reader.questions(element.evidence_items, language)
            text = (
                QCoreApplication.translate(
                    "Reasons", "%1: yes, the answers to %2 support it."
                ).replace("%2", _quoted(questions))
                if questions
                else QCoreApplication.translate("Reasons", "%1: yes, the answers support it.")
            )
        elif element.finding is ElementFinding.NOT_MET:
            text = QCoreApplication.translate("Reasons", "%1: no, the answers do not show it.")
        else:
            text = QCoreApplication.translate("Reasons", "%1: not known yet from the answers.")
        lines.append(text.replace("%1", title))
    return lines


def declined_sentence(result: InstrumentResult, instrument: Instrument, language: str) -> str:
    """The questions the youth chose not to answer ("" when none): shown as declined, never
    as unknown and never as evidence."""
    questions = []
    for item_id in result.declined_items:
        try:
            questions.append(instrument.item(item_id).text.get(language))
        except KeyError:
            continue
    if not questions:
        return ""
    return QCoreApplication.translate("Reasons", "The youth chose not to answer %1.").replace(
        "%1", _quoted(questions)
    )


def reading_facts(screening: Screening, instrument: Instrument) -> dict[str, bool]:
    """The facts the instrument's conditions knew when this (saved) screening was scored.

    Asking the store now would count identifications made after this screening. So: identified
    before if its determination confirms an earlier identification; else the facts under which
    the rules that set the stored level are the ones its stored explanation names (written in
    the language it was submitted in); else the facts under which every answered question was
    shown."""
    determination = screening.determination
    if (
        determination is not None
        and determination.identification_id is not None
        and not determination.new_identification
    ):
        return {_PREVIOUSLY_IDENTIFIED: True}
    candidates = ({_PREVIOUSLY_IDENTIFIED: False}, {_PREVIOUSLY_IDENTIFIED: True})
    stored = "\n".join(screening.result.explanation) if screening.result is not None else ""
    if stored:
        rules = {rule.id: rule for rule in instrument.risk_rules}
        for facts in candidates:
            driving = compute(instrument, screening.answers, facts).driving_rules
            named = [rules[hit.id].description for hit in driving if hit.id in rules]
            if named and all(d.en in stored or d.es in stored for d in named):
                return facts
    answered = set(screening.answers)
    first, second = candidates
    hidden = answered - compute(instrument, screening.answers, first).visible_items
    if hidden and answered - compute(instrument, screening.answers, second).visible_items < hidden:
        return second
    return first


def screening_reasons(
    screening: Screening, instrument: Instrument, language: str
) -> tuple[InstrumentResult, list[str], list[str], str]:
    """A saved screening read now: (result, reasons, eligibility sentences, declined)."""
    result = compute(instrument, screening.answers, reading_facts(screening, instrument))
    return (
        result,
        reason_sentences(result, instrument, screening.answers, language),
        eligibility_sentences(result, instrument, screening.answers, language),
        declined_sentence(result, instrument, language),
    )


__all__ = [
    "declined_sentence",
    "eligibility_sentences",
    "reading_facts",
    "reason_sentences",
    "screening_reasons",
]
