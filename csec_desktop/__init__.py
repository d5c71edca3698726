"""CSEC Desktop: offline-first CSEC screening and risk-education log for county child welfare."""

__version__ = "0.1.0"
