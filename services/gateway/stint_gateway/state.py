"""What the gateway holds while it runs: the pool, the service channels and stubs,
and the token issuer. Built in the lifespan, read by dependencies and middleware."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

import asyncpg
import grpc
from starlette.datastructures import State

from stint_gateway.settings import GatewaySettings
from stint_gateway.sign_in_throttle import SignInThrottle
from stint_gateway.tokens import TokenIssuer

# The async stub aliases exist for the type checker only; at run time the plain stub
# classes are what a grpc.aio channel gives.
if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as ApplicationStub,
    )
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as ListingStub
else:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceStub as ApplicationStub,
    )
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceStub as ListingStub

__all__ = [
    "ApplicationStub",
    "Downstream",
    "GatewayState",
    "ListingStub",
    "gateway_state",
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
    listing: ListingStub
    application: ApplicationStub | None
    downstreams: list[Downstream] = field(default_factory=list)

    @property
    def sign_in_throttle(self) -> SignInThrottle:
        return sign_in_throttle(self.settings)


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
