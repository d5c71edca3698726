"""The HTTP client for the county sync server: TLS, timeouts, retries and cancellation.

This module only talks to the server; it knows nothing of the vault or the GUI (the sync service
decides what to send and what an answer means for the outbox). Every request has a timeout, and a
request that may be retried safely is retried with exponential backoff and full jitter:

- push and pull are idempotent (the server answers a repeated operation id with its first answer,
  and a pull only reads), so any network failure or 5xx answer is retried;
- enrollment spends a one-time code, so it is retried only when the request provably never left
  (the connection could not be opened); a lost answer means asking IT for a new code.

A certificate that does not verify is never retried: it will not verify on the next try either,
and the message says so. Error messages are plain, one line, and never repeat request content.
"""

from __future__ import annotations

import functools
import json
import random
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote
from uuid import UUID

import httpx
from pydantic import BaseModel, ValidationError

from csec_desktop import __version__
from csec_desktop.sync.address import ServerAddressError, checked_server_url
from csec_desktop.sync.protocol import (
    API_PREFIX,
    CAPABILITIES_HEADER,
    CLIENT_CAPABILITIES,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AssignmentRequest,
    AssignmentResult,
    AuditAnchor,
    AuditAnchorResponse,
    CountyReport,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    HealthResponse,
    PullResponse,
    PushOperation,
    PushRequest,
    PushResponse,
    RecordCopy,
    ReviewDecisionRequest,
    ReviewDecisionResponse,
    ReviewQueue,
    ScreeningForReview,
    TeamCaseload,
    TeamObligations,
    WhoAmI,
)

M = TypeVar("M", bound=BaseModel)

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


# --- errors -------------------------------------------------------------------------------------


class SyncError(Exception):
    """Base of every error of the sync client; ``str()`` is one plain line without record data."""


class ServerUnreachable(SyncError):
    """No usable answer from the server after the retries (network down, timeouts, 5xx).

    ``status`` is the HTTP status of the last answer when the server did answer (a 5xx)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class InsecureServerAddress(SyncError):
    """The stored or given address is not https:// (nor plain http:// to this computer)."""


class CertificateRefused(ServerUnreachable):
    """The server's TLS certificate did not verify against the trusted certificates."""


class SyncCancelled(SyncError):
    """The user cancelled; whatever was not acknowledged stays pending."""


class ServerRefused(SyncError):
    """A 4xx answer: the request itself is wrong, so repeating it will not help."""

    def __init__(self, status: int, code: ErrorCode | None, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class NotAuthenticated(ServerRefused):
    """401: the device token (or the enrollment code) is not valid."""


class DeviceRevoked(ServerRefused):
    """403 ``device_revoked``: county IT revoked this device."""


# --- cancellation, retry policy and progress ----------------------------------------------------


class CancelToken:
    """Set from any thread (the GUI's Cancel button); checked between batches and during backoff."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise SyncCancelled("sync cancelled; unsent work stays queued")

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True at once if cancelled meanwhile."""
        return self._event.wait(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff, full jitter: retry ``n`` waits ``random() * min(cap, base * 2**n)``."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, retry_number: int, rand: Callable[[], float]) -> float:
        return rand() * min(self.max_delay, self.base_delay * (2.0**retry_number))


class SyncPhase(StrEnum):
    CONNECTING = "connecting"
    PUSHING = "pushing"
    PULLING = "pulling"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    phase: SyncPhase
    done: int  # items sent (pushing) or records received (pulling)
    total: int  # items to send, or records the server is sending; 0 when unknown
    restoring: bool = False  # pulling: this is the vault's first fill (a restore)


ProgressCallback = Callable[[Progress], None]


@functools.lru_cache(maxsize=8)
def _tls_context(ca_bundle: str | None) -> ssl.SSLContext:
    if ca_bundle is None:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=ca_bundle)


def tls_verification(ca_bundle: Path | None) -> ssl.SSLContext:
    """The operating system's trusted certificates, or only the county's CA bundle when given.

    Made once per bundle and process: loading the system's certificates costs tens of
    milliseconds, more than a whole sync with nothing to do. (A changed bundle file is read at
    the app's next start.)"""
    try:
        return _tls_context(str(ca_bundle) if ca_bundle is not None else None)
    except (OSError, ssl.SSLError):
        raise SyncError("the county CA bundle cannot be read (check the configuration)") from None


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# --- the client ---------------------------------------------------------------------------------


class SyncClient:
    """One county server. Thread-confined: use it from the thread that runs the sync."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_bundle: Path | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        cancel: CancelToken | None = None,
        sleep: Callable[[float], None] | None = None,
        rand: Callable[[], float] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """``sleep`` and ``rand`` exist for tests (the default sleep wakes early on cancel);
        ``transport`` too (``httpx.MockTransport``). Refuses an address that is not https://
        (``ServerAddressError``; plain http:// only to this computer), whatever stored it."""
        try:
            self.base_url = checked_server_url(base_url)
        except ServerAddressError as exc:
            raise InsecureServerAddress(str(exc)) from None
        self.token = token
        self.retry = retry or RetryPolicy()
        self.cancel = cancel or CancelToken()
        self._sleep = sleep
        self._rand = rand or random.random
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            CAPABILITIES_HEADER: ",".join(sorted(CLIENT_CAPABILITIES)),
            "User-Agent": f"csec-desktop/{__version__}",
        }
        verify: ssl.SSLContext | bool = True
        if transport is None:
            verify = tls_verification(ca_bundle)  # also for http: else httpx loads its own
        self._http = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            headers=headers,
            timeout=timeout,
            verify=verify,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- endpoints --------------------------------------------------------------------------

    def health(self) -> HealthResponse:
        return self._request("GET", "/health", HealthResponse, retry_sent=True)

    def enroll(self, code: str, device_name: str = "") -> EnrollResponse:
        body = EnrollRequest(code=code.strip(), device_name=device_name[:100])
        return self._request(
            "POST", "/enroll", EnrollResponse, json_body=body.model_dump(mode="json"),
            retry_sent=False, authenticated=False,
        )  # fmt: skip

    def me(self) -> WhoAmI:
        return self._request("GET", "/me", WhoAmI, retry_sent=True)

    def push(self, operations: list[PushOperation], feed_cursor: str | None = None) -> PushResponse:
        """Store record versions; ``feed_cursor`` (the stored pull cursor) tells the server how
        far this device has applied its feed."""
        body = PushRequest(operations=operations, feed_cursor=feed_cursor)
        return self._request(
            "POST", "/sync/push", PushResponse, content=body.model_dump_json().encode(),
            retry_sent=True,
        )  # fmt: skip

    def pull(self, cursor: str | None, limit: int = 500) -> PullResponse:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._request("GET", "/sync/pull", PullResponse, params=params, retry_sent=True)

    def audit_anchor(self, head: AuditAnchor) -> AuditAnchorResponse:
        """Send this device's audit head; the answer holds the one the server kept before."""
        return self._request(
            "POST", "/sync/audit-anchor", AuditAnchorResponse,
            json_body=head.model_dump(mode="json"), retry_sent=True,
        )  # fmt: skip

    def record(self, record_type: str, record_id: UUID) -> RecordCopy:
        """The server's current version of one of this user's records (to resolve a conflict);
        ``ServerRefused`` 404 when the server holds none this user may read."""
        path = f"/records/{quote(record_type, safe='')}/{record_id}"
        return self._request("GET", path, RecordCopy, retry_sent=True)

    # -- a supervisor's review and team ----------------------------------------------------

    def review_queue(self) -> ReviewQueue:
        return self._request("GET", "/reviews/screenings", ReviewQueue, retry_sent=True)

    def screening_for_review(self, screening_id: UUID) -> ScreeningForReview:
        return self._request(
            "GET", f"/reviews/screenings/{screening_id}", ScreeningForReview, retry_sent=True
        )

    def decide(self, screening_id: UUID, request: ReviewDecisionRequest) -> ReviewDecisionResponse:
        # With its decision id a retry is safe: the server answers it with the stored decision.
        return self._request(
            "POST", f"/reviews/screenings/{screening_id}/decision", ReviewDecisionResponse,
            json_body=request.model_dump(mode="json"),
            retry_sent=request.decision_id is not None,
        )  # fmt: skip

    def county_report(self, start: date, end: date) -> CountyReport:
        """The team's figures for ``start``..``end`` (inclusive; a supervisor gets the team's)."""
        params: dict[str, str | int] = {"start": start.isoformat(), "end": end.isoformat()}
        return self._request("GET", "/reports/county", CountyReport, params=params, retry_sent=True)

    def team_obligations(self) -> TeamObligations:
        """The team's open obligations, earliest due first (ids and whose, no names)."""
        return self._request("GET", "/team/obligations", TeamObligations, retry_sent=True)

    def team_caseload(self) -> TeamCaseload:
        """Who holds which youth of the team, with their open obligations (ids, no names)."""
        return self._request("GET", "/team/caseload", TeamCaseload, retry_sent=True)

    def assign(self, request: AssignmentRequest) -> AssignmentResult:
        """Reassign, cover or close; safe to retry (the server answers an action id once)."""
        return self._request(
            "POST", "/team/assignments", AssignmentResult,
            json_body=request.model_dump(mode="json"), retry_sent=True,
        )  # fmt: skip

    # -- plumbing ---------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        retry_sent: bool,
        authenticated: bool = True,
        json_body: object = None,
        content: bytes | None = None,
        params: dict[str, str | int] | None = None,
    ) -> M:
        headers: dict[str, str] = {}
        if authenticated and path != "/health":
            if not self.token:
                raise NotAuthenticated(401, None, "this device is not enrolled with a server")
            headers["Authorization"] = f"Bearer {self.token}"
        if content is not None:
            headers["Content-Type"] = "application/json"
        problem = "the server did not answer"
        status: int | None = None
        for attempt in range(self.retry.attempts):
            status = None
            self.cancel.raise_if_cancelled()
            if attempt:
                self._backoff(attempt - 1)
            try:
                response = self._http.request(
                    method, path, headers=headers, json=json_body, content=content, params=params
                )
            except httpx.ConnectError as exc:
                if _is_certificate_failure(exc):
                    raise CertificateRefused(
                        "the server's certificate is not trusted (check the county CA bundle)"
                    ) from None
                problem = "cannot connect to the server"
                continue
            except httpx.TimeoutException as exc:
                problem = "the server did not answer in time"
                if isinstance(exc, httpx.ConnectTimeout) or retry_sent:
                    continue
                raise ServerUnreachable(problem) from None
            except httpx.TransportError:
                problem = "the connection to the server broke"
                if retry_sent:
                    continue
                raise ServerUnreachable(problem) from None
            if response.status_code in _RETRY_STATUSES and (
                retry_sent or response.status_code == 503
            ):
                status = response.status_code
                problem = f"the server answered {status}"
                continue
            if response.status_code >= 400:
                raise _refusal(response)
            try:
                return model.model_validate_json(response.content)
            except ValidationError:
                # A truncated or garbled body: the request may have been applied; for an
                # idempotent request asking again gives the stored answer.
                problem = "the server's answer was incomplete"
                if retry_sent:
                    continue
                raise ServerUnreachable(problem) from None
        raise ServerUnreachable(f"{problem} (tried {self.retry.attempts} times)", status)

    def _backoff(self, retry_number: int) -> None:
        delay = self.retry.delay(retry_number, self._rand)
        if self._sleep is not None:
            self._sleep(delay)
        else:
            self.cancel.wait(delay)  # wakes early when cancelled
        self.cancel.raise_if_cancelled()


def _refusal(response: httpx.Response) -> ServerRefused:
    status = response.status_code
    code: ErrorCode | None = None
    message = f"the server refused the request ({status})"
    try:
        error = ErrorBody.model_validate_json(response.content).error
        code, message = error.code, error.message
    except (ValidationError, json.JSONDecodeError, ValueError):
        pass
    if status == 403 and code is ErrorCode.DEVICE_REVOKED:
        return DeviceRevoked(status, code, message)
    if status == 401:
        return NotAuthenticated(status, code, message)
    return ServerRefused(status, code, message)


__all__ = [
    "DEFAULT_TIMEOUT",
    "CancelToken",
    "CertificateRefused",
    "DeviceRevoked",
    "InsecureServerAddress",
    "NotAuthenticated",
    "Progress",
    "ProgressCallback",
    "RetryPolicy",
    "ServerRefused",
    "ServerUnreachable",
    "SyncCancelled",
    "SyncClient",
    "SyncError",
    "SyncPhase",
    "tls_verification",
]
