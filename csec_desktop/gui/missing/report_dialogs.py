"""The NCMEC report and the return debrief of a missing-from-care episode (P.L. 113-183,
W&IC 16501.35). Both are reachable from the youth's page; the NCMEC report also from its
obligation in Obligations. Times are read in the county's time zone; nothing is saved until
the service accepts it, and a refusal is shown in the dialog with everything typed kept.

The debrief's answers are lists built from the domain's choices (data, not a fixed form): why the
youth left, where they were, and whether they were exploited while away ("yes" makes the return
screening propose *victim while absent*); "declined to answer" is its own answer, never "no".
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain.episode import DebriefAnswer, LeftBecause, StayedWhere
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_edit_format
from csec_desktop.gui.common.moments import read_moment, set_moment


def left_label(value: LeftBecause) -> str:
    return {
        LeftBecause.CONFLICT_IN_PLACEMENT: QCoreApplication.translate(
            "EpisodeLabels", "Conflict in the placement"
        ),
        LeftBecause.TO_BE_WITH_FAMILY: QCoreApplication.translate(
            "EpisodeLabels", "To be with family"
        ),
        LeftBecause.TO_BE_WITH_FRIENDS_OR_PARTNER: QCoreApplication.translate(
            "EpisodeLabels", "To be with friends or a partner"
        ),
        LeftBecause.RECRUITED_OR_LURED: QCoreApplication.translate(
            "EpisodeLabels", "Recruited or lured away"
        ),
        LeftBecause.SUBSTANCE_USE: QCoreApplication.translate("EpisodeLabels", "Alcohol or drugs"),
        LeftBecause.FELT_UNSAFE: QCoreApplication.translate("EpisodeLabels", "Felt unsafe"),
        LeftBecause.OTHER: QCoreApplication.translate("EpisodeLabels", "Another reason"),
        LeftBecause.UNKNOWN: QCoreApplication.translate("EpisodeLabels", "Not known"),
        LeftBecause.DECLINED: QCoreApplication.translate(
            "EpisodeLabels", "The youth chose not to say"
        ),
    }[value]


def stayed_label(value: StayedWhere) -> str:
    return {
        StayedWhere.FAMILY: QCoreApplication.translate("EpisodeLabels", "With family"),
        StayedWhere.FRIENDS: QCoreApplication.translate("EpisodeLabels", "With friends"),
        StayedWhere.PARTNER: QCoreApplication.translate("EpisodeLabels", "With a partner"),
        StayedWhere.ADULT_NOT_KNOWN_TO_AGENCY: QCoreApplication.translate(
            "EpisodeLabels", "With an adult the agency does not know"
        ),
        StayedWhere.STREET_OR_SHELTER: QCoreApplication.translate(
            "EpisodeLabels", "On the street or in a shelter"
        ),
        StayedWhere.HOTEL_OR_MOTEL: QCoreApplication.translate(
            "EpisodeLabels", "In a hotel or motel"
        ),
        StayedWhere.OUTSIDE_THE_COUNTY: QCoreApplication.translate(
            "EpisodeLabels", "Outside the county"
        ),
        StayedWhere.OTHER: QCoreApplication.translate("EpisodeLabels", "Somewhere else"),
        StayedWhere.UNKNOWN: QCoreApplication.translate("EpisodeLabels", "Not known"),
        StayedWhere.DECLINED: QCoreApplication.translate(
            "EpisodeLabels", "The youth chose not to say"
        ),
    }[value]


def debrief_answer_label(value: DebriefAnswer) -> str:
    return {
        DebriefAnswer.YES: QCoreApplication.translate("EpisodeLabels", "Yes"),
        DebriefAnswer.NO: QCoreApplication.translate("EpisodeLabels", "No"),
        DebriefAnswer.UNKNOWN: QCoreApplication.translate("EpisodeLabels", "Not known"),
        DebriefAnswer.DECLINED: QCoreApplication.translate(
            "EpisodeLabels", "The youth chose not to answer"
        ),
    }[value]


class _RecordDialog(QDialog):
    """A small form that asks its owner to save (``confirmed``) and stays open until saved."""

    confirmed = Signal()

    def _finish(self, layout: QVBoxLayout, save_text: str) -> None:
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _moment_edit(self, zone: ZoneInfo) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setDisplayFormat(moment_edit_format())
        edit.setCalendarPopup(True)
        set_moment(edit, datetime.now(UTC), zone)
        return edit

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.setStyleSheet(f"color: {theme.current().problem}; font-weight: bold;")
        self.error_label.setVisible(bool(text))

    def problem(self) -> tuple[str, QWidget] | None:
        return None

    @Slot()
    def _check(self) -> None:
        found = self.problem()
        if found is not None:
            text, widget = found
            self.show_error(text)
            widget.setFocus()
            return
        self.show_error("")
        self.confirmed.emit()


class NcmecReportDialog(_RecordDialog):
    """The report to NCMEC: when, its case number, and whether law enforcement made it."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Report to NCMEC"))
        self._zone = zone
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A missing child is reported to the National Center for Missing & Exploited "
                "Children within 24 hours. Record the case number NCMEC gave."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reported_at_edit = self._moment_edit(zone)
        self.reported_at_edit.setAccessibleName(self.tr("When NCMEC was told"))
        when = QLabel(self.tr("&When reported:"))
        when.setBuddy(self.reported_at_edit)
        form.addRow(when, self.reported_at_edit)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("ncmecNumberEdit")
        self.number_edit.setAccessibleName(self.tr("NCMEC case number"))
        number = QLabel(self.tr("NCMEC case &number *:"))
        number.setBuddy(self.number_edit)
        form.addRow(number, self.number_edit)
        self.by_law_enforcement = QCheckBox(self.tr("&Law enforcement made this report to NCMEC"))
        form.addRow("", self.by_law_enforcement)
        layout.addLayout(form)
        self._finish(layout, self.tr("&Save report"))

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.number_edit.text().strip():
            return self.tr("Give the NCMEC case number."), self.number_edit
        return None

    @property
    def reported_at(self) -> datetime:
        return read_moment(self.reported_at_edit, self._zone)

    @property
    def report_number(self) -> str:
        return self.number_edit.text().strip()


class DebriefDialog(_RecordDialog):
    """The return debrief: why the youth left, where they were, exploited while away."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return debrief"))
        self._zone = zone
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.debriefed_at_edit = self._moment_edit(zone)
        self.debriefed_at_edit.setAccessibleName(self.tr("When the debrief took place"))
        when = QLabel(self.tr("&When:"))
        when.setBuddy(self.debriefed_at_edit)
        form.addRow(when, self.debriefed_at_edit)
        layout.addLayout(form)
        side_by_side = QHBoxLayout()  # two columns: the dialog fits a 768-pixel-high screen
        layout.addLayout(side_by_side)
        self.left_boxes = self._checks(
            side_by_side,
            self.tr("Why the youth left (all that apply)"),
            list(LeftBecause),
            left_label,
        )
        self.stayed_boxes = self._checks(
            side_by_side,
            self.tr("Where the youth was (all that apply)"),
            list(StayedWhere),
            stayed_label,
        )
        exploited = QGroupBox(self.tr("Was the youth exploited while away? *"))
        exploited.setAccessibleName(self.tr("Was the youth exploited while away"))
        exploited_layout = QVBoxLayout(exploited)
        self.exploited_group = QButtonGroup(self)
        self.exploited_buttons: dict[DebriefAnswer, QRadioButton] = {}
        for index, answer in enumerate(DebriefAnswer):
            button = QRadioButton(debrief_answer_label(answer))
            button.setAccessibleName(
                self.tr("Exploited while away: %1").replace("%1", debrief_answer_label(answer))
            )
            self.exploited_group.addButton(button, index)
            self.exploited_buttons[answer] = button
            exploited_layout.addWidget(button)
        layout.addWidget(exploited)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Debrief notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 3 + 12)
        notes = QLabel(self.tr("&Notes:"))
        notes.setBuddy(self.notes_edit)
        layout.addWidget(notes)
        layout.addWidget(self.notes_edit)
        self._finish(layout, self.tr("&Save debrief"))

    def _checks(self, layout: QHBoxLayout, title: str, values: list, label) -> dict:  # type: ignore[no-untyped-def,type-arg]
        box = QGroupBox(title)
        box.setAccessibleName(title)
        inner = QVBoxLayout(box)
        found = {}
        for value in values:
            check = QCheckBox(label(value))
            check.setAccessibleName(f"{title}: {label(value)}")
            inner.addWidget(check)
            found[value] = check
        layout.addWidget(box)
        return found

    def problem(self) -> tuple[str, QWidget] | None:
        if self.exploited is None:
            first = self.exploited_buttons[DebriefAnswer.YES]
            return self.tr("Say whether the youth was exploited while away."), first
        return None

    @property
    def debriefed_at(self) -> datetime:
        return read_moment(self.debriefed_at_edit, self._zone)

    @property
    def left_because(self) -> list[LeftBecause]:
        return [value for value, box in self.left_boxes.items() if box.isChecked()]

    @property
    def stayed(self) -> list[StayedWhere]:
        return [value for value, box in self.stayed_boxes.items() if box.isChecked()]

    @property
    def exploited(self) -> DebriefAnswer | None:
        return next((a for a, b in self.exploited_buttons.items() if b.isChecked()), None)

    @property
    def notes(self) -> str:
        return self.notes_edit.toPlainText().strip()


__all__ = ["DebriefDialog", "NcmecReportDialog", "debrief_answer_label"]
