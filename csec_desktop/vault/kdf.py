"""Turning a passphrase into a key-encryption key with Argon2id, and choosing how costly that is.

The cost is the vault's main defence if a laptop is lost: every guess at the passphrase costs an
attacker one derivation. So the app calibrates it once, when the vault is created, to take about
half a second to a second on the laptop itself (a wait a caseworker accepts once per unlock), and
never goes below a fixed floor of 64 MiB and 3 passes whatever the laptop. The floor is also
enforced when a key file is read, so an edited key file cannot make guessing cheaper.

The derived key is kept only for as long as it takes to wrap or unwrap the data keys. Python cannot
reliably wipe memory (``bytes`` are immutable and the cryptography library makes its own copies), so
"transient" means: never stored on an object, never returned to callers, dropped at once.
"""

from __future__ import annotations

import math
import os
import time
import unicodedata
from collections.abc import Callable
from typing import Self

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from pydantic import Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from csec_desktop.vault._codec import FileModel
from csec_desktop.vault.errors import EmptyPassphrase

KEY_LENGTH = 32  # bytes: AES-256 key-encryption key
SALT_LENGTH = 16

# The floor: OWASP's Argon2id guidance starts at 19 MiB; we ask for more because a vault holds
# screenings of exploited minors and one unlock per session is cheap for the user.
MIN_MEMORY_COST = 65_536  # KiB = 64 MiB
MIN_ITERATIONS = 3
DEFAULT_LANES = 4
# Ceilings exist only so a tampered key file cannot demand absurd memory or time (a denial of
# service); calibration stays far below them.
MAX_MEMORY_COST = 1_048_576  # KiB = 1 GiB
MAX_ITERATIONS = 1_000
MAX_LANES = 16
# Calibration keeps memory in this band and raises passes instead: more memory hurts attackers'
# hardware most, but 256 MiB is what a 2-core county laptop with 8 GB can spare without swapping.
CALIBRATION_MAX_MEMORY_COST = 262_144  # KiB = 256 MiB

TARGET_SECONDS = 0.65
MIN_SECONDS = 0.5
MAX_SECONDS = 1.0
_CALIBRATION_ROUNDS = 6


KDF_BELOW_FLOOR = "kdf_below_floor"  # the pydantic error type of a below-floor setting


class KdfParams(FileModel):
    """Argon2id cost settings. Construction refuses anything below the floor.

    ``memory_cost`` is in KiB (Argon2's unit), ``iterations`` is the number of passes over that
    memory, ``lanes`` the parallelism.
    """

    memory_cost: StrictInt = Field(default=MIN_MEMORY_COST, le=MAX_MEMORY_COST)
    iterations: StrictInt = Field(default=MIN_ITERATIONS, le=MAX_ITERATIONS)
    lanes: StrictInt = Field(default=DEFAULT_LANES, ge=1, le=MAX_LANES)

    @model_validator(mode="after")
    def _not_below_floor(self) -> Self:
        # One custom error type, so the key file loader can tell "downgraded" from "malformed".
        if self.memory_cost < MIN_MEMORY_COST or self.iterations < MIN_ITERATIONS:
            raise PydanticCustomError(KDF_BELOW_FLOOR, "key-derivation settings below the minimum")
        return self

    def cost_only(self) -> KdfParams:
        """Just the cost settings (a subclass that also carries a salt drops it)."""
        return KdfParams(memory_cost=self.memory_cost, iterations=self.iterations, lanes=self.lanes)


FLOOR_KDF_PARAMS = KdfParams()


def encode_passphrase(passphrase: str) -> bytes:
    """The passphrase as bytes, NFC-normalised.

    Normalising means the same passphrase typed on a keyboard that composes accents differently
    (``é`` as one code point or as ``e`` plus a combining accent) still opens the vault.
    """
    if not passphrase:
        raise EmptyPassphrase()
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key for ``passphrase``. Callers must not keep it beyond the call."""
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_cost,
    )
    return kdf.derive(encode_passphrase(passphrase))


def measure_kdf(params: KdfParams) -> float:
    """Wall-clock seconds one derivation with ``params`` takes here, now."""
    start = time.perf_counter()
    derive_kek("calibration", bytes(SALT_LENGTH), params)
    return time.perf_counter() - start


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def estimate_quiet_seconds(params: KdfParams) -> float:
    """What one derivation would take on this laptop with nothing else running (a lower bound).

    The derivation runs its lanes on several threads, so on a busy laptop its wall-clock time
    grows with everything else that runs, while the CPU work it does stays the same. That work
    spread over at most ``min(lanes, cores)`` threads is a lower bound on the wall-clock time of a
    quiet run; the measured wall-clock time is an upper bound. The smaller of the two is used, so
    a busy moment during calibration cannot make the chosen settings cheaper than intended.
    """
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    derive_kek("calibration", bytes(SALT_LENGTH), params)
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    return min(wall, cpu / min(params.lanes, _usable_cores()))


def calibrate_kdf(
    *,
    memory_cost: int = MIN_MEMORY_COST,
    lanes: int = DEFAULT_LANES,
    target_seconds: float = TARGET_SECONDS,
    min_seconds: float = MIN_SECONDS,
    max_seconds: float = MAX_SECONDS,
    measure: Callable[[KdfParams], float] = estimate_quiet_seconds,
) -> KdfParams:
    """Settings whose derivation takes ``min_seconds``-``max_seconds`` here, aiming at the target.

    Memory stays at ``memory_cost`` (64-256 MiB) and the number of passes is scaled, because time is
    close to linear in passes. Times are those of a quiet laptop (``estimate_quiet_seconds``, the
    quicker of two runs): a run slowed by other work would otherwise make the result too cheap for
    the quiet machine an attacker would use, so a busy laptop may see unlocks a little over the
    window. On a laptop so slow that the floor itself takes longer than ``max_seconds``, the floor
    wins: it is never lowered. Takes a few seconds; call it once, when a vault is created.
    """
    if not MIN_MEMORY_COST <= memory_cost <= CALIBRATION_MAX_MEMORY_COST:
        raise ValueError("calibration memory must be between 64 MiB and 256 MiB")
    if not 0 < min_seconds <= target_seconds <= max_seconds:
        raise ValueError("calibration times must satisfy 0 < min <= target <= max")

    def settings(iterations: int) -> KdfParams:
        return KdfParams(memory_cost=memory_cost, iterations=iterations, lanes=lanes)

    def seconds(iterations: int) -> float:
        return min(measure(settings(iterations)), measure(settings(iterations)))

    # Accept only the upper part of the window, so ordinary jitter cannot push a result below it.
    accept_from = (min_seconds + target_seconds) / 2
    measured: dict[int, float] = {}
    iterations = MIN_ITERATIONS
    for _ in range(_CALIBRATION_ROUNDS):
        elapsed = measured[iterations] = seconds(iterations)
        if accept_from <= elapsed <= max_seconds:
            return settings(iterations)
        if elapsed > max_seconds and iterations == MIN_ITERATIONS:
            return settings(iterations)  # a slow laptop: the floor is never lowered
        iterations = _next_guess(measured, iterations, target_seconds)
    # Measurements kept disagreeing (a busy laptop): the cheapest setting seen to be slow enough,
    # else the costliest one tried.
    slow_enough = [n for n, elapsed in measured.items() if elapsed >= min_seconds]
    return settings(min(slow_enough) if slow_enough else max(measured))


def _next_guess(measured: dict[int, float], last: int, target_seconds: float) -> int:
    """The number of passes expected to take ``target_seconds``.

    Time is close to ``fixed overhead + cost per pass * passes``; with two measurements the line
    through them is used, with one a straight proportion (which overshoots a little, harmlessly).
    """
    guess = math.ceil(last * target_seconds / max(measured[last], 1e-3))
    others = [n for n in measured if n != last]
    if others:
        previous = others[-1]
        per_pass = (measured[last] - measured[previous]) / (last - previous)
        if per_pass > 0:
            overhead = measured[last] - per_pass * last
            guess = math.ceil((target_seconds - overhead) / per_pass)
    if guess == last:
        guess += 1 if measured[last] < target_seconds else -1
    return max(MIN_ITERATIONS, min(MAX_ITERATIONS, guess))
