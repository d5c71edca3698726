"""``csec-admin seed-demo``: fill a vault with marked fake records for demos and benchmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from csec_desktop.cli.common import PASSPHRASE_ENV, CliError, read_secret
from csec_desktop.domain.counties import CALIFORNIA_COUNTIES
from csec_desktop.instruments import InstrumentRegistry, UnknownInstrument
from csec_desktop.services.county_policy import county_policy
from csec_desktop.services.demo import (
    DEFAULT_COUNTY,
    DEFAULT_MARKER,
    DEFAULT_SCREENER,
    DEMO_INSTRUMENT,
    DemoSeeder,
)
from csec_desktop.services.sync import SyncService
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import StoreError
from csec_desktop.store.sync_state import META_USERNAME
from csec_desktop.vault import VaultError

MAX_RECORDS = 1_000_000


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number") from None
    if not 0 <= value <= MAX_RECORDS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_RECORDS:,}")
    return value


def _seed_demo(args: argparse.Namespace) -> int:
    marker = args.marker.strip()
    if not marker:
        raise CliError("--marker must not be empty: demo data must always be marked")
    if args.county is not None and args.county not in CALIFORNIA_COUNTIES:
        raise CliError("--county must be a California county, e.g. 'Fresno'")
    registry = InstrumentRegistry.for_data_dir(args.data_dir)
    try:
        instrument = registry.latest(DEMO_INSTRUMENT)
    except UnknownInstrument:
        raise CliError(f"the instrument {DEMO_INSTRUMENT} is not installed") from None
    passphrase = read_secret(args, "passphrase_file", PASSPHRASE_ENV)
    try:
        session = VaultSession.open(args.data_dir, passphrase, actor="seed-demo")
    except (VaultError, StoreError) as exc:
        raise CliError(str(exc)) from None

    def progress(what: str, done: int, total: int) -> None:
        print(f"  {what}: {done:,} of {total:,}", file=sys.stderr, flush=True)

    with session:
        # An enrolled vault's demo work is its caseworker's, in their county and under its
        # policy: the server takes screenings only from the signed-in user who made them.
        enrolled_as = session.store.get_meta(META_USERNAME)
        config = SyncService.for_session(session).county_config()
        seeder = DemoSeeder(
            session.store,
            instrument,
            marker=marker,
            county=args.county or (config.county if config else DEFAULT_COUNTY),
            screener=enrolled_as or DEFAULT_SCREENER,
            policy=county_policy(session.store),
            seed=args.seed,
            progress=progress,
        )
        counts = seeder.seed(youth=args.youth, screenings=args.screenings, sessions=args.sessions)
    print(
        f"seeded demo data marked '{marker}': {counts.youth} youth, {counts.screenings} "
        f"screenings, {counts.obligations} obligations, {counts.missing_episodes} missing "
        f"episodes, {counts.sessions} sessions, {counts.trainings} trainings"
    )
    return 0


def register(commands: Any) -> None:
    seed = commands.add_parser(
        "seed-demo", help="add marked fake records (demos, training, benchmarks)"
    )
    seed.add_argument("--youth", type=_count, required=True, metavar="N")
    seed.add_argument("--screenings", type=_count, default=0, metavar="M")
    seed.add_argument("--sessions", type=_count, default=0, metavar="K")
    seed.add_argument(
        "--marker",
        default=DEFAULT_MARKER,
        help=f"text put in every generated name and note (default {DEFAULT_MARKER})",
    )
    seed.add_argument(
        "--county",
        default=None,
        help=f"the youth's county (default: the enrolled county, else {DEFAULT_COUNTY})",
    )
    seed.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")
    seed.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"file whose first line is the vault passphrase (or set {PASSPHRASE_ENV})",
    )
    seed.set_defaults(handler=_seed_demo)
