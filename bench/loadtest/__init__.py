"""The county server's load benchmark (issue 16): Locust scenarios, their plans and their results.

- ``records``: realistic push bodies (the project's own demo seeder, marked fake data);
- ``plan``: who pushes what and when, for each scenario (pure: no Locust, no database);
- ``locustfile``: the Locust users that carry a plan out against ``csec-county-server serve``;
- ``results``: the raw timings each Locust process writes, and the figures made of them;
- ``harness``: databases, the server process, Locust runs, CPU accounting;
- ``limits``: what the database itself takes for the same rows (executemany, COPY);
- ``profile``: py-spy on the server's workers, summarised by where a push spends its time.

``bench/server_load.py`` is the one command that runs them and prints the table.
"""
