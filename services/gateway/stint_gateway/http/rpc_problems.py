"""gRPC failures of the services behind the gateway, answered as problems:
NOT_FOUND 404, INVALID_ARGUMENT 422 (with the service's field errors), PERMISSION_DENIED
403, UNAUTHENTICATED 401, FAILED_PRECONDITION and ALREADY_EXISTS 409, UNAVAILABLE and
DEADLINE_EXCEEDED 503, anything else 500 without details."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import grpc

from stint_gateway.http.problems import (
    FieldProblem,
    ProblemError,
    forbidden,
    not_found,
    unauthorized,
    validation_problem,
)
from stint_runtime.rpc.errors import field_errors_from

log = logging.getLogger(__name__)

_CONFLICT = (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.ALREADY_EXISTS)
_UNAVAILABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


def _trailing(error: grpc.aio.AioRpcError) -> tuple[tuple[str, str | bytes], ...]:
    return tuple((str(k), v) for k, v in (error.trailing_metadata() or ()))


def problem_from_rpc(
    error: grpc.aio.AioRpcError, *, what: str, loc_prefix: Sequence[str] = ("body",)
) -> ProblemError:
    """The problem for ``error``; field errors are located under ``loc_prefix``
    (``("body",)`` for request bodies, ``("query",)`` for search parameters)."""
    code = error.code()
    detail = error.details() or ""
    if code == grpc.StatusCode.NOT_FOUND:
        return not_found(what)
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        errors = [
            FieldProblem(loc=[*loc_prefix, *e.loc], msg=e.msg)
            for e in field_errors_from(_trailing(error))
        ]
        # The detail is rebuilt from the located errors when there are any.
        return validation_problem(errors, None if errors else detail or None)
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return forbidden(detail or "You may not do this.")
    if code == grpc.StatusCode.UNAUTHENTICATED:
        return unauthorized(detail or "Authentication required.")
    if code in _CONFLICT:
        return ProblemError(409, detail or "The current state does not allow this.")
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED and "metadata size" in detail:
        # The service refused with more field errors than its trailers can carry (the
        # channel's metadata limit): still the request's fault, never a 500.
        log.warning("field errors too large to carry", extra={"what": what})
        return validation_problem([], "The request is not valid; it has too many problems to list.")
    if code in _UNAVAILABLE:
        log.warning("downstream unavailable", extra={"what": what, "code": code.name})
        return ProblemError(
            503, f"The {what} service is unavailable; retry later.", headers={"Retry-After": "1"}
        )
    log.error("downstream failed", extra={"what": what, "code": code.name, "detail": detail})
    return ProblemError(500, "An unexpected error occurred.")


@contextmanager
def rpc_problems(what: str, *, loc_prefix: Sequence[str] = ("body",)) -> Iterator[None]:
    """Answer a failed call with its problem: ``with rpc_problems("listing"): ...``."""
    try:
        yield
    except grpc.aio.AioRpcError as error:
        raise problem_from_rpc(error, what=what, loc_prefix=loc_prefix) from None
