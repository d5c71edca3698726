"""Exports: the county report CSV (suppressed when it leaves the county), the CWS/CMS worklist,
and the rules every export follows (atomic, owner-only, audited, no stray temporary file)."""

from __future__ import annotations

import csv
import io
import stat
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from csec_desktop.domain import (
    AuditAction,
    CsecCategory,
    ObligationKind,
    Record,
    RiskLevel,
    ScreeningStatus,
    TrainingAudience,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.screening import ExploitationTiming
from csec_desktop.exports import (
    CwsCmsAdapter,
    ExportFailed,
    ExportService,
    write_export,
)
from csec_desktop.services import FixedClock
from csec_desktop.store import Store
from tests.unit.conftest import make_youth
from tests.unit.test_services_reports import (
    AS_OF,
    Q1,
    obligation,
    screening,
    session,
    training,
)


def _rows(data: bytes) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (r["measure"], r["key"]): (r["value"], r["suppressed"])
        for r in csv.DictReader(io.StringIO(data.decode()))
    }


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def service(store: Store) -> ExportService:
    a = make_youth(given_name="Ana DEMO", county_client_id="0123-4567-8901-2345678")
    b = make_youth(given_name="Ben DEMO")
    c = make_youth(given_name="Cam DEMO")
    s = ScreeningStatus
    victim = screening(a, date(2024, 1, 10), s.APPROVED, CsecCategory.VICTIM_IN_CARE,
                       RiskLevel.CLEAR_CONCERN)  # fmt: skip
    victim = victim.evolve(
        determination=victim.determination.model_copy(  # type: ignore[union-attr]
            update={"timing": ExploitationTiming.WHILE_IN_CARE}
        )
    )
    records: list[Record] = [
        a, b, c, victim,
        screening(b, date(2024, 2, 1), s.SUBMITTED, CsecCategory.AT_RISK),
        screening(c, date(2024, 2, 2), s.SUBMITTED, CsecCategory.NOT_IDENTIFIED,
                  RiskLevel.NO_CONCERN),
        screening(c, date(2024, 5, 2), s.SUBMITTED, CsecCategory.VICTIM_BEFORE_CARE),  # later
        session(date(2024, 1, 20), [a.id], 12),
        training(date(2024, 3, 10), TrainingAudience.SOCIAL_WORKERS, 25),
    ]  # fmt: skip
    document = obligation(a, ObligationKind.DOCUMENT_IN_COUNTY_SYSTEM,
                          datetime(2024, 1, 13, 17, tzinfo=UTC),
                          datetime(2024, 1, 12, 18, tzinfo=UTC))  # fmt: skip
    records.append(document.evolve(screening_id=victim.id, reference="GRID-1"))
    store.save_many(records, actor="cw-1")
    return ExportService(
        store, CountyPolicy(), actor="cw-1", clock=FixedClock(AS_OF), county="Fresno"
    )


def test_county_report_csv_hides_counts_of_1_to_10_when_it_leaves_the_county(
    service: ExportService, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before_tmp = _listing(Path(tempfile.gettempdir()))
    path = service.county_report_csv(*Q1, out / "county-report.csv")
    rows = _rows(path.read_bytes())
    # By hand: 3 screenings of 3 children (the May one is after Q1); 1 session reaching 1 linked
    # youth and 12 anonymous ones; 1 training of 25 social workers.
    assert rows[("screenings", "total")] == ("", "yes")
    assert rows[("children", "total")] == ("", "yes")
    assert rows[("children_by_category", "victim_while_absent")] == ("0", "no")
    assert rows[("youth_reached", "total")] == ("13", "no")
    assert rows[("people_trained_by_audience", "social_workers")] == ("25", "no")
    assert rows[("obligations_met_on_time", "document_in_county_system")] == ("", "yes")
    assert all(v == "" or int(v) == 0 or int(v) > 10 for v, _ in rows.values())
    # Owner-only, nothing else left in the folder or the temp dir, audited without names.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _listing(out) == {"county-report.csv"}
    assert _listing(Path(tempfile.gettempdir())) - before_tmp == set()
    event = service.store.audit_events()[-1]
    assert event.action is AuditAction.EXPORT
    assert event.detail == "county report csv 2024-01-01/2024-04-01 suppressed=yes"
    assert service.store.verify_audit().ok


def test_county_report_csv_inside_the_county_is_exact(
    service: ExportService, tmp_path: Path
) -> None:
    rows = _rows(
        service.county_report_csv(*Q1, tmp_path / "r.csv", leaves_county=False).read_bytes()
    )
    assert rows[("screenings", "total")] == ("3", "no")
    assert rows[("children", "total")] == ("3", "no")
    assert rows[("children_by_category", "victim_in_care")] == ("1", "no")
    assert rows[("children_by_risk_level", "possible_concern")] == ("1", "no")
    assert rows[("obligations_met_on_time", "total")] == ("1", "no")
    assert rows[("education_sessions_by_audience", "mixed")] == ("1", "no")


def test_cws_cms_worklist_lists_identified_youth_with_category_and_dates(
    service: ExportService, tmp_path: Path
) -> None:
    adapter = CwsCmsAdapter()
    name = adapter.file_name(*Q1)
    assert name == "cws-cms-worklist-2024-01-01-to-2024-04-01.csv"
    path = service.worklist_csv(adapter, *Q1, tmp_path / name)
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    # The victim and the at-risk youth; not the one not identified, not the later screening.
    assert [(r["first_name"], r["csec_category_code"]) for r in rows] == [
        ("Ana DEMO", "victim_in_care"),
        ("Ben DEMO", "at_risk"),
    ]
    ana = rows[0]
    assert ana["client_id"] == "0123-4567-8901-2345678"
    assert ana["csec_grid_category"] == "Victim - while in foster care"
    assert (ana["screening_date"], ana["identified_on"]) == ("2024-01-10", "2024-01-09")
    assert ana["exploitation_timing"] == "while_in_care"
    assert ana["document_by"] == "2024-01-13T17:00+00:00"
    assert ana["documented_reference"] == "GRID-1"
    assert rows[1]["document_by"] == ""
    assert _listing(tmp_path) >= {name} and not [n for n in _listing(tmp_path) if ".tmp" in n]
    assert service.store.audit_events()[-1].detail.startswith("worklist cws-cms 2024-01-01")

    strict = ExportService(service.store, CountyPolicy(document_at_risk=False), actor="cw-1")
    other = strict.worklist_csv(adapter, *Q1, tmp_path / "w2.csv")
    assert [r["first_name"] for r in csv.DictReader(io.StringIO(other.read_text()))] == ["Ana DEMO"]


def test_a_failed_export_leaves_nothing_and_is_not_audited(store: Store, tmp_path: Path) -> None:
    before = len(store.audit_events())
    with pytest.raises(ExportFailed):
        write_export(store, tmp_path / "missing" / "x.csv", b"a", actor="cw", detail="x")
    # The rename fails (a folder is in the way): the temporary file is removed again.
    blocked = tmp_path / "blocked"
    (blocked / "x.csv").mkdir(parents=True)
    with pytest.raises(ExportFailed):
        write_export(store, blocked / "x.csv", b"secret", actor="cw", detail="x")
    assert _listing(blocked) == {"x.csv"}
    assert len(store.audit_events()) == before
    with pytest.raises(ValueError):
        write_export(store, tmp_path / "x.csv", b"a", actor="cw", detail="Ana DEMO's file")
    with pytest.raises(ValueError):
        write_export(store, tmp_path / "x.csv", b"a", actor="cw", action=AuditAction.VIEW,
                     detail="x")  # fmt: skip
