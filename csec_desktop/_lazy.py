"""A package's public names, imported from its modules on first use (PEP 562).

``domain`` and ``services`` use it: the app imports a few small modules of each before its first
window, and importing a package must not load every model, the store and the instruments.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str,
    where: Mapping[str, str],
    computed: Mapping[str, Callable[[], Any]] | None = None,
) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``where`` maps a name to the submodule that
    defines it; ``computed`` maps a name to a function that builds its value. Each value is
    kept in the package once loaded."""

    def __getattr__(name: str) -> Any:
        if computed is not None and name in computed:
            value = computed[name]()
        else:
            module = where.get(name)
            if module is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
