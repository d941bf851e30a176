"""What the gateway holds while it runs: the pool, the service channels and stubs,
the token issuer and the sign-in throttle. Built at start-up (``lifespan``), read by
dependencies and middleware."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import asyncpg
import grpc
from starlette.datastructures import State

from stint_gateway.accounts.throttle import SignInThrottle
from stint_gateway.settings import GatewaySettings
from stint_gateway.stubs import (
    ApplicationStub,
    ListingStub,
    MatchingStub,
    NotificationStub,
    ReputationStub,
)
from stint_gateway.tokens import TokenIssuer

__all__ = [
    "Downstream",
    "GatewayState",
    "gateway_state",
    "sign_in_throttle",
    "token_issuer",
]


@dataclass(frozen=True)
class Downstream:
    """One service the gateway calls: its name (for /readyz), the gRPC service name
    whose health is checked, and the channel."""

    name: str
    service: str
    address: str
    channel: grpc.aio.Channel


@dataclass
class GatewayState:
    settings: GatewaySettings
    pool: asyncpg.Pool
    tokens: TokenIssuer
    sign_in_throttle: SignInThrottle
    listing: ListingStub
    application: ApplicationStub | None
    matching: MatchingStub | None = None
    notification: NotificationStub | None = None
    reputation: ReputationStub | None = None
    """None: that service is not deployed here (its routes answer 503)."""
    downstreams: list[Downstream] = field(default_factory=list)


def sign_in_throttle(settings: GatewaySettings) -> SignInThrottle:
    return SignInThrottle(
        max_failures=settings.sign_in_max_failures,
        window=timedelta(seconds=settings.sign_in_window_s),
    )


def token_issuer(settings: GatewaySettings) -> TokenIssuer:
    return TokenIssuer(
        secret=settings.jwt_secret,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_s=settings.access_token_ttl_s,
    )


def gateway_state(app_state: State) -> GatewayState:
    """The running gateway's state; a request before start-up finished has none."""
    found = getattr(app_state, "gateway", None)
    if not isinstance(found, GatewayState):
        raise RuntimeError("the gateway has not started")
    return found
