"""The youth's identification history on their page: every identification ever made (what, the
incident, when the agency learned of it, the report made for it), voided ones struck through with
their reason, and apart from it what the latest screening says about now (ongoing, stopped, at
risk). "Void identification…" corrects a mistaken one with a written reason, audited, through
``IdentificationService.void``: it stays in the history, struck through; nothing erases it.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import ExploitationStatus, Identification, Track
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import moment_text
from csec_desktop.gui.common.labels import category_label, obligation_label
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.reason_dialog import ReasonDialog
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput
from csec_desktop.services.identifications import IdentificationEntry, IdentificationService

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class IdentificationView:
    """The history (newest first) and the status now, per track screened."""

    history: list[IdentificationEntry]
    status: dict[Track, ExploitationStatus]


def read_identifications(service: IdentificationService, youth_id: UUID) -> IdentificationView:
    """One trip to the database lane for the panel."""
    return IdentificationView(service.history(youth_id), service.current_status(youth_id))


def status_text(status: ExploitationStatus) -> str:
    return {
        ExploitationStatus.ONGOING: QCoreApplication.translate(
            "IdentificationsPanel", "exploitation is ongoing"
        ),
        ExploitationStatus.STOPPED: QCoreApplication.translate(
            "IdentificationsPanel", "exploitation has stopped"
        ),
        ExploitationStatus.NOT_KNOWN: QCoreApplication.translate(
            "IdentificationsPanel", "identified; whether it is happening now is not known"
        ),
        ExploitationStatus.AT_RISK: QCoreApplication.translate("IdentificationsPanel", "at risk"),
        ExploitationStatus.NOT_IDENTIFIED: QCoreApplication.translate(
            "IdentificationsPanel", "not identified"
        ),
    }[status]


class VoidIdentificationDialog(ReasonDialog):
    """Why the identification is voided (required); the reason is kept with it."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(
            title=QCoreApplication.translate("IdentificationsPanel", "Void identification"),
            intro=QCoreApplication.translate(
                "IdentificationsPanel",
                "Void this identification only if it was a mistake: %1. It stays in the "
                "history, struck through, with your reason; its open obligations are voided "
                "with it.",
            ).replace("%1", what),
            reason_name=QCoreApplication.translate(
                "IdentificationsPanel", "Why the identification is voided"
            ),
            action=QCoreApplication.translate("IdentificationsPanel", "&Void identification"),
            missing=QCoreApplication.translate(
                "IdentificationsPanel", "Write why this identification is voided."
            ),
            parent=parent,
        )
        self.void_button = self.action_button


class IdentificationsPanel(QFrame):
    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identificationsPanel")
        self.setAccessibleName(self.tr("Identifications"))
        self._casework = casework
        self._runner = runner
        self._ops = Ops(runner, casework.submit, broadcast)
        self._youth_id: UUID | None = None
        self._entries: dict[UUID, IdentificationEntry] = {}
        self.dialog: VoidIdentificationDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Identifications"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.status = QLabel()
        self.status.setObjectName("exploitationStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("What the latest screening says about now"))
        layout.addWidget(self.status)
        self.list = QListWidget()
        self.list.setObjectName("identificationList")
        self.list.setAccessibleName(self.tr("Identification history"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(120)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.void_button = QPushButton(self.tr("&Void identification…"))
        self.void_button.setAccessibleName(self.tr("Void the selected identification"))
        self.void_button.setEnabled(False)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.void_button.clicked.connect(self.void_selected)

    @property
    def _service(self) -> IdentificationService:
        return self._casework.screenings.identifications

    def show_youth(self, youth_id: UUID | None) -> None:
        self._youth_id = youth_id
        if youth_id is None:
            self.list.clear()
            self.status.clear()
            self._entries = {}
            return
        self._runner.run_on_lane(
            self._casework.submit,
            read_identifications,
            self._service,
            youth_id,
            on_success=self._show,
            on_failure=self._failed,
            owner=self,
        )

    def _describe(self, entry: IdentificationEntry) -> str:
        identification = entry.identification
        zone = self._casework.policy.zone
        what = (
            category_label(identification.category)
            if identification.category is not None
            else self.tr("Labor trafficking")
        )
        parts = [
            what,
            self.tr("learned %1").replace(
                "%1", moment_text(identification.information_received_at, zone)
            ),
        ]
        report = entry.report
        if report is not None:
            if report.done_at is not None:
                made = self.tr("%1: made %2").replace("%1", obligation_label(report.kind))
                made = made.replace("%2", moment_text(report.done_at, zone))
                if report.agency:
                    made += " (" + report.agency + ")"
                parts.append(made)
            elif report.voided_at is None:
                parts.append(
                    self.tr("%1: due %2")
                    .replace("%1", obligation_label(report.kind))
                    .replace("%2", moment_text(report.due_at, zone))
                )
        text = " · ".join(parts)
        if identification.voided:
            text += " — " + self.tr("voided: %1").replace("%1", identification.void_reason or "")
        return text

    def _show(self, view: IdentificationView) -> None:
        self.list.clear()
        self._entries = {e.identification.id: e for e in view.history}
        for entry in view.history:
            row = QListWidgetItem(self._describe(entry), self.list)
            row.setData(ID_ROLE, str(entry.identification.id))
            if entry.identification.voided:
                font = row.font()
                font.setStrikeOut(True)  # and "voided" in words: never the strike alone
                row.setFont(font)
        if not view.history:
            QListWidgetItem(self.tr("No identification recorded."), self.list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        statuses = [
            (
                self.tr("Labor trafficking: %1") if track is Track.LABOR_TRAFFICKING else "%1"
            ).replace("%1", status_text(status))
            for track, status in sorted(view.status.items())
        ]
        self.status.setText(
            self.tr("Now: %1").replace("%1", "; ".join(statuses))
            if statuses
            else self.tr("Now: not screened yet.")
        )
        self._selection_changed()

    def selected(self) -> Identification | None:
        row = self.list.currentItem()
        if row is None or row.data(ID_ROLE) is None:
            return None
        entry = self._entries.get(UUID(str(row.data(ID_ROLE))))
        return entry.identification if entry is not None else None

    @Slot()
    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        self.void_button.setEnabled(chosen is not None and not chosen.voided)

    @Slot()
    def void_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.voided:
            return
        entry = self._entries[chosen.id]
        dialog = VoidIdentificationDialog(self._describe(entry), self)
        dialog.confirmed.connect(self._void_confirmed)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _void_confirmed(self) -> None:
        dialog, chosen = self.dialog, self.selected()
        if dialog is None or chosen is None:
            return
        CollectionOp(
            self,
            self._ops,
            self._service.void,
            chosen,
            reason=dialog.reason,
            changes={"identification", "obligation"},
        ).success(self._voided).failure(self._failed).run_in_background()

    def _voided(self, _identification: Identification) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.saved()
        self.show_youth(self._youth_id)

    def _failed(self, error: BaseException) -> None:
        text = error_message(error)
        if isinstance(error, InvalidInput) and error.details:
            text = problem_text(error.details[0])
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.show_error(text)
            return
        self.message.setText(self.tr("Not saved: %1").replace("%1", text))
        self.message.show()


__all__ = ["IdentificationsPanel", "VoidIdentificationDialog", "read_identifications"]
