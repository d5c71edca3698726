"""Missing-from-care episodes on the youth's page: start, end (then the return screening), and
the report to law enforcement / NCMEC."""
