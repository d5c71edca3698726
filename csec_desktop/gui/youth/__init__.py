"""The youth screens: the searchable list, the add/edit dialog and the youth's page."""
