"""``csec-admin vault ...`` and ``csec-admin recovery-keygen``: creating and keeping vaults."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from csec_desktop.cli.common import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, CliError, read_secret
from csec_desktop.domain.passphrase import MIN_LENGTH, assess
from csec_desktop.services.vault_session import VaultSession
from csec_desktop.store import StoreError
from csec_desktop.vault import (
    KdfParams,
    VaultError,
    generate_recovery_keypair,
    load_recovery_private_key,
    parse_recovery_public_key,
    recovery_file_is_legacy,
    seal_private_key,
)
from csec_desktop.vault.atomic import write_private_file

RECOVERY_PASSPHRASE_ENV = "CSEC_RECOVERY_PASSPHRASE"  # noqa: S105  (a variable name)
ADMIN_ACTOR = "csec-admin"


def _passphrase_options(parser: argparse.ArgumentParser, *, new: bool = False) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        help=f"file whose first line is the vault passphrase (or set {PASSPHRASE_ENV})",
    )
    if new:
        parser.add_argument(
            "--new-passphrase-file",
            type=Path,
            help=f"file whose first line is the new passphrase (or set {NEW_PASSPHRASE_ENV})",
        )


def _recovery_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-passphrase-file",
        type=Path,
        help="file whose first line protects the county recovery private key "
        f"(or set {RECOVERY_PASSPHRASE_ENV})",
    )


def _kdf_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kdf-iterations",
        type=int,
        default=None,
        help="Argon2id iterations (64 MiB, minimum 3); default: calibrated to ~0.5 s on this "
        "machine",
    )


def _kdf_params(args: argparse.Namespace) -> KdfParams | None:
    if args.kdf_iterations is None:
        return None
    try:
        return KdfParams(iterations=args.kdf_iterations)
    except ValueError:
        raise CliError("--kdf-iterations must be at least 3") from None


def _acceptable(passphrase: str, which: str) -> str:
    """The app's one passphrase rule (``domain.passphrase``), as the windows apply it."""
    if not assess(passphrase).acceptable:
        raise CliError(
            f"the {which} is too short, too repetitive or too common: use at least "
            f"{MIN_LENGTH} characters; a few ordinary words work well"
        )
    return passphrase


def _new_passphrase(args: argparse.Namespace) -> str:
    passphrase = read_secret(args, "new_passphrase_file", NEW_PASSPHRASE_ENV, "new passphrase")
    return _acceptable(passphrase, "new passphrase")


def _open(args: argparse.Namespace) -> VaultSession:
    passphrase = read_secret(args, "passphrase_file", PASSPHRASE_ENV)
    try:
        return VaultSession.open(args.data_dir, passphrase, actor=ADMIN_ACTOR)
    except (VaultError, StoreError) as exc:
        raise CliError(str(exc)) from None


def _init(args: argparse.Namespace) -> int:
    passphrase = _acceptable(read_secret(args, "passphrase_file", PASSPHRASE_ENV), "passphrase")
    recovery = None
    if args.recovery_public_key is not None:
        recovery = parse_recovery_public_key(_text_or_file(args.recovery_public_key))
    try:
        session = VaultSession.create(
            args.data_dir,
            passphrase,
            actor=ADMIN_ACTOR,
            kdf_params=_kdf_params(args),
            recovery_key=recovery,
        )
    except (VaultError, StoreError) as exc:
        raise CliError(str(exc)) from None
    with session:
        print(f"created vault {session.key_file.vault_id}")
        if recovery is None:
            print("warning: no county recovery key: a forgotten passphrase cannot be recovered")
    return 0


def _text_or_file(value: str) -> str:
    path = Path(value)
    if not value.startswith("csec-recovery-") and path.exists():
        return path.read_text(encoding="utf-8").strip()
    return value.strip()


def _verify(args: argparse.Namespace) -> int:
    with _open(args) as session:
        try:
            report = session.verify()
        except StoreError as exc:  # e.g. the disk failed while reading: still one plain line
            raise CliError(str(exc)) from None
    for name, ok, detail in report.checks:
        print(f"{'ok' if ok else 'FAILED'}: {name}: {detail}")
    if not report.ok:
        raise CliError(
            f"{report.verdict()}; nothing was deleted or repaired: keep the files for county IT "
            "(unsent work may still be recovered from them)"
        )
    print(report.verdict())
    return 0


def _change_passphrase(args: argparse.Namespace) -> int:
    old = read_secret(args, "passphrase_file", PASSPHRASE_ENV)
    new = _new_passphrase(args)
    with _open(args) as session:
        try:
            session.change_passphrase(old, new)
        except VaultError as exc:
            raise CliError(str(exc)) from None
    print("passphrase changed")
    print(
        "the data key is unchanged: if the old passphrase or a copy of the key file may be "
        "known to someone else, also run 'csec-admin vault rotate-key'"
    )
    return 0


def _rotate_key(args: argparse.Namespace) -> int:
    passphrase = read_secret(args, "passphrase_file", PASSPHRASE_ENV)
    with _open(args) as session:
        try:
            session.rotate_data_key(passphrase)
        except (VaultError, StoreError) as exc:
            raise CliError(str(exc)) from None
    print("data key rotated; the database is re-encrypted under the new key")
    return 0


def _recover(args: argparse.Namespace) -> int:
    recovery_passphrase = read_secret(
        args, "recovery_passphrase_file", RECOVERY_PASSPHRASE_ENV, "recovery key passphrase"
    )
    try:
        pem = Path(args.recovery_private_key).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read the recovery private key: {exc.strerror}") from None
    new = _new_passphrase(args)
    if recovery_file_is_legacy(pem):
        print(_LEGACY_WARNING, file=sys.stderr)
    try:
        private_key = load_recovery_private_key(pem, recovery_passphrase)
        session = VaultSession.open_with_recovery_key(
            args.data_dir, private_key, new, actor=ADMIN_ACTOR
        )
    except (VaultError, StoreError) as exc:
        raise CliError(str(exc)) from None
    with session:
        report = session.verify()
    print("vault recovered with the county key; the new passphrase is set")
    return 0 if report.ok else 1


_LEGACY_WARNING = (
    "warning: this recovery key file has the old, weaker protection (PBKDF2); rewrite it with "
    "'csec-admin recovery-key-upgrade'"
)


def _recovery_key_upgrade(args: argparse.Namespace) -> int:
    """Rewrite an old recovery private key file under Argon2id: the same key pair, so every
    laptop's configuration stays as it is."""
    passphrase = read_secret(
        args, "recovery_passphrase_file", RECOVERY_PASSPHRASE_ENV, "recovery key passphrase"
    )
    if args.out.exists():
        raise CliError(f"{args.out} already exists; nothing was written")
    try:
        data = Path(args.private_key).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read the recovery private key: {exc.strerror}") from None
    try:
        private_key = load_recovery_private_key(data, passphrase)
    except VaultError as exc:
        raise CliError(str(exc)) from None
    try:
        write_private_file(args.out, seal_private_key(private_key, passphrase, _kdf_params(args)))
    except OSError as exc:
        raise CliError(f"cannot write the key file: {exc.strerror}") from None
    print(f"recovery private key rewritten with Argon2id: {args.out}")
    print("check it opens ('vault recover' on a test vault), then destroy the old file")
    return 0


def _recovery_keygen(args: argparse.Namespace) -> int:
    passphrase = read_secret(
        args, "recovery_passphrase_file", RECOVERY_PASSPHRASE_ENV, "recovery key passphrase"
    )
    if len(passphrase) < 12:
        raise CliError("the recovery key passphrase is too short: use at least 12 characters")
    for path in (args.private_key_out, args.public_key_out):
        if path.exists():
            raise CliError(f"{path} already exists; nothing was written")
    private_pem, public_text = generate_recovery_keypair(passphrase, kdf_params=_kdf_params(args))
    try:
        write_private_file(args.private_key_out, private_pem)
        write_private_file(args.public_key_out, (public_text + "\n").encode("ascii"))
        os.chmod(args.public_key_out, 0o644)  # the public half is meant to be distributed
    except OSError as exc:
        raise CliError(f"cannot write the key files: {exc.strerror}") from None
    key = parse_recovery_public_key(public_text)
    print(f"county recovery key {key.key_id} written")
    print(f"private key (encrypted; keep offline): {args.private_key_out}")
    print(f"public key (put in the machine configuration): {args.public_key_out}")
    return 0


def register(commands: Any) -> None:
    vault = commands.add_parser("vault", help="create, check and maintain the encrypted vault")
    actions = vault.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create a new, empty vault")
    _passphrase_options(init)
    init.add_argument(
        "--recovery-public-key",
        metavar="KEY_OR_FILE",
        help="the county recovery public key (text 'csec-recovery-x25519:...' or a file)",
    )
    _kdf_option(init)
    init.set_defaults(handler=_init)

    verify = actions.add_parser("verify", help="check the database and the audit chain")
    _passphrase_options(verify)
    verify.set_defaults(handler=_verify)

    change = actions.add_parser("change-passphrase", help="set a new passphrase")
    _passphrase_options(change, new=True)
    change.set_defaults(handler=_change_passphrase)

    rotate = actions.add_parser("rotate-key", help="re-encrypt the database under a new data key")
    _passphrase_options(rotate)
    rotate.set_defaults(handler=_rotate_key)

    recover = actions.add_parser(
        "recover", help="set a new passphrase using the county recovery private key"
    )
    recover.add_argument("--recovery-private-key", required=True, metavar="FILE")
    _recovery_passphrase_option(recover)
    recover.add_argument(
        "--new-passphrase-file",
        type=Path,
        help=f"file whose first line is the new passphrase (or set {NEW_PASSPHRASE_ENV})",
    )
    recover.set_defaults(handler=_recover)

    keygen = commands.add_parser(
        "recovery-keygen", help="create the county recovery key pair (for county IT)"
    )
    keygen.add_argument("--private-key-out", type=Path, required=True, metavar="FILE")
    keygen.add_argument("--public-key-out", type=Path, required=True, metavar="FILE")
    _recovery_passphrase_option(keygen)
    _kdf_option(keygen)
    keygen.set_defaults(handler=_recovery_keygen)

    upgrade = commands.add_parser(
        "recovery-key-upgrade",
        help="rewrite an old recovery private key file with Argon2id (same key pair)",
    )
    upgrade.add_argument("--private-key", type=Path, required=True, metavar="FILE")
    upgrade.add_argument("--out", type=Path, required=True, metavar="FILE")
    _recovery_passphrase_option(upgrade)
    _kdf_option(upgrade)
    upgrade.set_defaults(handler=_recovery_key_upgrade)
