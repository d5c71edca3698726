"""The sections a supervisor's device adds to the main window: Review and Team dashboard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from csec_desktop.gui.broadcast import Broadcast
from csec_desktop.gui.caseload.team_page import TeamCaseloadPage
from csec_desktop.gui.common.casework import Casework
from csec_desktop.gui.dashboard.page import DashboardPage
from csec_desktop.gui.review.page import ReviewPage
from csec_desktop.gui.tasks import TaskRunner


def supervisor_sections(
    casework: Casework, runner: TaskRunner, broadcast: Broadcast, *, language: str = "en"
) -> list[tuple[str, QWidget]]:
    """(title, page) of each supervisor section, or none when the vault is not enrolled for a
    supervisor. Reads two settings from the vault (a lane call of a few milliseconds)."""
    service = casework.review
    if not service.is_supervisor():
        return []
    exports = casework.exports
    registry = casework.screenings.registry
    review = ReviewPage(service, registry, exports, runner, broadcast, language=language)
    dashboard = DashboardPage(service, exports, runner, broadcast)
    sections: list[tuple[str, QWidget]] = [
        (QCoreApplication.translate("SupervisorSections", "Review"), review),
        (QCoreApplication.translate("SupervisorSections", "Team dashboard"), dashboard),
    ]
    if casework.caseload.may_assign():  # who holds which youth; reassign and cover offline
        caseload = TeamCaseloadPage(
            casework.caseload, casework.submit, runner, broadcast, casework.policy.zone
        )
        sections.append(
            (QCoreApplication.translate("SupervisorSections", "Team caseload"), caseload)
        )
    return sections
