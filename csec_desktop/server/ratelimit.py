"""Rate limits on failed enrollments and failed token checks, counted in the database so that
they hold across every worker and instance serving one county database.

A failure is one row (bucket, time); a bucket is the kind of attempt and the client's address.
While a bucket holds ``limit`` failures within ``window``, further attempts from that address are
answered 429 without being tried, so guessing gains nothing by going faster. A good code or token
is never counted. Rows older than the window are deleted as new ones arrive.

Behind a reverse proxy every client has the proxy's address: run uvicorn with
``--forwarded-allow-ips`` for the proxy so the client's own address is used
(docs/it-deployment.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select

from csec_desktop.domain import utcnow
from csec_desktop.server.schema import auth_failures


@dataclass(frozen=True)
class Limit:
    kind: str
    attempts: int
    window: timedelta


ENROLLMENT = Limit("enroll", 20, timedelta(minutes=10))
TOKEN = Limit("token", 100, timedelta(minutes=10))


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many failed attempts from this address; try again in {retry_after} s"
        )
        self.retry_after = retry_after


def _bucket(limit: Limit, address: str) -> str:
    return f"{limit.kind}:{address}"[:80]


def refuse_if_limited(
    conn: Connection, limit: Limit, address: str, now: datetime | None = None
) -> None:
    """``RateLimited`` when ``address`` has used up its failures of this kind."""
    now = now or utcnow()
    since = now - limit.window
    row = conn.execute(
        select(func.count(), func.min(auth_failures.c.at)).where(
            auth_failures.c.bucket == _bucket(limit, address), auth_failures.c.at > since
        )
    ).one()
    count, oldest = row
    if count >= limit.attempts:
        wait = (oldest + limit.window - now).total_seconds() if oldest else 1
        raise RateLimited(max(1, math.ceil(wait)))


def record_failure(
    conn: Connection, limit: Limit, address: str, now: datetime | None = None
) -> None:
    now = now or utcnow()
    bucket = _bucket(limit, address)
    conn.execute(
        delete(auth_failures).where(
            auth_failures.c.bucket == bucket, auth_failures.c.at <= now - limit.window
        )
    )
    conn.execute(auth_failures.insert().values(bucket=bucket, at=now))
