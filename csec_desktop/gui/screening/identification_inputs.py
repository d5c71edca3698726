"""The two questions a determination that identifies a victim must answer before it is submitted:
when the agency learned this (the 24-hour clock runs from then, not from submission) and, for a
child identified before, whether this is the same incident (no new report) or a new one (a new
report to law enforcement).

The time is read in the county's time zone. It is not clamped by the field: a typed time in the
future or before the youth's birth is refused with the service's one-line reason shown under the
field (``show_received_problem``), so nothing the screener typed changes silently.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import Identification
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_edit_format, moment_text
from csec_desktop.gui.common.labels import category_label
from csec_desktop.gui.common.moments import read_moment, set_moment

SAME, NEW = 0, 1


class IdentificationInputs(QWidget):
    """``received_changed`` when the time is edited; ``incident_changed`` when the screener says
    same or new incident (the proposal, and what submitting creates, depend on it)."""

    received_changed = Signal()
    incident_changed = Signal()

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = zone
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.received_edit = QDateTimeEdit()
        self.received_edit.setObjectName("receivedAtEdit")
        self.received_edit.setDisplayFormat(moment_edit_format())
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setAccessibleName(
            self.tr("When the agency learned of the exploitation (required)")
        )
        self.received_edit.setToolTip(
            self.tr(
                "The 24-hour report to law enforcement is due 24 hours after the agency "
                "received the information, not after this screening is submitted."
            )
        )
        label = QLabel(self.tr("When did the agency &learn this? *"))
        label.setBuddy(self.received_edit)
        form.addRow(label, self.received_edit)
        self.received_problem = QLabel()
        self.received_problem.setObjectName("receivedAtProblem")
        self.received_problem.setWordWrap(True)
        self.received_problem.hide()
        form.addRow("", self.received_problem)
        layout.addLayout(form)

        self.incident_box = QGroupBox(self.tr("Identified before: is this the same incident?"))
        self.incident_box.setObjectName("incidentBox")
        self.incident_box.setAccessibleName(self.tr("Same incident or a new incident"))
        box_layout = QVBoxLayout(self.incident_box)
        self.earlier_label = QLabel()
        self.earlier_label.setWordWrap(True)
        box_layout.addWidget(self.earlier_label)
        self.same_button = QRadioButton(
            self.tr("The &same incident: this screening confirms it, no new report")
        )
        self.new_button = QRadioButton(
            self.tr("A ne&w incident since then: a new report to law enforcement is owed")
        )
        self.incident_group = QButtonGroup(self)
        self.incident_group.addButton(self.same_button, SAME)
        self.incident_group.addButton(self.new_button, NEW)
        box_layout.addWidget(self.same_button)
        box_layout.addWidget(self.new_button)
        layout.addWidget(self.incident_box)
        self.incident_box.hide()

        self._received_set = False
        self.received_edit.dateTimeChanged.connect(self._received_edited)
        self.incident_group.idClicked.connect(self._incident_clicked)

    # -- the time ------------------------------------------------------------------------------

    def set_received_default(self, moment: datetime | None) -> None:
        """The time shown until the screener changes it: the one recorded before, else now."""
        if self._received_set:
            return
        self.received_edit.blockSignals(True)
        set_moment(self.received_edit, moment or datetime.now(UTC), self._zone)
        self.received_edit.blockSignals(False)
        self._received_set = True

    def received_at(self) -> datetime:
        return read_moment(self.received_edit, self._zone)

    def show_received_problem(self, text: str) -> None:
        self.received_problem.setText(text)
        self.received_problem.setAccessibleDescription(text)
        self.received_problem.setStyleSheet(
            f"color: {theme.current().problem}; font-weight: bold;" if text else ""
        )
        self.received_problem.setVisible(bool(text))
        self.received_edit.setAccessibleDescription(text)

    @Slot()
    def _received_edited(self) -> None:
        self._received_set = True
        self.received_changed.emit()

    def set_read_only(self) -> None:
        """Submitted: what was confirmed is shown, not changed."""
        self.received_edit.setReadOnly(True)
        self.same_button.setEnabled(False)
        self.new_button.setEnabled(False)

    # -- the incident --------------------------------------------------------------------------

    def show_earlier(self, earlier: tuple[Identification, ...], answered: bool | None) -> None:
        """Ask about the incident when the child has ``earlier`` identifications on this track;
        ``answered`` is the instrument's "new incident since the last report?" answer, taken as
        the choice until the screener makes one here."""
        self.incident_box.setVisible(bool(earlier))
        if not earlier:
            return
        latest = max(earlier, key=lambda i: (i.information_received_at, i.created_at))
        what = category_label(latest.category) if latest.category is not None else ""
        text = self.tr("Identified on %1").replace(
            "%1", moment_text(latest.information_received_at, self._zone)
        )
        if what:
            text += " (" + what + ")"
        self.earlier_label.setText(text + ".")
        if self.incident_group.checkedId() == -1 and answered is not None:
            (self.new_button if answered else self.same_button).setChecked(True)

    @property
    def incident_asked(self) -> bool:
        return not self.incident_box.isHidden()

    @property
    def new_incident(self) -> bool | None:
        """The screener's answer (None: not asked, or not chosen yet)."""
        if not self.incident_asked:
            return None
        chosen = self.incident_group.checkedId()
        return None if chosen == -1 else chosen == NEW

    @Slot(int)
    def _incident_clicked(self, _id: int) -> None:
        self.incident_changed.emit()


__all__ = ["IdentificationInputs"]
