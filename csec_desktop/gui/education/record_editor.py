"""The save flow the education editors share (a youth session, a caregiver or staff training).

Save validates at once on the GUI thread (pure, no I/O): a bad input marks its field and the
dialog stays open with everything typed. A valid record is created, or only the changed fields
updated, on the database lane; on success the other screens hear of it and the dialog closes.
A failure there (the vault locked, a conflict) is shown in the dialog; nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from csec_desktop.domain import Record
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.field_errors import FieldErrors
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput

Submit = Callable[..., Future[Any]]
R = TypeVar("R", bound=Record)


class RecordEditor(QDialog, Generic[R]):
    """A dialog that edits one record. Subclasses build the form and provide the hooks below;
    they set ``self.errors`` once their widgets exist."""

    errors: FieldErrors

    def __init__(
        self,
        submit: Submit,
        runner: TaskRunner,
        broadcast: Broadcast,
        original: R | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._runner = runner
        self._broadcast = broadcast
        self._original = original
        self._busy = False
        self.saved: R | None = None

    # -- the hooks -----------------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """The form's values, by record field."""
        raise NotImplementedError

    def _save_button(self) -> QPushButton:
        raise NotImplementedError

    def _validate(self, fields: dict[str, Any]) -> R:
        """The record these fields make (raises ``InvalidInput``); no I/O."""
        raise NotImplementedError

    def _create(self) -> Callable[[R], R]:
        """The service call that stores a new record (runs on the database lane)."""
        raise NotImplementedError

    def _update(self) -> Callable[..., R]:
        """The service call ``(original, **changes)`` that stores changes (on the lane)."""
        raise NotImplementedError

    # -- the flow ------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._save_button().setEnabled(not busy)

    @Slot()
    def _save(self) -> None:
        if self._busy:
            return
        fields = self.fields()
        try:
            draft = self._validate(fields)
        except InvalidInput as exc:
            self.errors.show_error(exc)
            return
        self.errors.clear()
        self._set_busy(True)
        ops = Ops(self._runner, self._submit, self._broadcast)
        kinds = {draft.record_type}
        if self._original is None:
            CollectionOp(self, ops, self._create(), draft, changes=kinds).success(
                self._on_saved
            ).failure(self._on_failure).run_in_background()
            return
        changes = {k: v for k, v in fields.items() if getattr(self._original, k) != v}
        if not changes:
            self._set_busy(False)
            self.accept()
            return
        CollectionOp(self, ops, self._update(), self._original, changes=kinds, **changes).success(
            self._on_saved
        ).failure(self._on_failure).run_in_background()

    def _on_saved(self, record: R) -> None:
        self._set_busy(False)
        self.saved = record
        self.accept()

    def _on_failure(self, error: BaseException) -> None:
        self._set_busy(False)
        self.errors.show_error(error)
