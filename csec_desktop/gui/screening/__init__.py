"""The screening wizard (pages built from the instrument definition), its summary, and the
dialogs that start, resume, open and amend screenings."""
