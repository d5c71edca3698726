"""The server's tables (SQLAlchemy Core).

The migrations in ``migrations/versions`` create exactly these; a test compares the two so they
cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB

from csec_desktop.server.db import UtcDateTime

GENESIS_HASH = "0" * 64

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JsonDocument = JSON().with_variant(JSONB(), "postgresql")

counties = Table(
    "counties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("mdt_referral_days", Integer, nullable=False),
    Column("offline_lease_days", Integer, nullable=False),
    # The county's policy settings (``CountyConfig``'s policy fields) it has set; null: defaults.
    Column("policy", JsonDocument, nullable=True),
    Column("config_version", Integer, nullable=False),
    # Days a closed case stays on laptops (migration 0005).
    Column("closed_case_retention_days", Integer, nullable=False),
    # The county's change-feed counter on SQLite (writers bump it with the row locked, so feed
    # entries commit in sequence order). On PostgreSQL, from migration 0008, the last position
    # taken this way; later positions come from ``feed_clock`` (see ``feed.py``).
    Column("feed_seq", BigInteger, nullable=False),
    # Head of the county's own audit chain (administrative actions).
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_head", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("username", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("team", String(100), nullable=True),
    Column("active", Boolean, nullable=False),
    # Head of this user's audit chain; a user's writes lock this row, so the chain stays linear.
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_head", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
    Column("device_id", Uuid, nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("enrolled_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
    # The feed position up to which this device has applied everything (protocol 2 pulls say
    # so; migration 0005). Until it has applied a youth's removal, its unsent changes to
    # that youth's records are still taken.
    Column("feed_acked_seq", BigInteger, nullable=True),
    # A rotated token not used yet (migration 0006): the device holds it, or its answer was lost
    # and the current token still works. Its first use makes it the current one.
    Column("next_token_hash", String(64), nullable=True, unique=True),
    Column("token_issued_at", UtcDateTime, nullable=True),  # None: at enrollment, before 0006
)

# The newest head of each device's local audit chain the server has seen (migration 0002): a
# laptop whose chain no longer holds that hash at that position had its log rewritten.
audit_anchors = Table(
    "audit_anchors",
    metadata,
    Column("device_id", Uuid, ForeignKey("devices.id"), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("anchored_at", UtcDateTime, nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("record_type", String(40), nullable=False),
    Column("record_id", Uuid, nullable=False),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("owner_user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", JsonDocument, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("status", String(20), nullable=True),  # screenings: the workflow status
    Column("record_date", Date, nullable=True),  # the date reports group by
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by_device", Uuid, nullable=True),
    # The youth the record is about (its ``youth_id``; a youth is its own; a review its
    # screening's), None for a record about no one youth (migration 0005).
    Column("youth_id", Uuid, nullable=True),
    # The county feed position of this version: every write takes the next one (0005).
    Column("feed_seq", BigInteger, nullable=False),
    # True while the record belongs to no youth anybody holds (a training; a screening pushed
    # before its youth): it then travels to its owner's devices (0005).
    Column("owner_route", Boolean, nullable=False),
    PrimaryKeyConstraint("record_type", "record_id"),
    Index(None, "county_id", "record_type", "record_date"),
    Index(None, "owner_user_id", "record_type", "status"),
    Index(None, "county_id", "feed_seq", unique=True),
    Index(None, "owner_user_id", "owner_route", "feed_seq"),
)

# Every youth a record belongs to, for routing it to the laptops of that youth's caseworkers: the
# youth it is about, and the youth it names (a session's attendees). Migration 0005.
record_youth = Table(
    "record_youth",
    metadata,
    Column("record_type", String(40), nullable=False),
    Column("record_id", Uuid, nullable=False),
    Column("youth_id", Uuid, nullable=False),
    PrimaryKeyConstraint("record_type", "record_id", "youth_id"),
    Index(None, "youth_id"),
)

# Who holds which youth: one primary caseworker, and coverage that ends. A row never changes
# except to end it; the county feed position of its start and of its end make caseload changes
# events that devices pull (migration 0005). Every change is also in the audit chains.
assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("youth_id", Uuid, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # "primary" or "coverage"
    Column("start_seq", BigInteger, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=True),  # planned: a coverage, a closed case
    Column("end_seq", BigInteger, nullable=True),  # set when it ended (None: still holds)
    Column("ended_at", UtcDateTime, nullable=True),
    Column("end_reason", String(40), nullable=True),  # a ``RemovalReason`` value
    Column("origin_device", Uuid, nullable=True),  # the device that created the youth
    Column("reason", String(200), nullable=False),
    Column("set_by", String(100), nullable=False),
    Index(None, "user_id", "end_seq"),
    Index(None, "youth_id", "end_seq"),
    Index(None, "county_id", "end_seq", "ends_at"),
    Index(None, "county_id", "start_seq"),  # a pull's feed head (0008)
)

record_conflicts = Table(
    "record_conflicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", Uuid, nullable=False),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("device_id", Uuid, nullable=False),
    Column("op_id", Uuid, nullable=False),
    Column("base_version", Integer, nullable=True),
    Column("version", Integer, nullable=False),
    Column("server_version", Integer, nullable=False),
    Column("payload", JsonDocument, nullable=False),  # the version that was not applied
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    Index(None, "record_type", "record_id"),
)

push_ops = Table(
    "push_ops",
    metadata,
    Column("op_id", Uuid, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("device_id", Uuid, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("reason", String(500), nullable=False),
    Column("server_version", Integer, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("screening_id", Uuid, nullable=False),
    Column("screening_version", Integer, nullable=False),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("author_user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("reviewer_user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("decision", String(20), nullable=False),
    Column("comment", Text, nullable=False),
    Column("reviewed_at", UtcDateTime, nullable=False),
    # One decision per screening version: two supervisors deciding at once cannot both win.
    UniqueConstraint("screening_id", "screening_version"),
)

# One row: the floor PostgreSQL's feed positions start above (``feed.py``; migration 0008).
feed_clock = Table(
    "feed_clock",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("position_floor", BigInteger, nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("target_user_id", Integer, ForeignKey("users.id"), nullable=True),  # None: everyone
    Column("kind", String(40), nullable=False),
    Column("payload", JsonDocument, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("county_id", "seq"),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("chain", String(40), nullable=False),  # "user:<id>" or "county:<id>"
    Column("seq", BigInteger, nullable=False),
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("record_type", String(40), nullable=True),
    Column("record_id", Uuid, nullable=True),
    Column("record_version", Integer, nullable=True),
    Column("detail", String(200), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    PrimaryKeyConstraint("chain", "seq"),
    Index(None, "county_id", "at"),
    Index(None, "record_type", "record_id"),  # who authored a screening (workflow.authors_of)
)

# Failed enrollments and token checks, per client address (migration 0004): the rate limit
# holds across every server process because it is counted here, not in memory.
auth_failures = Table(
    "auth_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("bucket", String(80), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index(None, "bucket", "at"),
)

# State-analyst reports, frozen the first time each fixed period is published (migration
# 0004): asked again later, the same period gives the same figures (domain/suppression.py).
report_releases = Table(
    "report_releases",
    metadata,
    Column("county_id", Integer, ForeignKey("counties.id"), nullable=False),
    Column("period", String(10), nullable=False),  # "2026", "2026-Q1", "2026-01"
    Column("report", JsonDocument, nullable=False),
    Column("released_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("county_id", "period"),
)
