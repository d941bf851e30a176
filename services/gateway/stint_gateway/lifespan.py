"""Start-up and shutdown of the gateway: logging, tracing, the pool and migrations,
channels to the services, the outbox relay, and pruning of expired idempotency keys."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI

from stint_gateway import idempotency_store
from stint_gateway.settings import GatewaySettings
from stint_gateway.sign_in_throttle import SignInThrottle
from stint_gateway.state import (
    ApplicationStub,
    Downstream,
    GatewayState,
    ListingStub,
    sign_in_throttle,
    token_issuer,
)
from stint_runtime import db, kafka
from stint_runtime.logging import configure_logging
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import migrate_only
from stint_runtime.telemetry import setup_tracing

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
LISTING_SERVICE = "stint.listing.v1.ListingService"
APPLICATION_SERVICE = "stint.application.v1.ApplicationService"
PRUNE_INTERVAL_S = 3600.0

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _downstreams(settings: GatewaySettings) -> list[Downstream]:
    wanted = [("listing", LISTING_SERVICE, settings.listing_addr)]
    if settings.application_addr:
        wanted.append(("application", APPLICATION_SERVICE, settings.application_addr))
    return [
        Downstream(
            name,
            service,
            address,
            open_channel(address, settings.internal_secret, deadline_s=settings.grpc_deadline_s),
        )
        for name, service, address in wanted
    ]


async def _prune(pool: asyncpg.Pool, throttle: SignInThrottle) -> None:
    """Expired idempotency keys and sign-in failures that left their window."""
    while True:
        try:
            keys = await idempotency_store.prune_expired(pool)
            failures = await throttle.prune(pool)
            if keys or failures:
                log.info("pruned", extra={"idempotency_keys": keys, "sign_in_failures": failures})
        except Exception:
            log.exception("pruning failed")
        await asyncio.sleep(PRUNE_INTERVAL_S)


def _state(
    settings: GatewaySettings, pool: asyncpg.Pool, downstreams: list[Downstream]
) -> GatewayState:
    channels = {d.name: d.channel for d in downstreams}
    application = channels.get("application")
    return GatewayState(
        settings=settings,
        pool=pool,
        tokens=token_issuer(settings),
        listing=ListingStub(channels["listing"]),
        application=ApplicationStub(application) if application is not None else None,
        downstreams=downstreams,
    )


def gateway_lifespan(settings: GatewaySettings, *, own_logging: bool = True) -> Lifespan:
    """``own_logging=False`` leaves the process's logging alone (tests, embedding)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if own_logging:
            configure_logging(settings.service_name, settings.log_level)
        setup_tracing(settings.service_name, settings.otlp_endpoint)
        pool = await db.create_pool(settings)
        downstreams: list[Downstream] = []
        tasks: list[asyncio.Task[None]] = []
        relay: OutboxRelay | None = None
        try:
            await migrate_only(settings, MIGRATIONS_DIR)
            downstreams = _downstreams(settings)

            def producer() -> AIOKafkaProducer:
                return kafka.make_producer(settings)

            relay = OutboxRelay(settings, pool, producer)
            tasks.append(asyncio.create_task(relay.run(), name="outbox-relay"))
            throttle = sign_in_throttle(settings)
            tasks.append(asyncio.create_task(_prune(pool, throttle), name="prune"))
            app.state.gateway = _state(settings, pool, downstreams)
            log.info("gateway started", extra={"downstreams": [d.address for d in downstreams]})
            yield
        finally:
            log.info("gateway stopping")
            if relay is not None:
                await relay.stop()
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            for downstream in downstreams:
                await downstream.channel.close()
            await pool.close()

    return lifespan
