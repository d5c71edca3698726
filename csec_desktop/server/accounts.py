"""Counties, users, one-time enrollment codes and device tokens.

Secrets are random and only their SHA-256 hashes are stored: a leaked database gives no working
code or token. Plain SHA-256 (no slow KDF) is right here because the secrets carry 100+ bits of
randomness, unlike passwords.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from pydantic import ValidationError
from sqlalchemy import Connection, bindparam, func, or_, select, update

from csec_desktop.domain import utcnow
from csec_desktop.domain.counties import CALIFORNIA_COUNTIES
from csec_desktop.domain.errors import problems
from csec_desktop.server import audit
from csec_desktop.server.feed import append_change, county_config
from csec_desktop.server.schema import (
    GENESIS_HASH,
    counties,
    devices,
    enrollment_codes,
    users,
)
from csec_desktop.sync.protocol import POLICY_FIELDS, ChangeKind, CountyConfig, Role

ENROLLMENT_CODE_LIFETIME = timedelta(hours=24)
# A device token unused this long stops working (the laptop keeps its data and enrolls again):
# longer than the longest offline lease a county may set, so no laptop that still works offline
# is cut off by it.
TOKEN_IDLE_LIMIT = timedelta(days=400)
DEFAULT_MDT_REFERRAL_DAYS = 30
DEFAULT_OFFLINE_LEASE_DAYS = 14
DEFAULT_CLOSED_CASE_RETENTION_DAYS = 90
# Crockford-like alphabet without look-alikes (0/O, 1/I/L), so a code read over the phone works.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_GROUPS, _CODE_GROUP_LENGTH = 5, 5  # 25 symbols: about 124 bits


class AccountError(ValueError):
    """An administrative request that cannot be done (the message is safe to show)."""


@dataclass(frozen=True)
class Caller:
    """Who is calling: the device and the user it is bound to."""

    device_id: UUID
    user_id: int
    username: str
    role: Role
    team: str | None
    county_id: int
    county: str
    last_seen_at: datetime | None = None  # when the device was last recorded as in contact
    feed_acked_seq: int | None = None  # the feed position the device has applied everything to
    # The token used is the device's rotated one, used now for the first time: ``adopt_token``
    # makes it the current one (and the old one stops working).
    token_is_new: bool = False


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_enrollment_code() -> str:
    symbols = "".join(
        secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LENGTH)
    )
    groups = [
        symbols[i : i + _CODE_GROUP_LENGTH] for i in range(0, len(symbols), _CODE_GROUP_LENGTH)
    ]
    return "-".join(groups)


def create_county(
    conn: Connection,
    name: str,
    mdt_referral_days: int = DEFAULT_MDT_REFERRAL_DAYS,
    offline_lease_days: int = DEFAULT_OFFLINE_LEASE_DAYS,
    closed_case_retention_days: int = DEFAULT_CLOSED_CASE_RETENTION_DAYS,
) -> int:
    name = name.strip()
    if name not in CALIFORNIA_COUNTIES:
        raise AccountError(f"'{name}' is not a California county (spell it as the state does)")
    if conn.execute(select(counties.c.id).where(counties.c.name == name)).first():
        raise AccountError(f"county '{name}' already exists")
    county_id: int = conn.execute(
        counties.insert()
        .values(
            name=name,
            mdt_referral_days=mdt_referral_days,
            offline_lease_days=offline_lease_days,
            closed_case_retention_days=closed_case_retention_days,
            config_version=1,
            feed_seq=0,
            audit_seq=0,
            audit_head=GENESIS_HASH,
            created_at=utcnow(),
        )
        .returning(counties.c.id)
    ).scalar_one()
    config = county_config(conn, county_id)
    append_change(conn, county_id, ChangeKind.COUNTY_CONFIG, config.model_dump(mode="json"))
    audit.append(conn, county_id=county_id, actor="admin", action="county_create")
    return county_id


def set_county_config(
    conn: Connection,
    county_id: int,
    *,
    mdt_referral_days: int | None = None,
    offline_lease_days: int | None = None,
    actor: str,
    policy: dict[str, Any] | None = None,
    closed_case_retention_days: int | None = None,
) -> CountyConfig:
    """Change a county's settings and announce them to every device through the feed.

    A setting left as None keeps its value; ``policy`` holds the policy settings to change (the
    names of ``CountyConfig``'s policy fields). The result is checked as a whole
    (``CountyConfig``; ``AccountError`` naming the bad setting). Setting the values the county
    already has changes nothing (no new version, no feed entry), so a retried request leaves the
    same state as the first. Each change is in the county's audit chain with the names of the
    settings it changed (their values are in the feed entry it announces).
    ``closed_case_retention_days`` (how long a closed case stays on laptops) None keeps the
    county's.
    """
    current = county_config(conn, county_id, lock=True)
    unknown = sorted(set(policy or {}) - POLICY_FIELDS)
    if unknown:
        raise AccountError(f"'{unknown[0]}' is not a county policy setting")
    wanted = current.model_dump()
    if mdt_referral_days is not None:
        wanted["mdt_referral_days"] = mdt_referral_days
    if offline_lease_days is not None:
        wanted["offline_lease_days"] = offline_lease_days
    if closed_case_retention_days is not None:
        wanted["closed_case_retention_days"] = closed_case_retention_days
    wanted.update(policy or {})
    try:
        checked = CountyConfig.model_validate(wanted)
    except ValidationError as exc:
        first = problems(exc)[0]
        raise AccountError(f"{first.field}: {first.message}") from None
    changed = sorted(
        name for name, value in checked.model_dump().items() if getattr(current, name) != value
    )
    if not changed:
        return current
    stored_policy = {
        name: value
        for name, value in checked.model_dump().items()
        if name in POLICY_FIELDS and name != "mdt_referral_days"
    }
    conn.execute(
        update(counties)
        .where(counties.c.id == county_id)
        .values(
            mdt_referral_days=checked.mdt_referral_days,
            offline_lease_days=checked.offline_lease_days,
            closed_case_retention_days=checked.closed_case_retention_days,
            policy=stored_policy,
            config_version=counties.c.config_version + 1,
        )
    )
    config = county_config(conn, county_id)
    append_change(conn, county_id, ChangeKind.COUNTY_CONFIG, config.model_dump(mode="json"))
    audit.append(
        conn,
        county_id=county_id,
        actor=actor,
        action="county_config",
        detail=("changed: " + ", ".join(changed))[:200],
    )
    return config


def county_id_by_name(conn: Connection, name: str) -> int:
    county_id = conn.execute(select(counties.c.id).where(counties.c.name == name.strip())).scalar()
    if county_id is None:
        raise AccountError(f"no county named '{name.strip()}' (create it with create-county)")
    return int(county_id)


def create_user(
    conn: Connection, county: str, username: str, role: Role, team: str | None = None
) -> int:
    username = username.strip()
    team = team.strip() if team else None
    if not username or len(username) > 100:
        raise AccountError("a username needs 1 to 100 characters")
    if role is Role.SUPERVISOR and not team:
        raise AccountError("a supervisor needs a team (--team)")
    county_id = county_id_by_name(conn, county)
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise AccountError(f"user '{username}' already exists")
    user_id: int = conn.execute(
        users.insert()
        .values(
            county_id=county_id,
            username=username,
            role=role.value,
            team=team,
            active=True,
            audit_seq=0,
            audit_head=GENESIS_HASH,
            created_at=utcnow(),
        )
        .returning(users.c.id)
    ).scalar_one()
    audit.append(conn, county_id=county_id, actor="admin", action="user_create", detail=role.value)
    return user_id


def issue_enrollment_code(conn: Connection, username: str, now: datetime | None = None) -> str:
    """A new one-time code for ``username``'s next device; only its hash is kept."""
    user = conn.execute(select(users).where(users.c.username == username.strip())).first()
    if user is None:
        raise AccountError(f"no user named '{username.strip()}'")
    if not user.active:
        raise AccountError(f"user '{user.username}' is deactivated")
    now = now or utcnow()
    code = new_enrollment_code()
    conn.execute(
        enrollment_codes.insert().values(
            user_id=user.id,
            code_hash=hash_secret(normalize_code(code)),
            created_at=now,
            expires_at=now + ENROLLMENT_CODE_LIFETIME,
        )
    )
    audit.append(conn, county_id=user.county_id, actor="admin", action="enrollment_code")
    return code


@dataclass(frozen=True)
class Enrollment:
    device_id: UUID
    device_token: str
    caller: Caller
    config: CountyConfig


def enroll_device(conn: Connection, code: str, device_name: str) -> Enrollment | None:
    """Spend ``code`` on a new device; None when the code is unknown, used or expired."""
    now = utcnow()
    code_hash = hash_secret(normalize_code(code))
    device_id = uuid4()
    # One conditional UPDATE: of two devices racing with the same code, exactly one wins.
    claimed = conn.execute(
        update(enrollment_codes)
        .where(
            enrollment_codes.c.code_hash == code_hash,
            enrollment_codes.c.used_at.is_(None),
            enrollment_codes.c.expires_at > now,
        )
        .values(used_at=now, device_id=device_id)
        .returning(enrollment_codes.c.user_id)
    ).first()
    if claimed is None:
        return None
    user = conn.execute(
        select(users, counties.c.name.label("county"))
        .join(counties, counties.c.id == users.c.county_id)
        .where(users.c.id == claimed.user_id)
    ).one()
    if not user.active:
        return None
    token = secrets.token_urlsafe(32)
    conn.execute(
        devices.insert().values(
            id=device_id,
            user_id=user.id,
            token_hash=hash_secret(token),
            name=device_name.strip()[:100],
            enrolled_at=now,
            last_seen_at=now,
            token_issued_at=now,
        )
    )
    audit.append(
        conn, county_id=user.county_id, user_id=user.id, actor=user.username, action="enroll"
    )
    caller = Caller(
        device_id=device_id,
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        team=user.team,
        county_id=user.county_id,
        county=user.county,
    )
    return Enrollment(device_id, token, caller, county_config(conn, user.county_id))


class DeviceRevoked(Exception):
    """The token belongs to a revoked device (or a deactivated user)."""


class TokenExpired(Exception):
    """The token was not used for longer than ``TOKEN_IDLE_LIMIT``."""

    def __init__(self) -> None:
        super().__init__(
            f"this device's token expired after {TOKEN_IDLE_LIMIT.days} days without contact: "
            "enroll it again (its records stay on the laptop)"
        )


# Every request runs this lookup: the statement is built once (building it per request cost more
# CPU than the database spent answering it: issue 16's state scenario).
_BY_TOKEN = (
    select(
        devices.c.id.label("device_id"),
        devices.c.revoked_at,
        devices.c.last_seen_at,
        devices.c.feed_acked_seq,
        devices.c.next_token_hash,
        users.c.id.label("user_id"),
        users.c.username,
        users.c.role,
        users.c.team,
        users.c.active,
        users.c.county_id,
        counties.c.name.label("county"),
    )
    .join(users, users.c.id == devices.c.user_id)
    .join(counties, counties.c.id == users.c.county_id)
    .where(
        or_(
            devices.c.token_hash == bindparam("hashed"),
            devices.c.next_token_hash == bindparam("hashed"),
        )
    )
)


def caller_for_token(conn: Connection, token: str) -> Caller | None:
    """The caller a device token belongs to; None if unknown; DeviceRevoked if revoked.

    A device's rotated token (``rotate_token``) is accepted too; the caller then says so
    (``token_is_new``) and the caller of this function adopts it (``adopt_token``)."""
    hashed = hash_secret(token)
    row = conn.execute(_BY_TOKEN, {"hashed": hashed}).first()
    if row is None:
        return None
    if row.revoked_at is not None or not row.active:
        raise DeviceRevoked
    if row.last_seen_at is not None and row.last_seen_at < utcnow() - TOKEN_IDLE_LIMIT:
        raise TokenExpired()
    return Caller(
        device_id=row.device_id,
        user_id=row.user_id,
        username=row.username,
        role=Role(row.role),
        team=row.team,
        county_id=row.county_id,
        county=row.county,
        last_seen_at=row.last_seen_at,
        feed_acked_seq=row.feed_acked_seq,
        token_is_new=row.next_token_hash == hashed,
    )


# A laptop asks for a new token when its current one is this old (``SyncService``).
TOKEN_ROTATION_AGE = timedelta(days=30)


def rotate_token(conn: Connection, caller: Caller) -> str:
    """A new token for the caller's device, kept beside the current one until its first use.

    The current token keeps working until then, so an answer lost on the way costs nothing: the
    laptop asks again, and the token it never received is replaced (only one waits at a time).
    Audited without the token; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        update(devices)
        .where(devices.c.id == caller.device_id)
        .values(next_token_hash=hash_secret(token))
    )
    audit.append(
        conn,
        county_id=caller.county_id,
        user_id=caller.user_id,
        actor=caller.username,
        action="device_token_rotate",
        detail=f"device {caller.device_id}",
    )
    return token


def adopt_token(conn: Connection, device_id: UUID) -> None:
    """The device used its rotated token: it becomes the current one; the old one stops working."""
    conn.execute(
        update(devices)
        .where(devices.c.id == device_id, devices.c.next_token_hash.is_not(None))
        .values(
            token_hash=devices.c.next_token_hash, next_token_hash=None, token_issued_at=utcnow()
        )
    )


CONTACT_RESOLUTION = timedelta(minutes=1)


def contact_is_stale(caller: Caller, now: datetime | None = None) -> bool:
    """Whether the device's last contact is old enough to record again (at most once a minute,
    so most requests need no write at all)."""
    seen = caller.last_seen_at
    return seen is None or seen < (now or utcnow()) - CONTACT_RESOLUTION


def touch_device(conn: Connection, device_id: UUID) -> None:
    """Record contact; written at most once a minute so reads stay cheap."""
    now = utcnow()
    conn.execute(
        update(devices)
        .where(
            devices.c.id == device_id,
            (devices.c.last_seen_at.is_(None))
            | (devices.c.last_seen_at < now - CONTACT_RESOLUTION),
        )
        .values(last_seen_at=now)
    )


def cancel_enrollment_codes(conn: Connection, username: str) -> int:
    """Make every unused code of ``username`` unusable at once (a code sent to the wrong person,
    or a laptop that will not be set up after all). Returns how many were cancelled."""
    user = conn.execute(select(users).where(users.c.username == username.strip())).first()
    if user is None:
        raise AccountError(f"no user named '{username.strip()}'")
    now = utcnow()
    cancelled = conn.execute(
        update(enrollment_codes)
        .where(
            enrollment_codes.c.user_id == user.id,
            enrollment_codes.c.used_at.is_(None),
            enrollment_codes.c.expires_at > now,
        )
        .values(expires_at=now)
    ).rowcount
    audit.append(conn, county_id=user.county_id, actor="admin", action="enrollment_code_cancel")
    return int(cancelled or 0)


def set_user_active(conn: Connection, username: str, active: bool) -> None:
    """Deactivate a user (every device of theirs is then refused, as if revoked, and no code
    can be issued), or activate them again."""
    user = conn.execute(select(users).where(users.c.username == username.strip())).first()
    if user is None:
        raise AccountError(f"no user named '{username.strip()}'")
    if user.active == active:
        return
    conn.execute(update(users).where(users.c.id == user.id).values(active=active))
    if not active:
        cancel_enrollment_codes(conn, user.username)
    audit.append(
        conn,
        county_id=user.county_id,
        actor="admin",
        action="user_activate" if active else "user_deactivate",
    )


def acknowledge_feed(conn: Connection, device_id: UUID, position: int) -> None:
    """The device has applied its feed up to ``position`` (never moves back)."""
    conn.execute(
        update(devices)
        .where(
            devices.c.id == device_id,
            (devices.c.feed_acked_seq.is_(None)) | (devices.c.feed_acked_seq < position),
        )
        .values(feed_acked_seq=position)
    )


def revoke_device(conn: Connection, device_id: UUID) -> None:
    row = conn.execute(
        select(devices.c.revoked_at, users.c.county_id, users.c.id.label("user_id"))
        .join(users, users.c.id == devices.c.user_id)
        .where(devices.c.id == device_id)
    ).first()
    if row is None:
        raise AccountError(f"no device with id {device_id}")
    if row.revoked_at is not None:
        return
    conn.execute(update(devices).where(devices.c.id == device_id).values(revoked_at=utcnow()))
    audit.append(conn, county_id=row.county_id, actor="admin", action="device_revoke")


@dataclass(frozen=True)
class DeviceInfo:
    device_id: UUID
    username: str
    county: str
    name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked: bool


def list_devices(conn: Connection) -> list[DeviceInfo]:
    rows = conn.execute(
        select(devices, users.c.username, counties.c.name.label("county"))
        .join(users, users.c.id == devices.c.user_id)
        .join(counties, counties.c.id == users.c.county_id)
        .order_by(counties.c.name, users.c.username, devices.c.enrolled_at)
    )
    return [
        DeviceInfo(
            device_id=row.id,
            username=row.username,
            county=row.county,
            name=row.name,
            enrolled_at=row.enrolled_at,
            last_seen_at=row.last_seen_at,
            revoked=row.revoked_at is not None,
        )
        for row in rows
    ]


def county_of_user(conn: Connection, username: str) -> int:
    county_id = conn.execute(
        select(users.c.county_id).where(users.c.username == username.strip())
    ).scalar()
    if county_id is None:
        raise AccountError(f"no user named '{username.strip()[:100]}'")
    return int(county_id)


def count_users(conn: Connection, county_id: int) -> int:
    return int(
        conn.execute(select(func.count()).where(users.c.county_id == county_id)).scalar_one()
    )
