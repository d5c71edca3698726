"""GUI test fixtures: pytest-qt's one offscreen QApplication for the session, and a fresh
temporary vault (KDF floor parameters, so an unlock takes milliseconds) for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from csec_desktop.config import AppConfig
from csec_desktop.gui.application import AppController
from csec_desktop.gui.i18n import Translations
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.vault_access import VaultAccess
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.vault import FLOOR_KDF_PARAMS

PASSPHRASE = "a quiet river under stars"
ACTOR = "caseworker"


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> Iterator[Translations]:
    """The app's English catalog (plural forms), as the app installs it at start."""
    translations = Translations()
    assert translations.install(qapp, "en")
    yield translations


# Windows a screen may open. Anything else shown as a top-level window is a control shown before
# it was put inside its window: on a desktop it flashes up as a window of its own for a moment
# and takes the active window (and the keyboard focus) away from the screen in use.
_WINDOW_TYPES = {
    Qt.WindowType.Dialog,
    Qt.WindowType.Popup,
    Qt.WindowType.ToolTip,
    Qt.WindowType.Sheet,
    Qt.WindowType.Drawer,
}


class StrayWindows(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not isinstance(watched, QDialog | QMainWindow)
            and watched.windowType() not in _WINDOW_TYPES
        ):
            self.found.append(f"{type(watched).__name__} {watched.objectName()!r}".strip())
        return False


@pytest.fixture(autouse=True)
def no_stray_windows(qapp: QApplication) -> Iterator[None]:
    """Every GUI test fails if a control was shown as a window of its own."""
    watcher = StrayWindows()
    qapp.installEventFilter(watcher)
    yield
    qapp.removeEventFilter(watcher)
    assert watcher.found == [], f"shown as windows of their own: {watcher.found}"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def config() -> AppConfig:
    return AppConfig(county="Fresno")


@pytest.fixture
def access(data_dir: Path) -> VaultAccess:
    return VaultAccess(data_dir, kdf_params=FLOOR_KDF_PARAMS, actor=ACTOR)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.wait_for_done(10_000)


@pytest.fixture
def session(data_dir: Path) -> Iterator[VaultSession]:
    opened = VaultSession.create(data_dir, PASSPHRASE, actor=ACTOR, kdf_params=FLOOR_KDF_PARAMS)
    yield opened
    opened.lock()


@pytest.fixture
def locked_vault(data_dir: Path) -> Path:
    VaultSession.create(data_dir, PASSPHRASE, actor=ACTOR, kdf_params=FLOOR_KDF_PARAMS).lock()
    return data_dir


@pytest.fixture
def make_controller(
    qapp: QApplication,
    access: VaultAccess,
    config: AppConfig,
    runner: TaskRunner,
    english: Translations,
) -> Iterator[type[AppController]]:
    made: list[AppController] = []

    def make(**kwargs: object) -> AppController:
        # The app's one Translations object, as app.py passes it: a language switched in a test
        # is undone by putting English back on that same object.
        kwargs.setdefault("translations", english)
        controller = AppController(access, config, runner=runner, **kwargs)  # type: ignore[arg-type]
        made.append(controller)
        return controller

    yield make  # type: ignore[misc]
    for controller in made:
        controller.quit()
        for window in (controller.first_run_window, controller.unlock_window):
            if window is not None:
                window.close()
                window.deleteLater()
    runner.wait_for_done(10_000)
    QApplication.processEvents()


@pytest.fixture
def unlocked(make_controller, session: VaultSession):  # type: ignore[no-untyped-def]
    """A controller showing the main window on ``session``."""
    controller = make_controller()
    controller.open_session(session)
    return controller
