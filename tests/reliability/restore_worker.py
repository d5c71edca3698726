"""Child process of test_restore_kill: restores a new vault from the county server until it is
SIGKILLed (or the restore ends).

Reads the store's data key (hex) from stdin. Prints ``ready``, then ``page DONE/TOTAL`` after
each pulled page is committed, so the parent can kill it at a random point of the restore.
"""

from __future__ import annotations

import sys
from pathlib import Path

from csec_desktop.sync.client import Progress, SyncPhase
from tests.reliability.sync_support import open_device


def main() -> None:
    db, page_size = Path(sys.argv[1]), int(sys.argv[2])
    key = bytes.fromhex(sys.stdin.readline().strip())
    device = open_device(db, key, pull_page_size=page_size)
    print("ready", flush=True)

    def progress(step: Progress) -> None:
        if step.phase is SyncPhase.PULLING and step.total:
            print(f"page {step.done}/{step.total}", flush=True)

    device.service.sync(progress=progress)
    print("done", flush=True)
    device.close()


if __name__ == "__main__":
    main()
