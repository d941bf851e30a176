import grpc

from stint_runtime.errors import Conflict, FieldError, InvalidArgument, NotFound, PermissionDenied
from stint_runtime.rpc.errors import field_errors_from, status_for, trailing_metadata_for


def test_domain_errors_map_to_status_codes() -> None:
    assert status_for(NotFound("x")) == grpc.StatusCode.NOT_FOUND
    assert status_for(PermissionDenied("x")) == grpc.StatusCode.PERMISSION_DENIED
    assert status_for(Conflict("x")) == grpc.StatusCode.FAILED_PRECONDITION
    assert status_for(InvalidArgument.one("title", "required")) == grpc.StatusCode.INVALID_ARGUMENT


def test_field_errors_travel_in_trailing_metadata() -> None:
    error = InvalidArgument([FieldError(("pay", "amount_cents"), "below the floor")])
    trailing = trailing_metadata_for(error)
    assert field_errors_from(trailing) == error.errors
    assert "pay.amount_cents: below the floor" in error.message


def test_no_field_errors_for_other_errors() -> None:
    assert trailing_metadata_for(Conflict("nope")) == ()
    assert field_errors_from(None) == []
