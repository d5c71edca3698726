"""Argon2id settings: the floor, and calibration to this laptop."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csec_desktop.vault import FLOOR_KDF_PARAMS, KdfParams, calibrate_kdf
from csec_desktop.vault.kdf import MIN_ITERATIONS, MIN_MEMORY_COST, measure_kdf


def test_floor_is_64_mib_and_3_passes() -> None:
    assert KdfParams(memory_cost=65_536, iterations=3, lanes=4) == FLOOR_KDF_PARAMS


@pytest.mark.parametrize(
    "settings",
    [{"memory_cost": 65_535}, {"memory_cost": 19_456}, {"iterations": 2}, {"iterations": 0}],
)
def test_settings_below_the_floor_cannot_be_made(settings: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        KdfParams(**settings)


def _linear_laptop(seconds_per_pass: float, overhead: float = 0.04) -> Callable[[KdfParams], float]:
    """A laptop whose derivation time is a fixed overhead plus a cost per pass per 64 MiB."""

    def measure(params: KdfParams) -> float:
        return overhead + seconds_per_pass * params.iterations * params.memory_cost / 65_536

    return measure


@pytest.mark.parametrize("seconds_per_pass", [0.002, 0.021, 0.05, 0.15])
def test_calibration_lands_in_the_window_on_a_predictable_laptop(seconds_per_pass: float) -> None:
    measure = _linear_laptop(seconds_per_pass)
    params = calibrate_kdf(measure=measure)
    assert params.memory_cost == MIN_MEMORY_COST
    assert params.iterations >= MIN_ITERATIONS
    assert 0.5 <= measure(params) <= 1.0


def test_calibration_never_goes_below_the_floor_on_a_slow_laptop() -> None:
    params = calibrate_kdf(measure=lambda _: 3.0)
    assert params == FLOOR_KDF_PARAMS


def test_calibration_can_use_more_memory_but_refuses_silly_amounts() -> None:
    measure = _linear_laptop(0.02)
    params = calibrate_kdf(memory_cost=131_072, measure=measure)
    assert params.memory_cost == 131_072
    with pytest.raises(ValueError):
        calibrate_kdf(memory_cost=1_048_576, measure=measure)


@pytest.mark.slow
def test_real_calibration_costs_at_least_half_a_second_here() -> None:
    params = calibrate_kdf()
    assert params.memory_cost >= MIN_MEMORY_COST
    assert params.iterations >= MIN_ITERATIONS
    assert measure_kdf(params) >= 0.5
