"""``csec-admin enroll``, ``sync`` and ``status``: the vault's link to the county server.

The passphrase comes from ``--passphrase-file`` or ``CSEC_PASSPHRASE`` as for every command; the
one-time enrollment code may be given on the command line (it is spent at once and expires within
a day, unlike a passphrase). The device token never leaves the encrypted vault.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from csec_desktop.cli.common import PASSPHRASE_ENV, CliError, read_secret
from csec_desktop.services.errors import ServiceError
from csec_desktop.services.sync import SyncService, SyncSettings
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import StoreError
from csec_desktop.sync.client import Progress, SyncError, SyncPhase
from csec_desktop.vault import VaultError

SYNC_ACTOR = "csec-admin"


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"file whose first line is the vault passphrase (or set {PASSPHRASE_ENV})",
    )


def _ca_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ca-bundle",
        type=Path,
        default=None,
        help="trust only the certificates in this PEM file (the county CA); default: the one "
        "given at enrollment, else the system's trusted certificates",
    )


def _open(args: argparse.Namespace) -> VaultSession:
    passphrase = read_secret(args, "passphrase_file", PASSPHRASE_ENV)
    try:
        return VaultSession.open(args.data_dir, passphrase, actor=SYNC_ACTOR)
    except (VaultError, StoreError) as exc:
        raise CliError(str(exc)) from None


def _service(session: VaultSession, args: argparse.Namespace) -> SyncService:
    settings = SyncSettings(ca_bundle=getattr(args, "ca_bundle", None), device_name="csec-admin")
    return SyncService.for_session(session, settings=settings)


def _enroll(args: argparse.Namespace) -> int:
    session = _open(args)
    try:
        enrollment = _service(session, args).enroll(args.server, args.code, replace=args.replace)
    except (ServiceError, SyncError, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        session.lock()
    print(f"enrolled as {enrollment.username} ({enrollment.role}, {enrollment.county})")
    return 0


def _sync(args: argparse.Namespace) -> int:
    session = _open(args)
    last_phase: list[SyncPhase] = []

    def progress(step: Progress) -> None:
        if args.quiet:
            return
        if step.phase is SyncPhase.PUSHING and step.total:
            print(f"  sending: {step.done:,} of {step.total:,}", file=sys.stderr, flush=True)
        elif step.phase is SyncPhase.PULLING and step.total:
            what = "restoring" if step.restoring else "receiving"
            print(f"  {what}: {step.done:,} of {step.total:,} records", file=sys.stderr, flush=True)
        elif step.phase is SyncPhase.PULLING and last_phase[-1:] != [SyncPhase.PULLING]:
            print("  receiving changes", file=sys.stderr, flush=True)
        last_phase.append(step.phase)

    try:
        service = _service(session, args)
        report = service.sync(progress=progress)
        status = service.status()
    except (ServiceError, SyncError, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        session.lock()
    print(
        f"sent {report.sent}, quarantined {report.quarantined}, conflicts {report.conflicts}, "
        f"received {report.records_received} records; pending {status.pending}"
    )
    if report.youth_removed:
        kept = f", {report.records_kept} kept until sent" if report.records_kept else ""
        print(
            f"{report.youth_removed} youth left this laptop's caseload: "
            f"{report.records_removed} records removed{kept}"
        )
    if not report.complete:
        raise CliError(
            f"{report.left_pending} changes could not be sent this time and stay queued; "
            "run sync again later"
        )
    return 0


def _status(args: argparse.Namespace) -> int:
    session = _open(args)
    try:
        pages = session.store.check_pages()  # a damaged vault must not look healthy
        status = _service(session, args).status()
    except (ServiceError, StoreError) as exc:
        raise CliError(str(exc)) from None
    finally:
        session.lock()
    damage = None if pages.ok else f"DAMAGED: {pages.summary()} (nothing will be sent)"
    if args.json:
        print(json.dumps({**status.as_json(), "database_damage": damage}, indent=2))
        return 0 if damage is None else 1
    last = status.last_successful_sync.isoformat() if status.last_successful_sync else "never"
    restore = status.restore
    restored = {
        "not_started": "not started",
        "in_progress": f"in progress, {restore.received:,} of {restore.total:,} records",
        "complete": f"complete, {restore.received:,} records",
    }[restore.state]
    counts = ", ".join(f"{kind} {n:,}" for kind, n in sorted(status.records.items()))
    lines = [
        f"server: {status.server_url or 'not enrolled'}",
        f"pending: {status.pending}",
        f"quarantined: {status.quarantined}",
        f"conflicts: {status.conflicts}",
        f"last successful sync: {last}",
        f"records: {counts or 'none'}",
        f"caseload: {status.caseload_youth} youth"
        + (f", {status.departed_youth} left with records kept" if status.departed_youth else ""),
        f"restore: {restored}",
    ]
    if status.lease_expires_at is not None:
        state = "EXPIRED (read-only until it syncs)" if status.lease_expired else "ok"
        lines.append(f"offline lease: {state}, until {status.lease_expires_at.isoformat()}")
    lines.append(f"database: {damage or 'ok (' + pages.summary() + ')'}")
    print("\n".join(lines))
    return 0 if damage is None else 1


def register(commands: Any) -> None:
    parser = commands.add_parser("enroll", help="enroll this vault with the county server")
    parser.add_argument("--server", required=True, help="the county server's address (https://)")
    parser.add_argument("--code", required=True, help="the one-time enrollment code from IT")
    parser.add_argument(
        "--replace", action="store_true", help="enroll again, replacing an earlier enrollment"
    )
    _common(parser)
    _ca_option(parser)
    parser.set_defaults(handler=_enroll)

    parser = commands.add_parser("sync", help="send pending changes and receive the server's")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    _common(parser)
    _ca_option(parser)
    parser.set_defaults(handler=_sync)

    parser = commands.add_parser(
        "status", help="what waits to be sent, conflicts, last sync, records by type, restore"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    _common(parser)
    parser.set_defaults(handler=_status)
