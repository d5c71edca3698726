"""The missing-from-care part of a youth's page: is the youth missing now, and the three things a
caseworker records — went missing, came back (then the return screening is offered), and the
report to law enforcement / NCMEC."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import MissingEpisode, Obligation
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import moment_text
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.field_messages import problem_text
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.missing.dialogs import EpisodeTimeDialog, MissingReportDialog
from csec_desktop.gui.missing.report_dialogs import DebriefDialog, NcmecReportDialog
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.errors import InvalidInput
from csec_desktop.services.youth import YouthOverview


class MissingPanel(QFrame):
    return_screening_requested = Signal(object)  # the ended episode's id (UUID)

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("missingPanel")
        self.setAccessibleName(self.tr("Missing from care"))
        self._casework = casework
        self._runner = runner
        self._broadcast = broadcast
        self._ops = Ops(runner, casework.submit, broadcast)
        self._overview: YouthOverview | None = None
        self.dialog: (
            EpisodeTimeDialog | MissingReportDialog | NcmecReportDialog | DebriefDialog | None
        ) = None
        self.return_prompt: QMessageBox | None = None
        self._ended: MissingEpisode | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Missing from care"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.status = QLabel()
        self.status.setObjectName("missingStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Missing-from-care status"))
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Record &missing…"))
        self.start_button.setAccessibleName(self.tr("Record that the youth is missing"))
        self.end_button = QPushButton(self.tr("Record re&turn…"))
        self.end_button.setAccessibleName(self.tr("Record that the youth returned"))
        self.report_button = QPushButton(self.tr("Record &report…"))
        self.report_button.setAccessibleName(self.tr("Record the report to law enforcement"))
        self.ncmec_button = QPushButton(self.tr("Record &NCMEC report…"))
        self.ncmec_button.setAccessibleName(self.tr("Record the report to NCMEC"))
        self.debrief_button = QPushButton(self.tr("Record &debrief…"))
        self.debrief_button.setAccessibleName(self.tr("Record the return debrief"))
        # Two to a row: the youth's page must fit beside the list on a 1024-pixel screen.
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        second = QHBoxLayout()
        second.addWidget(self.report_button)
        second.addWidget(self.ncmec_button)
        second.addStretch(1)
        third = QHBoxLayout()
        third.addWidget(self.debrief_button)
        third.addStretch(1)
        layout.addLayout(second)
        layout.addLayout(third)
        self.start_button.clicked.connect(self.record_missing)
        self.end_button.clicked.connect(self.record_return)
        self.report_button.clicked.connect(self.record_report)
        self.ncmec_button.clicked.connect(self.record_ncmec_report)
        self.debrief_button.clicked.connect(self.record_debrief)
        self.show_overview(None)

    # -- showing -------------------------------------------------------------------------------

    @property
    def _zone(self) -> ZoneInfo:
        return self._casework.policy.zone

    def latest(self) -> MissingEpisode | None:
        if self._overview is None or not self._overview.missing_episodes:
            return None
        return self._overview.missing_episodes[0]

    def show_overview(self, overview: YouthOverview | None) -> None:
        self._overview = overview
        episode = self.latest()
        if overview is None:
            text = ""
        elif episode is not None and episode.open:
            text = self.tr("Missing since %1.").replace(
                "%1", moment_text(episode.started_at, self._zone)
            )
        else:
            text = self.tr("Not recorded as missing now.")
            if overview.missing_episodes:
                text += " " + self.tr("%n earlier episode(s).", "", len(overview.missing_episodes))
        if episode is not None:
            if episode.reported_to_law_enforcement_at is not None:
                text += " " + self.tr("Reported to %1 on %2.").replace(
                    "%1", episode.law_enforcement_agency or ""
                ).replace("%2", moment_text(episode.reported_to_law_enforcement_at, self._zone))
            else:
                text += " " + self.tr(
                    "The report to law enforcement and NCMEC is not recorded yet."
                )
        has_youth = overview is not None
        is_open = episode is not None and episode.open
        self.start_button.setEnabled(has_youth and not is_open)
        self.end_button.setEnabled(is_open)
        self.report_button.setEnabled(
            episode is not None and episode.reported_to_law_enforcement_at is None
        )
        self.ncmec_button.setEnabled(episode is not None and episode.ncmec_reported_at is None)
        self.debrief_button.setEnabled(
            episode is not None and not episode.open and episode.debrief is None
        )
        if episode is not None and episode.ncmec_reported_at is not None:
            text += " " + self.tr("NCMEC case %1, reported %2.").replace(
                "%1", episode.ncmec_report_number or ""
            ).replace("%2", moment_text(episode.ncmec_reported_at, self._zone))
        if episode is not None and episode.debrief is not None:
            text += " " + self.tr("Debriefed %1.").replace(
                "%1", moment_text(episode.debrief.debriefed_at, self._zone)
            )
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    # -- went missing --------------------------------------------------------------------------

    @Slot()
    def record_missing(self) -> None:
        dialog = EpisodeTimeDialog(
            self.tr("Missing from care"),
            self.tr(
                "When did the youth go missing? The 24-hour report to law enforcement and NCMEC "
                "counts from this time."
            ),
            self._zone,
            self,
        )
        dialog.accepted.connect(self._missing_chosen)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _missing_chosen(self) -> None:
        if self._overview is None or not isinstance(self.dialog, EpisodeTimeDialog):
            return
        self._change(
            self._casework.missing.start, self._overview.youth.id, self.dialog.moment
        ).success(self._saved).run_in_background()

    # -- came back -----------------------------------------------------------------------------

    @Slot()
    def record_return(self) -> None:
        dialog = EpisodeTimeDialog(
            self.tr("Youth returned"),
            self.tr("When did the youth return? A screening of the returning youth becomes due."),
            self._zone,
            self,
        )
        dialog.accepted.connect(self._return_chosen)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _return_chosen(self) -> None:
        episode = self.latest()
        if episode is None or not isinstance(self.dialog, EpisodeTimeDialog):
            return
        self._change(self._casework.missing.end, episode, self.dialog.moment).success(
            self._ended_saved
        ).run_in_background()

    def _ended_saved(self, outcome: tuple[MissingEpisode, list[Obligation]]) -> None:
        self._saved(outcome)
        self._ended = outcome[0]
        hours = self._casework.policy.return_screening_hours
        prompt = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Screen the returning youth"),
            self.tr(
                "The youth's return is recorded. A screening of the returning youth is due "
                "within %n hour(s). Start it now?",
                "",
                hours,
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self._start_now = prompt.addButton(
            self.tr("&Start screening"), QMessageBox.ButtonRole.AcceptRole
        )
        prompt.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        prompt.setDefaultButton(self._start_now)
        prompt.buttonClicked.connect(self._return_prompt_answered)
        self.return_prompt = prompt
        prompt.open()

    @Slot(QAbstractButton)
    def _return_prompt_answered(self, button: QAbstractButton) -> None:
        self.return_prompt = None
        if button is self._start_now and self._ended is not None:
            episode_id: UUID = self._ended.id
            self.return_screening_requested.emit(episode_id)

    # -- the report ----------------------------------------------------------------------------

    @Slot()
    def record_report(self) -> None:
        dialog = MissingReportDialog(self._zone, self)
        dialog.accepted.connect(self._report_entered)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _report_entered(self) -> None:
        episode = self.latest()
        dialog = self.dialog
        if episode is None or not isinstance(dialog, MissingReportDialog):
            return
        self._change(
            self._casework.missing.record_report,
            episode,
            agency=dialog.agency,
            reported_at=dialog.reported_at,
            report_number=dialog.report_number,
            ncmec_report_number=dialog.ncmec_number,
        ).success(self._saved).run_in_background()

    # -- NCMEC and the debrief ----------------------------------------------------------------

    @Slot()
    def record_ncmec_report(self) -> None:
        dialog = NcmecReportDialog(self._zone, self)
        dialog.confirmed.connect(self._ncmec_entered)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _ncmec_entered(self) -> None:
        episode, dialog = self.latest(), self.dialog
        if episode is None or not isinstance(dialog, NcmecReportDialog):
            return
        self._change(
            self._casework.missing.record_ncmec_report,
            episode,
            report_number=dialog.report_number,
            reported_at=dialog.reported_at,
            by_law_enforcement=dialog.by_law_enforcement.isChecked(),
        ).success(self._saved).run_in_background()

    @Slot()
    def record_debrief(self) -> None:
        dialog = DebriefDialog(self._zone, self)
        dialog.confirmed.connect(self._debrief_entered)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _debrief_entered(self) -> None:
        episode, dialog = self.latest(), self.dialog
        if episode is None or not isinstance(dialog, DebriefDialog) or dialog.exploited is None:
            return
        CollectionOp(
            self,
            self._ops,
            self._casework.missing.record_debrief,
            episode,
            left_because=dialog.left_because,
            stayed=dialog.stayed,
            exploited_while_away=dialog.exploited,
            notes=dialog.notes,
            debriefed_at=dialog.debriefed_at,
            changes={"missing_episode"},
        ).success(self._debriefed).failure(self._failed).run_in_background()

    def _debriefed(self, _episode: MissingEpisode) -> None:
        self._saved((_episode, []))

    # -- after saving --------------------------------------------------------------------------

    def _change(
        self, fn: Callable[..., tuple[MissingEpisode, list[Obligation]]], *args: Any, **kwargs: Any
    ) -> CollectionOp[tuple[MissingEpisode, list[Obligation]]]:
        """An episode change: it may create or close obligations too."""
        return CollectionOp(
            self, self._ops, fn, *args, changes={"missing_episode", "obligation"}, **kwargs
        ).failure(self._failed)

    def _saved(self, _outcome: tuple[MissingEpisode, list[Obligation]]) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            if isinstance(dialog, NcmecReportDialog | DebriefDialog):
                dialog.accept()  # these stay open until saved
            dialog.deleteLater()

    def _failed(self, error: BaseException) -> None:
        text = error_message(error)
        if isinstance(error, InvalidInput) and error.details:
            text = problem_text(error.details[0])
        if isinstance(self.dialog, NcmecReportDialog | DebriefDialog) and self.dialog.isVisible():
            self.dialog.show_error(text)  # kept open, with everything typed
            return
        dialog, self.dialog = self.dialog, None
        self.status.setText(self.tr("Not saved: %1").replace("%1", text))
        if dialog is not None:
            dialog.deleteLater()
