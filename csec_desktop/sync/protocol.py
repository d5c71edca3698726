"""Wire messages between the desktop app and the county sync server (shared by both sides).

Every request under ``/api/v1`` except ``/health`` carries the ``X-CSEC-Protocol`` header with
:data:`PROTOCOL_VERSION`; the server answers an unsupported version with 400 and the error code
``unsupported_protocol``. Messages are strict (unknown fields are refused) so that a typo in a field
name is an error rather than silently ignored data.

Protocol versions: 2 (this app) adds the caseload to the pull feed (records, and the youth that
join or leave the caseload; see ``ChangeKind``), restore progress, and the team caseload and
assignment endpoints. The server still answers version 1 (laptops not yet updated) with the feed
and the messages of version 1, so an old laptop keeps syncing as before while the county
updates; it receives no caseload. A version-2 laptop refuses a server that speaks only version 1
with a plain "update the server" message.

Versions: each record has a version (``Record.version``). A push names the server version its
edit was based on (``base_version``; ``None`` for a record the server has never seen) and the new
version. The server applies it only when ``base_version`` is the version it holds; otherwise both
versions are kept and the item is a ``conflict`` for a person to resolve.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StrictInt,
    field_validator,
)

from csec_desktop.domain.policy import (
    DEFAULT_TIME_ZONE,
    STATUTORY_REPORT_HOURS,
    check_time_zone,
)

PROTOCOL_VERSION = 2
SUPPORTED_PROTOCOL_VERSIONS: frozenset[int] = frozenset({1, PROTOCOL_VERSION})
PROTOCOL_HEADER = "X-CSEC-Protocol"
API_PREFIX = "/api/v1"
# Optional additions to protocol 1 a client understands, comma-separated. A server sends a
# message's new optional fields only to clients that name them: the previous release's strict
# models (``extra="forbid"``) would refuse a whole pull over one field they do not know.
CAPABILITIES_HEADER = "X-CSEC-Capabilities"
CAPABILITY_COUNTY_POLICY = "county-policy"
CLIENT_CAPABILITIES = frozenset({CAPABILITY_COUNTY_POLICY})

MAX_PUSH_OPERATIONS = 500
MAX_PULL_LIMIT = 1000
MAX_CURSOR_LENGTH = 200
MAX_ASSIGNED_YOUTH = 2000  # youth named in one assignment request
# What the server's columns hold (PostgreSQL ``integer`` and ``bigint``): larger is a 400, not a
# database error.
MAX_VERSION = 2**31 - 1
MAX_SEQUENCE = 2**63 - 1
# A pull cursor: protocol 1's feed position, or protocol 2's caseload position
# (``server.caseload_feed.FeedCursor``).
# Protocol 2's cursor: base, target, phase, after (a youth id, a feed position or "-"), done,
# total. The server parses it with these groups (``caseload_feed.FeedCursor``).
CASELOAD_CURSOR = (
    r"2\.([0-9]{1,18})\.([0-9]{1,18})\.([01])"
    r"\.([0-9a-f]{32}|[0-9]{1,18}|-)\.([0-9]{1,9})\.([0-9]{1,9})"
)
CURSOR_PATTERN = rf"^(?:[0-9]{{1,18}}|{CASELOAD_CURSOR})$"
RECORD_TYPE_PATTERN = r"^[a-z][a-z_]{0,39}$"
COUNTY_PATTERN = r"^[A-Za-z][A-Za-z .-]{0,99}$"
PERIOD_PATTERN = r"^[0-9]{4}(-Q[1-4])?$"  # the state analyst's fixed periods
REPORT_DATES = (date(1900, 1, 1), date(2199, 12, 31))  # a calendar a report can be computed on
# Text the server stores: PostgreSQL refuses NUL in text, so it is refused here, not there.
NO_NUL = r"^[^\x00]*$"
ONE_LINE = r"^[^\x00-\x1f\x7f]*$"


class WireModel(BaseModel):
    """Base of every wire message: immutable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(StrEnum):
    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    COUNTY_ADMIN = "county_admin"
    STATE_ANALYST = "state_analyst"


class DeviceStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    UNSUPPORTED_PROTOCOL = "unsupported_protocol"
    NOT_AUTHENTICATED = "not_authenticated"
    DEVICE_REVOKED = "device_revoked"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    INVALID_ENROLLMENT_CODE = "invalid_enrollment_code"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"  # 429, with Retry-After
    INTERNAL = "internal"


class ErrorDetail(WireModel):
    code: ErrorCode
    message: str
    # ``(field path, message)`` pairs for validation errors; never the rejected values.
    fields: list[tuple[str, str]] = Field(default_factory=list)


class ErrorBody(WireModel):
    """The body of every 4xx/5xx answer."""

    error: ErrorDetail


class CountyConfig(WireModel):
    """County settings the app follows (sent at enrollment and through pull).

    The deadline settings after ``config_version`` are the county's policy (``CountyPolicy``, same
    names and meaning). They are optional with the defaults of a county that never set them: a
    server of the previous release does not send them, and a client of the previous release is
    not sent them (:func:`for_client`).
    """

    county: str
    mdt_referral_days: int = Field(ge=1, le=365)
    offline_lease_days: int = Field(ge=1, le=365)
    config_version: int = Field(ge=1)
    time_zone: str = Field(default=DEFAULT_TIME_ZONE, min_length=1, max_length=64)
    victim_report_hours: int = Field(default=STATUTORY_REPORT_HOURS, ge=1, le=24)
    missing_report_hours: int = Field(default=STATUTORY_REPORT_HOURS, ge=1, le=24)
    document_within_days: int = Field(default=3, ge=0, le=60)
    document_at_risk: bool = True
    refer_at_risk_to_mdt: bool = False
    return_screening_hours: int = Field(default=72, ge=1, le=720)
    labor_report_to_law_enforcement: bool = True
    labor_report_hours: int = Field(default=STATUTORY_REPORT_HOURS, ge=1, le=72)
    labor_follow_up: bool = True
    labor_follow_up_days: int = Field(default=5, ge=0, le=90)
    # Days a closed case stays on the laptops that hold it before it leaves them (protocol 2).
    closed_case_retention_days: int = Field(default=90, ge=0, le=3650)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return check_time_zone(value)


# What the previous release's ``CountyConfig`` has; anything else is sent only on request.
PROTOCOL_1_CONFIG_FIELDS = frozenset(
    {"county", "mdt_referral_days", "offline_lease_days", "config_version"}
)
# The fields of ``CountyConfig`` a version-1 laptop knows (it refuses unknown fields).
COUNTY_CONFIG_V1_FIELDS = PROTOCOL_1_CONFIG_FIELDS
POLICY_FIELDS = frozenset(
    {
        "time_zone",
        "victim_report_hours",
        "missing_report_hours",
        "document_within_days",
        "document_at_risk",
        "mdt_referral_days",
        "refer_at_risk_to_mdt",
        "return_screening_hours",
        "labor_report_to_law_enforcement",
        "labor_report_hours",
        "labor_follow_up",
        "labor_follow_up_days",
    }
)


def parse_capabilities(header: str | None) -> frozenset[str]:
    """The capabilities a client named in ``CAPABILITIES_HEADER`` (unknown ones kept, ignored)."""
    if not header:
        return frozenset()
    return frozenset(part.strip() for part in header[:500].split(",") if part.strip())


def config_for_client(config: dict[str, Any], capabilities: frozenset[str]) -> dict[str, Any]:
    """A ``CountyConfig`` as JSON, as much of it as a client with ``capabilities`` can read."""
    if CAPABILITY_COUNTY_POLICY in capabilities:
        return config
    return {key: value for key, value in config.items() if key in PROTOCOL_1_CONFIG_FIELDS}


class HealthResponse(WireModel):
    status: str
    protocol_versions: list[int]
    server_version: str


# --- enrollment ---------------------------------------------------------------------------------


class EnrollRequest(WireModel):
    code: str = Field(min_length=1, max_length=64, pattern=ONE_LINE)
    device_name: str = Field(default="", max_length=100, pattern=ONE_LINE)


class EnrollResponse(WireModel):
    device_id: UUID
    device_token: str  # shown once; the server keeps only its SHA-256 hash
    username: str
    role: Role
    team: str | None
    config: CountyConfig


# --- push ---------------------------------------------------------------------------------------


class PushOperation(WireModel):
    """One record version to store. ``record_type`` is a key of ``domain.RECORD_TYPES``."""

    op_id: UUID  # client-generated; the server answers every retry with its first result
    record_type: str = Field(min_length=1, max_length=40)
    record_id: UUID
    base_version: StrictInt | None = Field(default=None, ge=1, le=MAX_VERSION)
    version: StrictInt = Field(ge=1, le=MAX_VERSION)
    payload: dict[str, Any]  # the record as JSON (``model_dump(mode="json")``)


class PushRequest(WireModel):
    operations: list[PushOperation] = Field(min_length=1, max_length=MAX_PUSH_OPERATIONS)
    # Protocol 2: the device's pull cursor, saying how far it has applied its feed. Until it has
    # applied a youth's removal, its changes to that youth's records made before are still taken.
    feed_cursor: str | None = Field(
        default=None, max_length=MAX_CURSOR_LENGTH, pattern=CURSOR_PATTERN
    )


class PushStatus(StrEnum):
    APPLIED = "applied"  # stored as the current version
    DUPLICATE = "duplicate"  # the server already held exactly this version
    CONFLICT = "conflict"  # stale base version: both versions kept for a person to resolve
    REJECTED = "rejected"  # invalid; quarantine it on the device, do not retry unchanged


# A rejection whose reason ends with this means "not now": the record it links to is not on the
# server yet (held back on the laptop by an open conflict, say). The server does not remember the
# answer, and the laptop keeps the change pending and sends it again at the next sync.
RETRY_LATER = "retry later"


class PushResult(WireModel):
    op_id: UUID
    status: PushStatus
    reason: str = ""  # plain language, never record content
    server_version: int | None = None  # the version the server holds after this operation
    replayed: bool = False  # true when this is the stored answer to an earlier try


class PushResponse(WireModel):
    results: list[PushResult]


# --- audit anchors ------------------------------------------------------------------------------


class AuditAnchor(WireModel):
    """The head of a device's local audit chain: its last entry's position and hash."""

    seq: StrictInt = Field(ge=0, le=MAX_SEQUENCE)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class AuditAnchorResponse(WireModel):
    """``POST /sync/audit-anchor``: what the server held for this device before the call, and
    whether it took the new head (not when it is behind, or at the same place with another
    hash: the device's log was rewound or rewritten, and county IT's audit says so)."""

    previous: AuditAnchor | None
    accepted: bool


# --- records (resolving conflicts) -------------------------------------------------------------


class RecordCopy(WireModel):
    """The server's current version of one record (``GET /records/{record_type}/{record_id}``),
    fetched by a device to show both sides of a conflict and to re-base on it."""

    record_type: str
    record_id: UUID
    version: int = Field(ge=1)
    payload: dict[str, Any]  # the record as JSON, as the server holds it


class ConflictSummary(WireModel):
    """One change the server kept aside because another device changed the record first
    (``GET /county/conflicts``, for county IT). Metadata only: never the record's content."""

    conflict_id: int
    record_type: str
    record_id: UUID
    username: str  # whose device sent the change that was kept aside
    device_id: UUID
    base_version: int | None  # the version that device had read
    version: int  # the version it would have written
    server_version: int  # the version the server held then
    current_version: int | None  # the version the server holds now (moved on: someone resolved)
    created_at: AwareDatetime


class ConflictList(WireModel):
    conflicts: list[ConflictSummary]
    limit: int  # at most this many, newest first


# --- pull ---------------------------------------------------------------------------------------


class ChangeKind(StrEnum):
    REVIEW_DECISION = "review_decision"  # protocol 1 only; payload: a domain ``Review`` as JSON
    COUNTY_CONFIG = "county_config"  # payload: a ``CountyConfig`` as JSON
    RECORD = "record"  # protocol 2; payload: a ``RecordChange``
    YOUTH_ASSIGNED = "youth_assigned"  # protocol 2; payload: a ``YouthAssigned``
    YOUTH_REMOVED = "youth_removed"  # protocol 2; payload: a ``YouthRemoved``


class Change(WireModel):
    seq: int
    kind: ChangeKind
    at: AwareDatetime
    payload: dict[str, JsonValue]


class RecordChange(WireModel):
    """A record of the caseload as the server holds it: new, changed on another device, or part
    of a youth that joined the caseload (a restore is all of them)."""

    record_type: str  # a key of ``domain.RECORD_TYPES`` (an unknown one is kept on the server)
    record_id: UUID
    version: int = Field(ge=1)
    payload: dict[str, Any]  # the record as JSON
    updated_by: str  # the username whose device (or decision) wrote this version


class AssignmentKind(StrEnum):
    PRIMARY = "primary"  # the youth's caseworker
    COVERAGE = "coverage"  # another caseworker covering until a date


class YouthAssigned(WireModel):
    """A youth is (now) in this user's caseload; its records follow in the same step."""

    youth_id: UUID
    kind: AssignmentKind
    until: AwareDatetime | None = None  # coverage: when it ends


class RemovalReason(StrEnum):
    REASSIGNED = "reassigned"
    COVERAGE_ENDED = "coverage_ended"
    CASE_CLOSED = "case_closed"  # after the county's retention period


class YouthRemoved(WireModel):
    """A youth left this user's caseload: its records leave the laptop (what the server does not
    hold yet is sent first, and a draft stays)."""

    youth_id: UUID
    reason: RemovalReason


class PullProgress(WireModel):
    """Where the device is in the step it is pulling (records only)."""

    done: int = Field(ge=0)  # records sent in this step, this page included
    total: int = Field(ge=0)  # records this step sends (may end lower if the caseload shrank)


class PullResponse(WireModel):
    changes: list[Change]
    next_cursor: str  # pass back as ``cursor`` on the next pull; opaque to the client
    has_more: bool
    device_status: DeviceStatus
    config: CountyConfig
    progress: PullProgress | None = None  # protocol 2


# --- review -------------------------------------------------------------------------------------


class ReviewDecisionValue(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"


class ScreeningSummary(WireModel):
    """A screening awaiting review, without personal data."""

    screening_id: UUID
    version: int
    author: str
    status: str
    screening_date: date | None
    submitted_at: AwareDatetime | None
    risk_level: str | None
    category: str | None


class ReviewQueue(WireModel):
    screenings: list[ScreeningSummary]


class ScreeningForReview(WireModel):
    screening_id: UUID
    version: int
    author: str
    screening: dict[str, JsonValue]  # the domain ``Screening`` as JSON


class ReviewDecisionRequest(WireModel):
    screening_version: StrictInt = Field(ge=1, le=MAX_VERSION)  # the version the supervisor read
    decision: ReviewDecisionValue
    comment: str = Field(default="", max_length=10_000, pattern=NO_NUL)  # required when returning
    # Made by the supervisor's laptop when the decision is taken and kept with it, so a retry
    # after a lost answer gets the stored answer instead of "already decided". It becomes the
    # review's id. Optional for laptops from before it existed.
    decision_id: UUID | None = None


class ReviewDecisionResponse(WireModel):
    review_id: UUID
    screening_id: UUID
    screening_version: int
    decision: ReviewDecisionValue
    reviewer: str
    reviewed_at: AwareDatetime


class TeamObligation(WireModel):
    """One open obligation of a supervisor's team: which clock, when it is due, whose it is.
    Ids only: the youth's name stays on the caseworker's laptop."""

    obligation_id: UUID
    kind: str  # an ``ObligationKind`` value
    due_at: AwareDatetime
    caseworker: str
    youth_id: UUID


class TeamObligations(WireModel):
    obligations: list[TeamObligation]  # due from a year ago to a month ahead, earliest first
    limit: int


# --- caseloads ---------------------------------------------------------------------------------


class AssignmentAction(StrEnum):
    REASSIGN = "reassign"  # the youth move to ``to_user`` for good
    COVER = "cover"  # ``to_user`` covers until ``until``; ``from_user`` keeps them
    CLOSE = "close"  # the case is closed: it leaves the laptops after the county's retention


class AssignmentRequest(WireModel):
    """A change of who holds which youth, made by a supervisor (within the team) or a county
    administrator (within the county). Made offline on a laptop and sent at the next sync, so
    ``action_id`` makes a retry safe: the server answers it with the first answer."""

    action_id: UUID
    action: AssignmentAction
    from_user: str = Field(min_length=1, max_length=100, pattern=ONE_LINE)
    to_user: str | None = Field(default=None, max_length=100, pattern=ONE_LINE)  # not for CLOSE
    youth_ids: list[UUID] = Field(default_factory=list, max_length=MAX_ASSIGNED_YOUTH)
    until: date | None = None  # COVER: the day the coverage ends (county time, at 00:00)
    reason: str = Field(default="", max_length=200, pattern=ONE_LINE)  # why; never a name


class AssignmentResult(WireModel):
    action_id: UUID
    applied: bool
    reason: str = ""  # why it was refused (plain language)
    youth_ids: list[UUID] = Field(default_factory=list)  # the youth it moved
    replayed: bool = False


class CaseloadEntry(WireModel):
    """One youth of the team's caseload: who holds it and its open clocks. Ids only: names stay
    on the caseworker's laptop."""

    youth_id: UUID
    caseworker: str
    kind: AssignmentKind
    until: AwareDatetime | None = None  # coverage, or a closed case's last day on laptops
    open_obligations: int = Field(ge=0)
    overdue_obligations: int = Field(ge=0)
    next_due_at: AwareDatetime | None = None


class TeamCaseload(WireModel):
    entries: list[CaseloadEntry]  # by caseworker, then youth id
    caseworkers: list[str]  # the team's (the county's, for an administrator) active caseworkers


# --- reports ------------------------------------------------------------------------------------


class ReportCount(WireModel):
    """One figure. ``value`` is ``None`` when suppressed (a count of 1-10 for the state analyst)."""

    measure: str
    key: str
    value: int | None
    suppressed: bool = False


class CountyReport(WireModel):
    county: str
    period_start: date
    period_end: date
    team: str | None  # set when the report is limited to a supervisor's team
    suppression: bool
    counts: list[ReportCount]


# --- county administration ----------------------------------------------------------------------


class CountyConfigUpdate(WireModel):
    """``PUT /county/config``. The two settings of the previous release are required as before;
    each policy setting is optional: left out, it keeps its current value."""

    mdt_referral_days: StrictInt = Field(ge=1, le=365)
    offline_lease_days: StrictInt = Field(ge=1, le=365)
    closed_case_retention_days: StrictInt | None = Field(
        default=None, ge=0, le=3650
    )  # None: unchanged
    time_zone: str | None = Field(default=None, min_length=1, max_length=64)
    victim_report_hours: StrictInt | None = Field(default=None, ge=1, le=24)
    missing_report_hours: StrictInt | None = Field(default=None, ge=1, le=24)
    document_within_days: StrictInt | None = Field(default=None, ge=0, le=60)
    document_at_risk: bool | None = None
    refer_at_risk_to_mdt: bool | None = None
    return_screening_hours: StrictInt | None = Field(default=None, ge=1, le=720)
    labor_report_to_law_enforcement: bool | None = None
    labor_report_hours: StrictInt | None = Field(default=None, ge=1, le=72)
    labor_follow_up: bool | None = None
    labor_follow_up_days: StrictInt | None = Field(default=None, ge=0, le=90)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return None if value is None else check_time_zone(value)

    def policy_changes(self) -> dict[str, Any]:
        """The policy settings this update sets (those it names)."""
        return {
            name: value
            for name in sorted(POLICY_FIELDS - {"mdt_referral_days"})
            if (value := getattr(self, name)) is not None
        }


class TokenRotation(WireModel):
    """``POST /devices/token``: the device's next token. The current one works until this one is
    first used; then only this one does."""

    device_token: str = Field(min_length=20, max_length=200)


class WhoAmI(WireModel):
    device_id: UUID
    username: str
    role: Role
    team: str | None
    county: str
