"""Start-up stays light: the unlock window is built without pydantic, the crypto or the store.

Importing those (and the domain models) used to triple the time to the first window (see
``bench/bench_startup.py`` and docs/benchmarks.md). They load on a worker once the window has
painted. This test guards the import graph, which is what the timing depends on; the timing
itself is measured by the benchmark, not asserted here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS

HEAVY = ("pydantic", "cryptography", "sqlcipher3", "sqlite_utils", "httpx", "csec_desktop.store")

SCRIPT = """
import json, sys
from pathlib import Path
from csec_desktop.config import load_config
from PySide6.QtWidgets import QApplication
from csec_desktop.gui.application import AppController
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.vault_access import VaultAccess

app = QApplication(["csec-desktop"])
config = load_config(None)
Translations().install(app, config.language)
access = VaultAccess(Path(sys.argv[1]), recovery_key=config.recovery_public_key)
controller = AppController(access, config)
window = controller.start()
print(json.dumps({"window": type(window).__name__, "modules": sorted(sys.modules)}))
"""


def first_window_modules(tmp_path: Path, data_dir: Path) -> tuple[str, list[str]]:
    machine = tmp_path / "machine.toml"  # a county machine has one: tomllib is then read too
    machine.write_text('county = "Fresno"\nauto_lock_minutes = 10\n', encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config-home"),
        "CSEC_MACHINE_CONFIG": str(machine),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(done.stdout.splitlines()[-1])
    return answer["window"], answer["modules"]


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


def test_the_unlock_window_is_built_without_the_heavy_modules(tmp_path: Path) -> None:
    data_dir = tmp_path / "vault"
    VaultSession.create(data_dir, "a passphrase for the test", kdf_params=FLOOR_KDF_PARAMS).lock()
    window, modules = first_window_modules(tmp_path, data_dir)
    assert window == "UnlockWindow"
    assert heavy(modules) == []
    domain_models = [m for m in modules if m.startswith("csec_desktop.domain.")]
    assert domain_models == ["csec_desktop.domain.counties"]


def test_the_first_run_window_is_built_without_the_heavy_modules(tmp_path: Path) -> None:
    window, modules = first_window_modules(tmp_path, tmp_path / "new-laptop")
    assert window == "FirstRunWindow"
    assert heavy(modules) == []
