"""PyInstaller entry point of ``csec-admin``, the second executable in the same bundle folder.

IT verifies or recovers a vault with the installed build itself (``csec-admin vault verify``),
so an upgrade is checked with the code that will open the vault, not with a developer's Python.
"""

import sys

from csec_desktop.cli.admin import main

if __name__ == "__main__":
    sys.exit(main())
