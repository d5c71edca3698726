"""What stands between the network and the endpoints: strict JSON, the access log, the last
catch, and the headers every answer carries.

- **Strict JSON.** Python's ``json`` accepts ``NaN``, ``Infinity`` and unpaired surrogate escapes
  (``"\\ud800"``), none of which is JSON (RFC 8259) and which PostgreSQL refuses deep inside a
  transaction, with the payload in its error. :class:`StrictJsonRoute` parses request bodies
  refusing them, so they are a 400 before any endpoint runs; :func:`parse_body` does the same
  for a body an endpoint parses and validates itself, in one step.
- **The access log** names the route template (``/api/v1/records/{record_type}/{record_id}``),
  never the path or query as sent: those can carry whatever a client typed. uvicorn's own access
  log is switched off (``serving.py``).
- **The last catch.** Starlette logs an unhandled exception with its traceback and message, and
  a database error's message quotes the statement's parameters: record content. The outermost
  middleware answers 500 itself and logs the exception's type and the route only.
- **Headers.** ``Cache-Control: no-store`` on every answer (personal data must not stay in a
  proxy or browser cache) and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

log = logging.getLogger("csec_desktop.server")
access_log = logging.getLogger("csec_desktop.server.access")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Any]]
Send = Callable[[Any], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A surrogate escape: only these can decode to an unpaired surrogate, so only a body holding one
# needs the full walk.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_NOT_JSON = "NaN, Infinity and unpaired surrogates are not JSON"


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def strict_loads(body: bytes) -> Any:
    """``json.loads`` that refuses what is not JSON; raises ``json.JSONDecodeError``."""
    text = body.decode("utf-8")  # invalid UTF-8: UnicodeDecodeError, a 400 like any bad body
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            raise
        raise json.JSONDecodeError(_NOT_JSON, "", 0) from None
    if _SURROGATE_ESCAPE.search(body) and _has_lone_surrogate(value):
        raise json.JSONDecodeError(_NOT_JSON, "", 0)
    return value


class InvalidBody(RequestValidationError):
    """A body :func:`parse_body` refused: answered 400 like FastAPI's own validation errors
    (locations under ``body``, messages without the rejected values)."""


M = TypeVar("M", bound=BaseModel)
_NOT_JSON_ERROR = {"type": "json_invalid", "loc": ("body", 0), "msg": "JSON decode error"}
_MISSING_ERROR = {"type": "missing", "loc": ("body",), "msg": "Field required"}


def is_json_content(content_type: str | None) -> bool:
    """Whether FastAPI would parse a body of this Content-Type as JSON (``application/json`` or
    ``application/*+json``)."""
    if not content_type:
        return False
    kind = content_type.split(";", 1)[0].strip().lower()
    main, _, sub = kind.partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def refuse_not_json(body: bytes, content_type: str | None) -> None:
    """``InvalidBody`` when ``body`` is sent as JSON but is not JSON (:func:`strict_loads`), as
    FastAPI refuses it before anything else; else nothing. Meant for the error paths (it parses
    the whole body): :func:`parse_body` checks the same on the way."""
    if body and is_json_content(content_type):
        try:
            strict_loads(body)
        except ValueError:  # JSONDecodeError, UnicodeDecodeError
            raise InvalidBody([_NOT_JSON_ERROR]) from None


def parse_body(model: type[M], body: bytes, content_type: str | None) -> M:
    """``body`` parsed and validated as ``model`` in one step (pydantic's JSON parser, no Python
    objects in between), with :func:`strict_loads`'s rules: NaN, Infinity, unpaired surrogates
    and invalid UTF-8 are not JSON. ``InvalidBody`` with FastAPI's errors otherwise."""
    if not body:
        raise InvalidBody([_MISSING_ERROR])
    try:
        if not is_json_content(content_type):  # FastAPI validates the bytes themselves
            return model.model_validate(body)
        if (
            b"NaN" in body or b"Infinity" in body
        ):  # pydantic's parser takes them: ask the strict one
            refuse_not_json(body, content_type)
        return model.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        if any(error["type"] == "json_invalid" for error in errors):
            raise InvalidBody([_NOT_JSON_ERROR]) from None
        raise InvalidBody([{**error, "loc": ("body", *error["loc"])} for error in errors]) from None


class _StrictJsonRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = strict_loads(await self.body())
        return self._json


class StrictJsonRoute(APIRoute):
    """An API route whose JSON bodies are parsed by :func:`strict_loads`."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Any:
            return await handler(_StrictJsonRequest(request.scope, request.receive))

        return strict


def route_template(scope: Scope, prefix: str) -> str:
    """The matched route's path template (set in ``scope`` by the router), or ``"(no route)"``:
    never the path as sent."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return "(no route)"
    return path if path.startswith(prefix) else prefix + path


_SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
]
_INTERNAL_ERROR = (
    b'{"error":{"code":"internal","message":"the server failed; the county IT log has '
    b'details","fields":[]}}'
)


class EdgeMiddleware:
    """The outermost middleware (see the module docstring): headers, access log, last catch."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def send_with_headers(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                kept = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"
                ]
                message = {**message, "headers": [*kept, *_SECURITY_HEADERS]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # the last catch: its type and route only
            log.error(
                "unexpected %s on %s %s",
                type(exc).__name__,
                scope.get("method", "?"),
                route_template(scope, self.prefix),
            )
            if status == 0:
                status = 500
                await send_with_headers(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json")],
                    }
                )
                await send({"type": "http.response.body", "body": _INTERNAL_ERROR})
        finally:
            access_log.info(
                "%s %s %s %.0f ms",
                scope.get("method", "?"),
                route_template(scope, self.prefix),
                status,
                (time.perf_counter() - started) * 1000,
            )
