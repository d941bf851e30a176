"""Revocation: with a reason, once. A revoked credential stays revoked (the status
list's purpose is ``revocation``, which the specification makes permanent)."""

from __future__ import annotations

from datetime import datetime

from stint.reputation.v1 import reputation_service_pb2 as api
from stint_runtime.contract import field_limits
from stint_runtime.errors import Conflict, FieldError, InvalidArgument
from stint_runtime.text import length_errors

__all__ = ["require_revocable", "validate_reason"]

MIN_REASON, MAX_REASON = field_limits(api.RevokeCredentialRequest.DESCRIPTOR)["reason"].bounds


def validate_reason(reason: str) -> str:
    """The reason, trimmed; InvalidArgument naming ``reason`` otherwise."""
    trimmed = reason.strip()
    errors: list[FieldError] = []
    if len(trimmed) < MIN_REASON:
        errors.append(FieldError(("reason",), "required: say why the credential is revoked"))
    errors += length_errors(("reason",), trimmed, MAX_REASON)
    if errors:
        raise InvalidArgument(errors)
    return trimmed


def require_revocable(revoked_at: datetime | None) -> None:
    if revoked_at is not None:
        raise Conflict(f"This credential was already revoked at {revoked_at.isoformat()}.")
