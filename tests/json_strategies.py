"""Hypothesis strategies shared by the tests of JSON handling (canonical text, answer values)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def json_containers(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Leaves, and lists and string-keyed objects of them, nested: small JSON-shaped values."""
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=6), children, max_size=4)
        ),
        max_leaves=12,
    )
