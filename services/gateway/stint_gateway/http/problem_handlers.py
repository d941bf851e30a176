"""Exception handlers that turn every failure into a problem: bad input (422),
HTTP errors such as unknown routes (404) and methods (405), and anything unexpected
(500, with the details in the log and never in the reply). The gateway's own database
away (restarting, unreachable) is no client's fault nor a bug: 503 with Retry-After."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from stint_gateway.http.problems import (
    FieldProblem,
    ProblemError,
    problem_response,
    validation_problem,
)
from stint_runtime.db.leadership import DATABASE_ERRORS

log = logging.getLogger(__name__)


def _loc(raw: object) -> list[str | int]:
    if isinstance(raw, list | tuple):
        return [part if isinstance(part, int) else str(part) for part in raw]
    return [str(raw)]


def _field_problem(error: dict[str, object]) -> FieldProblem:
    loc = _loc(error.get("loc", ()))
    if error.get("type") == "json_invalid":
        # FastAPI puts the character position where a field name would be.
        ctx = error.get("ctx")
        reason = ctx.get("error") if isinstance(ctx, dict) else None
        where = f" at character {loc[1]}" if len(loc) > 1 else ""
        return FieldProblem(loc=loc[:1], msg=f"malformed JSON{where}: {reason or 'invalid'}")
    return FieldProblem(loc=loc, msg=str(error.get("msg", "invalid")))


async def _on_problem(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc)


async def _on_validation(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return problem_response(validation_problem(_field_problem(e) for e in exc.errors()))


async def _on_http(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = "No such resource."
    elif exc.status_code == 405 and detail == "Method Not Allowed":
        detail = "This resource does not allow that method."
    return problem_response(ProblemError(exc.status_code, detail, headers=exc.headers))


async def _on_unexpected(request: Request, exc: Exception) -> Response:
    if isinstance(exc, DATABASE_ERRORS):
        log.warning(
            "database unavailable",
            extra={"method": request.method, "path": request.url.path, "error": repr(exc)},
        )
        return problem_response(
            ProblemError(
                503,
                "The service is briefly unavailable; retry later.",
                headers={"Retry-After": "1"},
            )
        )
    log.error(
        "unhandled error",
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"method": request.method, "path": request.url.path},
    )
    return problem_response(ProblemError(500, "An unexpected error occurred."))


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(Exception, _on_unexpected)
