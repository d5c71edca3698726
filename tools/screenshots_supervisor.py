"""Screenshots of a supervisor's sections (used by ``tools/screenshots.py``).

No county server runs here: the supervisor's ``ReviewService`` syncs through its real client
code against an ``httpx.MockTransport`` that answers the review and report endpoints from demo
screenings (``DemoSeeder``, every name marked DEMO) kept in a throwaway caseworker vault. One
screening is returned and resubmitted, so "a screening under review" shows what changed.
Shots: the review queue, the resubmitted screening under review, the team dashboard, and the
first page of the county report PDF (``pdftoppm`` if installed, else the laid-out document).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx


def _wire_report(report: Any, start: date, end: date) -> dict[str, Any]:
    from csec_desktop.exports.report_csv import report_rows

    return {
        "county": "Fresno",
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "team": "A",
        "suppression": False,
        "counts": [
            {"measure": m, "key": k, "value": v, "suppressed": False}
            for m, k, v in report_rows(report)
        ],
    }


class DemoCountyServer:
    """Just enough of the review and report API, from a caseworker's demo vault."""

    def __init__(self, store: Any) -> None:
        from csec_desktop.domain import Screening, ScreeningStatus

        self.store = store
        self.screenings = [
            s
            for s in store.records(Screening, status=ScreeningStatus.SUBMITTED.value)
            if s.determination is not None
        ][:7]
        self.versions = {s.id: 1 for s in self.screenings}
        self.decided: set[Any] = set()

    def resubmit(self, screening_id: Any, changes: dict[str, Any]) -> None:
        from csec_desktop.domain import ScreeningStatus

        for index, screening in enumerate(self.screenings):
            if screening.id == screening_id:
                self.screenings[index] = screening.evolve(
                    answers={**screening.answers, **changes},
                    status=ScreeningStatus.RESUBMITTED,
                    submitted_at=datetime.now(UTC),
                )
                self.versions[screening_id] += 2
                self.decided.discard(screening_id)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        waiting = [s for s in self.screenings if s.id not in self.decided]
        if path == "/reviews/screenings":
            return httpx.Response(
                200,
                json={
                    "screenings": [
                        {
                            "screening_id": str(s.id),
                            "version": self.versions[s.id],
                            "author": ("m.rivera", "j.chen", "a.okafor")[n % 3],
                            "status": s.status.value,
                            "screening_date": s.screening_date.isoformat(),
                            "submitted_at": (s.submitted_at or datetime.now(UTC)).isoformat(),
                            "risk_level": s.determination.risk_level.value,  # type: ignore[union-attr]
                            "category": s.determination.category.value,  # type: ignore[union-attr]
                        }
                        for n, s in enumerate(waiting)
                    ]
                },
            )
        if path.endswith("/decision"):
            screening_id = path.split("/")[-2]
            body = json.loads(request.content)
            self.decided.add(next(s.id for s in self.screenings if str(s.id) == screening_id))
            return httpx.Response(
                200,
                json={
                    "review_id": str(uuid4()),
                    "screening_id": screening_id,
                    "screening_version": body["screening_version"],
                    "decision": body["decision"],
                    "reviewer": "s.supervisor",
                    "reviewed_at": datetime.now(UTC).isoformat(),
                },
            )
        if path.startswith("/reviews/screenings/"):
            screening = next(s for s in self.screenings if str(s.id) == path.split("/")[-1])
            return httpx.Response(
                200,
                json={
                    "screening_id": str(screening.id),
                    "version": self.versions[screening.id],
                    "author": "m.rivera",
                    "screening": screening.model_dump(mode="json"),
                },
            )
        if path == "/team/obligations":
            from csec_desktop.domain import Obligation

            now = datetime.now(UTC)
            open_ones = sorted(
                (
                    o
                    for o in self.store.records(Obligation)
                    if not o.done and o.due_at <= now + timedelta(days=31)
                ),
                key=lambda o: o.due_at,
            )
            authors = ("m.rivera", "j.chen", "a.okafor")
            listed = [
                {
                    "obligation_id": str(o.id),
                    "kind": o.kind.value,
                    "due_at": o.due_at.isoformat(),
                    "caseworker": authors[n % 3],
                    "youth_id": str(o.youth_id),
                }
                for n, o in enumerate(open_ones[:500])
            ]
            return httpx.Response(200, json={"obligations": listed, "limit": 500})
        if path == "/reports/county":
            from csec_desktop.domain.policy import CountyPolicy
            from csec_desktop.services.reports import ReportService

            start = date.fromisoformat(request.url.params["start"])
            end = date.fromisoformat(request.url.params["end"])
            report = ReportService(self.store, CountyPolicy(), county="Fresno").county_report(
                start, end + timedelta(days=1)
            )
            return httpx.Response(200, json=_wire_report(report, start, end))
        return httpx.Response(404, json={"error": {"code": "not_found", "message": "no"}})


def shoot_supervisor(
    save: Callable[[Any, str], None],
    wait_for: Callable[[Callable[[], bool]], None],
    out: Path,
    suffix: str,
    language: str,
) -> None:
    from PySide6.QtGui import QImage, QPainter

    from csec_desktop.domain import ReviewDecision
    from csec_desktop.domain.policy import CountyPolicy
    from csec_desktop.exports import ExportService
    from csec_desktop.gui.broadcast import Broadcast
    from csec_desktop.gui.dashboard.page import DashboardPage
    from csec_desktop.gui.printing.report_pdf import county_report_document, county_report_pdf
    from csec_desktop.gui.review.page import ReviewPage
    from csec_desktop.gui.tasks import TaskRunner
    from csec_desktop.instruments import InstrumentRegistry
    from csec_desktop.instruments.registry import shipped_instruments_dir
    from csec_desktop.services.demo import DEMO_INSTRUMENT, DemoSeeder
    from csec_desktop.services.reports import ReportService, suppress_small_counts
    from csec_desktop.services.review import ReviewClient, ReviewService
    from csec_desktop.store import Store
    from csec_desktop.store import sync_state as ss

    registry = InstrumentRegistry(shipped_instruments_dir(), None)
    with tempfile.TemporaryDirectory(prefix="csec-screenshots-supervisor-") as tmp:
        caseworker = Store(Path(tmp) / "caseworker.db", os.urandom(32), create=True)
        DemoSeeder(caseworker, registry.latest(DEMO_INSTRUMENT), seed=7).seed(
            youth=120, screenings=300, sessions=40
        )
        server = DemoCountyServer(caseworker)
        supervisor = Store(Path(tmp) / "supervisor.db", os.urandom(32), create=True)
        for key, value in (
            (ss.META_SERVER_URL, "https://csec.county.example"),
            (ss.META_DEVICE_TOKEN, "demo"),
            (ss.META_ROLE, "supervisor"),
        ):
            supervisor.set_meta(key, value)

        def client(url: str, token: str) -> ReviewClient:
            return ReviewClient(url, token=token, transport=httpx.MockTransport(server.handle))

        service = ReviewService(supervisor, actor="s.supervisor", client_factory=client)
        service.sync()
        first = server.screenings[0]
        service.decide(
            first.id, ReviewDecision.RETURNED, "Add who first reported the exploitation and when."
        )
        service.sync()
        server.resubmit(first.id, {"observations": "DEMO reported by the school counselor"})
        service.sync()

        runner = TaskRunner()
        broadcast = Broadcast()
        exports = ExportService(supervisor, CountyPolicy(), actor="s.supervisor")
        review = ReviewPage(service, registry, exports, runner, broadcast, language=language)
        review.resize(1100, 680)
        review.show()
        wait_for(lambda: review.model.rowCount() > 0)
        save(review, "review-queue")
        row = next(i for i, item in enumerate(review.model.items) if item.resubmitted)
        review.table.selectRow(row)
        wait_for(lambda: review.case is not None)
        save(review, "review-screening")
        review.hide()

        dashboard = DashboardPage(service, exports, runner, broadcast)
        dashboard.resize(1100, 900)
        dashboard.show()
        wait_for(lambda: dashboard.blocks["categories"].model.rowCount() > 0)
        save(dashboard, "team-dashboard")
        dashboard.hide()

        # The team caseload as a sync leaves it on the supervisor's laptop (ids and counts
        # only), with one reassignment queued here and waiting for the next sync.
        from csec_desktop.domain import Obligation, Youth
        from csec_desktop.gui.caseload.team_page import TeamCaseloadPage
        from csec_desktop.services.caseload import (
            META_TEAM_CASELOAD,
            META_TEAM_CASELOAD_AT,
            CaseloadService,
        )
        from csec_desktop.sync.protocol import AssignmentKind, CaseloadEntry, TeamCaseload

        now = datetime.now(UTC)
        names = ["a.okafor", "m.rivera", "j.chen", "t.nguyen"]
        entries = []
        for number, youth in enumerate(caseworker.records(Youth, limit=1_000)):
            open_ = [o for o in caseworker.records(Obligation, youth_id=youth.id) if o.is_open]
            entries.append(
                CaseloadEntry(
                    youth_id=youth.id,
                    caseworker=names[number % 3],  # the fourth has just joined the team
                    kind=AssignmentKind.PRIMARY,
                    open_obligations=len(open_),
                    overdue_obligations=sum(1 for o in open_ if o.overdue(now)),
                    next_due_at=min((o.due_at for o in open_), default=None),
                )
            )
        team = TeamCaseload(entries=entries, caseworkers=names)
        supervisor.set_meta(META_TEAM_CASELOAD, team.model_dump_json())
        supervisor.set_meta(META_TEAM_CASELOAD_AT, now.isoformat())
        caseload = CaseloadService(supervisor, actor="s.supervisor")
        caseload.reassign("m.rivera", "t.nguyen", reason="caseload balance")
        closing = [e.youth_id for e in entries if e.caseworker == "j.chen"][:1]
        caseload.close_cases("j.chen", closing, reason="case closed by the court")
        team_page = TeamCaseloadPage(
            caseload, supervisor.submit, runner, broadcast, CountyPolicy().zone
        )
        team_page.resize(1100, 560)
        team_page.show()
        wait_for(lambda: team_page.model.rowCount() == len(names))
        save(team_page, "team-caseload")
        # Moving only the youth chosen: a.okafor's caseload, two of them checked.
        from PySide6.QtCore import Qt

        for row in range(team_page.proxy.rowCount()):
            if team_page.proxy.index(row, 0).data() == "a.okafor":
                team_page.table.selectRow(row)
        team_page.reassign()
        dialog = team_page.dialog
        wait_for(lambda: dialog is not None and dialog.isVisible())
        dialog.whole_check.setChecked(False)
        for row in range(min(2, dialog.youth_list.count())):
            dialog.youth_list.item(row).setCheckState(Qt.CheckState.Checked)
        dialog.to_combo.setCurrentIndex(dialog.to_combo.findData("t.nguyen"))
        dialog.reason_edit.setText("caseload balance")
        dialog.resize(620, dialog.sizeHint().height())
        save(dialog, "team-caseload-choose")
        dialog.reject()
        team_page.hide()

        today = date.today()
        report = suppress_small_counts(
            ReportService(caseworker, CountyPolicy(), county="Fresno").county_report(
                date(today.year, 1, 1), today + timedelta(days=1)
            )
        )
        name = f"report-pdf-page1{suffix}.png"
        if shutil.which("pdftoppm"):
            pdf = Path(tmp) / "report.pdf"
            pdf.write_bytes(county_report_pdf(report))
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                 str(pdf), str(out / name.removesuffix(".png"))],
                check=True,
            )  # fmt: skip
        else:
            document = county_report_document(report)
            document.setTextWidth(800)
            image = QImage(820, int(document.size().height()) + 20, QImage.Format.Format_RGB32)
            image.fill(0xFFFFFF)
            painter = QPainter(image)
            document.drawContents(painter)
            painter.end()
            image.save(str(out / name))
        print(f"saved docs/screenshots/{name}")
        runner.wait_for_done(10_000)
        caseworker.close()
        supervisor.close()
