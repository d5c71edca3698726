"""Properties of the child as the unit (issue 12).

1. **One open obligation per legal duty**, on each laptop and across both, whatever random
   sequence of screenings, re-screenings, supervisor returns and corrections, approvals,
   addenda, sync replays (the same records arriving twice) and conflict resolutions two laptops
   of one caseworker go through for the same child.
2. **The report counts children**: its child counts equal the number of distinct children,
   however many screenings and identifications each child has.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csec_desktop.domain import (
    RECORD_TYPES,
    CsecCategory,
    Obligation,
    Record,
    ReviewDecision,
    RiskLevel,
    Screening,
    ScreeningStatus,
    Track,
)
from csec_desktop.domain.duties import open_duplicates
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import (
    DeterminationFacts,
    IdentificationFacts,
    ScreeningFacts,
    aggregate,
)
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import FixedClock, ScreeningService
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.store import Store
from tests.casebook.facts import CSEC, Fact, answers_for
from tests.unit.conftest import make_youth

F = Fact
SCREENINGS = {
    "new victim": frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAPPENING_NOW,
                             F.NEW_INCIDENT_SINCE_REPORT}),
    "victim, nothing new": frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAS_STOPPED,
                                      F.NO_NEW_INCIDENT}),
    "at risk": frozenset({F.MUCH_OLDER_PARTNER, F.SCREENER_POSSIBLY_CONCERNED}),
    "nothing": frozenset(),
}  # fmt: skip
LAPTOPS = ("A", "B")

operation = st.one_of(
    st.tuples(st.just("screen"), st.sampled_from(LAPTOPS), st.sampled_from(sorted(SCREENINGS))),
    st.tuples(st.just("approve"), st.sampled_from(LAPTOPS), st.just("")),
    st.tuples(st.just("amend"), st.sampled_from(LAPTOPS), st.sampled_from(sorted(SCREENINGS))),
    st.tuples(
        st.just("return and correct"), st.sampled_from(LAPTOPS), st.sampled_from(sorted(SCREENINGS))
    ),
    st.tuples(st.just("sync"), st.sampled_from(LAPTOPS), st.just("")),
    st.tuples(st.just("resolve conflicts"), st.sampled_from(LAPTOPS), st.just("")),
)


class _Laptop:
    def __init__(self, folder: Path, clock: FixedClock) -> None:
        folder.mkdir()
        self.store = Store(folder / "vault.db", os.urandom(32), create=True)
        registry = InstrumentRegistry(shipped_instruments_dir(), folder / "instruments")
        self.screenings = ScreeningService(
            self.store, registry, CountyPolicy(), clock, actor="cw-property"
        )

    def records(self) -> Iterator[Record]:
        for model in RECORD_TYPES.values():
            yield from self.store.records(model)

    def latest(self, youth_id: UUID, *statuses: ScreeningStatus) -> Screening | None:
        found = [
            s for s in self.store.records(Screening, youth_id=youth_id) if s.status in statuses
        ]
        return max(found, key=lambda s: (s.created_at, str(s.id)), default=None)


class _Caseload:
    """One child, two laptops of the same caseworker, and what each operation does."""

    def __init__(self, folder: Path) -> None:
        self.clock = FixedClock(datetime(2025, 3, 3, 17, 0, tzinfo=UTC))
        self.laptops = {name: _Laptop(folder / name, self.clock) for name in LAPTOPS}
        self.youth = self.laptops["A"].store.save(make_youth(), actor="cw-property")
        self.laptops["B"].store.put_server_record(self.youth, actor="sync")

    def other(self, name: str) -> _Laptop:
        return self.laptops["B" if name == "A" else "A"]

    def _submit(self, laptop: _Laptop, screening: Screening, kind: str) -> None:
        service = laptop.screenings
        instrument = service.instrument_for(screening)
        items = {item.id: item.type.value for item in instrument.items()}
        answers = answers_for(CSEC, SCREENINGS[kind], items)
        cleared = {k: None for k in screening.answers if k not in answers}
        answered = service.answer(screening, {**cleared, **answers})
        service.submit(service.confirm(answered))

    def apply(self, step: tuple[str, str, str]) -> None:
        action, name, kind = step
        self.clock.advance(hours=5)
        laptop = self.laptops[name]
        service = laptop.screenings
        submitted = (ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED)
        if action == "screen":
            self._submit(laptop, service.start(self.youth.id, CSEC), kind)
        elif action == "approve":
            latest = laptop.latest(self.youth.id, *submitted)
            if latest is not None:
                service.apply_review(latest, ReviewDecision.APPROVED, reviewer="sup-property")
        elif action == "amend":
            approved = laptop.latest(self.youth.id, ScreeningStatus.APPROVED)
            pending = [
                s
                for s in laptop.store.records(Screening, youth_id=self.youth.id)
                # An addendum not yet approved (a draft, or one awaiting review) is in progress:
                # the service refuses a second one, as a caseworker would be told.
                if approved is not None
                and s.amends_id == approved.id
                and s.status is not ScreeningStatus.APPROVED
            ]
            if approved is not None and not pending:
                self._submit(laptop, service.amend(approved), kind)
        elif action == "return and correct":
            latest = laptop.latest(self.youth.id, *submitted)
            if latest is not None:
                returned, _ = service.apply_review(
                    latest, ReviewDecision.RETURNED, reviewer="sup-property", comment="check"
                )
                self._submit(laptop, returned, kind)
        elif action == "sync":
            # Everything this laptop holds arrives on the other one, twice (a replayed page).
            target = self.other(name)
            for _ in range(2):
                for record in laptop.records():
                    target.store.put_server_record(record, actor="sync")
        elif action == "resolve conflicts":
            # The other laptop changed records this one changed too (same version, other
            # content); a person resolves each for this laptop's version.
            target = self.other(name)
            for record in laptop.records():
                model = type(record)
                if not target.store.exists(model, record.id):
                    continue
                theirs = target.store.get(model, record.id)
                if theirs.version == record.version and theirs != record:
                    target.store.adopt_server_version(record, actor="resolve")

    def check(self) -> None:
        merged: dict[UUID, Obligation] = {}
        for laptop in self.laptops.values():
            obligations = laptop.store.records(Obligation, youth_id=self.youth.id)
            mapping = IdentificationService(laptop.store, actor="check").identification_of(
                self.youth.id
            )
            assert open_duplicates(obligations, mapping) == {}
            for obligation in obligations:
                held = merged.get(obligation.id)
                if held is None or obligation.version > held.version:
                    merged[obligation.id] = obligation
        assert open_duplicates(merged.values()) == {}

    def close(self) -> None:
        for laptop in self.laptops.values():
            laptop.store.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=st.lists(operation, min_size=1, max_size=9))
def test_one_open_obligation_per_duty_whatever_happens(
    steps: list[tuple[str, str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    caseload = _Caseload(tmp_path_factory.mktemp("caseload"))
    try:
        for step in steps:
            caseload.apply(step)
            caseload.check()
    finally:
        caseload.close()


# -- the report counts children ------------------------------------------------------------------

START, END = date(2025, 1, 1), date(2025, 4, 1)
CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def _screening(child: UUID, on: date, category: CsecCategory, track: Track) -> ScreeningFacts:
    labor = track is Track.LABOR_TRAFFICKING
    return ScreeningFacts(
        id=uuid4(),
        version=1,
        created_at=CREATED,
        updated_at=CREATED,
        youth_id=child,
        instrument_id="child-labor-trafficking-screen" if labor else "ca-csec-eligibility-risk",
        track=track,
        screening_date=on,
        status=ScreeningStatus.SUBMITTED,
        determination=DeterminationFacts(
            category=None if labor else category,
            labor_finding=None,
            track=track,
            risk_level=RiskLevel.POSSIBLE_CONCERN,
            confirmed_at=datetime.combine(on, datetime.min.time(), UTC),
            identification_id=uuid4() if category.is_victim else None,
        ),
    )


@st.composite
def caseload(draw: st.DrawFn) -> tuple[list[ScreeningFacts], list[IdentificationFacts]]:
    children = [uuid4() for _ in range(draw(st.integers(1, 12)))]
    day = st.integers(-40, 130).map(lambda n: START + timedelta(days=n))
    screenings, identifications = [], []
    for child in children:
        for _ in range(draw(st.integers(0, 6))):
            track = draw(st.sampled_from(list(Track)))
            category = draw(st.sampled_from(list(CsecCategory)))
            screenings.append(_screening(child, draw(day), category, track))
        for _ in range(draw(st.integers(0, 3))):
            received = datetime.combine(draw(day), datetime.min.time(), UTC) + timedelta(hours=20)
            track = draw(st.sampled_from(list(Track)))
            identifications.append(
                IdentificationFacts(
                    id=uuid4(), version=1, created_at=CREATED, updated_at=CREATED,
                    youth_id=child, track=track, information_received_at=received,
                    category=(draw(st.sampled_from([c for c in CsecCategory if c.is_victim]))
                              if track is Track.SEXUAL_EXPLOITATION else None),
                    voided_at=received if draw(st.booleans()) and draw(st.booleans()) else None,
                )
            )  # fmt: skip
    return screenings, identifications


@settings(max_examples=200, deadline=None)
@given(caseload())
def test_the_report_counts_each_child_once_however_many_screenings(
    data: tuple[list[ScreeningFacts], list[IdentificationFacts]],
) -> None:
    screenings, identifications = data
    policy = CountyPolicy()
    report = aggregate(
        start=START, end=END, as_of=datetime(2025, 4, 2, tzinfo=UTC), policy=policy,
        screenings=screenings, identifications=identifications, obligations=[], sessions=[],
        trainings=[],
    )  # fmt: skip
    period_from = datetime.combine(START, datetime.min.time(), policy.zone)
    period_to = datetime.combine(END, datetime.min.time(), policy.zone)

    def screened(track: Track) -> set[UUID]:
        return {
            s.youth_id for s in screenings if s.track is track and START <= s.screening_date < END
        }

    def identified(track: Track) -> set[UUID]:
        return {
            i.youth_id
            for i in identifications
            if i.track is track
            and i.counted
            and period_from <= i.information_received_at < period_to
        }

    csec = Track.SEXUAL_EXPLOITATION
    labor = Track.LABOR_TRAFFICKING
    assert report.children == len(screened(csec) | identified(csec))
    assert sum(report.children_by_category.values()) == report.children
    assert sum(report.children_by_jurisdiction.values()) == report.children
    assert report.children_screened == len(screened(csec))
    assert sum(report.children_by_risk_level.values()) == report.children_screened
    assert report.children_identified == len(identified(csec))
    assert report.victim_children >= report.children_identified
    assert report.labor_children == len(screened(labor) | identified(labor))
    assert sum(report.labor_children_by_finding.values()) == report.labor_children
    assert report.labor_children_identified == len(identified(labor))
    assert report.screenings == sum(
        1 for s in screenings if s.track is csec and START <= s.screening_date < END
    )
