"""PDFs: the county report (figures checked by extracting the PDF's text against a fixture
counted by hand) and a single screening (confidential answers absent unless included)."""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import unicodedata
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

import pypdf
import pytest

from csec_desktop.domain import (
    AuditAction,
    CsecCategory,
    Determination,
    EducationSession,
    Obligation,
    ObligationKind,
    RiskLevel,
    Screening,
    ScreeningStatus,
    SessionAudience,
    SessionSetting,
    Training,
    TrainingAudience,
    TrainingType,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.exports import ExportService
from csec_desktop.gui.printing.report_pdf import county_report_file_name, county_report_pdf
from csec_desktop.gui.printing.screening_pdf import screening_file_name, screening_pdf
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services.reports import (
    CountyReport,
    DeterminationFacts,
    ObligationFacts,
    ScreeningFacts,
    aggregate,
    suppress_small_counts,
)
from csec_desktop.store import Store

SECRET = "CONFIDENTIAL-OBSERVATION-7731"
AS_OF = datetime(2024, 12, 31, 12, tzinfo=UTC)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return unicodedata.normalize("NFKC", text)  # Qt's fonts set "fi" as one ligature glyph


def pdf_streams(data: bytes) -> bytes:
    """Every stream of the PDF, decompressed, plus the raw bytes (to search for a string)."""
    found = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            found.append(match.group(1))
    return b"\n".join(found)


def _facts(category: CsecCategory, risk: RiskLevel, on: date) -> ScreeningFacts:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    return ScreeningFacts(
        id=uuid4(),
        version=1,
        created_at=now,
        updated_at=now,
        youth_id=uuid4(),
        instrument_id="ca-csec-eligibility-risk",
        screening_date=on,
        status=ScreeningStatus.APPROVED,
        determination=DeterminationFacts(
            category=category, risk_level=risk, confirmed_at=datetime(2024, 1, 1, tzinfo=UTC)
        ),
    )


def year_report() -> CountyReport[int]:
    """By hand: 12 children at risk (possible concern), 3 victims in care (clear concern; screened
    by the earlier release, so identified by their screenings), 14 anonymous
    youth at one session, 25 social workers at one training, 2 obligations met on time and 1 late.
    """
    screenings = [
        *[_facts(CsecCategory.AT_RISK, RiskLevel.POSSIBLE_CONCERN, date(2024, 3, 1))
          for _ in range(12)],
        *[_facts(CsecCategory.VICTIM_IN_CARE, RiskLevel.CLEAR_CONCERN, date(2024, 6, 1))
          for _ in range(3)],
    ]  # fmt: skip
    now = datetime(2024, 1, 1, tzinfo=UTC)
    due = datetime(2024, 5, 1, 12, tzinfo=UTC)
    obligations = [
        ObligationFacts(id=uuid4(), version=1, created_at=now, updated_at=now,
                        kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT, due_at=due,
                        done_at=done)
        for done in (datetime(2024, 5, 1, 1, tzinfo=UTC), datetime(2024, 5, 1, 2, tzinfo=UTC),
                     datetime(2024, 5, 3, tzinfo=UTC))
    ]  # fmt: skip
    session = EducationSession(
        session_date=date(2024, 2, 2),
        minutes=60,
        curriculum="My Life My Choice",
        audience=SessionAudience.FOSTER_YOUTH,
        setting=SessionSetting.GROUP_HOME,
        facilitators=["F DEMO"],
        anonymous_attendee_count=14,
    )
    training = Training(
        training_date=date(2024, 4, 4),
        training_type=TrainingType.CSEC_101,
        audience_type=TrainingAudience.SOCIAL_WORKERS,
        attendee_count=25,
        minutes=90,
    )
    return aggregate(
        start=date(2024, 1, 1), end=date(2025, 1, 1), as_of=AS_OF, policy=CountyPolicy(),
        screenings=screenings, obligations=obligations, sessions=[session], trainings=[training],
        county="Fresno",
    )  # fmt: skip


def test_county_report_pdf_prints_the_hand_counted_figures(qapp: object) -> None:
    report = year_report()
    text = pdf_text(county_report_pdf(report))
    assert "CSEC Program report" in text
    assert "County: Fresno · Period: Jan 1, 2024 to Dec 31, 2024" in text  # dates as read
    assert "Children screened or identified 15" in text and "Screenings 15" in text
    assert "Victim while in care 3" in text and "At risk 12" in text
    assert "Possible concern 12" in text and "Clear concern 3" in text
    assert "Report the identified victim to law enforcement 2 1 0 0" in text
    assert "Youth reached 14" in text
    assert "Social workers 1 25" in text
    assert county_report_file_name(report) == (
        "csec-program-report-county-2024-01-01-to-2024-12-31.pdf"
    )


def test_a_published_report_pdf_hides_counts_of_1_to_10(qapp: object) -> None:
    published = suppress_small_counts(year_report())
    text = pdf_text(county_report_pdf(published))
    assert "Counts from 1 to 10 are hidden" in text
    assert "Victim while in care 1-10 (hidden)" in text
    # 15 screenings = 3 victims in care + 12 at risk: the 12 would give the 3 away, so it is
    # hidden too, without a range (complementary suppression), and the note says why.
    assert "At risk hidden" in text and "Screenings 15" in text
    assert "another count is hidden too" in text
    assert "Youth reached 14" in text
    assert "Social workers 1-10 (hidden) 25" in text
    assert "Victim while absent from placement 0" in text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "vault.db", os.urandom(32), create=True)
    yield opened
    opened.close()


@pytest.fixture
def screening() -> Screening:
    now = datetime(2024, 6, 3, 17, tzinfo=UTC)
    return Screening(
        youth_id=uuid4(),
        instrument_id="ca-csec-eligibility-risk",
        instrument_version="1.0.0",
        screening_date=date(2024, 6, 3),
        screener="cw-1",
        answers={"induced_commercial_sex": "yes", "observations": SECRET},
        notes="Notes with " + SECRET,
        status=ScreeningStatus.SUBMITTED,
        determination=Determination(
            category=CsecCategory.VICTIM_BEFORE_CARE,
            risk_level=RiskLevel.CLEAR_CONCERN,
            confirmed_by="cw-1",
            confirmed_at=now,
        ),
        submitted_at=now,
    )


def test_a_screening_pdf_leaves_confidential_answers_out(
    qapp: object, screening: Screening, tmp_path: Path
) -> None:
    registry = InstrumentRegistry(shipped_instruments_dir(), tmp_path / "installed")
    instrument = registry.get("ca-csec-eligibility-risk", "1.0.0")
    assert instrument.item("observations").confidential
    obligation = Obligation(
        youth_id=screening.youth_id,
        screening_id=screening.id,
        kind=ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT,
        due_at=datetime(2024, 6, 4, 17, tzinfo=UTC),
    )
    redacted = screening_pdf(
        screening, instrument, include_confidential=False, subject="Dana DEMO",
        obligations=[obligation],
    )  # fmt: skip
    text = pdf_text(redacted)
    assert SECRET not in text
    assert SECRET.encode() not in pdf_streams(redacted)
    assert SECRET.encode("utf-16-be") not in pdf_streams(redacted)
    assert "[Confidential — left out of this copy]" in text
    assert "Victim before entering care" in text and "Clear concern" in text
    assert "Report the identified victim to law enforcement" in text
    assert "Dana DEMO" in text  # the page names the youth; the file name and title do not
    assert "Dana" not in screening_file_name(screening)
    assert b"Dana" not in pypdf.PdfReader(io.BytesIO(redacted)).metadata.title.encode()

    included = pdf_text(
        screening_pdf(screening, instrument, include_confidential=True, subject="Dana DEMO")
    )
    assert SECRET in included
    # Without the instrument nothing is known to be safe: every answer is left out.
    unknown = pdf_text(screening_pdf(screening, None, include_confidential=False))
    assert SECRET not in unknown and "yes" not in unknown.split("Answers")[-1]


def test_saving_a_pdf_is_atomic_owner_only_and_audited(
    qapp: object, screening: Screening, tmp_path: Path, store: Store
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    exports = ExportService(store, CountyPolicy(), actor="sup-1")
    data = screening_pdf(screening, None, include_confidential=False)
    path = exports.save_document(
        out / screening_file_name(screening), data, detail="screening pdf redacted", printed=True
    )
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == [path.name]
    assert set(Path(tempfile.gettempdir()).iterdir()) - temp_before == set()
    event = store.audit_events()[-1]
    assert (event.action, event.detail) == (AuditAction.PRINT, "screening pdf redacted")
