"""Merge this youth's record into another record of the same child.

The records that look like the same child are offered first (the duplicate check's matching);
a search finds any other. Choosing one shows what will move (how many screenings,
identifications, obligations, episodes and sessions) before anything is saved; merging is one
audited transaction through ``YouthMergeService`` and is sent at the next sync. This record is
kept, marked merged into the other: nothing is erased.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import Youth
from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.common.dates import date_text
from csec_desktop.gui.common.ops import CollectionOp, Ops
from csec_desktop.gui.messages import error_message
from csec_desktop.gui.tasks import TaskRunner
from csec_desktop.services.youth_merge import MergeOutcome, MergePlan

ID_ROLE = Qt.ItemDataRole.UserRole
MERGE_CHANGES = {
    "youth",
    "screening",
    "identification",
    "obligation",
    "missing_episode",
    "education_session",
}


def _who(youth: Youth) -> str:
    text = f"{youth.display_name} · {date_text(youth.date_of_birth)}"
    if youth.county_client_id:
        text += f" · {youth.county_client_id}"
    return text


class MergeDialog(QDialog):
    def __init__(
        self,
        casework: Casework,
        runner: TaskRunner,
        broadcast: Broadcast,
        duplicate: Youth,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge duplicate record"))  # never a name in a title
        self._casework = casework
        self._runner = runner
        self._ops = Ops(runner, casework.submit, broadcast)
        self.duplicate = duplicate
        self.plan: MergePlan | None = None
        self.outcome: MergeOutcome | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Merge %1 into another record of the same child. Everything recorded here "
                "(screenings, identifications, obligations, missing episodes, sessions) moves "
                "to the record you choose; this record is kept, marked merged, and no longer "
                "listed."
            ).replace("%1", _who(duplicate))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        search_row = QHBoxLayout()
        search_label = QLabel(self.tr("&Find the other record:"))
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Find the other record of this child"))
        self.search_edit.setPlaceholderText(self.tr("Name, date of birth or client ID"))
        search_label.setBuddy(self.search_edit)
        self.search_button = QPushButton(self.tr("&Search"))
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)
        self.candidates = QListWidget()
        self.candidates.setObjectName("mergeCandidates")
        self.candidates.setAccessibleName(self.tr("Records that may be the same child"))
        layout.addWidget(self.candidates)
        self.plan_label = QLabel(self.tr("Choose the record to keep."))
        self.plan_label.setObjectName("mergePlan")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("&Merge into the chosen record"))
        self.merge_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.search)
        self.search_edit.returnPressed.connect(self.search)
        self.candidates.currentItemChanged.connect(self._chosen)
        self.resize(560, 420)
        self._runner.run_on_lane(
            casework.submit,
            casework.youth.check_duplicates,
            duplicate,
            on_success=self._show_candidates,
            on_failure=self._failed,
            owner=self,
        )

    @Slot()
    def search(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            return
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.youth.search,
            text,
            on_success=self._show_candidates,
            on_failure=self._failed,
            owner=self,
        )

    def _show_candidates(self, found: list[Youth]) -> None:
        self.candidates.clear()
        self._found = {y.id: y for y in found if y.id != self.duplicate.id}
        for youth in self._found.values():
            row = QListWidgetItem(_who(youth), self.candidates)
            row.setData(ID_ROLE, str(youth.id))
        if not self._found:
            self.plan_label.setText(
                self.tr("No other record found. Search by name, date of birth or client ID.")
            )

    @Slot()
    def _chosen(self, *_args: object) -> None:
        self.plan = None
        self.merge_button.setEnabled(False)
        row = self.candidates.currentItem()
        if row is None:
            return
        self._runner.run_on_lane(
            self._casework.submit,
            self._casework.merge.plan,
            self.duplicate.id,
            UUID(str(row.data(ID_ROLE))),
            on_success=self._show_plan,
            on_failure=self._failed,
            owner=self,
        )

    def _show_plan(self, plan: MergePlan) -> None:
        self.plan = plan
        text = self.tr(
            "Moves to %1: %2 screening(s), %3 identification(s), %4 obligation(s), "
            "%5 missing episode(s), %6 session(s)."
        )
        for key, value in (
            ("%1", _who(plan.survivor)),
            ("%2", str(plan.screenings)),
            ("%3", str(plan.identifications)),
            ("%4", str(plan.obligations)),
            ("%5", str(plan.missing_episodes)),
            ("%6", str(plan.sessions)),
        ):
            text = text.replace(key, value)
        self.plan_label.setText(text)
        self.plan_label.setStyleSheet("")
        self.merge_button.setEnabled(True)

    @Slot()
    def merge(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.merge_button.setEnabled(False)
        CollectionOp(
            self,
            self._ops,
            self._casework.merge.merge,
            plan.duplicate.id,
            plan.survivor.id,
            changes=MERGE_CHANGES,
        ).success(self._merged).failure(self._failed).run_in_background()

    def _merged(self, outcome: MergeOutcome) -> None:
        self.outcome = outcome
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.plan_label.setText(self.tr("Not merged: %1").replace("%1", error_message(error)))
        self.plan_label.setStyleSheet(f"color: {theme.current().problem}; font-weight: bold;")
        self.merge_button.setEnabled(self.plan is not None)


__all__ = ["MergeDialog"]
