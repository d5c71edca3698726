"""The supervisor's sections: the review queue (``page.py``) and the team dashboard
(``gui/dashboard``). Shown only on a device enrolled for a supervisor (``sections.py``)."""
