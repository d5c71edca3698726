"""The HTTP API (FastAPI). ``create_app`` builds it for one database; nothing is kept in memory
between requests, so any number of workers and instances can serve one PostgreSQL.

Every error answer is an ``ErrorBody`` whose message never repeats request content: FastAPI's own
validation answer echoes the rejected input (personal data), so it is replaced here.
"""

from __future__ import annotations

import functools
import gc
import inspect
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Annotated, Any, get_type_hints
from uuid import UUID

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from csec_desktop import __version__
from csec_desktop.domain.base import utcnow
from csec_desktop.domain.suppression import Period
from csec_desktop.server import (
    accounts,
    anchors,
    assignments,
    caseload,
    caseload_feed,
    push,
    ratelimit,
    records,
    releases,
    reports,
    review,
)
from csec_desktop.server.accounts import Caller, DeviceRevoked
from csec_desktop.server.db import (
    check_engine_storage,
    create_db_engine,
    read_only,
    single_reads,
    writing,
)
from csec_desktop.server.edge import (
    EdgeMiddleware,
    InvalidBody,
    StrictJsonRoute,
    refuse_not_json,
)
from csec_desktop.server.edge import parse_body as parse_body_as
from csec_desktop.server.feed import BadCursor, county_config, parse_cursor, read_changes
from csec_desktop.server.migrate import check_schema
from csec_desktop.server.schema import counties
from csec_desktop.sync.protocol import (
    API_PREFIX,
    CAPABILITIES_HEADER,
    CAPABILITY_COUNTY_POLICY,
    COUNTY_PATTERN,
    CURSOR_PATTERN,
    MAX_PULL_LIMIT,
    PERIOD_PATTERN,
    PROTOCOL_HEADER,
    RECORD_TYPE_PATTERN,
    REPORT_DATES,
    SUPPORTED_PROTOCOL_VERSIONS,
    AssignmentRequest,
    AssignmentResult,
    AuditAnchor,
    AuditAnchorResponse,
    ChangeKind,
    ConflictList,
    CountyConfig,
    CountyConfigUpdate,
    CountyReport,
    DeviceStatus,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    ErrorDetail,
    HealthResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    RecordCopy,
    ReviewDecisionRequest,
    ReviewDecisionResponse,
    ReviewQueue,
    Role,
    ScreeningForReview,
    TeamCaseload,
    TeamObligations,
    TokenRotation,
    WhoAmI,
    config_for_client,
    parse_capabilities,
)

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 32 * 1024 * 1024
_PROTOCOL_VALUE = re.compile(r"[0-9]{1,3}")  # ASCII digits only: str.isdigit() also takes "²"


class ApiError(Exception):
    def __init__(self, status: int, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers: dict[str, str] = {}


def _error(
    status: int, code: ErrorCode, message: str, fields: list[tuple[str, str]] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, fields=fields or []))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 429)
}

# --- dependencies -------------------------------------------------------------------------------


# The cheap dependencies are ``async`` so they run on the event loop: a plain ``def`` dependency
# costs a hop to the thread pool and back on every request.
async def require_protocol(
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    supported = ", ".join(str(v) for v in sorted(SUPPORTED_PROTOCOL_VERSIONS))
    if version is None:
        raise ApiError(
            400,
            ErrorCode.UNSUPPORTED_PROTOCOL,
            f"the {PROTOCOL_HEADER} header is missing (this server speaks version {supported})",
        )
    if not _PROTOCOL_VALUE.fullmatch(version) or int(version) not in SUPPORTED_PROTOCOL_VERSIONS:
        raise ApiError(
            400,
            ErrorCode.UNSUPPORTED_PROTOCOL,
            f"this protocol version is not supported (this server speaks {supported}); "
            "update the app or the server",
        )
    return int(version)


async def client_capabilities(
    header: Annotated[str | None, Header(alias=CAPABILITIES_HEADER)] = None,
) -> frozenset[str]:
    """What the client said it understands beyond protocol 1 (see ``sync.protocol``)."""
    return parse_capabilities(header)


CapabilitiesDep = Annotated[frozenset[str], Depends(client_capabilities)]


def _for_client(body: dict[str, Any], capabilities: frozenset[str]) -> JSONResponse:
    """``body`` (a message holding ``config`` and maybe county-config ``changes``) with every
    county configuration cut to what the client can read."""
    if "config" in body:
        body["config"] = config_for_client(body["config"], capabilities)
    for change in body.get("changes", []):
        if change.get("kind") == ChangeKind.COUNTY_CONFIG.value:
            change["payload"] = config_for_client(change["payload"], capabilities)
    return JSONResponse(body)


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]
_bearer = HTTPBearer(auto_error=False, description="the device token from enrollment")


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(engine: Engine, token: str | None, address: str) -> Caller:
    """The caller a device token belongs to; ``ApiError`` (401, 403 revoked, 429) otherwise.

    Blocking (database reads, and writes on a token's first use or a stale contact time): run it
    in the thread that runs the endpoint's own work (``_ApiRoute``)."""
    if not token:
        raise ApiError(401, ErrorCode.NOT_AUTHENTICATED, "a device token is required")
    try:
        with single_reads(engine).connect() as conn:
            caller = accounts.caller_for_token(conn, token)
        if caller is not None and (caller.token_is_new or accounts.contact_is_stale(caller)):
            with engine.begin() as conn:
                if caller.token_is_new:  # the first use of a rotated token: the old one ends
                    accounts.adopt_token(conn, caller.device_id)
                accounts.touch_device(conn, caller.device_id)
    except DeviceRevoked:
        raise ApiError(
            403, ErrorCode.DEVICE_REVOKED, "this device was revoked: enroll it again"
        ) from None
    except accounts.TokenExpired as exc:
        raise ApiError(401, ErrorCode.NOT_AUTHENTICATED, str(exc)) from None
    if caller is None:
        # Counted, and refused untried once an address has failed too often: a good token is
        # never slowed down, guessing is.
        with engine.begin() as conn:
            try:
                ratelimit.refuse_if_limited(conn, ratelimit.TOKEN, address)
            except ratelimit.RateLimited as exc:
                raise _rate_limited(exc) from None
            ratelimit.record_failure(conn, ratelimit.TOKEN, address)
        raise ApiError(401, ErrorCode.NOT_AUTHENTICATED, "the device token is not valid")
    return caller


async def _token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    """The bearer token the request carries (read only: the lookup is ``authenticate``'s)."""
    return credentials.credentials if credentials is not None else None


def _rate_limited(exc: ratelimit.RateLimited) -> ApiError:
    error = ApiError(429, ErrorCode.RATE_LIMITED, str(exc))
    error.headers = {"Retry-After": str(exc.retry_after)}
    return error


ProtocolDep = Annotated[int, Depends(require_protocol)]
TokenDep = Annotated[str | None, Depends(_token)]


def _require(caller: Caller, *roles: Role) -> None:
    if caller.role not in roles:
        raise ApiError(403, ErrorCode.FORBIDDEN, f"a {caller.role} may not do this")


_AUTHENTICATES = "__csec_authenticates__"
_PARSES_BODY = "__csec_parses_body__"


def _in_one_thread(endpoint: Callable[..., Any], *, parse_body: bool) -> Callable[..., Any]:
    """``endpoint`` (a plain function taking ``caller: Caller``) as a coroutine that looks the
    caller up, parses its body and runs the endpoint in **one** hop to the thread pool.

    A plain-function dependency and a plain-function endpoint cost a hop each, and FastAPI
    validates a plain function's answer in a third; each hop wakes a pool thread
    (``Condition.notify``: ~8 % of a worker in the state scenario, issue 16). The token is only
    read on the event loop (``_token``). The endpoint's body (its parameter whose type is a
    model) is read on the loop as bytes and, with ``parse_body``, parsed and validated in the
    thread after the lookup in one step (``edge.parse_body``: FastAPI's JSON parsing and
    validation were ~12 % of a worker); without it the coroutine declares the body as the
    endpoint does, for the OpenAPI document (``_DocumentedRoute``). Its other parameters are
    FastAPI's to validate and document, as before."""
    hints = get_type_hints(endpoint, include_extras=True)
    signature = inspect.signature(endpoint)
    body = next(
        (
            name
            for name in signature.parameters
            if isinstance(hints[name], type) and issubclass(hints[name], BaseModel)
        ),
        None,
    )
    model = hints[body] if body is not None and parse_body else None
    parameters = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=parameter.default, annotation=hints[name]
        )
        for name, parameter in signature.parameters.items()
        if name != "caller" and (model is None or name != body)
    ]
    parameters += [
        inspect.Parameter("csec_token", inspect.Parameter.KEYWORD_ONLY, annotation=TokenDep),
        inspect.Parameter("csec_request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
    ]

    @functools.wraps(endpoint)
    async def in_one_thread(*, csec_token: str | None, csec_request: Request, **values: Any) -> Any:
        engine: Engine = csec_request.app.state.engine
        address = _address(csec_request)
        raw = await csec_request.body() if model is not None else b""
        content_type = csec_request.headers.get("content-type")

        def work() -> Any:
            try:
                caller = authenticate(engine, csec_token, address)
            except ApiError:
                if model is not None:  # FastAPI answers a body that is not JSON before all else
                    refuse_not_json(raw, content_type)
                raise
            if model is not None:
                values[body] = parse_body_as(model, raw, content_type)  # type: ignore[index]
            return endpoint(caller=caller, **values)

        return await anyio.to_thread.run_sync(work)

    in_one_thread.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    setattr(in_one_thread, _AUTHENTICATES, True)
    setattr(in_one_thread, _PARSES_BODY, model is not None)
    return in_one_thread


class _ApiRoute(StrictJsonRoute):
    """An API route whose endpoint, if it takes ``caller``, runs the token lookup, its body's
    parsing and its work in one thread (``_in_one_thread``). The router re-creates its routes
    when included in another: an endpoint already made so takes no ``caller`` and is kept."""

    documentation = False

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if "caller" in inspect.signature(endpoint).parameters:
            endpoint = _in_one_thread(endpoint, parse_body=not self.documentation)
        super().__init__(path, endpoint, **kwargs)


class _DocumentedRoute(_ApiRoute):
    """The same route as the OpenAPI document shows it: its body declared as FastAPI's, so the
    document keeps each request body's schema. Never served (``create_app``)."""

    documentation = True


# --- the app ------------------------------------------------------------------------------------


def create_app(
    database_url: str | None = None, *, check: bool = True, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """The API for ``database_url`` (default: ``DATABASE_URL`` or the SQLite file in the data dir).

    Refuses (``SchemaNotReady``) a database whose schema is not current, unless ``check`` is False.
    """
    engine = create_db_engine(database_url)
    if check:
        check_schema(engine)
        check_engine_storage(engine)  # the embedded database must be owner-only

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Endpoints are plain functions run in a thread pool; no more of them at once than there
        # are database connections, so none waits inside a thread for a connection.
        anyio.to_thread.current_default_thread_limiter().total_tokens = engine.pool.size()  # type: ignore[attr-defined]
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="CSEC county sync server",
        version=__version__,
        openapi_url=f"{API_PREFIX}/openapi.json",
        # No Swagger UI: it loads its scripts from a CDN, and the API is documented by its
        # OpenAPI schema, which any client can render offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine
    _install_error_handlers(app)
    _install_body_limit(app, max_body_bytes)
    app.include_router(_router())
    # Endpoints parse their bodies themselves (``_in_one_thread``); the document is made from
    # the routes as FastAPI would serve them, each body with its schema.
    documented = FastAPI(title=app.title, version=app.version, openapi_url=app.openapi_url)
    documented.include_router(_router(_DocumentedRoute))
    app.openapi = documented.openapi  # type: ignore[method-assign]
    app.add_middleware(EdgeMiddleware, prefix=API_PREFIX)  # last added: outermost
    return app


YOUNG_OBJECTS_PER_COLLECTION = 10_000  # a worker's (Python's default: 700)


def app_from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory`` (each worker builds its app from ``DATABASE_URL``).

    Everything the worker has built by then (modules, the app, its validators and statements:
    ~160,000 objects) lives as long as the worker, so it is moved out of the garbage collector's
    sight (``gc.freeze``). Each full collection used to scan it all, and a push of 500 records
    leaves enough short-lived survivors to start one every batch or two: ~60 µs of a pushed
    record's CPU, against ~10 frozen. The youngest generation is collected after 10,000 new
    objects rather than 700: a push allocates hundreds of thousands, most freed by their
    reference counts before any collection sees them; collections took ~28 µs per record in
    all, ~15 so (issue 16, fifth milestone, ``bench/bench_push_request.py --gc``)."""
    app = create_app()
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, older, oldest)
    return app


def _authenticates(request: Request) -> bool:
    """Whether the request's route looks a caller up (``_in_one_thread``)."""
    return getattr(getattr(request.scope.get("route"), "endpoint", None), _AUTHENTICATES, False)


def _parses_body(request: Request) -> bool:
    """Whether the request's route parses its body itself (``_in_one_thread``)."""
    return getattr(getattr(request.scope.get("route"), "endpoint", None), _PARSES_BODY, False)


async def _not_json_body(request: Request) -> InvalidBody | None:
    """For a route that parses its own body and failed before reading it (a dependency or a
    parameter): the 400 FastAPI would have answered first if the body is sent as JSON but is
    not JSON, else None. Never after the body was read: it can be read only once."""
    if not _parses_body(request):
        return None
    try:
        refuse_not_json(await request.body(), request.headers.get("content-type"))
    except InvalidBody as invalid:
        return invalid
    return None


def _not_json(exc: RequestValidationError) -> bool:
    """Whether the body was not JSON at all: answered before the protocol header and the token
    are checked, as FastAPI parses the body first."""
    return any(item.get("type") == "json_invalid" for item in exc.errors())


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        if exc.code is ErrorCode.UNSUPPORTED_PROTOCOL and (
            invalid := await _not_json_body(request)
        ):
            return await _invalid(request, invalid)
        answer = _error(exc.status, exc.code, exc.message)
        answer.headers.update(exc.headers)
        return answer

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        if isinstance(exc, InvalidBody):  # the endpoint's own parsing, after the lookup
            pass
        elif (invalid := await _not_json_body(request)) is not None:
            exc = invalid
        elif _authenticates(request) and not _not_json(exc):
            # FastAPI checks parameters and the body before the endpoint, where the token is
            # looked up (``_in_one_thread``): a caller without a valid token gets the token's
            # answer, never what is wrong with its body or parameters (401 before 400, as
            # when the lookup was a dependency).
            engine: Engine = request.app.state.engine
            token, address = await _token(await _bearer(request)), _address(request)
            try:
                await anyio.to_thread.run_sync(authenticate, engine, token, address)
            except ApiError as error:
                return await _api_error(request, error)
        fields = []
        for item in exc.errors():
            loc = ".".join(str(part) for part in item.get("loc", ()))
            fields.append((loc or "(request)", str(item.get("msg", "invalid"))))
        summary = "; ".join(f"{loc}: {msg}" for loc, msg in fields[:5])
        return _error(400, ErrorCode.BAD_REQUEST, f"the request is not valid: {summary}", fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: ErrorCode.NOT_FOUND, 413: ErrorCode.TOO_LARGE}
        code = codes.get(exc.status_code, ErrorCode.BAD_REQUEST)
        return _error(exc.status_code, code, str(exc.detail))

    # Anything else is answered by ``edge.EdgeMiddleware``, which logs its type and route only.


ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]


_TOO_LARGE_MESSAGE = "the request body is too large"


class _BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` when a body without Content-Length passes the limit. An HTTP
    exception, because FastAPI turns any other error met while reading a body into a 400."""

    def __init__(self) -> None:
        super().__init__(413, _TOO_LARGE_MESSAGE)


def _install_body_limit(app: FastAPI, limit: int) -> None:
    """Refuse bodies over ``limit`` bytes with 413 before they are read into memory: at once when
    the declared Content-Length is over it, else (chunked) as soon as the bytes read pass it."""

    def wrap(inner: ASGIApp) -> ASGIApp:
        async def limited(
            scope: MutableMapping[str, Any],
            receive: Callable[[], Awaitable[Any]],
            send: Callable[[Any], Awaitable[None]],
        ) -> None:
            if scope["type"] != "http":
                await inner(scope, receive, send)
                return
            headers = dict(scope.get("headers") or [])
            declared = headers.get(b"content-length", b"0")
            too_large = _error(413, ErrorCode.TOO_LARGE, _TOO_LARGE_MESSAGE)
            if declared.isdigit() and int(declared) > limit:
                await too_large(scope, receive, send)
                return
            seen = 0

            async def counting_receive() -> Any:
                nonlocal seen
                message = await receive()
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge
                return message

            try:
                await inner(scope, counting_receive, send)
            except _BodyTooLarge:
                await too_large(scope, receive, send)

        return limited

    app.add_middleware(_Raw, wrap=wrap)


class _Raw:
    """Adapter so a plain ASGI wrapper can be added with ``add_middleware``."""

    def __init__(self, app: ASGIApp, wrap: Callable[[ASGIApp], ASGIApp]) -> None:
        self._wrapped = wrap(app)

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        await self._wrapped(scope, receive, send)


def _router(route_class: type[_ApiRoute] = _ApiRoute) -> APIRouter:
    root = APIRouter(prefix=API_PREFIX, responses=_ERROR_RESPONSES, route_class=route_class)
    api = APIRouter(dependencies=[Depends(require_protocol)], route_class=route_class)

    @root.get("/health", response_model=HealthResponse, tags=["server"])
    def health(engine: EngineDep) -> HealthResponse | JSONResponse:
        """Liveness and database reachability. Needs neither token nor protocol header."""
        try:
            with read_only(engine).connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return _error(503, ErrorCode.INTERNAL, "the database is not reachable")
        return HealthResponse(
            status="ok",
            protocol_versions=sorted(SUPPORTED_PROTOCOL_VERSIONS),
            server_version=__version__,
        )

    @api.post("/enroll", response_model=EnrollResponse, tags=["devices"])
    def enroll(
        body: EnrollRequest, request: Request, engine: EngineDep, capabilities: CapabilitiesDep
    ) -> JSONResponse:
        """Spend a one-time enrollment code; answers the device token (shown only here).
        An address with too many wrong codes is answered 429 without its code being tried."""
        with engine.begin() as conn:
            try:
                ratelimit.refuse_if_limited(conn, ratelimit.ENROLLMENT, _address(request))
            except ratelimit.RateLimited as exc:
                raise _rate_limited(exc) from None
            enrollment = accounts.enroll_device(conn, body.code, body.device_name)
            if enrollment is None:
                ratelimit.record_failure(conn, ratelimit.ENROLLMENT, _address(request))
        if enrollment is None:
            raise ApiError(
                401,
                ErrorCode.INVALID_ENROLLMENT_CODE,
                "the enrollment code is not valid, was already used, or has expired",
            )
        answer = EnrollResponse(
            device_id=enrollment.device_id,
            device_token=enrollment.device_token,
            username=enrollment.caller.username,
            role=enrollment.caller.role,
            team=enrollment.caller.team,
            config=enrollment.config,
        )
        return _for_client(answer.model_dump(mode="json"), capabilities)

    @api.post("/devices/token", response_model=TokenRotation, tags=["devices"])
    def rotate_token(caller: Caller, engine: EngineDep) -> TokenRotation:
        """A new token for this device (shown only here). The current token keeps working until
        the new one is first used, so a lost answer costs nothing: ask again."""
        with engine.begin() as conn:
            return TokenRotation(device_token=accounts.rotate_token(conn, caller))

    @api.get("/me", response_model=WhoAmI, tags=["devices"])
    def me(caller: Caller) -> WhoAmI:
        return WhoAmI(
            device_id=caller.device_id,
            username=caller.username,
            role=caller.role,
            team=caller.team,
            county=caller.county,
        )

    @api.post("/sync/push", response_model=PushResponse, tags=["sync"])
    def push_records(
        body: PushRequest, caller: Caller, engine: EngineDep, protocol: ProtocolDep
    ) -> PushResponse:
        """Store record versions; one result per operation, in order."""
        _require(caller, Role.CASEWORKER, Role.SUPERVISOR)
        applied = None
        if protocol >= 2 and body.feed_cursor:
            try:
                applied = caseload_feed.FeedCursor.decode(body.feed_cursor).base
            except BadCursor as exc:
                raise ApiError(400, ErrorCode.BAD_REQUEST, str(exc)) from None
        results = push.push_batch(engine, caller, list(body.operations), feed_applied=applied)
        return PushResponse(results=results)

    @api.get("/sync/pull", response_model=PullResponse, tags=["sync"])
    def pull(
        caller: Caller,
        engine: EngineDep,
        protocol: ProtocolDep,
        capabilities: CapabilitiesDep,
        cursor: Annotated[str | None, Query(pattern=CURSOR_PATTERN)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 200,
    ) -> Response:
        """Changes for this device after ``cursor`` (omit it the first time): with protocol 2,
        the device's caseload (see ``caseload_feed``); with protocol 1, review decisions and
        county settings only."""
        if protocol >= 2:
            return _pull_caseload(caller, engine, cursor, limit, capabilities)
        try:
            after = parse_cursor(cursor)
        except BadCursor as exc:
            raise ApiError(400, ErrorCode.BAD_REQUEST, str(exc)) from None
        with read_only(engine).connect() as conn:
            found, next_after, has_more = read_changes(
                conn, caller.county_id, caller.user_id, after, limit
            )
            config = county_config(conn, caller.county_id)
        answer = PullResponse(
            changes=found,
            next_cursor=str(next_after),
            has_more=has_more,
            device_status=DeviceStatus.ACTIVE,
            config=config,
        )
        return _for_client(answer.model_dump(mode="json", exclude={"progress"}), capabilities)

    @api.post("/team/assignments", response_model=AssignmentResult, tags=["caseload"])
    def assign(body: AssignmentRequest, caller: Caller, engine: EngineDep) -> AssignmentResult:
        """Reassign youth, cover them until a date, or close their cases: a supervisor within
        the team, a county administrator within the county. Safe to retry (``action_id``)."""
        _require(caller, Role.SUPERVISOR, Role.COUNTY_ADMIN)
        return assignments.apply_request(engine, caller, body)

    @api.get("/team/caseload", response_model=TeamCaseload, tags=["caseload"])
    def team_caseload(caller: Caller, engine: EngineDep) -> TeamCaseload:
        """Who holds which youth of the team (the county, for an administrator), with their open
        obligations. Ids only: names stay on the caseworkers' laptops."""
        _require(caller, Role.SUPERVISOR, Role.COUNTY_ADMIN)
        with read_only(engine).connect() as conn:
            return assignments.team_caseload(conn, caller, utcnow())

    @api.post("/sync/audit-anchor", response_model=AuditAnchorResponse, tags=["sync"])
    def audit_anchor(body: AuditAnchor, caller: Caller, engine: EngineDep) -> AuditAnchorResponse:
        """Keep the head of this device's local audit chain; answer with the one held before."""
        with engine.begin() as conn:
            return anchors.anchor(conn, caller, body)

    @api.get("/records/{record_type}/{record_id}", response_model=RecordCopy, tags=["sync"])
    def record_read(
        record_type: Annotated[str, Path(pattern=RECORD_TYPE_PATTERN)],
        record_id: UUID,
        caller: Caller,
        engine: EngineDep,
    ) -> RecordCopy:
        """The server's current version of a record of the caller's (or, for a supervisor, of
        the team's), to resolve a sync conflict. Every read is audited."""
        _require(caller, Role.CASEWORKER, Role.SUPERVISOR)
        try:
            with engine.begin() as conn:
                return records.read_record(conn, caller, record_type, record_id)
        except records.RecordNotVisible:
            raise ApiError(404, ErrorCode.NOT_FOUND, "no such record of yours") from None

    @api.get("/reviews/screenings", response_model=ReviewQueue, tags=["review"])
    def review_queue(caller: Caller, engine: EngineDep) -> ReviewQueue:
        """The supervisor's team's screenings awaiting a decision (no personal data)."""
        _require(caller, Role.SUPERVISOR)
        with read_only(engine).connect() as conn:
            return ReviewQueue(screenings=review.review_queue(conn, caller))

    @api.get(
        "/reviews/screenings/{screening_id}", response_model=ScreeningForReview, tags=["review"]
    )
    def review_read(screening_id: UUID, caller: Caller, engine: EngineDep) -> ScreeningForReview:
        """One screening of the supervisor's team, in full. Every read is audited."""
        _require(caller, Role.SUPERVISOR)
        try:
            with engine.begin() as conn:
                return review.read_screening(conn, caller, screening_id)
        except review.ReviewError as exc:
            raise ApiError(404, ErrorCode.NOT_FOUND, str(exc)) from None

    @api.post(
        "/reviews/screenings/{screening_id}/decision",
        response_model=ReviewDecisionResponse,
        tags=["review"],
    )
    def review_decide(
        screening_id: UUID, body: ReviewDecisionRequest, caller: Caller, engine: EngineDep
    ) -> ReviewDecisionResponse:
        """Approve, or return with a comment; the decision reaches the author's devices by pull."""
        _require(caller, Role.SUPERVISOR)
        statuses = {"not_found": 404, "conflict": 409, "forbidden": 403, "invalid": 400}
        codes = {
            "not_found": ErrorCode.NOT_FOUND,
            "conflict": ErrorCode.CONFLICT,
            "forbidden": ErrorCode.FORBIDDEN,
            "invalid": ErrorCode.BAD_REQUEST,
        }
        try:
            with engine.begin() as conn:
                return review.decide(conn, caller, screening_id, body)
        except review.ReviewError as exc:
            raise ApiError(statuses[exc.kind], codes[exc.kind], str(exc)) from None

    @api.get(
        "/reports/county",
        response_model=CountyReport,
        tags=["reports"],
        responses={200: {"content": {"text/csv": {}}}},
    )
    def county_report(
        caller: Caller,
        engine: EngineDep,
        period: Annotated[
            str | None,
            Query(pattern=PERIOD_PATTERN, description="a year (2026) or quarter (2026-Q1)"),
        ] = None,
        start: Annotated[
            date | None, Query(description=f"from {REPORT_DATES[0]} to {REPORT_DATES[1]}")
        ] = None,
        end: Annotated[
            date | None, Query(description=f"from {REPORT_DATES[0]} to {REPORT_DATES[1]}")
        ] = None,
        county: Annotated[str | None, Query(pattern=COUNTY_PATTERN)] = None,
        format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    ) -> CountyReport | PlainTextResponse:
        """Program figures for a ``period`` (a year or quarter) or ``start``..``end``
        (inclusive).

        A supervisor gets the team's, a county admin the county's, exact. A state analyst gets
        any county's, for a closed and settled year or quarter only, with small counts
        suppressed so that no combination of answers reveals one; each period is computed once
        and given unchanged ever after (docs/security.md).
        """
        _require(caller, Role.SUPERVISOR, Role.COUNTY_ADMIN, Role.STATE_ANALYST)
        analyst = caller.role is Role.STATE_ANALYST
        try:
            fixed = Period.parse(period) if period is not None else None
        except ValueError as exc:
            raise ApiError(400, ErrorCode.BAD_REQUEST, str(exc)) from None
        if analyst and (fixed is None or start is not None or end is not None):
            raise ApiError(
                400,
                ErrorCode.BAD_REQUEST,
                "state figures are published per year or quarter: ask for period=2026 or "
                "period=2026-Q1, without start and end",
            )
        if fixed is not None:
            start, end = fixed.start, fixed.end - timedelta(days=1)
        if start is None or end is None:
            raise ApiError(400, ErrorCode.BAD_REQUEST, "give a period, or both start and end")
        if end < start:
            raise ApiError(400, ErrorCode.BAD_REQUEST, "the period ends before it starts")
        if not (REPORT_DATES[0] <= start and end <= REPORT_DATES[1]):
            raise ApiError(
                400,
                ErrorCode.BAD_REQUEST,
                f"report dates must be from {REPORT_DATES[0]} to {REPORT_DATES[1]}",
            )
        team = caller.team if caller.role is Role.SUPERVISOR else None
        # A release is written the first time a period is asked for, so the analyst's read
        # needs a write transaction; everyone else's is a plain read.
        with engine.begin() if analyst else read_only(engine).connect() as conn:
            county_id, county_name = caller.county_id, caller.county
            if county is not None and county != caller.county:
                if not analyst:
                    raise ApiError(403, ErrorCode.FORBIDDEN, "only your own county's figures")
                row = conn.execute(
                    select(counties.c.id, counties.c.name).where(counties.c.name == county)
                ).first()
                if row is None:
                    raise ApiError(404, ErrorCode.NOT_FOUND, "no such county on this server")
                county_id, county_name = row.id, row.name
            if analyst:
                assert fixed is not None
                try:
                    figures = releases.release(
                        conn,
                        county_id=county_id,
                        county=county_name,
                        period=fixed,
                        today=releases.county_today(policy=reports.county_policy(conn, county_id)),
                    )
                except releases.NotReleasable as exc:
                    raise ApiError(404, ErrorCode.NOT_FOUND, str(exc)) from None
            else:
                figures = reports.published_figures(
                    conn,
                    county_id=county_id,
                    county=county_name,
                    start=start,
                    end=end,
                    team=team,
                )
        if format == "csv":
            return PlainTextResponse(reports.figures_csv(figures), media_type="text/csv")
        return reports.to_wire(figures, team=team)

    @api.get("/team/obligations", response_model=TeamObligations, tags=["review"])
    def team_obligations(caller: Caller, engine: EngineDep) -> TeamObligations:
        """The supervisor's team's open obligations, earliest due first (ids, no names)."""
        _require(caller, Role.SUPERVISOR)
        with read_only(engine).connect() as conn:
            return reports.team_open_obligations(conn, caller.county_id, caller.team, utcnow())

    @api.get("/county/conflicts", response_model=ConflictList, tags=["county"])
    def county_conflicts(caller: Caller, engine: EngineDep) -> ConflictList:
        """The county's sync conflicts, newest first: which laptop holds a change another
        laptop's change overtook (record ids and versions only, never content)."""
        _require(caller, Role.COUNTY_ADMIN)
        with read_only(engine).connect() as conn:
            return records.county_conflicts(conn, caller.county_id)

    @api.put("/county/config", response_model=CountyConfig, tags=["county"])
    def update_county_config(
        body: CountyConfigUpdate,
        caller: Caller,
        engine: EngineDep,
        capabilities: CapabilitiesDep,
    ) -> JSONResponse:
        """Change the county's settings and policy (a policy setting left out keeps its value);
        every device of the county gets them by pull. Audited."""
        _require(caller, Role.COUNTY_ADMIN)
        try:
            with engine.begin() as conn:
                config = accounts.set_county_config(
                    conn,
                    caller.county_id,
                    mdt_referral_days=body.mdt_referral_days,
                    offline_lease_days=body.offline_lease_days,
                    closed_case_retention_days=body.closed_case_retention_days,
                    policy=body.policy_changes(),
                    actor=caller.username,
                )
        except accounts.AccountError as exc:
            raise ApiError(400, ErrorCode.BAD_REQUEST, str(exc)) from None
        return JSONResponse(config_for_client(config.model_dump(mode="json"), capabilities))

    root.include_router(api)
    return root


def _pull_caseload(
    caller: Caller, engine: Engine, cursor: str | None, limit: int, capabilities: frozenset[str]
) -> Response:
    """One page of protocol 2's caseload feed. Ends the coverages and closed cases whose time
    has come first (a write only then), and remembers how far the device has applied the feed
    (a write only when that moved on)."""
    try:
        position = caseload_feed.FeedCursor.decode(cursor)
    except BadCursor as exc:
        raise ApiError(400, ErrorCode.BAD_REQUEST, str(exc)) from None
    now = utcnow()
    # One connection for the whole pull (one checkout, one ping), its reads and its writes in
    # transactions of their own: a write transaction is opened only when there is something to
    # write, and never holds SQLite's write lock across the page's reads.
    with read_only(engine).connect() as conn:
        if caseload.due_to_end(conn, caller.county_id, now):
            conn.rollback()
            with writing(conn):
                caseload.end_due(conn, caller.county_id, now)
        page = caseload_feed.pull_page(conn, caller, position, limit, now)
        config = county_config(conn, caller.county_id)
        conn.rollback()
        if position.base > (caller.feed_acked_seq or 0):
            with writing(conn):
                accounts.acknowledge_feed(conn, caller.device_id, position.base)
    answer = PullResponse.model_construct(
        changes=page.changes,
        next_cursor=page.next_cursor.encode(),
        has_more=page.has_more,
        device_status=DeviceStatus.ACTIVE,
        config=config,
        progress=page.progress,
    )
    if CAPABILITY_COUNTY_POLICY not in capabilities:  # cut the config to what it can read
        return _for_client(answer.model_dump(mode="json"), capabilities)
    # Serialized here, once: FastAPI would validate the whole page against the response model
    # again (every record's JSON), which cost as much as reading it.
    return Response(answer.model_dump_json(), media_type="application/json")
