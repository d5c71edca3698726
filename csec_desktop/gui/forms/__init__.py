"""Forms compiled from ``ui/*.ui`` by ``make forms`` (tools/compile_forms.py). Do not edit them."""
