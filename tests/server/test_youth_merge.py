"""Two records of one child merged on a laptop (issue 15's corrections), pushed to the county
server as the app pushes its outbox: the server accepts the tombstone and every re-pointed record
(an approved screening among them) and its county report counts one child. A laptop that lies —
re-pointing an approved screening without a merge, or changing its content under cover of one —
is refused."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import select

from csec_desktop.domain import ReviewDecision, Screening, ScreeningStatus, Youth
from csec_desktop.instruments import InstrumentRegistry
from csec_desktop.instruments.registry import shipped_instruments_dir
from csec_desktop.server.reports import county_figures
from csec_desktop.server.schema import counties, records
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.screenings import ScreeningService
from csec_desktop.services.youth import YouthService
from csec_desktop.services.youth_merge import YouthMergeService
from csec_desktop.store import OutboxState, Store
from csec_desktop.sync.protocol import Role
from tests.gui.casework_support import complete_answers
from tests.server.conftest import Device, Harness, op

AUTHOR = "cw1"
DISCLOSED = {
    "paid_for_sexual_acts": "yes",
    "exploitation_timing": ["before_care"],
    "exploitation_current": "no",
}


def _laptop(tmp_path: Path) -> Store:
    return Store(tmp_path / "laptop.db", os.urandom(32), create=True)


def _push_outbox(server: Harness, device: Device, store: Store) -> list[dict[str, Any]]:
    """Send the laptop's pending outbox, in order, as ``SyncService`` does; mark applied ones."""
    items = store.outbox_items(OutboxState.PENDING, limit=10_000)
    # The decision applied here came from the server (the app takes it from the pull feed and
    # never pushes it back): only the screening it moved is sent.
    store.mark_sent([item.op_id for item in items if item.record_type == "review"])
    items = [item for item in items if item.record_type != "review"]
    operations = [
        {
            "op_id": str(item.op_id),
            "record_type": item.record_type,
            "record_id": str(item.record_id),
            "base_version": item.base_version or None,
            "version": item.version,
            "payload": item.payload,
        }
        for item in items
    ]
    results = server.push(device, *operations) if operations else []
    store.mark_sent([UUID(r["op_id"]) for r in results if r["status"] == "applied"])
    return results


def _identified(store: Store, youth: Youth, learned: datetime) -> Screening:
    service = ScreeningService(
        store,
        InstrumentRegistry(shipped_instruments_dir(), None),
        county_policy(store),
        actor=AUTHOR,
    )
    draft = service.start(youth.id, "ca-csec-eligibility-risk")
    answers = complete_answers(service.instrument_for(draft), **DISCLOSED)
    submitted, _ = service.submit(
        service.confirm(service.answer(draft, answers), received_at=learned)
    )
    return submitted


def _children(server: Harness) -> int:
    today = date.today()
    with server.engine.connect() as conn:
        county_id = conn.execute(select(counties.c.id)).scalar_one()
        figures = county_figures(
            conn,
            county_id=county_id,
            county="Fresno",
            start=today - timedelta(days=60),
            end=today + timedelta(days=1),
        )
    return int(figures.victim_children)


def _held_youth(server: Harness, record_id: UUID) -> str:
    with server.engine.connect() as conn:
        payload = conn.execute(
            select(records.c.payload).where(records.c.record_id == record_id)
        ).scalar_one()
    return str(payload["youth_id"])


def test_a_merge_pushed_to_the_server_is_accepted_and_the_report_counts_one_child(
    server: Harness, tmp_path: Path
) -> None:
    server.county()
    author = server.user(AUTHOR, team="A")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    store = _laptop(tmp_path)
    youth = YouthService(store, actor=AUTHOR)
    # The same girl entered twice (a typo in her family name), each record screened.
    first = youth.create(
        Youth(given_name="Ana DEMO", family_name="Lopez", date_of_birth=date(2010, 5, 17),
              county="Fresno")
    ).youth  # fmt: skip
    second = youth.create(
        Youth(given_name="Ana DEMO", family_name="Lopes", date_of_birth=date(2010, 5, 17),
              county="Fresno")
    ).youth  # fmt: skip
    now = datetime.now(UTC).replace(microsecond=0)
    on_first = _identified(store, first, now - timedelta(days=10))
    _identified(store, second, now - timedelta(days=2))
    assert all(r["status"] == "applied" for r in _push_outbox(server, author, store))
    assert _children(server) == 2  # the county would report two victims

    # The supervisor approves the first record's screening; the laptop applies the decision.
    answer = server.client.post(
        f"/api/v1/reviews/screenings/{on_first.id}/decision",
        json={"screening_version": on_first.version, "decision": "approved"},
        headers=supervisor.headers,
    )
    assert answer.status_code == 200, answer.text
    service = ScreeningService(
        store, InstrumentRegistry(shipped_instruments_dir(), None), county_policy(store),
        actor=AUTHOR,
    )  # fmt: skip
    approved, _ = service.apply_review(
        store.get(Screening, on_first.id), ReviewDecision.APPROVED, reviewer="sup1"
    )
    pushed = _push_outbox(server, author, store)
    assert all(r["status"] == "applied" for r in pushed), pushed

    merging = YouthMergeService(store, actor=AUTHOR)
    plan = merging.plan(first.id, second.id)
    assert (plan.screenings, plan.identifications) == (1, 1)
    outcome = merging.merge(first.id, second.id)
    assert outcome.tombstone.merged_into == second.id
    assert outcome.repointed == plan.screenings + plan.identifications + plan.obligations
    results = _push_outbox(server, author, store)
    assert results and all(r["status"] == "applied" for r in results), results
    assert _held_youth(server, approved.id) == str(second.id)  # approved, re-pointed
    assert _children(server) == 1  # one child
    # Locally too: nothing names the duplicate but its tombstone, which is kept.
    assert store.get(Youth, first.id).merged_into == second.id
    assert store.records(Screening, youth_id=first.id) == []
    found = {y.id for y in YouthService(store, actor=AUTHOR).search("Ana DEMO")}
    assert second.id in found and first.id not in found  # the tombstone is never offered


def _approved_on_server(server: Harness) -> tuple[Device, Screening, UUID]:
    server.county()
    author = server.user(AUTHOR, team="A")
    supervisor = server.user("sup1", Role.SUPERVISOR, team="A")
    submitted = server.screening_by(author)
    answer = server.client.post(
        f"/api/v1/reviews/screenings/{submitted.id}/decision",
        json={"screening_version": 1, "decision": "approved"},
        headers=supervisor.headers,
    )
    assert answer.status_code == 200, answer.text
    approved = submitted.evolve(version=2, status=ScreeningStatus.APPROVED)
    [result] = server.push(author, op(approved, base_version=1))
    assert result["status"] == "applied", result
    return author, approved, server.youth_of(author)


def test_an_approved_screening_moved_to_another_youth_without_a_merge_is_refused(
    server: Harness,
) -> None:
    author, approved, other_youth = _approved_on_server(server)
    moved = approved.evolve(version=3, youth_id=other_youth)
    [result] = server.push(author, op(moved, base_version=2))
    assert result["status"] == "rejected"
    assert "approved" in result["reason"]
    assert _held_youth(server, approved.id) == str(approved.youth_id)


def test_a_merge_cannot_carry_a_content_change_of_an_approved_screening(
    server: Harness,
) -> None:
    author, approved, survivor = _approved_on_server(server)
    held_youth = _tombstone_of(server, author, approved.youth_id, survivor)
    changed = approved.evolve(version=3, youth_id=survivor, notes="changed under cover")
    [result] = server.push(author, op(changed, base_version=2))
    assert result["status"] == "rejected"
    assert _held_youth(server, approved.id) == held_youth
    # The same merge without the change goes through.
    repointed = approved.evolve(version=3, youth_id=survivor)
    [result] = server.push(author, op(repointed, base_version=2))
    assert result["status"] == "applied", result


def test_a_merge_into_a_youth_other_than_the_survivor_is_refused(server: Harness) -> None:
    author, approved, survivor = _approved_on_server(server)
    _tombstone_of(server, author, approved.youth_id, survivor)
    elsewhere = server.youth_of(author)  # not the youth the duplicate was merged into
    [result] = server.push(author, op(approved.evolve(version=3, youth_id=elsewhere), 2))
    assert result["status"] == "rejected"


def _tombstone_of(server: Harness, author: Device, youth_id: UUID, survivor: UUID) -> str:
    """Push the youth ``youth_id`` as merged into ``survivor`` (as a merge does first)."""
    with server.engine.connect() as conn:
        row = conn.execute(
            select(records.c.version, records.c.payload).where(records.c.record_id == youth_id)
        ).one()
    held = Youth.model_validate(row.payload)
    tombstone = held.evolve(version=row.version + 1, merged_into=survivor)
    [result] = server.push(author, op(tombstone, base_version=row.version))
    assert result["status"] == "applied", result
    return str(youth_id)
