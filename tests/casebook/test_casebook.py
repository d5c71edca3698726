"""The case book (issue 12): each realistic case run in a fresh vault through the services, as
the GUI runs them; category, risk, status, every obligation with its exact due time and state,
identification history, the county report's figures, the CWS/CMS worklist.

A case with ``finding=N`` covers that finding of issue 12 (its test id ends in ``-findingN``):
it fails on the code before the issue (248a2a0), each on the expectation the finding is about
(checked by running this case book there with the old API's names mapped; the report to the
lead records the run).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from csec_desktop.domain import Identification, Track
from csec_desktop.store import Store
from tests import report_facts_check
from tests.casebook.cases_children import CASES as CHILD_CASES
from tests.casebook.cases_clocks import CASES as CLOCK_CASES
from tests.casebook.driver import Case, local, obligation_table, run_case

CASES = [*CLOCK_CASES, *CHILD_CASES]


def _described(identification: Identification) -> str:
    what = (
        identification.category.value
        if identification.category is not None
        else Track.LABOR_TRAFFICKING.value
    )
    if len(identification.timings) > 1:
        what += ": " + ", ".join(t.value for t in identification.timings)
    return what + (" (voided)" if identification.voided else "")


def test_the_case_book_is_big_enough_and_covers_every_finding() -> None:
    assert len(CASES) >= 40
    assert set().union(*(case.findings for case in CASES)) >= set(range(1, 11))
    assert len({case.name for case in CASES}) == len(CASES)


def _case_id(number: int, case: Case) -> str:
    covers = "".join(f"-finding{n}" for n in sorted(case.findings))
    return f"case{number:02d}{covers}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(n, c) for n, c in enumerate(CASES)])
def test_case(case: Case, store: Store, tmp_path: Path) -> None:
    expect = case.expect
    with run_case(case, store, tmp_path) as outcome:
        if expect.refused is None:
            assert outcome.refusals == []
        else:
            assert any(expect.refused in refusal for refusal in outcome.refusals), outcome.refusals
        child = outcome.youth[0]
        latest = outcome.latest_screening(child)
        if expect.finding is not None or expect.risk is not None or expect.status is not None:
            assert latest is not None and latest.determination is not None
            determination = latest.determination
            if expect.finding is not None:
                assert (determination.labor_finding or determination.category) == expect.finding
            if expect.risk is not None:
                assert determination.risk_level is expect.risk
            if expect.status is not None:
                assert determination.status is not None
                assert determination.status.value == expect.status
        if expect.obligations is not None:
            assert obligation_table(outcome.obligations(child), local(expect.now)) == sorted(
                expect.obligations
            )
        if expect.identifications is not None:
            found = [i for y in outcome.youth for i in outcome.identifications(y)]
            found.sort(key=lambda i: (i.information_received_at, str(i.id)))
            assert tuple(_described(i) for i in found) == expect.identifications
        if expect.evidence is not None:
            assert latest is not None
            listed = {
                e.element_id: len(e.evidence.removeprefix("items: ").split(", "))
                if e.evidence
                else 0
                for e in latest.eligibility
            }
            assert {k: listed.get(k, 0) for k in expect.evidence} == expect.evidence
        if expect.declined is not None:
            assert latest is not None
            result = outcome.casework.screenings.compute(latest)
            assert len(result.declined_items) == expect.declined
        if expect.report:
            figures = outcome.report(expect.period)
            assert {key: figures[key] for key in expect.report} == expect.report
        if expect.worklist is not None:
            assert outcome.worklist(expect.period) == expect.worklist
        # The report reads the store's facts table, not the bodies: both say the same, for the
        # case's period and for the years around it (every record of the case).
        assert report_facts_check.disagreements(store) == []
        for period in (expect.period, (date(2020, 1, 1), date(2030, 1, 1))):
            args = (store, outcome.casework.policy, outcome.clock, *period, "Fresno")
            from_facts = report_facts_check.report_from_facts(*args)
            assert from_facts == report_facts_check.report_from_bodies(*args)
