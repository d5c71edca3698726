"""Child process: unlocks a vault and rotates its data key over and over until killed.

The passphrase comes on stdin (never argv). Prints ``rotated`` after each completed rotation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from csec_desktop.services.vault_session import VaultSession


def main() -> None:
    data_dir = Path(sys.argv[1])
    passphrase = sys.stdin.readline().rstrip("\n")
    session = VaultSession.open(data_dir, passphrase, actor="rotation-test")
    print("ready", flush=True)
    while True:
        session.rotate_data_key(passphrase)
        print("rotated", flush=True)


if __name__ == "__main__":
    main()
