"""The Obligations section: what is due and overdue across the caseload, with live countdowns."""
