"""The caller's identity, carried from the gateway to services in gRPC metadata.

The gateway authenticates the user and signs (account id, role, organization id) with
the internal secret, so that a service never trusts identity that anyone on the
network could have typed.
"""

from __future__ import annotations

import hashlib
import hmac
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal

from stint_runtime.errors import Unauthenticated

Role = Literal["student", "employer", "institution", "system"]

ACCOUNT_ID_KEY = "x-stint-account-id"
ROLE_KEY = "x-stint-role"
ORGANIZATION_ID_KEY = "x-stint-organization-id"
SIGNATURE_KEY = "x-stint-identity-signature"


@dataclass(frozen=True)
class Caller:
    """Who is asking: an account, its role and (employers) its organization."""

    account_id: str
    role: Role
    organization_id: str | None = None

    @property
    def is_employer(self) -> bool:
        return self.role == "employer"

    @property
    def is_student(self) -> bool:
        return self.role == "student"


ANONYMOUS: Caller | None = None
_current: ContextVar[Caller | None] = ContextVar("stint_caller", default=None)


def current_caller() -> Caller | None:
    return _current.get()


def required_caller() -> Caller:
    """The caller of a method whose contract names the roles that may call it: the
    server interceptor refused everyone else before the servicer ran."""
    caller = _current.get()
    if caller is None:
        raise Unauthenticated("Sign in first.")
    return caller


def set_current_caller(caller: Caller | None) -> None:
    _current.set(caller)


def _signature(secret: str, account_id: str, role: str, organization_id: str) -> str:
    payload = f"{account_id}\n{role}\n{organization_id}".encode()
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def to_metadata(caller: Caller | None, secret: str) -> list[tuple[str, str]]:
    if caller is None:
        return []
    org = caller.organization_id or ""
    return [
        (ACCOUNT_ID_KEY, caller.account_id),
        (ROLE_KEY, caller.role),
        (ORGANIZATION_ID_KEY, org),
        (SIGNATURE_KEY, _signature(secret, caller.account_id, caller.role, org)),
    ]


def from_metadata(metadata: dict[str, str], secret: str) -> Caller | None:
    """The verified caller, or None when absent or not signed with ``secret``."""
    account_id = metadata.get(ACCOUNT_ID_KEY)
    role = metadata.get(ROLE_KEY, "")
    if not account_id or role not in ("student", "employer", "institution", "system"):
        return None
    org = metadata.get(ORGANIZATION_ID_KEY, "")
    expected = _signature(secret, account_id, role, org)
    if not hmac.compare_digest(expected, metadata.get(SIGNATURE_KEY, "")):
        return None
    return Caller(account_id=account_id, role=role, organization_id=org or None)  # type: ignore[arg-type]
