"""Access tokens: what goes in, what comes out, and what is refused."""

from __future__ import annotations

import time
import uuid

import jwt
import pytest

from stint_gateway.tokens import InvalidToken, TokenIssuer
from stint_runtime.identity import Caller

SECRET = "unit-test-secret-that-is-long-enough"
ISSUER = TokenIssuer(secret=SECRET, issuer="stint-gateway", audience="stint-api", ttl_s=3600)
EMPLOYER = Caller(str(uuid.uuid4()), "employer", str(uuid.uuid4()))


def test_round_trip_keeps_account_role_and_organization() -> None:
    issued = ISSUER.issue(EMPLOYER)
    assert issued.expires_in == 3600
    assert ISSUER.verify(issued.access_token) == EMPLOYER


def test_claims() -> None:
    now = time.time()
    token = ISSUER.issue(EMPLOYER, now=now).access_token
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], audience="stint-api")
    assert claims["sub"] == EMPLOYER.account_id
    assert claims["role"] == "employer"
    assert claims["org"] == EMPLOYER.organization_id
    assert claims["iss"] == "stint-gateway"
    assert claims["exp"] - claims["iat"] == 3600


def test_student_has_no_organization() -> None:
    student = Caller(str(uuid.uuid4()), "student")
    assert ISSUER.verify(ISSUER.issue(student).access_token).organization_id is None


def test_expired_token_is_refused() -> None:
    token = ISSUER.issue(EMPLOYER, now=time.time() - 3601).access_token
    with pytest.raises(InvalidToken, match="expired"):
        ISSUER.verify(token)


@pytest.mark.parametrize(
    "other",
    [
        TokenIssuer(
            secret="another-secret-that-is-long-enough",
            issuer="stint-gateway",
            audience="stint-api",
            ttl_s=3600,
        ),
        TokenIssuer(secret=SECRET, issuer="someone-else", audience="stint-api", ttl_s=3600),
        TokenIssuer(secret=SECRET, issuer="stint-gateway", audience="another-api", ttl_s=3600),
    ],
    ids=["secret", "issuer", "audience"],
)
def test_token_of_another_issuer_is_refused(other: TokenIssuer) -> None:
    with pytest.raises(InvalidToken):
        ISSUER.verify(other.issue(EMPLOYER).access_token)


@pytest.mark.parametrize(
    "changes",
    [{"role": "system"}, {"sub": "not-a-uuid"}, {"org": "not-a-uuid"}, {"sub": None}],
)
def test_forged_claims_are_refused(changes: dict[str, object]) -> None:
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": EMPLOYER.account_id,
        "role": "employer",
        "org": EMPLOYER.organization_id,
        "iat": now,
        "exp": now + 60,
        "iss": "stint-gateway",
        "aud": "stint-api",
    }
    claims.update(changes)
    token = jwt.encode({k: v for k, v in claims.items() if v is not None}, SECRET, "HS256")
    with pytest.raises(InvalidToken):
        ISSUER.verify(token)


def test_unsigned_token_is_refused() -> None:
    token = jwt.encode({"sub": EMPLOYER.account_id, "role": "employer"}, key="", algorithm="none")
    with pytest.raises(InvalidToken):
        ISSUER.verify(token)
