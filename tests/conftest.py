"""Test-session setup shared by every layer."""

from __future__ import annotations

import os

# Qt must never need a display in tests (CI has none); set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
