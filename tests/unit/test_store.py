"""The record store: versions, outbox and audit in one transaction; search; history."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest

from csec_desktop.domain import AuditAction, Youth
from csec_desktop.store import (
    OutboxState,
    RecordNotFound,
    StaleVersion,
    Store,
    StoreClosed,
)
from csec_desktop.store import sqlcipher as sc
from tests.unit.conftest import make_youth


def test_save_creates_version_one_then_increments(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    assert youth.version == 1
    updated = store.save(youth.evolve(preferred_name="Lex"), actor="cw")
    assert updated.version == 2
    assert store.get(Youth, youth.id) == updated
    assert [v.version for v in store.history(Youth, youth.id)] == [1, 2]
    assert store.history(Youth, youth.id)[0].preferred_name is None


def test_stale_save_is_a_conflict_not_an_overwrite(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    store.save(youth.evolve(preferred_name="First"), actor="cw")
    with pytest.raises(StaleVersion):
        store.save(youth.evolve(preferred_name="Second"), actor="cw")
    assert store.get(Youth, youth.id).preferred_name == "First"


def test_new_record_with_a_version_above_one_is_refused(store: Store) -> None:
    with pytest.raises(StaleVersion):
        store.save(make_youth(version=3), actor="cw")


def test_get_unknown_record(store: Store) -> None:
    with pytest.raises(RecordNotFound):
        store.get(Youth, uuid4())


def test_every_save_writes_outbox_and_audit_rows(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    events = store.audit_events()
    assert [(e.action, e.record_id, e.record_version) for e in events] == [
        (AuditAction.CREATE, youth.id, 1)
    ]
    (item,) = store.outbox_items()
    assert (item.record_id, item.base_version, item.version) == (youth.id, 0, 1)
    assert item.payload["id"] == str(youth.id)


def test_failed_save_leaves_no_partial_rows(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    store.save(youth.evolve(preferred_name="Lex"), actor="cw")
    with pytest.raises(StaleVersion):
        store.save(youth.evolve(preferred_name="Stale"), actor="cw")
    assert len(store.audit_events()) == 2
    assert len(store.history(Youth, youth.id)) == 2
    assert store.outbox_counts().pending == 1


def test_unsent_changes_to_one_record_coalesce(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    for name in ("A", "B", "C"):
        youth = store.save(youth.evolve(preferred_name=name), actor="cw")
    (item,) = store.outbox_items()
    assert (item.base_version, item.version, item.payload["preferred_name"]) == (0, 4, "C")


def test_attempted_item_is_never_rewritten_under_its_op_id(store: Store) -> None:
    youth = store.save(make_youth(), actor="cw")
    (claimed,) = store.claim_outbox()
    youth = store.save(youth.evolve(preferred_name="Later"), actor="cw")
    first, second = store.outbox_items()
    assert first.op_id == claimed.op_id and first.payload == claimed.payload
    assert (second.base_version, second.version) == (1, 2)


def test_sent_and_quarantined_items_are_kept(store: Store) -> None:
    a = store.save(make_youth(), actor="cw")
    b = store.save(make_youth(given_name="Sam DEMO"), actor="cw")
    first, second = store.claim_outbox()
    assert {first.record_id, second.record_id} == {a.id, b.id}
    assert store.mark_sent([first.op_id]) == 1
    store.quarantine(second.op_id, "rejected: unknown county")
    counts = store.outbox_counts()
    assert (counts.pending, counts.sent, counts.quarantined) == (0, 1, 1)
    (quarantined,) = store.outbox_items(OutboxState.QUARANTINED)
    assert quarantined.last_error == "rejected: unknown county"
    assert store.mark_sent([second.op_id]) == 0  # a quarantined item is not silently "sent"


def test_audit_chain_verifies_and_detects_edits(tmp_path: Path, data_key: bytes) -> None:
    path = tmp_path / "vault.db"
    store = Store(path, data_key, create=True)
    youth = store.save(make_youth(), actor="cw")
    store.record_event(AuditAction.VIEW, actor="cw", record=youth)
    store.save(youth.evolve(preferred_name="Lex"), actor="cw")
    report = store.verify_audit()
    assert report.ok and report.events == 3
    store.close()

    conn = sc.connect(path, data_key)
    conn.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")
    conn.close()
    store = Store(path, data_key)
    assert store.verify_audit().problems == ["audit entry 2 was altered"]
    store.close()

    conn = sc.connect(path, data_key)
    conn.execute("DELETE FROM audit_log WHERE seq = 2")
    conn.close()
    store = Store(path, data_key)
    problems = store.verify_audit().problems
    store.close()
    assert "audit entry 2 is missing (next is 3)" in problems


def test_search_by_name_prefix_accent_insensitive(store: Store) -> None:
    maria = store.save(make_youth(given_name="María", family_name="López DEMO"), actor="cw")
    store.save(make_youth(given_name="Mark", family_name="Stone DEMO"), actor="cw")
    store.save(make_youth(given_name="Dana", family_name="Marley DEMO"), actor="cw")
    assert {y.id for y in store.search_youth("maria lop")} == {maria.id}
    assert len(store.search_youth("mar")) == 3
    assert store.search_youth("   ") == []
    assert store.search_youth('"*)') == []  # FTS syntax in the query is not an error


def test_search_by_birth_date_and_client_id(store: Store) -> None:
    a = store.save(
        make_youth(date_of_birth=date(2010, 2, 3), county_client_id="0123-456"), actor="cw"
    )
    store.save(make_youth(date_of_birth=date(2011, 2, 3), county_client_id="0999-111"), actor="cw")
    assert [y.id for y in store.search_youth("2010-02-03")] == [a.id]
    assert [y.id for y in store.search_youth("02/03/2010")] == [a.id]
    assert [y.id for y in store.search_youth("0123")] == [a.id]


def test_search_follows_renames(store: Store) -> None:
    youth = store.save(make_youth(given_name="Jordan"), actor="cw")
    store.save(youth.evolve(given_name="Taylor"), actor="cw")
    assert store.search_youth("jordan") == []
    assert [y.given_name for y in store.search_youth("taylor")] == ["Taylor"]


def test_possible_duplicates(store: Store) -> None:
    first = store.save(make_youth(), actor="cw")
    candidate = make_youth(given_name=first.given_name.upper())
    assert [y.id for y in store.possible_duplicates(candidate)] == [first.id]
    assert store.possible_duplicates(make_youth(date_of_birth=date(2008, 1, 1))) == []


def test_list_filters_and_counts(store: Store) -> None:
    a = store.save(make_youth(), actor="cw")
    store.save(make_youth(given_name="Other DEMO"), actor="cw")
    assert store.count(Youth) == 2
    assert {y.id for y in store.records(Youth)} >= {a.id}


def test_meta_values_round_trip(store: Store) -> None:
    assert store.get_meta("device_token") is None
    store.set_meta("device_token", "t1")
    store.set_meta("device_token", "t2")
    assert store.get_meta("device_token") == "t2"


def test_work_from_many_threads_goes_through_one_lane(store: Store) -> None:
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(20):
                store.save(make_youth(), actor="cw")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count(Youth) == 80
    assert store.verify_audit().ok


def test_closed_store_refuses_work(tmp_path: Path, data_key: bytes) -> None:
    store = Store(tmp_path / "vault.db", data_key, create=True)
    store.close()
    store.close()  # twice is fine
    assert store.closed
    with pytest.raises(StoreClosed):
        store.count(Youth)


def test_integrity_checks_pass_on_a_healthy_store(store: Store) -> None:
    store.save(make_youth(), actor="cw")
    assert store.integrity_problems() == []


def test_save_many_is_all_or_nothing(store: Store) -> None:
    first = store.save(make_youth(), actor="cw")
    store.save(first.evolve(preferred_name="Moved on"), actor="cw")
    batch = [make_youth(given_name="One DEMO"), first.evolve(preferred_name="Stale")]
    with pytest.raises(StaleVersion):
        store.save_many(batch, actor="cw")
    assert store.count(Youth) == 1
    assert len(store.audit_events()) == 2
    saved = store.save_many([make_youth(), make_youth()], actor="cw")
    assert [y.version for y in saved] == [1, 1]
    assert store.count(Youth) == 3
    assert store.verify_audit().ok


def test_records_referencing_another_record(store: Store) -> None:
    from datetime import date as _date

    from csec_desktop.domain import EducationSession

    alex = store.save(make_youth(), actor="cw")
    sam = store.save(make_youth(given_name="Sam DEMO"), actor="cw")
    session = store.save(
        EducationSession(
            session_date=_date(2026, 1, 5),
            minutes=60,
            curriculum="Healthy relationships",
            audience="foster_youth",
            setting="group_home",
            facilitators=["F. DEMO"],
            attendee_youth_ids=[alex.id],
        ),
        actor="cw",
    )
    assert [s.id for s in store.records(EducationSession, referencing=("youth", alex.id))] == [
        session.id
    ]
    assert store.records(EducationSession, referencing=("youth", sam.id)) == []
    # a later edit moves the reference
    store.save(session.evolve(attendee_youth_ids=[sam.id]), actor="cw")
    assert store.records(EducationSession, referencing=("youth", alex.id)) == []
    assert len(store.records(EducationSession, referencing=("youth", sam.id))) == 1


def test_records_in_an_event_period_and_exists(store: Store) -> None:
    from datetime import date as _date

    from csec_desktop.domain import Training

    def training(day: int) -> Training:
        return Training(
            training_date=_date(2026, 1, day),
            training_type="csec_101",
            audience_type="foster_parents",
            attendee_count=5,
            minutes=90,
        )

    early, middle, _late = (store.save(training(d), actor="cw") for d in (2, 15, 31))
    found = store.records(Training, event_from="2026-01-10", event_before="2026-01-31")
    assert [t.id for t in found] == [middle.id]
    assert store.exists(Training, early.id)
    assert not store.exists(Training, uuid4())
    assert len(store.records(Training)) == 3


def test_records_with_any_of_several_statuses_unordered(store: Store) -> None:
    from datetime import date as _date

    from csec_desktop.domain import Screening

    youth = store.save(make_youth(), actor="cw")

    def draft() -> Screening:
        return Screening(
            youth_id=youth.id,
            instrument_id="ca-csec-eligibility-risk",
            instrument_version="1.0.0",
            screening_date=_date(2026, 2, 1),
            screener="cw",
        )

    drafts = [store.save(draft(), actor="cw") for _ in range(3)]
    found = store.records(Screening, statuses=["draft", "submitted"], ordered=False)
    assert {s.id for s in found} == {s.id for s in drafts}
    assert store.records(Screening, statuses=["approved"]) == []
    assert store.records(Screening, statuses=[]) == []
