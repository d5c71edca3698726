"""The growing wait after wrong passphrases, with an injected clock: no test ever sleeps."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from csec_desktop.vault import (
    KEY_FILE_NAME,
    KdfParams,
    KeyFile,
    UnlockThrottle,
    WrongPassphrase,
)
from csec_desktop.vault.throttle import THROTTLE_FILE_NAME, delay_after

PASSPHRASE = "throttle test passphrase"


class FakeTime:
    """A clock that only moves when told to, and a sleep that just records and advances it."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def throttle(tmp_path: Path, fake_time: FakeTime) -> UnlockThrottle:
    return UnlockThrottle.beside(
        tmp_path / KEY_FILE_NAME, clock=fake_time.clock, sleep=fake_time.sleep
    )


def test_delays_are_free_for_three_failures_then_double_up_to_a_minute() -> None:
    delays = [delay_after(failures) for failures in range(12)]
    assert delays == [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert delay_after(10_000) == 60


def test_wait_grows_with_each_failure_and_counts_down(
    throttle: UnlockThrottle, fake_time: FakeTime
) -> None:
    waits = []
    for _ in range(7):
        throttle.record_failure()
        waits.append(throttle.seconds_to_wait())
    assert waits == [0, 0, 0, 1, 2, 4, 8]

    fake_time.now += 3
    assert throttle.seconds_to_wait() == 5
    throttle.wait()
    assert fake_time.slept == [5]
    assert throttle.seconds_to_wait() == 0


def test_state_survives_a_restart(
    tmp_path: Path, throttle: UnlockThrottle, fake_time: FakeTime
) -> None:
    for _ in range(5):
        throttle.record_failure()
    restarted = UnlockThrottle.beside(
        tmp_path / KEY_FILE_NAME, clock=fake_time.clock, sleep=fake_time.sleep
    )
    assert restarted.failures == 5
    assert restarted.seconds_to_wait() == 2


def test_success_resets(throttle: UnlockThrottle) -> None:
    for _ in range(6):
        throttle.record_failure()
    throttle.record_success()
    assert throttle.failures == 0
    assert throttle.seconds_to_wait() == 0
    assert not throttle.state_path.exists()


def test_clock_set_backwards_neither_skips_nor_stretches_the_wait(
    throttle: UnlockThrottle, fake_time: FakeTime
) -> None:
    for _ in range(5):
        throttle.record_failure()
    fake_time.now -= 3600
    assert throttle.seconds_to_wait() == 2


def test_state_file_is_tiny_private_and_holds_no_personal_data(
    throttle: UnlockThrottle, fake_time: FakeTime
) -> None:
    throttle.record_failure()
    assert throttle.state_path.name == THROTTLE_FILE_NAME
    assert stat.S_IMODE(throttle.state_path.stat().st_mode) == 0o600
    state = json.loads(throttle.state_path.read_bytes())
    assert state == {
        "format": "csec-desktop-unlock-throttle",
        "version": 1,
        "failures": 1,
        "last_failure_at": fake_time.now,
    }


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"failures": -4}', b"[]"])
def test_unreadable_state_counts_as_no_failures(throttle: UnlockThrottle, content: bytes) -> None:
    throttle.state_path.write_bytes(content)
    assert throttle.failures == 0
    assert throttle.seconds_to_wait() == 0
    throttle.record_failure()
    assert throttle.failures == 1


def test_unlock_with_throttle_waits_counts_and_resets(
    tmp_path: Path, throttle: UnlockThrottle, fake_time: FakeTime
) -> None:
    path = tmp_path / KEY_FILE_NAME
    KeyFile.create(path, PASSPHRASE, kdf_params=KdfParams())
    key_file = KeyFile.load(path)

    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            key_file.unlock("guess", throttle=throttle)
    assert throttle.failures == 4
    assert fake_time.slept == []

    with pytest.raises(WrongPassphrase):
        key_file.unlock("guess", throttle=throttle)
    assert fake_time.slept == [1]  # the fifth attempt waited out the fourth failure's delay

    key_file.unlock(PASSPHRASE, throttle=throttle)
    assert fake_time.slept == [1, 2]
    assert throttle.failures == 0


def test_parallel_attempts_take_turns_and_each_pays_its_delay(tmp_path: Path) -> None:
    """Issue 14, finding 13: four wrong passphrases tried at once (say four scripts) used to pass
    the same wait together and could lose counts; now they queue, and the n-th waits the delay
    the failures before it earned."""
    import threading

    path = tmp_path / KEY_FILE_NAME
    KeyFile.create(path, PASSPHRASE, kdf_params=KdfParams())
    clock = 1_800_000_000.0
    waits: list[float] = []
    lock = threading.Lock()

    def record(seconds: float) -> None:
        with lock:
            waits.append(seconds)

    def make() -> UnlockThrottle:
        return UnlockThrottle.beside(path, clock=lambda: clock, sleep=record)

    setup = make()
    for _ in range(3):
        setup.record_failure()  # three free mistakes already made
    start = threading.Barrier(4)

    def attempt() -> None:
        key_file = KeyFile.load(path)
        start.wait()
        with pytest.raises(WrongPassphrase):
            key_file.unlock("a guess", throttle=make())

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert setup.failures == 7  # no count lost
    assert sorted(waits) == [1.0, 2.0, 4.0]  # the first went at once; the others queued
