"""Child process of test_sync_kill: edits and syncs a vault in a loop until it is SIGKILLed.

Reads the store's data key (hex) from stdin. Prints ``ready``, then one line per finished step
(``saved`` or ``synced``), so the parent can kill it at a random point of the work.
"""

from __future__ import annotations

import contextlib
import random
import sys
from pathlib import Path

from csec_desktop.domain import Youth
from csec_desktop.sync.client import SyncError
from tests.reliability.sync_support import make_youth, open_device


def main() -> None:
    db, seed = Path(sys.argv[1]), int(sys.argv[2])
    key = bytes.fromhex(sys.stdin.readline().strip())
    device = open_device(db, key, batch_size=int(sys.argv[3]))
    rng = random.Random(seed)
    print("ready", flush=True)
    while True:
        fresh = [make_youth(rng.randrange(1_000_000)) for _ in range(rng.randint(1, 30))]
        device.store.save_many(fresh, actor="cw")
        for youth in device.store.records(Youth, limit=rng.randint(0, 3)):
            device.store.save(youth.evolve(preferred_name=f"v{youth.version + 1}"), actor="cw")
        print("saved", flush=True)
        with contextlib.suppress(SyncError):
            device.service.sync()
        print("synced", flush=True)


if __name__ == "__main__":
    main()
