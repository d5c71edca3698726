"""Benchmark: scoring a full screening and validating an instrument file.

Targets (issue 3): computing a full result for the default instrument <= 2 ms median; validating
an instrument file <= 100 ms median. Run with ``.venv/bin/python bench/bench_instruments.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from csec_desktop.domain.determination import propose_category
from csec_desktop.domain.youth import PlacementType
from csec_desktop.instruments import (
    Instrument,
    ResponseType,
    check_instrument_bytes,
    compute,
    load_instrument_file,
    to_screening_result,
)
from csec_desktop.paths import resources_dir

DEFAULT_FILE = resources_dir() / "instruments" / "ca-csec-eligibility-risk@1.0.0.json"
COMPUTE_TARGET_MS = 2.0
VALIDATE_TARGET_MS = 100.0


def full_answers(instrument: Instrument) -> dict[str, Any]:
    """Every item answered with a concerning answer, so every follow-up is visible and scored."""
    answers: dict[str, Any] = {}
    for item in instrument.items():
        options = [option.value for option in item.options or []]
        answers[item.id] = {
            ResponseType.YES_NO_UNKNOWN: "yes",
            ResponseType.CONCERN: "clear_concern",
            ResponseType.SINGLE_CHOICE: options[0] if options else None,
            ResponseType.MULTIPLE_CHOICE: options[:2],
            ResponseType.DATE: "2025-03-01",
            ResponseType.NUMBER: 3,
            ResponseType.TEXT: "Observed at the placement.",
        }[item.type]
    return answers


def median_ms(action: Callable[[], object], *, runs: int, repeat: int) -> float:
    """Median over ``runs`` of the mean time of ``repeat`` calls, in milliseconds."""
    action()  # warm up (compiles the engine, fills caches)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            action()
        samples.append((time.perf_counter() - start) / repeat * 1000)
    return statistics.median(samples)


def main() -> None:
    instrument = load_instrument_file(DEFAULT_FILE)
    answers = full_answers(instrument)
    now = datetime.now(UTC)

    def full_result() -> object:
        result = compute(instrument, answers)
        proposal = propose_category(
            result.eligibility_elements(),
            result.risk_level,
            PlacementType.FOSTER_FAMILY,
            timing=result.exploitation_timing,
            exploited_on=result.exploitation_date,
        )
        return to_screening_result(
            result, instrument, proposed_category=proposal.category, computed_at=now
        )

    data = DEFAULT_FILE.read_bytes()

    def validate() -> object:
        found, problems = check_instrument_bytes(data)
        assert found is not None and not problems
        return found

    compute_ms = median_ms(full_result, runs=15, repeat=50)
    validate_ms = median_ms(validate, runs=15, repeat=5)
    items = len(instrument.items())
    print(f"instrument: {instrument.id} {instrument.version} ({items} items, {len(data)} bytes)")
    print(
        f"compute full result: median {compute_ms:.3f} ms "
        f"(target <= {COMPUTE_TARGET_MS} ms, {compute_ms / COMPUTE_TARGET_MS:.2f}x of target)"
    )
    print(
        f"validate instrument file: median {validate_ms:.3f} ms "
        f"(target <= {VALIDATE_TARGET_MS} ms, {validate_ms / VALIDATE_TARGET_MS:.2f}x of target)"
    )


if __name__ == "__main__":
    main()
