"""Start-up and shutdown of the gateway, built from the runtime's service plumbing
(``start_service``: tracing, the pool, migrations, the outbox relay after its topic
exists, periodic jobs) without a gRPC server of its own, plus the channels to the
services it calls."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from fastapi import FastAPI
from google.protobuf.descriptor import FileDescriptor

from stint.application.v1 import application_service_pb2
from stint.listing.v1 import listing_service_pb2
from stint.matching.v1 import matching_service_pb2
from stint.notification.v1 import notification_service_pb2
from stint.reputation.v1 import reputation_service_pb2
from stint_gateway.accounts.throttle import SignInThrottle
from stint_gateway.idempotency import store as idempotency_store
from stint_gateway.settings import GatewaySettings
from stint_gateway.state import Downstream, GatewayState, sign_in_throttle, token_issuer
from stint_gateway.stubs import (
    ApplicationStub,
    ListingStub,
    MatchingStub,
    NotificationStub,
    ReputationStub,
)
from stint_runtime import topics
from stint_runtime.logging import configure_logging
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import PeriodicJob, ServiceSpec, start_service

__all__ = ["MIGRATIONS", "gateway_lifespan"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
PRUNE_INTERVAL_S = 3600.0


def _service(file: FileDescriptor) -> str:
    (service,) = file.services_by_name.values()
    return str(service.full_name)


# The services the gateway calls: name (its settings' <name>_addr, its /readyz check)
# and the gRPC service whose health is checked.
SERVICES = {
    "listing": _service(listing_service_pb2.DESCRIPTOR),
    "application": _service(application_service_pb2.DESCRIPTOR),
    "matching": _service(matching_service_pb2.DESCRIPTOR),
    "notification": _service(notification_service_pb2.DESCRIPTOR),
    "reputation": _service(reputation_service_pb2.DESCRIPTOR),
}

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _downstreams(settings: GatewaySettings) -> list[Downstream]:
    """A channel to each service deployed here (the listing service always is)."""
    found: list[Downstream] = []
    for name, service in SERVICES.items():
        address = str(getattr(settings, f"{name}_addr"))
        if address or name == "listing":
            channel = open_channel(
                address, settings.internal_secret, deadline_s=settings.grpc_deadline_s
            )
            found.append(Downstream(name, service, address, channel))
    return found


def _pruning(throttle: SignInThrottle) -> PeriodicJob:
    """Expired idempotency keys and sign-in failures that left their window."""

    async def prune(pool: asyncpg.Pool) -> None:
        keys = await idempotency_store.prune_expired(pool)
        failures = await throttle.prune(pool)
        if keys or failures:
            log.info("pruned", extra={"idempotency_keys": keys, "sign_in_failures": failures})

    return PeriodicJob("gateway-prune", PRUNE_INTERVAL_S, prune)


def gateway_lifespan(settings: GatewaySettings, *, own_logging: bool = True) -> Lifespan:
    """``own_logging=False`` leaves the process's logging alone (tests, embedding)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if own_logging:
            configure_logging(settings.service_name, settings.log_level)
        throttle = sign_in_throttle(settings)
        running = await start_service(
            ServiceSpec(
                settings=settings,
                migrations_dir=MIGRATIONS,
                topics=[topics.IDENTITY],
                periodic=[_pruning(throttle)],
            )
        )
        downstreams = _downstreams(settings)
        try:
            channels = {d.name: d.channel for d in downstreams}

            def stub(name: str, make: Any) -> Any:
                return make(channels[name]) if name in channels else None

            app.state.gateway = GatewayState(
                settings=settings,
                pool=running.pool,
                tokens=token_issuer(settings),
                sign_in_throttle=throttle,
                listing=ListingStub(channels["listing"]),
                application=stub("application", ApplicationStub),
                matching=stub("matching", MatchingStub),
                notification=stub("notification", NotificationStub),
                reputation=stub("reputation", ReputationStub),
                downstreams=downstreams,
            )
            log.info("gateway started", extra={"downstreams": [d.address for d in downstreams]})
            yield
        finally:
            log.info("gateway stopping")
            await running.stop()
            for downstream in downstreams:
                await downstream.channel.close()

    return lifespan
