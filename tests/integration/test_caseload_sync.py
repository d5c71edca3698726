"""Caseload sync end to end: real encrypted vaults, a real county server process over loopback,
on SQLite and on PostgreSQL. Each test builds casework through the services the way a person
does, then syncs.

- a second laptop of a user with a caseload finds every record there (drafts excepted);
- a reassignment across three vaults (a supervisor queues it offline; the old laptop pushes its
  unsent change, then loses the youth, keeping only its draft; the new one gains the youth with
  its screenings and open 24-hour clock);
- a coverage set with ``csec-county-server reassign --until`` that ends;
- the same user on two laptops: an edit, and a conflict resolved on one, reach the other.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import update

from csec_desktop.domain import (
    EducationSession,
    MissingEpisode,
    Obligation,
    ObligationKind,
    Review,
    ReviewDecision,
    Screening,
    ScreeningStatus,
    Youth,
    utcnow,
)
from csec_desktop.domain.audit import AuditAction
from csec_desktop.server.schema import assignments
from csec_desktop.services.obligations import ObligationService
from csec_desktop.services.review import ReviewService
from csec_desktop.services.sync import Resolution
from csec_desktop.store import OutboxState
from csec_desktop.sync.client import Progress, SyncPhase
from csec_desktop.sync.protocol import Role
from tests.integration.caseload_support import laptop
from tests.reliability.sync_support import SERVER_BIN, County, ServerProcess


def test_a_second_laptop_finds_every_record_of_the_caseload(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    server, county = county_server
    first = laptop(tmp_path, server, county)
    try:
        dana, eli = first.new_youth("Dana"), first.new_youth("Eli")
        first.submitted_screening(dana.id)  # with its 24-hour report obligation
        first.missing.start(eli.id, utcnow() - timedelta(hours=2))
        first.session(dana.id, eli.id)
        first.training()
        draft = first.screenings.start(eli.id, "ca-csec-eligibility-risk")  # stays here
        first.sync()
        expected = {key: v for key, v in first.records().items() if key[1] != draft.id}
    finally:
        first.close()

    progress: list[Progress] = []
    second = laptop(tmp_path, server, county, first.username, new_user=False, pull_page_size=3)
    made_meanwhile: list[Youth] = []

    def meanwhile(step: Progress) -> None:
        progress.append(step)
        # The app stays usable between pages: the caseworker saves while the restore runs.
        if step.phase is SyncPhase.PULLING and 0 < step.done < step.total and not made_meanwhile:
            made_meanwhile.append(second.new_youth("Meanwhile"))

    try:
        report = second.device.service.sync(progress=meanwhile)
        assert made_meanwhile, "the restore took one page only"
        mid = (Youth.record_type, made_meanwhile[0].id)
        assert second.records().pop(mid) == 1
        assert {k: v for k, v in second.records().items() if k != mid} == expected
        assert not second.store.exists(Screening, draft.id)  # drafts never travel
        assert report.records_received == len(expected)
        pulled = [p for p in progress if p.phase is SyncPhase.PULLING and p.total]
        assert pulled and pulled[-1].done == pulled[-1].total == len(expected)
        assert all(p.restoring for p in pulled)
        status = second.device.service.status().as_json()
        assert status["restore"]["state"] == "complete"
        assert status["restore"]["received"] == len(expected)
        assert status["records"]["youth"] == 3 and status["records"]["obligation"] >= 2
        assert status["caseload"] == {"youth": 3, "departed": 0}  # its own new youth too
        assert second.store.outbox_counts().sent == 1  # pushed after the restore
        open_clocks = ObligationService(second.store, actor=second.username).open()
        assert ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT in {o.kind for o in open_clocks}
        assert second.youth.search("Dana")  # the restored youth are findable
        assert second.store.outbox_counts().pending == 0  # a restore queues nothing to send
        assert second.store.verify_audit().ok
        again = second.sync()  # nothing new: nothing received
        assert again.records_received == 0
    finally:
        second.close()


def test_reassignment_across_three_vaults(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    server, county = county_server
    team = f"t{os.getpid()}{tmp_path.name[-6:]}"
    old = laptop(tmp_path, server, county, team=team)
    new = laptop(tmp_path, server, county, team=team)
    boss = laptop(tmp_path, server, county, role=Role.SUPERVISOR, team=team)
    try:
        moving, staying = old.new_youth("Moving"), old.new_youth("Staying")
        screening = old.submitted_screening(moving.id)
        old.session(moving.id, staying.id)
        old.sync()
        new.sync()
        boss.sync()
        assert boss.caseload.team().caseworkers  # the team's caseload came with the sync

        # Offline, the supervisor moves the youth; the old laptop keeps working on it.
        queued = boss.caseload.reassign(
            old.username, new.username, [moving.id], reason="caseload balance"
        )
        assert [a.state for a in boss.caseload.queued_actions()] == [OutboxState.PENDING]
        renamed = old.youth.update(old.youth.get(moving.id), preferred_name="Mo")
        draft = old.screenings.start(moving.id, "ca-csec-eligibility-risk")
        boss.sync()
        assert boss.caseload.queued_actions() == []
        assert boss.store.outbox_items(OutboxState.SENT)[-1].op_id == queued.action_id

        report = old.sync()
        # Its unsent change went first, then the youth left, all but the draft.
        assert report.youth_removed == 1
        assert not old.holds(screening) and not old.store.exists(Obligation, screening.id)
        assert old.store.records(Obligation, youth_id=moving.id) == []
        assert old.store.history(Screening, screening.id) == []
        assert old.holds(draft)
        [gone] = old.caseload.departures()
        assert gone.youth_id == moving.id and gone.reason == "reassigned"
        assert [d.id for d in old.caseload.blocked_drafts()] == [draft.id]
        assert old.holds(moving)  # shown with its blocked draft
        assert old.store.exists(Youth, staying.id)
        assert old.store.exists(EducationSession, old.store.records(EducationSession)[0].id)
        removal = [e for e in old.store.audit_events() if e.action is AuditAction.CASELOAD_REMOVAL]
        assert [(e.record_id, "reassigned" in e.detail) for e in removal] == [(moving.id, True)]
        assert all("Moving" not in e.detail and "Mo" not in e.detail for e in removal)
        assert old.store.verify_audit().ok

        new.sync()
        assert new.store.get(Youth, moving.id).preferred_name == renamed.preferred_name
        assert new.store.get(Screening, screening.id).status is ScreeningStatus.SUBMITTED
        assert not new.store.exists(Screening, draft.id)
        clocks = ObligationService(new.store, actor=new.username).open(moving.id)
        assert ObligationKind.REPORT_VICTIM_TO_LAW_ENFORCEMENT in {o.kind for o in clocks}
        assert new.youth.search("Moving")
        assert new.store.records(EducationSession)  # the session names the youth
        assert not new.store.exists(Youth, staying.id)  # ...but its other attendee is not hers
        # The new caseworker works on the youth; the old laptop gets nothing of it any more.
        new.youth.update(new.youth.get(moving.id), preferred_name="Moe")
        new.sync()
        assert old.sync().records_received == 0
        assert old.store.get(Youth, moving.id).preferred_name == "Mo"
    finally:
        for device in (old, new, boss):
            device.close()


def test_a_coverage_that_ends(tmp_path: Path, county_server: tuple[ServerProcess, County]) -> None:
    """County IT sets a coverage from the command line; when its day comes, the covering
    caseworker's laptop loses the youth and the primary caseworker's keeps it."""
    server, county = county_server
    primary = laptop(tmp_path, server, county)
    cover = laptop(tmp_path, server, county)
    try:
        child = primary.new_youth("Covered")
        episode, _ = primary.missing.start(child.id, utcnow() - timedelta(hours=1))
        primary.sync()
        until = date.today() + timedelta(days=7)
        answer = subprocess.run(
            [str(SERVER_BIN), "reassign", "--from", primary.username, "--to", cover.username,
             "--until", until.isoformat(), "--reason", "leave"],
            env={**os.environ, "DATABASE_URL": server.database_url},
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert answer.returncode == 0, answer.stderr
        assert f"covers 1 youth of {primary.username}" in answer.stdout
        cover.sync()
        assert cover.store.exists(MissingEpisode, episode.id)
        assert cover.caseload.mine()[child.id].kind == "coverage"

        with county.engine.begin() as conn:  # the coverage's last day has passed
            conn.execute(
                update(assignments)
                .where(assignments.c.youth_id == child.id, assignments.c.kind == "coverage")
                .values(ends_at=utcnow() - timedelta(minutes=1))
            )
        report = cover.sync()
        assert report.youth_removed == 1
        assert not cover.store.exists(Youth, child.id)
        assert not cover.store.exists(MissingEpisode, episode.id)
        assert cover.caseload.mine() == {}
        primary.sync()
        assert primary.store.exists(MissingEpisode, episode.id)
        assert child.id in primary.caseload.mine()
    finally:
        primary.close()
        cover.close()


def test_the_same_user_on_two_laptops(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    """An edit on one laptop appears on the other; a conflict open on one closes when the
    version its user made right on the other arrives, both versions kept in history."""
    server, county = county_server
    one = laptop(tmp_path, server, county)
    two = laptop(tmp_path, server, county, one.username, new_user=False)
    try:
        child = one.new_youth("Twice")
        one.sync()
        two.sync()
        one.youth.update(one.youth.get(child.id), preferred_name="Tee")
        one.sync()
        two.sync()
        assert two.store.get(Youth, child.id).preferred_name == "Tee"

        # Both change it offline; the second to sync has a conflict.
        one.youth.update(one.youth.get(child.id), preferred_name="From one")
        two.youth.update(two.youth.get(child.id), preferred_name="From two")
        one.sync()
        assert two.sync().conflicts == 1
        [conflict] = two.device.service.conflicts()
        # The person makes it right on laptop one; laptop two's conflict closes at its next pull.
        one.youth.update(one.youth.get(child.id), preferred_name="Agreed")
        one.sync()
        report = two.sync()
        assert report.conflicts_closed == 1
        assert two.device.service.conflicts() == []
        assert two.store.get(Youth, child.id).preferred_name == "Agreed"
        kept = [v.preferred_name for v in two.store.history(Youth, child.id)]
        assert "From two" in kept and "Agreed" in kept
        closed = two.store.sync_conflict(conflict.id)
        assert closed is not None and closed.resolution == "elsewhere"

        # A conflict resolved on the laptop that has it reaches the other as its resolution.
        one.youth.update(one.youth.get(child.id), preferred_name="Mine on one")
        two.youth.update(two.youth.get(child.id), preferred_name="Mine on two")
        two.sync()
        one.sync()
        [other] = one.device.service.conflicts()
        assert one.device.service.resolve_conflict(other.id, Resolution.MINE)
        one.sync()
        two.sync()
        assert two.store.get(Youth, child.id).preferred_name == "Mine on one"
        assert two.device.service.conflicts() == []
        assert one.store.outbox_counts().pending == two.store.outbox_counts().pending == 0
    finally:
        one.close()
        two.close()


def test_a_decision_reaches_every_laptop_of_the_caseworker_once(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    """Both laptops of the author apply the supervisor's decision alike; the second one's push
    is the same version (a duplicate), not a conflict."""
    server, county = county_server
    team = f"d{os.getpid()}{tmp_path.name[-6:]}"
    one = laptop(tmp_path, server, county, team=team)
    two = laptop(tmp_path, server, county, one.username, new_user=False)
    boss = laptop(tmp_path, server, county, role=Role.SUPERVISOR, team=team)
    try:
        child = one.new_youth("Decided")
        screening = one.submitted_screening(child.id)
        one.sync()
        two.sync()
        review = ReviewService(boss.store, actor=boss.username)
        review.sync()
        review.decide(screening.id, ReviewDecision.APPROVED)
        review.sync()
        first, second = one.sync(), two.sync()
        assert first.conflicts == second.conflicts == 0
        for device in (one, two):
            assert device.store.get(Screening, screening.id).status is ScreeningStatus.APPROVED
            assert device.store.records(Review)
            assert device.device.service.conflicts() == []
        assert one.store.get(Screening, screening.id) == two.store.get(Screening, screening.id)
    finally:
        for device in (one, two, boss):
            device.close()


def test_status_json_reports_records_and_restore(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    server, county = county_server
    device = laptop(tmp_path, server, county)
    try:
        device.new_youth()
        device.sync()
        status = device.device.service.status().as_json()
        json.dumps(status)  # all of it is JSON
        assert status["records"] == {"youth": 1}
        assert status["restore"]["state"] == "complete"
    finally:
        device.close()


def test_a_youth_leaving_with_a_conflict_open_waits_for_the_person(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    """The youth is reassigned while one of the old caseworker's laptops holds a conflict on
    it: that record (and the youth, to show it) stays, blocked, until the person settles the
    conflict; then the next sync takes it out. Nothing the server lacks is ever dropped."""
    server, county = county_server
    team = f"c{os.getpid()}{tmp_path.name[-6:]}"
    one = laptop(tmp_path, server, county, team=team)
    two = laptop(tmp_path, server, county, one.username, new_user=False)
    other = laptop(tmp_path, server, county, team=team)
    boss = laptop(tmp_path, server, county, role=Role.SUPERVISOR, team=team)
    try:
        child = one.new_youth("Conflicted")
        one.sync()
        two.sync()
        one.youth.update(one.youth.get(child.id), preferred_name="One")
        two.youth.update(two.youth.get(child.id), preferred_name="Two")
        one.sync()
        assert two.sync().conflicts == 1
        boss.caseload.reassign(one.username, other.username, [child.id])
        boss.sync()
        report = two.sync()
        assert report.youth_removed == 1 and report.records_kept == 1
        [departure] = two.caseload.departures()
        assert departure.kept == [("youth", child.id)]
        assert two.store.get(Youth, child.id).preferred_name == "Two"  # this laptop's version
        [conflict] = two.device.service.conflicts()
        assert two.device.service.resolve_conflict(conflict.id)  # the person marks it handled
        two.sync()
        assert two.caseload.departures() == []
        assert not two.store.exists(Youth, child.id)
        assert [v.preferred_name for v in two.store.history(Youth, child.id)] == []
        one.sync()
        assert not one.store.exists(Youth, child.id)
        other.sync()
        assert other.store.get(Youth, child.id).preferred_name == "One"
    finally:
        for device in (one, two, other, boss):
            device.close()


def test_a_supervisors_caseload_actions_wait_offline_and_a_refused_one_is_kept(
    tmp_path: Path, county_server: tuple[ServerProcess, County]
) -> None:
    """What the team-caseload window will call: the team by caseworker with open clocks, an
    action queued offline (pending, named on both caseworkers), and one the server refuses
    (another team's caseworker): kept with the server's reason, never dropped."""
    server, county = county_server
    team = f"s{os.getpid()}{tmp_path.name[-6:]}"
    worker = laptop(tmp_path, server, county, team=team)
    colleague = laptop(tmp_path, server, county, team=team)
    outsider = laptop(tmp_path, server, county, team=team + "x")
    boss = laptop(tmp_path, server, county, role=Role.SUPERVISOR, team=team)
    try:
        child = worker.new_youth("Team")
        worker.submitted_screening(child.id)
        worker.sync()
        boss.sync()
        view = boss.caseload.team()
        loads = {load.caseworker: load for load in view.caseworkers}
        assert set(loads) >= {worker.username, colleague.username}
        mine = loads[worker.username]
        assert [e.youth_id for e in mine.entries] == [child.id]
        assert mine.open_obligations >= 1 and mine.next_due_at is not None
        assert view.as_of is not None

        boss.caseload.cover(worker.username, colleague.username, date.today() + timedelta(days=5))
        boss.caseload.reassign(worker.username, outsider.username, reason="wrong team")
        queued = boss.caseload.team()
        assert {a.state for a in queued.pending} == {OutboxState.PENDING}
        by_name = {load.caseworker: load.pending_actions for load in queued.caseworkers}
        assert by_name[worker.username] == 2 and by_name[colleague.username] == 1
        boss.sync()
        [refused] = boss.caseload.queued_actions()
        assert refused.state is OutboxState.QUARANTINED
        assert refused.reason is not None and "not in your team" in refused.reason
        assert refused.request.to_user == outsider.username
        colleague.sync()
        assert colleague.caseload.mine()[child.id].kind == "coverage"
        with_worker = [
            load for load in boss.caseload.team().caseworkers if load.caseworker == worker.username
        ]
        assert [e.kind.value for e in with_worker[0].entries] == ["primary"]
        assert worker.caseload.may_assign() is False
    finally:
        for device in (worker, colleague, outsider, boss):
            device.close()
