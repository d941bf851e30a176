"""Accounts: POST /v1/auth/register, POST /v1/auth/token, GET /v1/me."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from stint_gateway.accounts.passwords import verify_password
from stint_gateway.accounts.registration import register_account
from stint_gateway.accounts.store import AccountRow, EmailTaken, account_by_email, account_by_id
from stint_gateway.dependencies import CurrentCaller, Pool, State
from stint_gateway.http.problems import (
    ProblemError,
    problem_responses,
    rules_beyond_schema,
    unauthorized,
)
from stint_gateway.schemas.accounts import Account, RegisterRequest, TokenReply, TokenRequest
from stint_runtime.identity import Caller

router = APIRouter(prefix="/v1", tags=["accounts"])


def _account(row: AccountRow) -> Account:
    return Account(
        id=row.id,
        email=row.email,
        role=row.role,
        display_name=row.display_name,
        organization_id=row.organization_id,
        created_at=row.created_at,
    )


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(409, 422, 503),
    summary="Register an account (employers with their organization)",
    openapi_extra=rules_beyond_schema(
        {
            "body.email": "an address a mail server could deliver to (no special-use domains)",
            "body.organization.website": "an http(s) URL",
        }
    ),
)
async def register(body: RegisterRequest, state: State) -> Account:
    try:
        row = await register_account(
            body,
            pool=state.pool,
            listing=state.listing,
            schema=state.settings.database_schema,
        )
    except EmailTaken:
        raise ProblemError(
            409, "An account with this e-mail address already exists.", title="E-mail taken"
        ) from None
    return _account(row)


@router.post(
    "/auth/token",
    responses=problem_responses(401, 422, 429),
    summary="Exchange e-mail and password for an access token",
)
async def token(body: TokenRequest, state: State, response: Response) -> TokenReply:
    # RFC 6749 section 5.1: no answer of the token endpoint is stored by anyone.
    response.headers.update(_NOT_STORED)
    try:
        return await _issue(body, state)
    except ProblemError as problem:
        problem.headers.update(_NOT_STORED)
        raise


_NOT_STORED = {"Cache-Control": "no-store", "Pragma": "no-cache"}


async def _issue(body: TokenRequest, state: State) -> TokenReply:
    throttle = state.sign_in_throttle
    wait_s = await throttle.retry_after_s(state.pool, body.email)
    if wait_s is not None:
        raise ProblemError(
            429,
            "Too many failed sign-ins for this e-mail address; try again later.",
            headers={"Retry-After": str(wait_s)},
        )
    row = await account_by_email(state.pool, body.email)
    # Unknown e-mail and wrong password: the same answer after the same work.
    matches = await verify_password(row.password_hash if row else None, body.password)
    if row is None or not matches:
        await throttle.record_failure(state.pool, body.email)
        raise unauthorized("The e-mail address or the password is wrong.")
    await throttle.clear(state.pool, body.email)
    caller = Caller(
        account_id=str(row.id),
        role=row.role,
        organization_id=str(row.organization_id) if row.organization_id else None,
    )
    issued = state.tokens.issue(caller)
    return TokenReply(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me", responses=problem_responses(401), summary="The signed-in account")
async def me(caller: CurrentCaller, pool: Pool) -> Account:
    row = await account_by_id(pool, UUID(caller.account_id))
    if row is None:
        raise unauthorized("The account of this token no longer exists.")
    return _account(row)
