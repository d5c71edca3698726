"""Start a screening of a youth: choose the instrument (newest installed version) and why now.

A return-from-missing screening names its episode and its reason is fixed. The dialog only
collects the choice; the youth's page starts the draft on the database lane.
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from csec_desktop.domain import ScreeningContext
from csec_desktop.gui.common.labels import context_label
from csec_desktop.gui.common.wording import calm_case
from csec_desktop.gui.forms.ui_start_screening import Ui_StartScreeningForm
from csec_desktop.services.screening_views import InstrumentChoice

# Return from missing is offered only when an ended episode is being followed up.
_CHOOSABLE = [c for c in ScreeningContext if c is not ScreeningContext.RETURN_FROM_MISSING]


class StartScreeningDialog(QDialog):
    def __init__(
        self,
        choices: list[InstrumentChoice],
        *,
        language: str = "en",
        missing_episode_id: UUID | None = None,
        episode_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_StartScreeningForm()
        self.ui.setupUi(self)
        self.setWindowTitle(self.tr("Start screening"))
        self._choices = choices
        self._language = language
        self.missing_episode_id = missing_episode_id
        for choice in choices:
            text = self.tr("%1 (version %2)").replace("%1", choice.title(language))
            self.ui.instrumentCombo.addItem(text.replace("%2", choice.version), choice)
        if missing_episode_id is not None:
            context = ScreeningContext.RETURN_FROM_MISSING
            self.ui.contextCombo.addItem(context_label(context), context)
            self.ui.contextCombo.setEnabled(False)
            self.ui.episodeLabel.setText(episode_text)
        else:
            for context in _CHOOSABLE:
                self.ui.contextCombo.addItem(context_label(context), context)
            self.ui.episodeLabel.hide()
        self.ui.errorLabel.hide()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Start"))
        ok.setAccessibleName(self.tr("Start"))
        ok.setEnabled(bool(choices))
        cancel = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.instrumentCombo.currentIndexChanged.connect(self._instrument_changed)
        self._instrument_changed()
        if not choices:
            self.ui.errorLabel.setText(self.tr("No screening instrument is installed."))
            self.ui.errorLabel.show()
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    @Slot()
    def _instrument_changed(self) -> None:
        choice = self.instrument
        if choice is None or choice.validated:
            self.ui.disclaimerLabel.hide()
            return
        self.ui.disclaimerLabel.setText(calm_case(choice.disclaimer(self._language)))
        self.ui.disclaimerLabel.show()

    @property
    def instrument(self) -> InstrumentChoice | None:
        data = self.ui.instrumentCombo.currentData()
        return data if isinstance(data, InstrumentChoice) else None

    @property
    def context(self) -> ScreeningContext:
        return ScreeningContext(self.ui.contextCombo.currentData())
