"""``copyedit serve``: the pre-publish hook over HTTP, as a Starlette (ASGI) application under uvicorn.

Endpoints: ``POST /v1/check`` and ``POST /v1/fix`` (the JSON of ``copyedit hook``),
``GET /v1/rules``, ``GET /healthz``, ``GET /openapi.json``, and the review page for editors:
``GET /review`` (the page), ``POST /v1/review`` (an article's suggestions, :mod:`.review`),
``GET /v1/review/article`` (the file ``copyedit review`` opened, if any) and ``POST /v1/review/article``
(its corrected text as the file's bytes). Every error is a JSON object
``{"error": {"message", "field"?}}`` with the status the README lists; a 500 names only a
request id, never anything the client sent.

The rule set is compiled once, when the application is created, and shared by all requests.
``fix`` is CPU-bound, so it runs in a worker thread under the time limit; a request over the
limit gets 503 at once, and its work stops too: the engine checks the same deadline before each
check pass, at each hit and after each fix pass (a thread cannot be interrupted from outside).
Only ``concurrent_articles`` articles are worked on at once in a worker (the others wait their
turn, their time limit running): threads share one interpreter lock, so more only take turns at
it, and every article in the worker finishes late.
"""

from __future__ import annotations

import gc
import hmac
import json
import logging
import os
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__, engine
from ..errors import CopyeditError, InputError, PatternTimeout, SourceError, TimeLimitExceeded
from ..files import FileProblem
from .configuration import DEFAULT_TIME_LIMIT, ServiceConfig, load_service_config
from .openapi import BODY_IDLE_SECONDS, openapi_document
from .protocol import FieldError, decode_request, parse_article, process, request_charset
from .review import ReviewFile, page, review

DEFAULT_MAX_BODY = 2_000_000
# Two, not one: a long article then slows the short ones behind it instead of stopping them.
DEFAULT_CONCURRENT_ARTICLES = 2
DEFAULT_TOKEN_ENV = "COPYEDIT_TOKEN"
OPTIONS_ENV = "COPYEDIT_SERVICE_OPTIONS"  # how `copyedit serve` hands its options to uvicorn's workers
OPEN_PATHS = frozenset({"/healthz", "/review"})  # answered without the bearer token (load balancers; the page holds no data)

access_log = logging.getLogger("copyedit.service.access")
error_log = logging.getLogger("copyedit.service.error")


@dataclass(frozen=True)
class ServiceOptions:
    config_path: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    time_limit: float = DEFAULT_TIME_LIMIT
    token_env: str = DEFAULT_TOKEN_ENV
    preload: bool = True  # load every rule's data before the first request (RuleSet.preload)
    concurrent_articles: int = DEFAULT_CONCURRENT_ARTICLES  # articles a worker works on at once

    def __post_init__(self) -> None:
        if not isinstance(self.max_body, int) or self.max_body <= 0:
            raise ValueError(f"max body size must be a positive number of bytes, not {self.max_body!r}")
        if not self.time_limit > 0:
            raise ValueError(f"time limit must be a positive number of seconds, not {self.time_limit!r}")
        if not isinstance(self.concurrent_articles, int) or self.concurrent_articles < 1:
            raise ValueError(f"concurrent articles must be a whole number of at least 1, not {self.concurrent_articles!r}")
        if not self.token_env:
            raise ValueError("the token environment variable needs a name")


class ApiError(Exception):
    """An answer to a bad request: HTTP status, message and, for 422, the field."""

    def __init__(self, status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.field, self.headers = status, message, field, headers


def create_app(options: ServiceOptions | None = None, review_file: ReviewFile | None = None) -> Starlette:
    """Build the application: read the configuration, compile the rules, load their data, warm up,
    route. ``review_file`` is the article ``copyedit review`` opens in the review page."""
    options = options or ServiceOptions()
    service = load_service_config(options.config_path, discover_from=os.getcwd())
    ruleset = engine.ruleset_for(service.config)  # compile once, now, not on the first request
    if options.preload:
        # Else the first article in a foreign language or with a Chinese source waits 0.5–1 s for
        # langdetect's profiles or pypinyin's dictionary, in each worker.
        started = time.process_time()
        ruleset.preload()
        error_log.info("rule data loaded", extra={"fields": {"cpu_seconds": round(time.process_time() - started, 3)}})
    for format in engine.FORMATS:  # import each format's parser now, not on its first request
        try:
            process(parse_article({"body": "Warm up.", "format": format}), service, "fix")
        except ImportError as error:
            error_log.warning("format unavailable", extra={"fields": {"format": format, "error": str(error)}})
    # The rules and their data live as long as the process: out of the collector's sight, a full collection
    # no longer walks their ~260,000 objects (36 ms, during which no request is answered).
    gc.collect()
    gc.freeze()
    # Created outside the event loop: anyio binds it to the loop on first use.
    engine_turns = anyio.CapacityLimiter(options.concurrent_articles)
    token = os.environ.get(options.token_env) or None
    rules = [_public_rule(rule.describe()) for rule in ruleset.rules]

    async def check(request: Request) -> Response:
        return await _article(request, service, options, "check", engine_turns)

    async def fix(request: Request) -> Response:
        return await _article(request, service, options, "fix", engine_turns)

    async def review_suggestions(request: Request) -> Response:
        return await _article(request, service, options, "review", engine_turns)

    async def review_article(request: Request) -> Response:
        return JSONResponse(review_file.to_dict() if review_file else {"article": None})

    async def review_article_bytes(request: Request) -> Response:
        if review_file is None:
            raise ApiError(404, "no article was opened here: `copyedit review FILE` opens one")
        data = await _json_request(request, options.max_body)
        if not isinstance(data, dict) or set(data) != {"body"} or not isinstance(data["body"], str):
            raise ApiError(422, 'send {"body": the corrected text of the article}', "body")
        try:
            encoded = review_file.encode(data["body"])
        except FileProblem as error:  # a character the file's encoding cannot hold
            raise ApiError(422, error.problem, "body") from None
        return Response(encoded, media_type="application/octet-stream")

    review_page, review_policy = page()

    async def review_html(request: Request) -> Response:
        headers = {"Content-Security-Policy": review_policy, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
        return HTMLResponse(review_page, headers=headers)

    async def list_rules(request: Request) -> Response:
        return JSONResponse({"count": len(rules), "rules": rules})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "rules": len(rules)})

    schema = openapi_document(options.max_body)

    async def openapi(request: Request) -> Response:
        return JSONResponse(schema)

    app = Starlette(
        routes=[
            Route("/v1/check", check, methods=["POST"]),
            Route("/v1/fix", fix, methods=["POST"]),
            Route("/v1/rules", list_rules, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
            Route("/review", review_html, methods=["GET"]),
            Route("/v1/review", review_suggestions, methods=["POST"]),
            Route("/v1/review/article", review_article, methods=["GET"]),
            Route("/v1/review/article", review_article_bytes, methods=["POST"]),
        ],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error, Exception: _internal_error},
    )
    app.add_middleware(BearerTokenMiddleware, token=token)
    app.add_middleware(AccessLogMiddleware)
    return app


def _public_rule(described: dict[str, Any]) -> dict[str, Any]:
    """A rule as /v1/rules shows it: without the server's file paths."""
    return {key: value for key, value in described.items() if key != "path"}


async def _article(
    request: Request, service: ServiceConfig, options: ServiceOptions, mode: str, engine_turns: anyio.CapacityLimiter
) -> Response:
    data = await _json_request(request, options.max_body)
    try:
        article = parse_article(data)
    except FieldError as error:
        raise ApiError(422, error.problem, error.field) from None
    try:
        deadline = engine.Deadline.after(options.time_limit)
        with anyio.fail_after(options.time_limit):
            if mode == "review":
                result = await anyio.to_thread.run_sync(
                    review, article, service, deadline, abandon_on_cancel=True, limiter=engine_turns
                )
            else:
                result = await anyio.to_thread.run_sync(
                    process, article, service, mode, deadline, abandon_on_cancel=True, limiter=engine_turns
                )
    except (TimeoutError, TimeLimitExceeded):
        raise ApiError(503, f"checking the article took longer than the time limit of {options.time_limit:g} s") from None
    except PatternTimeout as error:
        raise ApiError(503, str(error)) from None
    except FieldError as error:  # e.g. an unknown rule selector in "rules"
        raise ApiError(422, error.problem, error.field) from None
    except SourceError as error:  # the source the body is checked against (e.g. Markdown nested too deeply)
        raise ApiError(422, str(error), "source") from None
    except InputError as error:
        raise ApiError(422, str(error), "body") from None
    except (CopyeditError, ValueError) as error:  # e.g. a rule override the configuration rejects
        raise ApiError(422, str(error), "rules") from None
    request.scope.setdefault("state", {})["verdict"] = result.get("verdict")
    return JSONResponse(result)


async def _json_request(request: Request, limit: int) -> Any:
    """The request's JSON value: 415 for another content type, 413 over ``limit``, 400 for bytes that are no JSON."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "send the article as Content-Type: application/json")
    try:
        charset = request_charset(content_type)  # honoured when named: a Latin-1 body is not read as UTF-8
    except FieldError as error:
        raise ApiError(415, error.problem) from None
    raw = await _read_body(request, limit)
    try:
        return decode_request(raw, charset)
    except FieldError as error:  # not UTF-8, not JSON, nested too deeply; or JSON that gives a field twice: 422 naming it
        raise (ApiError(400, error.problem) if error.field == "(request)" else ApiError(422, error.problem, error.field)) from None


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` (never read whole)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "Content-Length is not a number")
        if int(declared) > limit:
            raise ApiError(413, f"the request body is {int(declared):,} bytes, over the limit of {limit:,}")
    chunks: list[bytes] = []
    size = 0
    stream = request.stream().__aiter__()
    while True:
        try:
            with anyio.fail_after(BODY_IDLE_SECONDS):
                chunk = await stream.__anext__()
        except StopAsyncIteration:
            break
        except TimeoutError:
            # a client that stops sending would hold its connection and its worker's attention for ever
            raise ApiError(408, f"the request body stalled: nothing arrived for {BODY_IDLE_SECONDS:g} s") from None
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    detail: dict[str, Any] = {"message": error.message}
    if error.field:
        detail["field"] = error.field
    response = JSONResponse({"error": detail}, status_code=error.status, headers=error.headers)
    if error.status in (408, 413):
        response.headers["Connection"] = "close"  # the rest of the body is not read
    return response


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return JSONResponse({"error": {"message": error.detail}}, status_code=error.status_code, headers=error.headers)


async def _internal_error(request: Request, error: Exception) -> Response:
    request_id = request.scope.get("state", {}).get("request_id", "-")
    # uvicorn logs the traceback next; this line ties it to the request.
    error_log.error("unhandled error", extra={"fields": {"request_id": request_id, "error": type(error).__name__}})
    return JSONResponse({"error": {"message": f"internal error (request id {request_id})"}}, status_code=500)


class BearerTokenMiddleware:
    """Answer 401 to any request but ``/healthz`` that lacks ``Authorization: Bearer <token>`` (when a token is set)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.expected = app, (token.encode() if token else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.expected is not None and scope["path"] not in OPEN_PATHS:
            scheme, _, given = dict(scope["headers"]).get(b"authorization", b"").strip().partition(b" ")
            # the scheme is case-insensitive (RFC 9110: "bearer" is Bearer); the token is compared in constant time
            if scheme.lower() != b"bearer" or not hmac.compare_digest(given.strip(), self.expected):
                response = JSONResponse(
                    {"error": {"message": "missing or wrong bearer token"}},
                    status_code=401,
                    headers={"WWW-Authenticate": 'Bearer realm="copyedit"'},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class AccessLogMiddleware:
    """One JSON line per request: id, method, path, status, verdict, sizes, duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        seen = {"status": 500, "request_bytes": 0, "response_bytes": 0}

        async def counting_receive() -> Message:
            message = await receive()
            seen["request_bytes"] += len(message.get("body", b""))
            return message

        async def logging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body":
                seen["response_bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, logging_send)
        finally:
            client = scope.get("client")
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": seen["status"],
                        "verdict": state.get("verdict"),
                        "request_bytes": seen["request_bytes"],
                        "response_bytes": seen["response_bytes"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "client": client[0] if client else None,
                    }
                },
            )


class JsonLogFormatter(logging.Formatter):
    """Log records as JSON lines: time, level, logger, message and the record's ``fields``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info and "traceback" not in entry:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": f"{__name__}.JsonLogFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "copyedit.service": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def options_to_environment(options: ServiceOptions) -> str:
    return json.dumps(asdict(options))


def app_from_environment() -> Starlette:
    """The application factory uvicorn calls in each worker (options come from ``COPYEDIT_SERVICE_OPTIONS``)."""
    raw = os.environ.get(OPTIONS_ENV)
    options = ServiceOptions(**json.loads(raw)) if raw else ServiceOptions()
    try:
        return create_app(options)
    except CopyeditError as error:
        print(f"copyedit serve: {error}", file=sys.stderr)
        raise SystemExit(2) from None
