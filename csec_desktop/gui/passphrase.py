"""The one passphrase rule, shared with ``csec-admin`` (it lives in the headless core)."""

from csec_desktop.domain.passphrase import (
    COMMON,
    GOOD_LENGTH,
    MIN_LENGTH,
    STRONG_LENGTH,
    Assessment,
    Hint,
    assess,
)

__all__ = ["COMMON", "GOOD_LENGTH", "MIN_LENGTH", "STRONG_LENGTH", "Assessment", "Hint", "assess"]
