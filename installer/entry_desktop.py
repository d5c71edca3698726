"""PyInstaller entry point of the ``csec-desktop`` executable (the GUI, ``--self-test``)."""

import sys

from csec_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
