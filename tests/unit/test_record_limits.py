"""Size limits per record type, the same on the laptop and the server (issue 14, finding 11)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from csec_desktop.domain import (
    CsecCategory,
    Determination,
    ElementFinding,
    EligibilityElement,
    RiskLevel,
    Screening,
    ScreeningStatus,
    Youth,
    utcnow,
)
from csec_desktop.domain.limits import RECORD_BYTE_LIMITS, batches_within, size_problem
from csec_desktop.store import RecordTooLarge, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "vault.db", os.urandom(32), create=True)
    yield opened  # type: ignore[misc]
    opened.close()


def _youth() -> Youth:
    return Youth(
        given_name="Ana", family_name="Ruiz", date_of_birth=date(2010, 1, 1), county="Fresno"
    )


def _screening(youth: Youth, **changes: object) -> Screening:
    now = utcnow()
    values: dict[str, object] = {
        "youth_id": youth.id, "instrument_id": "csec-default", "instrument_version": "1.0",
        "screening_date": date(2026, 1, 5), "screener": "cw1", "status": ScreeningStatus.SUBMITTED,
        "determination": Determination(
            category=CsecCategory.AT_RISK, risk_level=RiskLevel.POSSIBLE_CONCERN,
            confirmed_by="cw1", confirmed_at=now,
        ),
        "submitted_at": now,
    }  # fmt: skip
    values.update(changes)
    return Screening(**values)  # type: ignore[arg-type]


def test_the_longest_screening_the_fields_allow_fits(store: Store) -> None:
    """Every text field at its maximum, in accented Spanish (two bytes a letter)."""
    youth = store.save(_youth(), actor="cw1")
    full = _screening(
        youth,
        notes="é" * 20_000,
        eligibility=[
            EligibilityElement(element_id=name, finding=ElementFinding.MET, evidence="ñ" * 10_000)
            for name in ("sexually_trafficked", "exchange_for_sexual_acts", "failure_to_protect")
        ],
        answers={f"item_{n}": "sí, " * 50 for n in range(120)},
    )
    assert store.save(full, actor="cw1").version == 1


def test_an_oversized_screening_is_refused_by_the_store_naming_the_limit(store: Store) -> None:
    youth = store.save(_youth(), actor="cw1")
    huge = _screening(youth, answers={"free_text": "x" * (600 * 1024)})
    with pytest.raises(RecordTooLarge) as refused:
        store.save(huge, actor="cw1")
    assert str(refused.value) == "a screening record may be at most 512 KiB; this one is 601 KiB"
    assert "x" * 20 not in str(refused.value)
    assert store.outbox_counts().pending == 1  # the youth only


def test_every_pushed_record_type_has_its_own_limit() -> None:
    from csec_desktop.domain import RECORD_TYPES

    assert set(RECORD_TYPES) <= set(RECORD_BYTE_LIMITS)
    assert size_problem("youth", 16 * 1024) is None
    assert size_problem("youth", 16 * 1024 + 1) == (
        "a youth record may be at most 16 KiB; this one is 16 KiB"
    )
    assert size_problem("screening", 30 * 1024 * 1024) == (
        "a screening record may be at most 512 KiB; this one is 30.0 MiB"
    )


def test_push_batches_are_split_to_stay_under_the_budget() -> None:
    assert batches_within([], 10) == []
    assert batches_within([4, 4, 4, 4], 10) == [(0, 2), (2, 4)]
    assert batches_within([4, 20, 4], 10) == [(0, 1), (1, 2), (2, 3)]
    assert batches_within([10, 0, 1], 10) == [(0, 2), (2, 3)]
