"""Problem details (RFC 9457): the one shape of every error the API answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

PROBLEM_MEDIA_TYPE = "application/problem+json"
VALIDATION_TYPE = "urn:stint:problem:validation"


class FieldProblem(BaseModel):
    """One invalid input: where it is (``["body", "pay", "amount_cents"]``) and why."""

    loc: list[str | int]
    msg: str


class Problem(BaseModel):
    """An error reply. ``errors`` is present on validation problems only."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = Field(default=None)


class ProblemError(Exception):
    """Raised anywhere in a request to answer with a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type_: str = "about:blank",
        title: str | None = None,
        errors: Sequence[FieldProblem] | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type_
        self.title = title or status_title(status)
        self.errors = list(errors) if errors is not None else None
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


def status_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_body(error: ProblemError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": error.type,
        "title": error.title,
        "status": error.status,
        "detail": error.detail,
    }
    if error.errors is not None:
        body["errors"] = [e.model_dump() for e in error.errors]
    body.update(error.extra)
    return body


def problem_response(error: ProblemError) -> JSONResponse:
    """An error answer is about one request at one moment: no cache keeps it (a 404
    would otherwise be cached by default, RFC 9111)."""
    headers = {"Cache-Control": "no-store", **error.headers}
    return JSONResponse(
        problem_body(error),
        status_code=error.status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def validation_problem(errors: Iterable[FieldProblem], detail: str | None = None) -> ProblemError:
    found = list(errors)
    if detail is None:
        detail = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in found)
    return ProblemError(
        422,
        detail or "The request is not valid.",
        type_=VALIDATION_TYPE,
        title="Invalid request",
        errors=found,
    )


def not_found(what: str = "resource") -> ProblemError:
    return ProblemError(404, f"No such {what}.")


def unauthorized(detail: str) -> ProblemError:
    return ProblemError(401, detail, headers={"WWW-Authenticate": 'Bearer realm="stint"'})


def forbidden(detail: str) -> ProblemError:
    return ProblemError(403, detail)


# For route declarations, so /openapi.json documents the error shape (the Problem
# schema itself is added to the document by ``stint_gateway.openapi``).
PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"description": status_title(status), "content": PROBLEM_CONTENT}
        for status in statuses
    }


RULES_KEY = "x-stint-rules"


def rules_beyond_schema(rules: Mapping[str, str]) -> dict[str, Any]:
    """For a route's ``openapi_extra``: the fields that rules the schema cannot say
    (state, settings, names folded and compared) may refuse with 422, keyed by
    location (``"body.skills.*.name"``, ``*`` for any index or key), and why."""
    return {RULES_KEY: dict(rules)}
