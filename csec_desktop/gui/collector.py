"""Keep Python's cyclic garbage collector from stalling the screen.

A full collection scans every object the interpreter tracks and holds the interpreter lock while
it does, whichever thread's allocation set it off. With a vault open the app tracks ~90,000
objects (the instrument, the windows and their Qt wrappers, the models); a full collection set
off on the database lane in the middle of an autosave held the lock for 55 to 91 ms
(``bench/bench_gui.py``, docs/benchmarks.md), and the GUI thread, which needs that lock to run
any Python slot, stood still for as long.

Nearly all of those objects live as long as the vault is open. Once the main window is up they
are moved out of the collector's sight (``gc.freeze``: a permanent generation the collector
never scans); what is made later (a wizard, search results) is collected as usual, in
collections that are now small. Locking gives them back to the collector (``gc.unfreeze``): the
closed window's objects are garbage by then and are collected normally.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """After the main window is shown: what exists now lives until the vault is locked."""
    gc.freeze()


def thaw() -> None:
    """At lock and quit: let the collector see (and free) the session's objects again."""
    gc.unfreeze()
