"""What one guess at the county recovery key's passphrase costs, old file format against new.

An attacker with a copy of the private key file tries passphrases offline; each try costs one key
derivation. Figures: one PBKDF2 derivation as ``cryptography``'s "best available" PKCS#8
encryption does it (the old format: PBKDF2-HMAC-SHA256, 2,048 iterations), one Argon2id derivation
at the vault floor (64 MiB, 3 passes), and one at the settings ``recovery-keygen`` calibrates here
(256 MiB), each a median of repeated runs, and the ratios. Run:
``.venv/bin/python bench/bench_recovery_kdf.py``.
"""

from __future__ import annotations

from common import median_ms, report, time_each  # type: ignore[import-not-found]
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from csec_desktop.vault.kdf import FLOOR_KDF_PARAMS, KdfParams, derive_kek
from csec_desktop.vault.recovery_file import calibrate_recovery_kdf

REPEATS = 7
LEGACY_ITERATIONS = 2048  # what cryptography's BestAvailableEncryption used for PKCS#8


def _pbkdf2() -> None:
    PBKDF2HMAC(hashes.SHA256(), 32, bytes(16), LEGACY_ITERATIONS).derive(b"a guess")


def _argon2(params: KdfParams) -> None:
    derive_kek("a guess", bytes(16), params)


def main() -> None:
    legacy = median_ms(time_each(_pbkdf2, REPEATS))
    floor = median_ms(time_each(lambda: _argon2(FLOOR_KDF_PARAMS), REPEATS))
    calibrated = calibrate_recovery_kdf()
    new = median_ms(time_each(lambda: _argon2(calibrated), REPEATS))
    report("old format: PBKDF2-SHA256, 2,048 iterations", legacy, "ms")
    report("Argon2id at the vault floor (64 MiB, 3 passes)", floor, "ms")
    report(
        f"recovery key: Argon2id {calibrated.memory_cost // 1024} MiB, "
        f"{calibrated.iterations} passes",
        new,
        "ms",
    )
    report("one guess now costs, times the old format", new / legacy, "x")
    report("memory per guess, old -> new (MiB)", calibrated.memory_cost / 1024, "MiB")


if __name__ == "__main__":
    main()
