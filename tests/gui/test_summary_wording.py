"""A summary a person reads in seconds: every risk rule of every shipped instrument is walked
(answers built from each question's possible answers, one risk area at a time and all at once),
and no text a person reads — the wizard's summary page and the screening PDF — holds an item id,
an arrow, "met / not met" or a question answered unknown or declined quoted as evidence. The
reasons are worded at display time: a Spanish reader sees Spanish for a screening submitted in
English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pydantic import JsonValue
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from csec_desktop.gui.common.reasons import (
    declined_sentence,
    eligibility_sentences,
    reason_sentences,
)
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.printing.screening_pdf import screening_pdf
from csec_desktop.gui.screening.summary import SummaryPage
from csec_desktop.instruments import Instrument, InstrumentRegistry, ResponseType, compute
from csec_desktop.instruments.model import DECLINED
from csec_desktop.instruments.registry import shipped_instruments_dir
from tests.gui.casework_support import add_youth, casework_for, complete_answers
from tests.gui.test_printing_pdf import pdf_text

FACTS = ({"previously_identified": False}, {"previously_identified": True})
NOT_EVIDENCE = ("unknown", DECLINED)


def _instruments() -> list[Instrument]:
    return [
        entry.instrument for entry in InstrumentRegistry(shipped_instruments_dir(), None).entries()
    ]


def _values(instrument: Instrument, item_id: str) -> list[JsonValue]:
    item = instrument.item(item_id)
    kind = item.type
    declined: list[JsonValue] = [DECLINED] if item.accepts_declined(instrument.format) else []
    if kind is ResponseType.YES_NO_UNKNOWN:
        return ["yes", "no", "unknown", *declined]
    if kind is ResponseType.CONCERN:
        return ["no_concern", "possible_concern", "clear_concern", *declined]
    if kind is ResponseType.SINGLE_CHOICE:
        return [o.value for o in item.options or []] + declined
    if kind is ResponseType.MULTIPLE_CHOICE:
        options = [o.value for o in item.options or []]
        return [[o] for o in options] + [options] + declined
    if kind is ResponseType.NUMBER:
        return sorted({int(item.minimum or 0), 1, 2, 3, 5, 10}) + declined
    return []


def _most_concerning(instrument: Instrument, item_id: str) -> JsonValue:
    item = instrument.item(item_id)
    if item.type is ResponseType.CONCERN:
        return "clear_concern"
    if item.type is ResponseType.NUMBER:
        return 10
    if item.type is ResponseType.MULTIPLE_CHOICE:
        return [o.value for o in item.options or []]
    if item.type is ResponseType.SINGLE_CHOICE:
        return (item.options or [])[0].value
    return "yes"


def answer_sets(instrument: Instrument) -> Iterator[dict[str, JsonValue]]:
    """Every possible answer of each question on a complete 'no concern' baseline; every risk
    area answered at its most concerning; everything at once."""
    base = complete_answers(instrument)
    items = [item.id for item in instrument.items() if item.type is not ResponseType.TEXT]
    for item_id in items:
        for value in _values(instrument, item_id):
            yield {**base, item_id: value}
    for indicator in instrument.indicators:
        yield {**base, **{i: _most_concerning(instrument, i) for i in indicator.items}}
    yield {**base, **{i: _most_concerning(instrument, i) for i in items}}
    yield {
        **base,
        **{i: "unknown" for i in items if _values(instrument, i)[:3][-1:] == ["unknown"]},
    }


def _identifiers(instrument: Instrument) -> list[str]:
    """Ids that cannot be mistaken for a word (single words such as "health" are also titles)."""
    ids = {item.id for item in instrument.items()}
    ids |= {rule.id for rule in instrument.risk_rules}
    ids |= {indicator.id for indicator in instrument.indicators}
    ids |= {element.id.value for element in instrument.eligibility}
    return sorted(i for i in ids if "_" in i)


def assert_readable(text: str, instrument: Instrument) -> None:
    assert "→" not in text
    # A question may say "met" in its own words ("friends caregivers have not met"): only what
    # is outside the quoted questions is the summary's wording.
    wording = re.sub(r"“[^”]*”", "", text)
    for item in instrument.items():  # the PDF's answers list the questions unquoted
        for language in ("en", "es"):
            wording = wording.replace(item.text.get(language), "")
    assert not re.search(r"\bmet\b|\bcumple\b", wording, re.I), wording
    for identifier in _identifiers(instrument):
        assert identifier not in text, identifier


def _reasons(
    instrument: Instrument, answers: dict[str, JsonValue], facts: dict[str, bool], language: str
) -> tuple[list[str], str]:
    result = compute(instrument, answers, facts)
    evidence = reason_sentences(result, instrument, answers, language) + eligibility_sentences(
        result, instrument, answers, language
    )
    return evidence, declined_sentence(result, instrument, language)


@pytest.mark.parametrize("instrument", _instruments(), ids=lambda i: f"{i.id}@{i.version}")
def test_every_rule_path_reads_plainly(instrument: Instrument, qapp: QApplication) -> None:
    fired: set[str] = set()
    questions = {item.id: item.text for item in instrument.items()}
    for answers in answer_sets(instrument):
        for facts in FACTS:
            result = compute(instrument, answers, facts)
            fired |= {hit.id for hit in result.rules_fired}
            for language in ("en", "es"):
                evidence, declined = _reasons(instrument, answers, facts, language)
                text = "\n".join([*evidence, declined])
                assert_readable(text, instrument)
                shown = "\n".join(evidence)
                for item_id, value in answers.items():
                    if isinstance(value, str) and value in NOT_EVIDENCE:  # never evidence
                        assert f"“{questions[item_id].get(language)}”" not in shown, item_id
    # The walk reached every rule of the instrument (a rule never fired was never read).
    assert fired == {rule.id for rule in instrument.risk_rules}


def _one_answer_set_per_rule(instrument: Instrument) -> list[tuple[dict[str, JsonValue], dict]]:
    chosen: dict[str, tuple[dict[str, JsonValue], dict]] = {}
    for answers in answer_sets(instrument):
        for facts in FACTS:
            for hit in compute(instrument, answers, facts).driving_rules:
                chosen.setdefault(hit.id, (answers, facts))
    return list(chosen.values())


def _summary_text(page: SummaryPage) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def test_the_summary_page_and_the_pdf_read_plainly_on_every_driving_rule(
    qtbot: QtBot, session
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    casework = casework_for(session)
    service = casework.screenings
    for instrument in _instruments():
        draft = service.start(youth.id, instrument.id, version=instrument.version)
        for answers, _facts in _one_answer_set_per_rule(instrument):
            page = SummaryPage(zone=casework.policy.zone)
            qtbot.addWidget(page)
            page.show_summary(service.summarize(draft, answers))
            screen = _summary_text(page)
            assert_readable(screen, instrument)
            assert page.proposed_value.text()  # the determination, first
            screening = draft.model_copy(update={"answers": answers})
            printed = pdf_text(screening_pdf(screening, instrument, include_confidential=True))
            assert_readable(printed, instrument)
            assert "Why" in printed


@pytest.fixture
def spanish(qapp: QApplication, english: Translations) -> Iterator[None]:
    spanish = Translations()
    assert spanish.install(qapp, "es")
    yield
    spanish.install(qapp, "en")
    english.install(qapp, "en")


def test_a_spanish_reader_sees_spanish_for_a_screening_submitted_in_english(
    qtbot: QtBot, session, spanish: None
) -> None:  # type: ignore[no-untyped-def]
    youth = add_youth(session)
    english = casework_for(session).screenings  # the screener works in English
    draft = english.start(youth.id, "ca-csec-eligibility-risk")
    instrument = english.instrument_for(draft)
    answers = complete_answers(
        instrument,
        paid_for_sexual_acts="yes",
        exploitation_timing=["before_care"],
        exploitation_current="no",
    )
    confirmed = english.confirm(
        english.answer(draft, answers), received_at=datetime.now(UTC).replace(microsecond=0)
    )
    submitted, _obligations = english.submit(confirmed)
    assert submitted.result is not None
    assert submitted.result.explanation[0].startswith("Risk level")  # stored in English
    printed = pdf_text(
        screening_pdf(submitted, instrument, include_confidential=True, language="es")
    )
    assert "Por qué" in printed
    driving = compute(instrument, answers, {"previously_identified": False}).driving_rules
    rules = {r.id: r for r in instrument.risk_rules}
    rule = rules[driving[0].id]  # the first identification: nobody identified the child before
    assert rule.description.get("es") in printed
    assert rule.description.get("en") not in printed
    page = SummaryPage(language="es")
    qtbot.addWidget(page)
    page.show_determination(submitted, instrument)
    assert rule.description.get("es") in page.explanation.text()
    assert "Risk level" not in _summary_text(page)
