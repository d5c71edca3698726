"""The screenings part of a youth's page: the list, Start screening…, Open, Save as PDF…, and
the prompt to resume a screening in progress.

Opening reads the screening on the database lane (audited as a view) and shows the wizard;
starting first asks which instrument and why, and offers to resume a draft instead of starting a
second one.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import Screening, ScreeningStatus
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.labels import context_label, determination_label, status_label
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.common.pdf_prompts import PrintOptionsDialog, ScreeningPdfPrompts
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.missing.panel import MissingPanel
from csec_desktop.gui.printing.screening_pdf import save_screening_pdf, screening_file_name
from csec_desktop.gui.screening.start_dialog import StartScreeningDialog
from csec_desktop.gui.screening.wizard import ScreeningWizard
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.gui.youth.identifications_panel import IdentificationsPanel
from csec_desktop.services.screening_views import InstrumentChoice, OpenedScreening
from csec_desktop.services.youth import YouthOverview

ID_ROLE = Qt.ItemDataRole.UserRole


def in_progress(overview: YouthOverview) -> Screening | None:
    """The newest screening the caseworker still has to finish: a draft, or one returned."""
    editable = [s for s in overview.screenings if s.editable]
    return editable[0] if editable else None


class ScreeningsPanel(QFrame, ScreeningPdfPrompts):
    wizard_opened = Signal(object)  # ScreeningWizard

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screeningsPanel")
        self.setAccessibleName(self.tr("Screenings"))
        self._casework = casework
        self._runner = runner
        self._broadcast = broadcast
        self._language = language
        self._overview: YouthOverview | None = None
        self._pending_episode: UUID | None = None
        self.wizard: ScreeningWizard | None = None
        self.start_dialog: StartScreeningDialog | None = None
        self.resume_prompt: QMessageBox | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Screenings"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.resume_frame = QFrame()
        self.resume_frame.setObjectName("resumeFrame")
        resume_row = QHBoxLayout(self.resume_frame)
        resume_row.setContentsMargins(8, 4, 8, 4)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_label.setAccessibleName(self.tr("Screening in progress"))
        self.resume_button = QPushButton(self.tr("Res&ume screening"))
        self.resume_button.setAccessibleName(self.tr("Resume screening"))
        resume_row.addWidget(self.resume_label, 1)
        resume_row.addWidget(self.resume_button)
        self.resume_frame.hide()
        layout.addWidget(self.resume_frame)
        self.list = QListWidget()
        self.list.setObjectName("screeningList")
        self.list.setAccessibleName(self.tr("Screenings of this youth"))
        self.list.setMaximumHeight(120)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start &screening…"))
        self.start_button.setAccessibleName(self.tr("Start screening"))
        self.open_button = QPushButton(self.tr("&Open screening"))
        self.open_button.setAccessibleName(self.tr("Open screening"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setAccessibleName(self.tr("Save screening as PDF"))
        self.discard_button = QPushButton(self.tr("Disca&rd draft…"))
        self.discard_button.setAccessibleName(self.tr("Discard the selected draft screening"))
        self.discard_prompt: QMessageBox | None = None
        # Two to a row: the youth's page must fit beside the list on a 1024-pixel screen.
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        second = QHBoxLayout()
        second.addWidget(self.pdf_button)
        second.addWidget(self.discard_button)
        second.addStretch(1)
        layout.addLayout(second)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Screening message"))
        self.message.hide()
        layout.addWidget(self.message)

        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_selected)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.discard_button.clicked.connect(self.discard_selected)
        self.resume_button.clicked.connect(self.resume)
        self.list.itemActivated.connect(self._item_activated)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.show_overview(None)

    # -- showing -------------------------------------------------------------------------------

    def show_overview(self, overview: YouthOverview | None) -> None:
        self._overview = overview
        self.list.clear()
        self.message.hide()
        if overview is None:
            self.resume_frame.hide()
            self._update_buttons()
            return
        for screening in overview.screenings:
            parts = [
                date_text(screening.screening_date),
                status_label(screening.status),
                context_label(screening.context),
            ]
            if screening.determination is not None:
                parts.append(
                    determination_label(screening.determination, screening.screening_track)
                )
            if screening.amends_id is not None:
                parts.append(self.tr("addendum"))
            entry = QListWidgetItem(" · ".join(parts), self.list)
            entry.setData(ID_ROLE, str(screening.id))
        draft = in_progress(overview)
        if draft is not None:
            if draft.status is ScreeningStatus.RETURNED:
                text = self.tr(
                    "A screening was returned by your supervisor with a comment. Open it to "
                    "make the changes and submit it again."
                )
            else:
                text = self.tr(
                    "A screening started on %1 is not finished. Its answers are saved: resume "
                    "it to continue where you left off."
                ).replace("%1", date_text(draft.screening_date))
            self.resume_label.setText(text)
            self.resume_label.setAccessibleDescription(text)
        self.resume_frame.setVisible(draft is not None)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        self.start_button.setEnabled(self._overview is not None)
        self.open_button.setEnabled(self.list.currentRow() >= 0)
        self.pdf_button.setEnabled(self.list.currentRow() >= 0)
        chosen = self._selected_screening()
        self.discard_button.setEnabled(
            chosen is not None and chosen.status is ScreeningStatus.DRAFT
        )

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(error_message(error))
        self.message.show()

    # -- discarding a draft ---------------------------------------------------------------------

    @Slot()
    def discard_selected(self) -> None:
        """Ask once, then discard: kept, read only, counted nowhere, audited and synced."""
        chosen = self._selected_screening()
        if chosen is None or chosen.status is not ScreeningStatus.DRAFT:
            return
        prompt = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard draft"),
            self.tr(
                "Discard the draft screening started on %1? It is kept, read only and marked "
                "discarded (never deleted), and no longer waits to be finished."
            ).replace("%1", date_text(chosen.screening_date)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self._discard_yes = prompt.addButton(
            self.tr("&Discard draft"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = prompt.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        prompt.setDefaultButton(keep)  # the safe answer is the default
        self._discarding = chosen
        prompt.buttonClicked.connect(self._discard_answered)
        self.discard_prompt = prompt
        prompt.open()

    @Slot(QAbstractButton)
    def _discard_answered(self, button: QAbstractButton) -> None:
        self.discard_prompt = None
        if button is not self._discard_yes:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            self._casework.screenings.discard,
            self._discarding,
            changes={"screening"},
        ).success(self._discarded).failure(self._show_error).run_in_background()

    def _discarded(self, _screening: Screening) -> None:
        self.message.setText(self.tr("Draft discarded."))
        self.message.show()

    # -- saving as PDF -------------------------------------------------------------------------

    def _selected_screening(self) -> Screening | None:
        entry = self.list.currentItem()
        if entry is None or self._overview is None:
            return None
        wanted = UUID(str(entry.data(ID_ROLE)))
        return next((s for s in self._overview.screenings if s.id == wanted), None)

    @Slot()
    def save_pdf(self) -> None:
        """Save the selected screening as PDF: confidential answers left out unless included,
        written owner-only and atomically, audited as a print."""
        screening = self._selected_screening()
        if screening is None:
            return
        options = PrintOptionsDialog(self)
        if self.ask_print_options(options) != QDialog.DialogCode.Accepted:
            return
        include = options.include.isChecked()
        destination = self.ask_save_path(screening_file_name(screening))
        if destination is None:
            return
        casework = self._casework
        language = self._language
        exports = casework.exports

        def render_and_save() -> Path:
            return save_screening_pdf(
                exports, destination, screening, casework.screenings.instrument_for(screening),
                include_confidential=include, language=language,
                obligations=casework.obligations.for_source(screening.id, screening.youth_id),
                zone=casework.policy.zone,
            )  # fmt: skip

        self._runner.run(
            render_and_save, on_success=self._pdf_saved, on_failure=self._show_error, owner=self
        )

    def _pdf_saved(self, path: Path) -> None:
        self.message.setText(self.tr("Saved %1").replace("%1", path.name))
        self.message.show()

    # -- opening -------------------------------------------------------------------------------

    @Slot()
    def open_selected(self) -> None:
        entry = self.list.currentItem()
        if entry is not None:
            self.open_screening(UUID(str(entry.data(ID_ROLE))))

    @Slot(QListWidgetItem)
    def _item_activated(self, entry: QListWidgetItem) -> None:
        self.open_screening(UUID(str(entry.data(ID_ROLE))))

    @Slot()
    def resume(self) -> None:
        draft = in_progress(self._overview) if self._overview else None
        if draft is not None:
            self.open_screening(draft.id)

    def open_screening(self, screening_id: UUID) -> None:
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.screenings.open,
            screening_id,
            on_success=self.show_wizard,
            on_failure=self._show_error,
            owner=self,
        )

    def show_wizard(self, opened: OpenedScreening) -> None:
        if self.wizard is not None:
            self.wizard.reject()
        youth = self._overview.youth.display_name if self._overview else ""
        wizard = ScreeningWizard(
            self._casework,
            self._runner,
            self._broadcast,
            opened,
            youth_label=youth,
            language=self._language,
            parent=self,
        )
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.open_requested.connect(self.show_wizard)
        wizard.finished.connect(self._wizard_finished)
        self.wizard = wizard
        # Shown in the next event-loop turn: building it and Qt's first style and layout pass
        # in one slice held the GUI thread over 50 ms (bench/bench_gui.py, "opening").
        QTimer.singleShot(0, wizard, lambda: self._show_built(wizard))

    def _show_built(self, wizard: ScreeningWizard) -> None:
        if wizard is not self.wizard:  # replaced or closed before its turn came
            return
        wizard.show()
        self.wizard_opened.emit(wizard)

    @Slot(int)
    def _wizard_finished(self, _result: int) -> None:
        wizard = self.sender()
        if wizard is self.wizard:
            self.wizard = None
        if isinstance(wizard, ScreeningWizard):
            wizard.deleteLater()

    # -- starting ------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Start screening…: offer to resume a screening in progress first."""
        self._pending_episode = None
        draft = in_progress(self._overview) if self._overview else None
        if draft is None:
            self._choose_instrument()
            return
        prompt = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Screening in progress"),
            self.tr(
                "This youth has a screening that is not finished (started %1). Resume it, or "
                "start a new one?"
            ).replace("%1", date_text(draft.screening_date)),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self._resume_choice = prompt.addButton(
            self.tr("&Resume"), QMessageBox.ButtonRole.AcceptRole
        )
        self._new_choice = prompt.addButton(
            self.tr("Start &new"), QMessageBox.ButtonRole.ActionRole
        )
        prompt.addButton(QMessageBox.StandardButton.Cancel)
        prompt.setDefaultButton(self._resume_choice)
        prompt.buttonClicked.connect(self._resume_prompt_answered)
        self.resume_prompt = prompt
        prompt.open()

    @Slot(QAbstractButton)
    def _resume_prompt_answered(self, button: QAbstractButton) -> None:
        self.resume_prompt = None
        if button is self._resume_choice:
            self.resume()
        elif button is self._new_choice:
            self._choose_instrument()

    def start_return_screening(self, episode_id: UUID) -> None:
        """The screening of a youth back from a missing episode (context and episode fixed)."""
        self._pending_episode = episode_id
        self._choose_instrument()

    def _choose_instrument(self) -> None:
        self._runner.run(
            self._casework.screenings.instrument_choices,
            on_success=self._show_start_dialog,
            on_failure=self._show_error,
            owner=self,
        )

    def _show_start_dialog(self, choices: list[InstrumentChoice]) -> None:
        episode_text = ""
        if self._pending_episode is not None:
            episode_text = self.tr(
                "This screening follows the youth's return from a missing-from-care episode "
                "and is linked to it. Submitting it marks the return screening done."
            )
        dialog = StartScreeningDialog(
            choices,
            language=self._language,
            missing_episode_id=self._pending_episode,
            episode_text=episode_text,
            parent=self,
        )
        dialog.finished.connect(self._start_dialog_finished)
        self.start_dialog = dialog
        dialog.open()

    @Slot(int)
    def _start_dialog_finished(self, result: int) -> None:
        dialog, self.start_dialog = self.start_dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        choice = dialog.instrument
        if result != StartScreeningDialog.DialogCode.Accepted or choice is None:
            return
        if self._overview is None:
            return
        CollectionOp(
            self,
            Ops(self._runner, self._casework.submit, self._broadcast),
            self._casework.screenings.begin,
            self._overview.youth.id,
            choice.instrument_id,
            version=choice.version,
            context=dialog.context,
            missing_episode_id=dialog.missing_episode_id,
            changes={"screening"},
        ).success(self._started).failure(self._show_error).run_in_background()

    def _started(self, opened: OpenedScreening) -> None:
        self.show_wizard(opened)


class YouthCaseworkPanel(QWidget):
    """What the youth's page offers beyond identity: screenings, the identification history and
    missing episodes. Ending a
    missing episode offers the return screening, linked to that episode."""

    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        *,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.screenings = ScreeningsPanel(casework, runner, broadcast, language=language)
        self.identifications = IdentificationsPanel(casework, runner, broadcast)
        self.missing = MissingPanel(casework, runner, broadcast)
        layout.addWidget(self.screenings)
        layout.addWidget(self.identifications)
        layout.addWidget(self.missing)
        self.missing.return_screening_requested.connect(self._return_screening)

    def show_overview(self, overview: YouthOverview | None) -> None:
        self.screenings.show_overview(overview)
        self.identifications.show_youth(overview.youth.id if overview is not None else None)
        self.missing.show_overview(overview)

    def focus_chain(self) -> list[QWidget]:
        """Its controls in the order they appear, for the page's Tab order."""
        panel, missing = self.screenings, self.missing
        return [
            panel.resume_button,
            panel.list,
            panel.start_button,
            panel.open_button,
            panel.pdf_button,
            panel.discard_button,
            self.identifications.list,
            self.identifications.void_button,
            missing.start_button,
            missing.end_button,
            missing.report_button,
            missing.ncmec_button,
            missing.debrief_button,
        ]

    @Slot(object)
    def _return_screening(self, episode_id: UUID) -> None:
        self.screenings.start_return_screening(episode_id)
