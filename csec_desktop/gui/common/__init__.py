"""What several sections of the GUI share: the services of the open vault, labels and dates,
the operation helper, table helpers and the colour theme."""
