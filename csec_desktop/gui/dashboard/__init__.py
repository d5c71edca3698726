"""The supervisor's team dashboard (``page.py``), drawn with ``gui/printing/charts.py``."""
