"""FastAPI dependencies as ``Annotated`` aliases, so route signatures stay short:
``caller: CurrentCaller``, ``listings: ListingClient``, ``pool: Pool``.

The gateway authenticates (a valid bearer token, or none); who may call what is the
contract's word. A route that calls a service method names it, and ``Allowed`` refuses
a caller whose role the method's declared access does not admit, before the request
body is read; the service refuses on its own anyway, from the same declaration.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

import asyncpg
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from google.protobuf.descriptor import ServiceDescriptor

from stint_gateway.http.problems import ProblemError, forbidden, unauthorized
from stint_gateway.settings import GatewaySettings
from stint_gateway.state import GatewayState, gateway_state
from stint_gateway.stubs import (
    ApplicationStub,
    ListingStub,
    MatchingStub,
    NotificationStub,
    ReputationStub,
)
from stint_gateway.tokens import InvalidToken
from stint_runtime.contract import method_access
from stint_runtime.identity import Caller, set_current_caller

__all__ = [
    "ApplicationClient",
    "CurrentCaller",
    "ListingClient",
    "MatchingClient",
    "NotificationClient",
    "OptionalCaller",
    "Pool",
    "ReputationClient",
    "Settings",
    "State",
    "allowed",
]

T = TypeVar("T")

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


def _deployed(stub: T | None, name: str) -> T:
    if stub is None:
        raise ProblemError(503, f"The {name} service is not configured here.")
    return stub


async def _application(state: State) -> ApplicationStub:
    return _deployed(state.application, "application")


async def _matching(state: State) -> MatchingStub:
    return _deployed(state.matching, "matching")


async def _notification(state: State) -> NotificationStub:
    return _deployed(state.notification, "notification")


async def _reputation(state: State) -> ReputationStub:
    return _deployed(state.reputation, "reputation")


Pool = Annotated[asyncpg.Pool, Depends(_pool)]
Settings = Annotated[GatewaySettings, Depends(_settings)]
ListingClient = Annotated[ListingStub, Depends(_listing)]
ApplicationClient = Annotated[ApplicationStub, Depends(_application)]
MatchingClient = Annotated[MatchingStub, Depends(_matching)]
NotificationClient = Annotated[NotificationStub, Depends(_notification)]
ReputationClient = Annotated[ReputationStub, Depends(_reputation)]


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


def allowed(service: ServiceDescriptor, method: str) -> Any:
    """The signed-in caller, when the access that ``service.method`` declares admits
    them: ``Annotated[Caller, allowed(LISTINGS, "CreateListing")]``. A method that
    declares no access is open to anyone (use ``OptionalCaller``)."""
    access = method_access(service.methods_by_name[method].full_name)
    if access is None:
        raise ValueError(f"{service.name}.{method} declares no access: use OptionalCaller")

    async def admitted(caller: CurrentCaller) -> Caller:
        refusal = access.refusal(caller)
        if refusal is not None:
            raise forbidden(refusal.message)
        return caller

    return Depends(admitted)
