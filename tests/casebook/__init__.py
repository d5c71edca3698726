"""The case book: realistic cases, each named by its facts, run through the services as the GUI
runs them (see ``driver``)."""
