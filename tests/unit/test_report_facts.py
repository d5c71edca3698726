"""The store's report facts (``store/report_facts.py``, migration 6) stay true.

The county report reads ``report_facts`` instead of the record bodies. These tests check that the
table says what the bodies say after every way a record is written or leaves: the services'
saves (screen, review, return and correct, amend, void, merge), a conflict resolved either way,
a supervisor's record stored as the server sent it, pulled pages (through sqlite-utils and plain
SQL, replayed), and removals from the caseload; and that a merged youth's tombstone is never
found by name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csec_desktop.domain import (
    RECORD_TYPES,
    Identification,
    Record,
    ReviewDecision,
    Screening,
    ScreeningStatus,
    Youth,
)
from csec_desktop.domain.policy import CountyPolicy
from csec_desktop.domain.reporting import ScreeningFacts
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.services import FixedClock, ScreeningService
from csec_desktop.services.identifications import IdentificationService
from csec_desktop.services.youth_merge import YouthMergeService
from csec_desktop.store import Store
from csec_desktop.store import caseload as local_caseload
from csec_desktop.store.migrations import _NESTED, _REPORTED
from tests import report_facts_check
from tests.casebook.facts import CSEC, Fact, answers_for
from tests.unit.conftest import make_youth

F = Fact
SCREENINGS = {
    "new victim": frozenset({F.PAID_FOR_SEX, F.WHILE_IN_PLACEMENT, F.HAPPENING_NOW,
                             F.NEW_INCIDENT_SINCE_REPORT}),
    "at risk": frozenset({F.MUCH_OLDER_PARTNER, F.SCREENER_POSSIBLY_CONCERNED}),
    "nothing": frozenset(),
}  # fmt: skip
ACTOR = "cw-facts"
WRITERS = {"sqlite-utils": local_caseload.write_sqlite_utils, "plain SQL": local_caseload.write_raw}


class _Laptop:
    def __init__(self, folder: Path, clock: FixedClock) -> None:
        folder.mkdir()
        self.store = Store(folder / "vault.db", os.urandom(32), create=True)
        registry = InstrumentRegistry(shipped_instruments_dir(), folder / "instruments")
        self.clock = clock
        self.screenings = ScreeningService(self.store, registry, CountyPolicy(), clock, actor=ACTOR)

    def records(self) -> list[Record]:
        return [r for model in RECORD_TYPES.values() for r in self.store.records(model)]

    def screen(self, youth: Youth, kind: str, screening: Screening | None = None) -> None:
        service = self.screenings
        screening = screening or service.start(youth.id, CSEC)
        instrument = service.instrument_for(screening)
        items = {item.id: item.type.value for item in instrument.items()}
        answers = answers_for(CSEC, SCREENINGS[kind], items)
        cleared = {k: None for k in screening.answers if k not in answers}
        service.submit(service.confirm(service.answer(screening, {**cleared, **answers})))

    def latest(self, youth: Youth, *statuses: ScreeningStatus) -> Screening | None:
        found = [
            s for s in self.store.records(Screening, youth_id=youth.id) if s.status in statuses
        ]
        return max(found, key=lambda s: (s.created_at, str(s.id)), default=None)

    def pull(self, records: list[Record], writer: str) -> None:
        """``records`` arrive as a pulled page, stored by ``writer`` (both are real paths)."""
        pulled = [local_caseload.Pulled(r, "cw-other") for r in records]
        before = local_caseload.WRITE_PULLED
        local_caseload.WRITE_PULLED = WRITERS[writer]
        try:
            self.store.db.write(
                lambda conn: local_caseload.put_pulled(
                    self.store.db, conn, pulled, actor="sync", username=ACTOR
                )
            )
        finally:
            local_caseload.WRITE_PULLED = before

    def remove(self, youth: Youth) -> None:
        self.store.db.write(
            lambda conn: local_caseload.remove_youth(conn, youth.id, "reassigned", actor="sync")
        )

    def acknowledge_everything(self) -> None:
        """The county server took every pending change (as a push's 2xx says)."""
        self.store.mark_sent([item.op_id for item in self.store.claim_outbox(10_000)])


SUBMITTED = (ScreeningStatus.SUBMITTED, ScreeningStatus.RESUBMITTED)

operation = st.one_of(
    st.tuples(st.just("screen"), st.sampled_from((0, 1)), st.sampled_from(sorted(SCREENINGS))),
    st.tuples(st.just("approve"), st.sampled_from((0, 1)), st.just("")),
    st.tuples(
        st.just("return and correct"), st.sampled_from((0, 1)), st.sampled_from(sorted(SCREENINGS))
    ),
    st.tuples(st.just("amend"), st.sampled_from((0, 1)), st.sampled_from(sorted(SCREENINGS))),
    st.tuples(st.just("void identification"), st.sampled_from((0, 1)), st.just("")),
    st.tuples(st.just("merge"), st.just(1), st.just("")),
    st.tuples(st.just("resolve conflict"), st.sampled_from((0, 1)),
              st.sampled_from(("mine", "theirs"))),
    st.tuples(st.just("pull"), st.just(2), st.sampled_from(sorted(WRITERS))),
    st.tuples(st.just("acknowledged"), st.just(0), st.just("")),
    st.tuples(st.just("remove"), st.sampled_from((0, 1, 2)), st.just("")),
)  # fmt: skip


class _World:
    """A caseworker's laptop holding two youth; another laptop whose youth arrives by pull."""

    def __init__(self, folder: Path) -> None:
        self.clock = FixedClock(datetime(2025, 3, 3, 17, 0, tzinfo=UTC))
        self.laptop = _Laptop(folder / "laptop", self.clock)
        self.other = _Laptop(folder / "other", self.clock)
        save = self.laptop.store.save
        self.youth = [
            save(make_youth(given_name="Ana DEMO", family_name="Lopez DEMO"), actor=ACTOR),
            save(make_youth(given_name="Ana DEMO", family_name="López DEMO"), actor=ACTOR),
            self.other.store.save(make_youth(given_name="Bea DEMO"), actor=ACTOR),
        ]

    def apply(self, step: tuple[str, int, str]) -> None:
        action, slot, kind = step
        self.clock.advance(hours=5)
        laptop, youth = self.laptop, self.youth[slot]
        if slot < 2 and laptop.store.exists(Youth, youth.id):
            youth = laptop.store.get(Youth, youth.id)
            if youth.merged_into is not None and action != "remove":
                return
        service = laptop.screenings
        if action == "screen":
            laptop.screen(youth, kind)
        elif action == "approve" and (latest := laptop.latest(youth, *SUBMITTED)):
            service.apply_review(latest, ReviewDecision.APPROVED, reviewer="sup-facts")
        elif action == "return and correct" and (latest := laptop.latest(youth, *SUBMITTED)):
            returned, _ = service.apply_review(
                latest, ReviewDecision.RETURNED, reviewer="sup-facts", comment="check"
            )
            laptop.screen(youth, kind, returned)
        elif action == "amend" and (approved := laptop.latest(youth, ScreeningStatus.APPROVED)):
            open_addenda = [
                s
                for s in laptop.store.records(Screening, youth_id=youth.id)
                if s.amends_id == approved.id and s.status is not ScreeningStatus.APPROVED
            ]
            if not open_addenda:
                laptop.screen(youth, kind, service.amend(approved))
        elif action == "void identification":
            identifications = IdentificationService(laptop.store, actor=ACTOR)
            counted = [i for i in laptop.store.records(Identification) if not i.voided]
            if counted:
                identifications.void(counted[0], reason="entered for the wrong child")
        elif action == "merge" and all(laptop.store.exists(Youth, y.id) for y in self.youth[:2]):
            survivor = laptop.store.get(Youth, self.youth[0].id)
            if survivor.merged_into is None:
                YouthMergeService(laptop.store, actor=ACTOR).merge(youth.id, survivor.id)
        elif action == "resolve conflict" and (latest := laptop.latest(youth, *SUBMITTED)):
            # The server held another version of this screening: kept as the server's (adopted,
            # e.g. a supervisor's approval), or this laptop's saved on top of it.
            server_version = latest.version + 1
            if kind == "theirs":
                theirs = latest.model_copy(
                    update={"version": server_version, "status": ScreeningStatus.APPROVED}
                )
                laptop.store.adopt_server_version(theirs, actor="resolve")
            else:
                laptop.store.save_on_server_version(
                    latest, server_version=server_version, actor="resolve"
                )
        elif action == "pull":
            # The other laptop screens its youth, and this laptop pulls everything it holds,
            # twice (a page replayed after a lost answer).
            self.other.screen(youth, "new victim" if kind == "plain SQL" else "at risk")
            for _ in range(2):
                laptop.pull(self.other.records(), kind)
        elif action == "acknowledged":
            laptop.acknowledge_everything()
        elif action == "remove":
            laptop.remove(youth)

    def check(self) -> None:
        for store in (self.laptop.store, self.other.store):
            assert report_facts_check.disagreements(store) == []

    def close(self) -> None:
        self.laptop.store.close()
        self.other.store.close()


@pytest.fixture
def world(tmp_path: Path) -> Iterator[_World]:
    made = _World(tmp_path)
    yield made
    made.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(steps=st.lists(operation, min_size=1, max_size=10))
def test_facts_equal_the_bodies_after_any_sequence_of_writes(
    steps: list[tuple[str, int, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    made = _World(tmp_path_factory.mktemp("facts"))
    try:
        made.check()
        for step in steps:
            made.apply(step)
            made.check()
    finally:
        made.close()


# -- each path, named ------------------------------------------------------------------------


def _facts_rows(store: Store, record_type: str) -> dict[str, tuple[Any, ...]]:
    rows = store.call(
        lambda: (
            store._connection()
            .execute(
                "SELECT id, youth_id, status, event_date FROM report_facts WHERE record_type = ?",
                (record_type,),
            )
            .fetchall()
        )
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def test_a_pulled_page_writes_the_facts_of_every_record_it_brings(world: _World) -> None:
    other_child = world.youth[2]
    world.other.screen(other_child, "new victim")
    world.laptop.pull(world.other.records(), "sqlite-utils")
    screenings = world.other.store.records(Screening)
    assert set(_facts_rows(world.laptop.store, "screening")) == {str(s.id) for s in screenings}
    assert _facts_rows(world.laptop.store, "identification")  # the victim's identification
    assert report_facts_check.disagreements(world.laptop.store) == []
    # A newer version of the screening arrives (approved on the server): its facts follow.
    approved = screenings[0].model_copy(
        update={"version": screenings[0].version + 1, "status": ScreeningStatus.APPROVED}
    )
    world.laptop.pull([approved], "plain SQL")
    facts = world.laptop.store.report_facts_of(ScreeningFacts, [approved.id])
    assert [f.status for f in facts] == [ScreeningStatus.APPROVED]
    assert report_facts_check.disagreements(world.laptop.store) == []


def test_a_removal_takes_the_facts_of_what_left_and_keeps_those_of_what_stays(
    world: _World,
) -> None:
    sent, unsent = world.youth[0], world.youth[1]
    world.laptop.screen(sent, "new victim")
    world.laptop.acknowledge_everything()
    world.laptop.screen(unsent, "at risk")  # not pushed yet: stays until the server has it
    world.laptop.remove(sent)
    world.laptop.remove(unsent)
    left = {s.youth_id for s in world.laptop.store.report_facts(ScreeningFacts)}
    assert left == {unsent.id}
    youth_facts = _facts_rows(world.laptop.store, "youth")
    assert set(youth_facts) == {str(unsent.id)}
    assert report_facts_check.disagreements(world.laptop.store) == []


def test_a_merge_moves_the_facts_to_the_survivor(world: _World) -> None:
    survivor, duplicate = world.youth[0], world.youth[1]
    world.laptop.screen(duplicate, "new victim")
    YouthMergeService(world.laptop.store, actor=ACTOR).merge(duplicate.id, survivor.id)
    for record_type in ("screening", "identification", "obligation"):
        rows = _facts_rows(world.laptop.store, record_type)
        assert rows and {youth for youth, _, _ in rows.values()} == {str(survivor.id)}
    assert report_facts_check.disagreements(world.laptop.store) == []


def test_a_search_for_a_merged_name_finds_only_the_survivor(world: _World) -> None:
    survivor, duplicate = world.youth[0], world.youth[1]  # Ana Lopez, and Ana López again
    assert {y.id for y in world.laptop.store.search_youth("Lopez Ana")} == {
        survivor.id,
        duplicate.id,
    }
    YouthMergeService(world.laptop.store, actor=ACTOR).merge(duplicate.id, survivor.id)
    for typed in ("Lopez Ana", "López", "lopes", "Ana"):
        assert [y.id for y in world.laptop.store.search_youth(typed)] == [survivor.id], typed
    # The tombstone arriving on another laptop by pull is kept out of its index too.
    tombstone = world.laptop.store.get(Youth, duplicate.id)
    world.other.pull([tombstone], "sqlite-utils")
    assert world.other.store.search_youth("López Ana") == []
    assert world.other.store.search_youth(tombstone.date_of_birth.isoformat())  # still listed


def test_the_facts_projection_holds_every_field_the_report_views_read() -> None:
    """Migration 6 copies a fixed list of fields; a view that reads one more needs a new
    migration that redefines the triggers (else that field would read as its default)."""
    for record_type, view in report_facts_check.VIEWS.items():
        copied = {"id", "version", "created_at", "updated_at", *_REPORTED[record_type]}
        nested = _NESTED.get(record_type, {})
        assert set(view.model_fields) == copied | set(nested), record_type
        for name, fields in nested.items():
            annotation = view.model_fields[name].annotation
            part = next(a for a in getattr(annotation, "__args__", ()) if a is not type(None))
            assert set(part.model_fields) == set(fields), (record_type, name)


def test_a_facts_row_fits_in_its_page(world: _World) -> None:
    """The point of the table: a row of a screening's facts is stored whole in its b-tree page
    (SQLCipher pages hold 4,016 usable bytes; a WITHOUT ROWID row over ~980 bytes overflows)."""
    world.laptop.screen(world.youth[0], "new victim")
    world.laptop.screen(world.youth[1], "at risk")
    sizes = world.laptop.store.call(
        lambda: (
            world.laptop.store._connection()
            .execute(
                "SELECT max(length(CAST(record_type || id || coalesce(youth_id, '')"
                " || coalesce(status, '') || coalesce(event_date, '') || facts AS BLOB)))"
                " FROM report_facts"
            )
            .fetchone()[0]
        )
    )
    bodies = world.laptop.store.call(
        lambda: (
            world.laptop.store._connection()
            .execute("SELECT min(length(body)) FROM records WHERE record_type = 'screening'")
            .fetchone()[0]
        )
    )
    assert sizes < 900 < bodies, (sizes, bodies)


def test_report_facts_are_kept_only_for_reported_types(store: Store) -> None:
    from csec_desktop.domain import EducationSession

    with pytest.raises(ValueError, match="no report facts"):
        store.report_facts(EducationSession)
