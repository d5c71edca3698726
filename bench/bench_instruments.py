"""Benchmark: scoring a full screening and validating an instrument file.

Targets (issues 3 and 12): computing a full result for the default instrument <= 2 ms median;
validating an instrument file <= 100 ms median. The result is what confirming a screening
computes: the engine's result, the proposal from the child's identification history (here one
earlier identification, so the format-2 "new incident" path runs) and the stored result; for
format 2 (the shipped 2.0.0) and, for comparison, format 1 (1.0.0).
Run with ``.venv/bin/python bench/bench_instruments.py``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

from csec_desktop.domain import CsecCategory, Identification, Track
from csec_desktop.domain.identifying import propose_finding
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

DEFAULT_FILE = resources_dir() / "instruments" / "ca-csec-eligibility-risk@2.0.0.json"
FORMAT_1_FILE = resources_dir() / "instruments" / "ca-csec-eligibility-risk@1.0.0.json"
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


def median_ms(
    action: Callable[[], object],
    *,
    runs: int,
    repeat: int,
    timer: Callable[[], float] = time.perf_counter,
) -> float:
    """Median over ``runs`` of the mean time of ``repeat`` calls, in milliseconds (wall time;
    ``time.process_time`` gives the CPU time, which a busy shared machine disturbs less)."""
    action()  # warm up (compiles the engine, fills caches)
    samples = []
    for _ in range(runs):
        start = timer()
        for _ in range(repeat):
            action()
        samples.append((timer() - start) / repeat * 1000)
    return statistics.median(samples)


def full_result_of(instrument: Instrument) -> Callable[[], object]:
    answers = full_answers(instrument)
    now = datetime.now(UTC)
    youth = uuid4()
    earlier = [
        Identification(
            youth_id=youth,
            track=Track.SEXUAL_EXPLOITATION,
            category=CsecCategory.VICTIM_IN_CARE,
            information_received_at=now - timedelta(days=90),
            identified_by="bench",
            screening_id=uuid4(),
        )
    ]
    own = uuid4()

    def full_result() -> object:
        result = compute(instrument, answers, {"previously_identified": True})
        finding = propose_finding(
            track=instrument.track,
            elements=result.eligibility_elements(),
            risk_level=result.risk_level,
            placement=PlacementType.FOSTER_FAMILY,
            own_identification_id=own,
            earlier=earlier,
            timings=result.exploitation_timings,
            exploited_on=result.exploitation_date,
            exploitation_current=result.exploitation_current,
            new_incident=result.new_incident,
        )
        return to_screening_result(
            result,
            instrument,
            proposed_category=finding.category,
            proposed_labor_finding=finding.labor_finding,
            computed_at=now,
        )

    return full_result


def main() -> None:
    instrument = load_instrument_file(DEFAULT_FILE)
    full_result = full_result_of(instrument)
    format_1 = full_result_of(load_instrument_file(FORMAT_1_FILE))
    data = DEFAULT_FILE.read_bytes()

    def validate() -> object:
        found, problems = check_instrument_bytes(data)
        assert found is not None and not problems
        return found

    compute_ms = median_ms(full_result, runs=15, repeat=50)
    compute_cpu_ms = median_ms(full_result, runs=15, repeat=50, timer=time.process_time)
    format_1_ms = median_ms(format_1, runs=15, repeat=50)
    validate_ms = median_ms(validate, runs=15, repeat=5)
    items = len(instrument.items())
    print(f"instrument: {instrument.id} {instrument.version} ({items} items, {len(data)} bytes)")
    print(
        f"compute full result: median {compute_ms:.3f} ms "
        f"(target <= {COMPUTE_TARGET_MS} ms, {compute_ms / COMPUTE_TARGET_MS:.2f}x of target)"
    )
    print(f"compute full result, CPU time: median {compute_cpu_ms:.3f} ms")
    print(f"compute full result, format 1 (1.0.0) for comparison: median {format_1_ms:.3f} ms")
    print(
        f"validate instrument file: median {validate_ms:.3f} ms "
        f"(target <= {VALIDATE_TARGET_MS} ms, {validate_ms / VALIDATE_TARGET_MS:.2f}x of target)"
    )


if __name__ == "__main__":
    main()
