"""FastAPI dependencies as ``Annotated`` aliases, so route signatures stay short:
``caller: CurrentCaller``, ``listings: ListingClient``, ``pool: Pool``."""

from __future__ import annotations

from typing import Annotated

import asyncpg
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from stint_gateway.problems import ProblemError, forbidden, unauthorized
from stint_gateway.settings import GatewaySettings
from stint_gateway.state import ApplicationStub, GatewayState, ListingStub, gateway_state
from stint_gateway.tokens import InvalidToken
from stint_runtime.identity import Caller, set_current_caller

# Declared for /openapi.json (the "Authorize" button); the header is parsed below so
# that a malformed one is a 401 rather than silently anonymous.
_bearer = HTTPBearer(auto_error=False, description="An access token from POST /v1/auth/token.")

# Every dependency is a coroutine: FastAPI runs plain functions in a worker thread,
# which costs more than any of them does.


async def _state(request: Request) -> GatewayState:
    return gateway_state(request.app.state)


State = Annotated[GatewayState, Depends(_state)]


async def _pool(state: State) -> asyncpg.Pool:
    return state.pool


async def _settings(state: State) -> GatewaySettings:
    return state.settings


async def _listing(state: State) -> ListingStub:
    return state.listing


async def _application(state: State) -> ApplicationStub:
    if state.application is None:
        raise ProblemError(503, "The application service is not configured here.")
    return state.application


Pool = Annotated[asyncpg.Pool, Depends(_pool)]
Settings = Annotated[GatewaySettings, Depends(_settings)]
ListingClient = Annotated[ListingStub, Depends(_listing)]
ApplicationClient = Annotated[ApplicationStub, Depends(_application)]


async def _optional_caller(
    request: Request,
    state: State,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller | None:
    """The caller named by a valid bearer token, or None without an Authorization
    header. The caller is also set for this request's gRPC calls."""
    header = request.headers.get("authorization")
    caller = None
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorized("Use 'Authorization: Bearer <access_token>'.")
        try:
            caller = state.tokens.verify(token.strip())
        except InvalidToken as exc:
            raise unauthorized(str(exc)) from None
    set_current_caller(caller)
    return caller


OptionalCaller = Annotated[Caller | None, Depends(_optional_caller)]


async def _current_caller(caller: OptionalCaller) -> Caller:
    if caller is None:
        raise unauthorized("Authentication required.")
    return caller


CurrentCaller = Annotated[Caller, Depends(_current_caller)]


async def _employer(caller: CurrentCaller) -> Caller:
    if not caller.is_employer:
        raise forbidden("Only employers can do this.")
    return caller


Employer = Annotated[Caller, Depends(_employer)]
