"""The wizard's last page, read top-down in seconds: the proposed category (or labor finding) and
the risk level, what submitting will create, what still blocks submission, why (plain sentences
in the reader's language, from the answers that support them), and the screener's confirmation:
another category needs a written reason; a victim's identification needs when the agency learned
it and, for a child identified before, whether this is the same incident or a new one."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csec_desktop.domain import (
    CsecCategory,
    LaborFinding,
    Obligation,
    ObligationKind,
    RiskLevel,
    Screening,
    Track,
)
from csec_desktop.domain.identifying import IdentificationAction
from csec_desktop.gui.common import theme
from csec_desktop.gui.common.dates import moment_text, time_left_text
from csec_desktop.gui.common.labels import (
    determination_label,
    finding_label,
    obligation_label,
    risk_label,
)
from csec_desktop.gui.common.reasons import (
    declined_sentence,
    eligibility_sentences,
    reason_sentences,
    screening_reasons,
)
from csec_desktop.gui.screening.identification_inputs import IdentificationInputs
from csec_desktop.instruments import Instrument
from csec_desktop.services.screening_views import ScreeningSummary

MISSING_ROLE = Qt.ItemDataRole.UserRole


def problem_style() -> str:
    return f"color: {theme.current().problem}; font-weight: bold;"


def risk_style(level: RiskLevel) -> str:
    """The level is also written out in words: colour is never the only cue."""
    return f"color: {theme.current().risk_colour(level)}; font-weight: bold;"


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class SummaryPage(QScrollArea):
    """Shows a :class:`ScreeningSummary`. ``category_changed`` asks the wizard for a new
    obligation preview; ``incident_changed`` for a new proposal (same or new incident);
    ``received_changed`` for a check of the time; ``missing_activated`` carries the item id the
    screener wants to go and answer."""

    category_changed = Signal()
    incident_changed = Signal()
    received_changed = Signal()
    missing_activated = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        disclaimer: str = "",
        zone: ZoneInfo | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._zone = zone or ZoneInfo("America/Los_Angeles")
        self._language = language
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Summary"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)

        # What the screening comes to, first: the category, the level, what submitting creates.
        self.proposed_value = QLabel()
        self.proposed_value.setObjectName("proposedValue")
        self.proposed_value.setWordWrap(True)
        self.proposed_value.setAccessibleName(self.tr("Proposed CSEC category"))
        font = self.proposed_value.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.proposed_value.setFont(font)
        layout.addWidget(self.proposed_value)
        self.proposal_note = QLabel()
        self.proposal_note.setObjectName("proposalNote")
        self.proposal_note.setWordWrap(True)
        self.proposal_note.hide()
        layout.addWidget(self.proposal_note)
        form = QFormLayout()
        self.risk_value = QLabel()
        self.risk_value.setObjectName("riskValue")
        self.risk_value.setAccessibleName(self.tr("Risk level"))
        form.addRow(self.tr("Risk level:"), self.risk_value)
        self.obligations = QLabel()
        self.obligations.setObjectName("obligationPreview")
        self.obligations.setWordWrap(True)
        self.obligations.setAccessibleName(self.tr("What submitting creates"))
        form.addRow(self.tr("Submitting creates:"), self.obligations)
        layout.addLayout(form)

        self.blocked_label = QLabel()
        self.blocked_label.setObjectName("blockedLabel")
        self.blocked_label.setWordWrap(True)
        layout.addWidget(self.blocked_label)
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_list.setAccessibleName(self.tr("Required questions still to answer"))
        self.missing_list.setMaximumHeight(140)
        self.missing_list.itemActivated.connect(self._missing_item_activated)
        layout.addWidget(self.missing_list)

        layout.addWidget(_heading(self.tr("Why")))
        self.explanation = QLabel()
        self.explanation.setObjectName("explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.explanation.setAccessibleName(self.tr("Why"))
        layout.addWidget(self.explanation)
        self.declined = QLabel()
        self.declined.setObjectName("declinedAnswers")
        self.declined.setWordWrap(True)
        self.declined.hide()
        layout.addWidget(self.declined)

        layout.addWidget(_heading(self.tr("Your determination")))
        confirm_form = QFormLayout()
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(self.tr("CSEC category you confirm"))
        self._choices: list[CsecCategory | LaborFinding] = []
        self._fill_choices(Track.SEXUAL_EXPLOITATION)
        category_label_widget = QLabel(self.tr("C&ategory:"))
        category_label_widget.setBuddy(self.category_combo)
        confirm_form.addRow(category_label_widget, self.category_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for choosing another category"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.reason_label = QLabel(self.tr("&Reason *:"))
        self.reason_label.setBuddy(self.reason_edit)
        confirm_form.addRow(self.reason_label, self.reason_edit)
        layout.addLayout(confirm_form)
        self.reason_hint = QLabel(
            self.tr(
                "You chose a category other than the proposed one: write why. The reason is kept "
                "with the screening for your supervisor."
            )
        )
        self.reason_hint.setWordWrap(True)
        layout.addWidget(self.reason_hint)
        self.identification = IdentificationInputs(self._zone)
        self.identification.received_changed.connect(self.received_changed)
        self.identification.incident_changed.connect(self.incident_changed)
        layout.addWidget(self.identification)
        self.identification.hide()

        self.message = QLabel()
        self.message.setObjectName("summaryMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.disclaimer = QLabel(disclaimer)
        self.disclaimer.setObjectName("hintLabel")
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setAccessibleName(self.tr("About this instrument"))
        layout.addWidget(self.disclaimer)
        self.disclaimer.setVisible(bool(disclaimer))  # only once inside the page
        layout.addStretch(1)
        self.setWidget(body)

        self.summary: ScreeningSummary | None = None
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self._show_reason()

    # -- showing -------------------------------------------------------------------------------

    def show_missing(self, missing: list[tuple[str, str]]) -> None:
        """``(item id, question)`` pairs of required visible questions without an answer."""
        self.missing_list.clear()
        for item_id, question in missing:
            entry = QListWidgetItem(question, self.missing_list)
            entry.setData(MISSING_ROLE, item_id)
        blocked = bool(missing)
        self.missing_list.setVisible(blocked)
        if blocked:
            text = self.tr(
                "Submitting is blocked: %n required question(s) still to answer. "
                "Choose one to go to it.",
                "",
                len(missing),
            )
        else:
            text = self.tr("Every required question is answered.")
        self.blocked_label.setText(text)
        self.blocked_label.setAccessibleDescription(text)
        self.blocked_label.setStyleSheet(problem_style() if blocked else "")

    def _fill_choices(self, track: Track) -> None:
        """The category combo lists the CSEC categories, or a labor screen's findings."""
        choices: list[CsecCategory | LaborFinding] = (
            list(LaborFinding) if track is Track.LABOR_TRAFFICKING else list(CsecCategory)
        )
        if self._choices == choices:
            return
        # Qt hands item data back as plain text: the choices are kept here, by position.
        self._choices = choices
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        for choice in choices:
            self.category_combo.addItem(finding_label(choice), choice)
        self.category_combo.blockSignals(False)

    def _show_reasons(self, reasons: list[str], eligibility: list[str], declined: str) -> None:
        self.explanation.setText("\n".join(["• " + line for line in reasons + eligibility]))
        self.declined.setText(declined)
        self.declined.setVisible(bool(declined))

    def show_summary(self, summary: ScreeningSummary) -> None:
        self.summary = summary
        result, instrument, language = summary.result, summary.instrument, self._language
        level = result.risk_level
        self.risk_value.setText(risk_label(level))
        self.risk_value.setStyleSheet(risk_style(level))
        proposal = summary.proposal
        self._fill_choices(proposal.track)
        proposed = self.proposed
        assert proposed is not None
        self.proposed_value.setText(self.tr("Proposed: %1").replace("%1", finding_label(proposed)))
        notes = []
        if proposal.timing_assumed:
            notes.append(
                self.tr("When the exploitation happened was assumed; check it before confirming.")
            )
        if proposal.action is IdentificationAction.CONFIRMS:
            notes.append(
                self.tr(
                    "Identified before: this screening confirms that identification, no new report."
                )
            )
        elif proposal.action is IdentificationAction.NEW and proposal.earlier_identification_id:
            notes.append(self.tr("A new incident since the last report: a new report is owed."))
        self.proposal_note.setText(" ".join(notes))
        self.proposal_note.setVisible(bool(notes))
        self._show_reasons(
            reason_sentences(result, instrument, summary.answers, language),
            eligibility_sentences(result, instrument, summary.answers, language),
            declined_sentence(result, instrument, language),
        )
        if self.category_combo.property("chosen_by_screener") is not True:
            self._select(proposed)
        self.identification.show_earlier(summary.earlier, result.new_incident)
        self._show_reason()

    def show_determination(
        self, screening: Screening, instrument: Instrument | None = None
    ) -> None:
        """A submitted or approved screening: what was confirmed, read only (its reasons
        worded now, in the reader's language)."""
        result, determination = screening.result, screening.determination
        track = screening.screening_track
        self._fill_choices(track)
        if result is not None:
            self.risk_value.setText(risk_label(result.risk_level))
            self.risk_value.setStyleSheet(risk_style(result.risk_level))
            proposed = result.proposed_labor_finding or result.proposed_category
            self.proposed_value.setText(finding_label(proposed) if proposed else "—")
        if instrument is not None:
            _result, reasons, eligibility, declined = screening_reasons(
                screening, instrument, self._language
            )
            self._show_reasons(reasons, eligibility, declined)
        if determination is not None:
            chosen = determination.labor_finding or determination.category
            if chosen is not None:
                self._select(chosen)
            self.proposed_value.setText(determination_label(determination, track))
            self.reason_edit.setPlainText(determination.override_reason or "")
            received = determination.information_received_at
            if received is not None:
                self.identification.set_received_default(received)
                self.identification.show()
                self.identification.set_read_only()
        self.obligations.setText(self.tr("See the youth's obligations."))
        self.category_combo.setEnabled(False)
        self.reason_edit.setReadOnly(True)
        self.missing_list.hide()
        self.blocked_label.setText(
            self.tr("This screening was submitted; its determination is shown as confirmed.")
        )
        self._show_reason()

    def show_obligations(
        self,
        obligations: list[Obligation],
        already_created: frozenset[ObligationKind],
        now: datetime,
        zone: ZoneInfo,
    ) -> None:
        lines = []
        for obligation in obligations:
            line = self.tr("%1 — due %2 (%3)")
            line = (
                line.replace("%1", obligation_label(obligation.kind))
                .replace("%2", moment_text(obligation.due_at, zone))
                .replace("%3", time_left_text(obligation.due_at, now))
            )
            if obligation.kind in already_created:
                line += " " + self.tr("(already created by an earlier submission)")
            lines.append("• " + line)
        self.obligations.setText(
            "\n".join(lines) if lines else self.tr("None: this category creates no obligations.")
        )

    def show_message(self, text: str, *, problem: bool) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.setStyleSheet(problem_style() if problem else "font-weight: bold;")
        self.message.setVisible(bool(text))

    # -- the screener's choice -----------------------------------------------------------------

    def _select(self, choice: CsecCategory | LaborFinding) -> None:
        self.category_combo.blockSignals(True)
        self.category_combo.setCurrentIndex(self._choices.index(choice))
        self.category_combo.blockSignals(False)

    @property
    def proposed(self) -> CsecCategory | LaborFinding | None:
        if self.summary is None:
            return None
        proposal = self.summary.proposal
        return proposal.labor_finding or proposal.category

    @property
    def chosen(self) -> CsecCategory | LaborFinding:
        return self._choices[max(0, self.category_combo.currentIndex())]

    @property
    def chosen_identifies_victim(self) -> bool:
        chosen = self.chosen
        if isinstance(chosen, LaborFinding):
            return chosen is LaborFinding.IDENTIFIED
        return chosen.is_victim

    @property
    def risk_level(self) -> RiskLevel:
        return self.summary.result.risk_level if self.summary else RiskLevel.NO_CONCERN

    @property
    def overridden(self) -> bool:
        return self.proposed is not None and self.chosen is not self.proposed

    def override_reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @property
    def received_at(self) -> datetime | None:
        """When the agency learned this, for a determination that identifies a victim."""
        return self.identification.received_at() if self.chosen_identifies_victim else None

    @property
    def new_incident(self) -> bool | None:
        return self.identification.new_incident if self.chosen_identifies_victim else None

    @property
    def incident_unanswered(self) -> bool:
        """A child identified before, a victim determination, and no "same or new?" answer."""
        return (
            self.chosen_identifies_victim
            and self.identification.incident_asked
            and self.identification.new_incident is None
        )

    @Slot()
    def _category_changed(self) -> None:
        self.category_combo.setProperty("chosen_by_screener", True)
        self._show_reason()
        self.category_changed.emit()

    def _show_reason(self) -> None:
        overridden = self.overridden or bool(self.reason_edit.toPlainText().strip())
        for widget in (self.reason_label, self.reason_edit, self.reason_hint):
            widget.setVisible(overridden)
        if self.summary is not None:
            self.identification.setVisible(self.chosen_identifies_victim)

    @Slot(QListWidgetItem)
    def _missing_item_activated(self, entry: QListWidgetItem) -> None:
        self.missing_activated.emit(str(entry.data(MISSING_ROLE)))
