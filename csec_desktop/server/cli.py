"""``csec-county-server``: set up and run the county sync server.

``DATABASE_URL`` selects the database (``postgresql+psycopg://...``); without it, a SQLite file in
``CSEC_SERVER_DATA_DIR`` (or the per-user data folder). Bad input is one plain line and a non-zero
exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from uuid import UUID

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from csec_desktop import __version__
from csec_desktop.cli.common import CliError, run_cli
from csec_desktop.domain.base import utcnow
from csec_desktop.server import accounts, assignments, records
from csec_desktop.server.db import (
    DATABASE_URL_ENV,
    DatabaseUrlError,
    check_engine_storage,
    create_db_engine,
    make_private,
    resolve_database_url,
    sqlite_path,
)
from csec_desktop.server.feed import county_config
from csec_desktop.server.migrate import SchemaNotReady, check_schema, upgrade
from csec_desktop.server.reports import county_summary
from csec_desktop.sync.protocol import AssignmentAction, Role

PROG = "csec-county-server"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one plain line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see '{self.prog} --help')", exit_code=2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=f"CSEC county sync server. The database comes from {DATABASE_URL_ENV} "
        "(default: a SQLite file in the server's data folder).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_: str) -> _Parser:
        sub: _Parser = commands.add_parser(name, help=help_)
        sub.set_defaults(handler=handler)
        return sub

    add("init-db", _init_db, "create or upgrade the database schema")
    sub = add("create-county", _create_county, "add a county")
    sub.add_argument("--name", required=True, help="the county's name as the state spells it")
    sub = add("create-user", _create_user, "add a user")
    sub.add_argument("--county", required=True)
    sub.add_argument("--username", required=True)
    sub.add_argument("--role", required=True, choices=[role.value for role in Role])
    sub.add_argument("--team", default=None, help="the team (required for supervisors)")
    sub = add("enroll-code", _enroll_code, "issue a one-time enrollment code (valid 24 hours)")
    sub.add_argument("--username", required=True)
    sub = add(
        "cancel-enroll-codes", _cancel_codes, "make a user's unused enrollment codes unusable"
    )
    sub.add_argument("--username", required=True)
    sub = add(
        "deactivate-user",
        _deactivate_user,
        "refuse every device of a user and issue them no code (sync their laptops first)",
    )
    sub.add_argument("--username", required=True)
    sub = add("activate-user", _activate_user, "let a deactivated user enroll again")
    sub.add_argument("--username", required=True)
    sub = add("revoke-device", _revoke_device, "revoke a device (it is refused from now on)")
    sub.add_argument("--device-id", required=True, type=_uuid)
    sub = add(
        "reassign",
        _reassign,
        "move a caseworker's youth to another (the whole caseload, or --youth); with --until, "
        "a coverage that ends",
    )
    sub.add_argument("--from", dest="from_user", required=True, metavar="USER")
    sub.add_argument("--to", dest="to_user", required=True, metavar="USER")
    sub.add_argument(
        "--youth", action="append", type=_youth_id, default=[], metavar="ID",
        help="a youth id (repeat for several); default: the whole caseload",
    )  # fmt: skip
    sub.add_argument(
        "--until", type=_date, default=None, metavar="DATE",
        help="YYYY-MM-DD: --to covers until that day (00:00 Pacific); --from keeps the youth",
    )  # fmt: skip
    sub.add_argument("--reason", default="", help="why (kept in the audit; never a youth's name)")
    sub = add(
        "close-case",
        _close_case,
        "close youth's cases: they leave the laptops after the county's retention period",
    )
    sub.add_argument("--from", dest="from_user", required=True, metavar="USER")
    sub.add_argument("--youth", action="append", type=_youth_id, default=[], metavar="ID")
    sub.add_argument("--reason", default="", help="why (kept in the audit; never a youth's name)")
    add("list-devices", _list_devices, "list enrolled devices")
    sub = add("list-conflicts", _list_conflicts, "sync conflicts of a county, newest first")
    sub.add_argument("--county", required=True)
    sub = add(
        "county-policy",
        _county_policy,
        "show or set a county's deadline settings (sent to every laptop at its next sync)",
    )
    sub.add_argument("--county", required=True)
    sub.add_argument("--json", action="store_true", help="print JSON")
    for option, kind, help_ in _POLICY_OPTIONS:
        sub.add_argument(option, type=kind, default=None, metavar=_METAVARS[kind], help=help_)
    sub = add("summary", _summary, "record counts of a county")
    sub.add_argument("--county", required=True)
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = add("serve", _serve, "run the HTTP server (uvicorn)")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8443)
    sub.add_argument("--certfile", type=Path, default=None, help="TLS certificate (PEM)")
    sub.add_argument("--keyfile", type=Path, default=None, help="TLS private key (PEM)")
    sub.add_argument("--workers", type=int, default=1)
    return parser


def _yes_no(value: str) -> bool:
    answer = value.strip().lower()
    if answer in {"yes", "true", "on", "1"}:
        return True
    if answer in {"no", "false", "off", "0"}:
        return False
    raise argparse.ArgumentTypeError("answer yes or no")


def _whole(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("not a whole number") from None


_METAVARS: dict[Callable[[str], object], str] = {_yes_no: "yes|no", _whole: "N", str: "ZONE"}
# (option, type, help): each sets the CountyConfig setting of the same name (dashes for _).
_POLICY_OPTIONS: tuple[tuple[str, Callable[[str], object], str], ...] = (
    ("--mdt-referral-days", _whole, "refer to the MDT within N calendar days"),
    ("--offline-lease-days", _whole, "lock a laptop that has not synced for N days"),
    ("--time-zone", str, "the county's time zone (IANA, e.g. America/Los_Angeles)"),
    ("--victim-report-hours", _whole, "report an identified victim within N hours (1-24)"),
    ("--missing-report-hours", _whole, "report a missing youth within N hours (1-24)"),
    ("--document-within-days", _whole, "document in the county system within N days"),
    ("--document-at-risk", _yes_no, "document at-risk youth too"),
    ("--refer-at-risk-to-mdt", _yes_no, "refer at-risk youth to the MDT too"),
    ("--return-screening-hours", _whole, "screen a youth back from missing within N hours"),
    ("--labor-report-to-law-enforcement", _yes_no, "report labor trafficking to law enforcement"),
    ("--labor-report-hours", _whole, "... within N hours"),
    ("--labor-follow-up", _yes_no, "follow up labor trafficking per the county's protocol"),
    ("--labor-follow-up-days", _whole, "... within N days"),
)


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise argparse.ArgumentTypeError("not a device id (a UUID)") from None


def _youth_id(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise argparse.ArgumentTypeError("not a youth id (a UUID)") from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("not a date (YYYY-MM-DD)") from None


def _engine() -> Engine:
    try:
        return create_db_engine()
    except DatabaseUrlError as exc:
        raise CliError(str(exc)) from None


def _ready_engine() -> Engine:
    engine = _engine()
    try:
        check_schema(engine)
        check_engine_storage(engine)
    except (SchemaNotReady, DatabaseUrlError) as exc:
        raise CliError(str(exc)) from None
    return engine


def _init_db(_args: argparse.Namespace) -> int:
    engine = _engine()
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None:
        make_private(path)  # an install from before this check gets tightened here
    upgrade(engine)
    print(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    return 0


def _create_county(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        accounts.create_county(conn, args.name)
    print(f"county '{args.name.strip()}' created")
    return 0


def _create_user(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        accounts.create_user(conn, args.county, args.username, Role(args.role), args.team)
    print(f"user '{args.username.strip()}' created")
    return 0


def _enroll_code(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        code = accounts.issue_enrollment_code(conn, args.username)
    print("one-time enrollment code (single use, expires in 24 hours):")
    print(code)
    return 0


def _cancel_codes(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        count = accounts.cancel_enrollment_codes(conn, args.username)
    print(f"{count} unused enrollment code(s) of '{args.username.strip()}' cancelled")
    return 0


def _deactivate_user(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        accounts.set_user_active(conn, args.username, False)
    print(f"user '{args.username.strip()}' deactivated: their devices are refused from now on")
    return 0


def _activate_user(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        accounts.set_user_active(conn, args.username, True)
    print(f"user '{args.username.strip()}' is active again")
    return 0


def _revoke_device(args: argparse.Namespace) -> int:
    with _ready_engine().begin() as conn:
        accounts.revoke_device(conn, args.device_id)
    print(f"device {args.device_id} revoked")
    return 0


def _change_assignments(change: assignments.Change) -> list[UUID]:
    engine = _ready_engine()
    with engine.begin() as conn:
        county_id = accounts.county_of_user(conn, change.from_user)
        actor = assignments.Actor(county_id=county_id, username="admin")
        try:
            return assignments.apply_change(conn, actor, change, utcnow())
        except assignments.AssignmentRefused as exc:
            raise CliError(str(exc)) from None


def _reassign(args: argparse.Namespace) -> int:
    action = AssignmentAction.COVER if args.until else AssignmentAction.REASSIGN
    if len(args.reason) > 200:
        raise CliError("--reason: at most 200 characters")
    moved = _change_assignments(
        assignments.Change(
            action=action,
            from_user=args.from_user,
            to_user=args.to_user,
            youth_ids=args.youth,
            until=args.until,
            reason=args.reason.strip(),
        )
    )
    if action is AssignmentAction.COVER:
        print(f"{args.to_user} covers {len(moved)} youth of {args.from_user} until {args.until}")
    else:
        print(f"{len(moved)} youth moved from {args.from_user} to {args.to_user}")
    return 0


def _close_case(args: argparse.Namespace) -> int:
    if not args.youth:
        raise CliError("name the youth whose cases close (--youth ID)")
    moved = _change_assignments(
        assignments.Change(
            action=AssignmentAction.CLOSE,
            from_user=args.from_user,
            youth_ids=args.youth,
            reason=args.reason.strip()[:200],
        )
    )
    print(f"{len(moved)} cases closed; they leave the laptops after the county's retention period")
    return 0


def _list_devices(_args: argparse.Namespace) -> int:
    with _ready_engine().connect() as conn:
        found = accounts.list_devices(conn)
    if not found:
        print("no devices enrolled")
    for device in found:
        seen = device.last_seen_at.strftime("%Y-%m-%d %H:%M") if device.last_seen_at else "never"
        state = "revoked" if device.revoked else "active"
        print(f"{device.device_id}  {device.county}  {device.username}  {state}  last seen {seen}")
    return 0


def _list_conflicts(args: argparse.Namespace) -> int:
    with _ready_engine().connect() as conn:
        found = records.county_conflicts(conn, accounts.county_id_by_name(conn, args.county))
    if not found.conflicts:
        print("no sync conflicts")
    for c in found.conflicts:
        now = "gone" if c.current_version is None else f"now v{c.current_version}"
        print(
            f"{c.created_at:%Y-%m-%d %H:%M}  {c.record_type} {c.record_id}  {c.username}"
            f"  device {c.device_id}  v{c.base_version}->v{c.version} over v{c.server_version}"
            f"  ({now})"
        )
    return 0


def _county_policy(args: argparse.Namespace) -> int:
    """Show the county's configuration; with settings given, change them first (audited)."""
    given = {
        option.removeprefix("--").replace("-", "_"): value
        for option, _kind, _help in _POLICY_OPTIONS
        if (value := getattr(args, option.removeprefix("--").replace("-", "_"))) is not None
    }
    with _ready_engine().begin() as conn:
        county_id = accounts.county_id_by_name(conn, args.county)
        if given:
            config = accounts.set_county_config(
                conn,
                county_id,
                mdt_referral_days=given.pop("mdt_referral_days", None),
                offline_lease_days=given.pop("offline_lease_days", None),
                policy=given,
                actor="admin",
            )
        else:
            config = county_config(conn, county_id)
    if args.json:
        print(json.dumps(config.model_dump(mode="json"), sort_keys=True))
        return 0
    for name, value in config.model_dump(mode="json").items():
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        print(f"{name.replace('_', ' ')}: {shown}")
    return 0


def _summary(args: argparse.Namespace) -> int:
    with _ready_engine().connect() as conn:
        county_id = accounts.county_id_by_name(conn, args.county)
        summary = county_summary(conn, county_id)
    if args.json:
        print(json.dumps({"county": args.county.strip(), **summary}, sort_keys=True))
        return 0
    print(f"county: {args.county.strip()}")
    for key, value in summary.items():
        if isinstance(value, dict):
            for status, count in value.items():
                print(f"  screenings {status}: {count}")
        else:
            print(f"{key.replace('_', ' ')}: {value}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    # Imported here: the other commands need not load the HTTP stack.
    from csec_desktop.server import serving

    if (args.certfile is None) != (args.keyfile is None):
        raise CliError("give both --certfile and --keyfile, or neither")
    for path in (args.certfile, args.keyfile):
        if path is not None and not path.is_file():
            raise CliError(f"no such file: {path}")
    if not 0 < args.port < 65536:
        raise CliError("--port must be between 1 and 65535")
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    _ready_engine().dispose()  # refuse to start on a missing or old schema
    started = serving.serve(
        host=args.host,
        port=args.port,
        workers=args.workers,
        certfile=args.certfile,
        keyfile=args.keyfile,
    )
    if not started:
        raise CliError(f"the server could not start on {args.host}:{args.port}")
    return 0


def main(argv: list[str] | None = None) -> int:
    def _run(args_list: list[str] | None) -> int:
        args = build_parser().parse_args(args_list)
        try:
            resolve_database_url()
            return int(args.handler(args) or 0)
        except (accounts.AccountError, DatabaseUrlError) as exc:
            raise CliError(str(exc)) from None
        except OperationalError:
            raise CliError(
                "cannot reach the database (check DATABASE_URL and that the server is running)"
            ) from None
        except SQLAlchemyError as exc:
            raise CliError(f"database error ({type(exc).__name__})") from None

    return run_cli(PROG, _run, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
