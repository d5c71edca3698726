"""The supervisor's team caseload (issue 13's caseload service, issue 15's window)."""
