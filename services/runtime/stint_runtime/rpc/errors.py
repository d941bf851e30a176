"""Domain errors ⇄ gRPC status codes. Field errors travel as JSON in trailing metadata
so that the gateway can answer 422 with ``errors: [{loc, msg}]``."""

from __future__ import annotations

import json

import grpc

from stint_runtime.errors import (
    Conflict,
    DomainError,
    FieldError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)

FIELD_ERRORS_KEY = "x-stint-field-errors"

_CODES: list[tuple[type[DomainError], grpc.StatusCode]] = [
    (NotFound, grpc.StatusCode.NOT_FOUND),
    (InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT),
    (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED),
    (Unauthenticated, grpc.StatusCode.UNAUTHENTICATED),
    (Conflict, grpc.StatusCode.FAILED_PRECONDITION),
]


def status_for(error: DomainError) -> grpc.StatusCode:
    for kind, code in _CODES:
        if isinstance(error, kind):
            return code
    return grpc.StatusCode.FAILED_PRECONDITION


def trailing_metadata_for(error: DomainError) -> tuple[tuple[str, str], ...]:
    if isinstance(error, InvalidArgument):
        payload = [{"loc": list(e.loc), "msg": e.msg} for e in error.errors]
        return ((FIELD_ERRORS_KEY, json.dumps(payload)),)
    return ()


def field_errors_from(trailing: tuple[tuple[str, str | bytes], ...] | None) -> list[FieldError]:
    for key, value in trailing or ():
        if key == FIELD_ERRORS_KEY:
            text = value.decode() if isinstance(value, bytes) else value
            return [FieldError(tuple(e["loc"]), e["msg"]) for e in json.loads(text)]
    return []
