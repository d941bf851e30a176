"""Access tokens: HS256 JWTs naming the account, its role and its organization."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import jwt

from stint_runtime.identity import Caller

ALGORITHM = "HS256"
ROLES = ("student", "employer", "institution")


class InvalidToken(Exception):
    """The token is missing a claim, expired, or not signed by us."""


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class TokenIssuer:
    """Encodes and verifies the gateway's access tokens."""

    secret: str
    issuer: str
    audience: str
    ttl_s: int

    def issue(self, caller: Caller, *, now: float | None = None) -> IssuedToken:
        issued_at = int(now if now is not None else time.time())
        claims: dict[str, Any] = {
            "sub": caller.account_id,
            "role": caller.role,
            "org": caller.organization_id,
            "iat": issued_at,
            "exp": issued_at + self.ttl_s,
            "iss": self.issuer,
            "aud": self.audience,
        }
        return IssuedToken(jwt.encode(claims, self.secret, algorithm=ALGORITHM), self.ttl_s)

    def verify(self, token: str) -> Caller:
        try:
            claims = jwt.decode(
                token,
                self.secret,
                algorithms=[ALGORITHM],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["sub", "role", "exp", "iat", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("The access token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise InvalidToken("The access token is not valid.") from exc
        role = claims.get("role")
        sub = claims.get("sub")
        org = claims.get("org")
        if role not in ROLES or not isinstance(sub, str) or not _is_uuid(sub):
            raise InvalidToken("The access token is not valid.")
        if org is not None and not (isinstance(org, str) and _is_uuid(org)):
            raise InvalidToken("The access token is not valid.")
        return Caller(account_id=sub, role=role, organization_id=org)


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True
