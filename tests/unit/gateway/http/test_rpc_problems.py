"""gRPC status codes of the services, answered as HTTP problems."""

from __future__ import annotations

import json

import grpc
import pytest

from stint_gateway.http.problems import ProblemError
from stint_gateway.http.rpc_problems import problem_from_rpc, rpc_problems
from stint_runtime.rpc.errors import FIELD_ERRORS_KEY


def _error(
    code: grpc.StatusCode, details: str = "", trailing: tuple[tuple[str, str], ...] = ()
) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(
        code, grpc.aio.Metadata(), grpc.aio.Metadata(*trailing), details=details
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (grpc.StatusCode.NOT_FOUND, 404),
        (grpc.StatusCode.INVALID_ARGUMENT, 422),
        (grpc.StatusCode.PERMISSION_DENIED, 403),
        (grpc.StatusCode.UNAUTHENTICATED, 401),
        (grpc.StatusCode.FAILED_PRECONDITION, 409),
        (grpc.StatusCode.ALREADY_EXISTS, 409),
        (grpc.StatusCode.UNAVAILABLE, 503),
        (grpc.StatusCode.DEADLINE_EXCEEDED, 503),
        (grpc.StatusCode.INTERNAL, 500),
        (grpc.StatusCode.UNKNOWN, 500),
    ],
)
def test_status_codes(code: grpc.StatusCode, status: int) -> None:
    assert problem_from_rpc(_error(code, "why"), what="listing").status == status


def test_internal_details_are_not_passed_on() -> None:
    problem = problem_from_rpc(_error(grpc.StatusCode.INTERNAL, "db password wrong"), what="x")
    assert "password" not in problem.detail


def test_not_found_does_not_echo_the_service() -> None:
    assert problem_from_rpc(_error(grpc.StatusCode.NOT_FOUND), what="listing").detail == (
        "No such listing."
    )


def test_field_errors_are_located_in_the_request() -> None:
    payload = json.dumps([{"loc": ["pay", "amount_cents"], "msg": "below the floor"}])
    error = _error(grpc.StatusCode.INVALID_ARGUMENT, "bad", ((FIELD_ERRORS_KEY, payload),))
    body = problem_from_rpc(error, what="listing")
    assert body.errors is not None
    assert [(e.loc, e.msg) for e in body.errors] == [
        (["body", "pay", "amount_cents"], "below the floor")
    ]
    query = problem_from_rpc(error, what="listing", loc_prefix=("query",))
    assert query.errors is not None and query.errors[0].loc[0] == "query"


def test_context_manager_raises_the_problem() -> None:
    with pytest.raises(ProblemError) as raised, rpc_problems("listing"):
        raise _error(grpc.StatusCode.UNAVAILABLE)
    assert raised.value.status == 503
    assert raised.value.headers["Retry-After"] == "1"
