"""Keyboard order: Tab follows the screen, top to bottom and left to right."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


def tab_chain(widgets: Iterable[QWidget]) -> None:
    """Make Tab visit ``widgets`` in this order (each after the one before it)."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)
