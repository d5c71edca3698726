"""Protection for a screen in a public place: auto-lock when idle, the lock and privacy keys
from anywhere in the app, and a clipboard that forgets what we put on it.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence

LOCK_KEYS = QKeySequence("Ctrl+L")
PRIVACY_KEYS = QKeySequence("Ctrl+Shift+H")
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
_RESTART_AT_MOST_EVERY_MS = 500  # mouse moves come in floods; restarting once is enough


def _sequence_of(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


class ActivityMonitor(QObject):
    """An application-wide event filter: restarts the idle timer on user input, and turns the
    lock and privacy keys into signals even while a modal dialog has the focus (a window
    shortcut would be blocked by the dialog). The menu actions carry the same shortcuts; when
    one of those fires, the key press never reaches this filter, so each press acts once."""

    idle_timeout = Signal()
    lock_pressed = Signal()
    privacy_pressed = Signal()

    def __init__(self, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self.idle_timeout)
        self._since_restart = QElapsedTimer()
        self._active = False

    @property
    def idle_ms(self) -> int:
        return self._timer.interval()

    def set_idle_ms(self, idle_ms: int) -> None:
        self._timer.setInterval(idle_ms)
        if self._active:
            self._restart()

    def start(self) -> None:
        app = QGuiApplication.instance()
        if app is not None and not self._active:
            app.installEventFilter(self)
        self._active = True
        self._restart()

    def stop(self) -> None:
        app = QGuiApplication.instance()
        if app is not None and self._active:
            app.removeEventFilter(self)
        self._active = False
        self._timer.stop()

    def _restart(self) -> None:
        self._timer.start()
        self._since_restart.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            if self._since_restart.elapsed() > _RESTART_AT_MOST_EVERY_MS:
                self._restart()
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                sequence = _sequence_of(event)
                if sequence.matches(LOCK_KEYS) == QKeySequence.SequenceMatch.ExactMatch:
                    self.lock_pressed.emit()
                    return True
                if sequence.matches(PRIVACY_KEYS) == QKeySequence.SequenceMatch.ExactMatch:
                    self.privacy_pressed.emit()
                    return True
        return False


class ClipboardGuard(QObject):
    """Copies text for the user and, on lock, clears the clipboard if it still holds what we put
    there (and only then: something the user copied elsewhere is theirs). Only a hash is kept."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digest: bytes | None = None

    @staticmethod
    def _hash(text: str) -> bytes:
        import hashlib  # on first copy, not at start-up

        return hashlib.sha256(text.encode("utf-8")).digest()

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._digest = self._hash(text)

    def holds_ours(self) -> bool:
        if self._digest is None:
            return False
        return self._hash(QGuiApplication.clipboard().text()) == self._digest

    def clear_if_ours(self) -> bool:
        cleared = self.holds_ours()
        if cleared:
            QGuiApplication.clipboard().clear()
        self._digest = None
        return cleared


def minutes_to_ms(minutes: int) -> int:
    return max(1, minutes) * 60_000


__all__ = [
    "LOCK_KEYS",
    "PRIVACY_KEYS",
    "ActivityMonitor",
    "ClipboardGuard",
    "minutes_to_ms",
]
