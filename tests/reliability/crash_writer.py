"""Child process for the crash-safety tests: saves records in a loop until it is killed.

Reads the hex data key from stdin (never argv), then for every save that *returned* prints
``saved <uuid> <version>`` and flushes, so the parent knows exactly which saves were durable
before it sent SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from csec_desktop.store import Store
from tests.unit.conftest import make_youth


def main() -> None:
    path = Path(sys.argv[1])
    key = bytes.fromhex(sys.stdin.readline().strip())
    store = Store(path, key, create=not path.exists())
    print("ready", flush=True)
    counter = 0
    youth = None
    while True:
        counter += 1
        if youth is not None and counter % 3 == 0:
            youth = store.save(youth.evolve(preferred_name=f"Edit{counter} DEMO"), actor="crash")
        else:
            youth = store.save(make_youth(given_name=f"Crash{counter} DEMO"), actor="crash")
        print(f"saved {youth.id} {youth.version}", flush=True)


if __name__ == "__main__":
    main()
