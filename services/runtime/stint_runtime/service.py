"""The composition root every service's main calls: settings in, a running service out.

    asyncio.run(run_service(ServiceSpec(...)))

Logging, tracing, the pool, migrations, the gRPC server with health and reflection,
the outbox relay, consumers and periodic jobs; graceful stop on SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import grpc
from aiokafka import AIOKafkaProducer

from stint_runtime import db, kafka, migrations
from stint_runtime.consumer import EventConsumer, Subscription
from stint_runtime.grpc_server import GrpcServer
from stint_runtime.logging import configure_logging
from stint_runtime.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from stint_runtime.telemetry import setup_tracing

log = logging.getLogger(__name__)

Register = Callable[[grpc.aio.Server, asyncpg.Pool], None]


@dataclass(frozen=True)
class PeriodicJob:
    """A job run every ``interval_s``; it must be safe with several replicas
    (``FOR UPDATE SKIP LOCKED`` or an advisory lock)."""

    name: str
    interval_s: float
    run: Callable[[asyncpg.Pool], Awaitable[object]]


@dataclass(frozen=True)
class ServiceSpec:
    settings: ServiceSettings
    migrations_dir: Path
    register: Register
    grpc_service_names: Sequence[str]
    topics: Sequence[str] = ()
    subscriptions: Sequence[Subscription] = ()
    periodic: Sequence[PeriodicJob] = field(default_factory=tuple)


async def migrate_only(settings: ServiceSettings, migrations_dir: Path) -> list[str]:
    conn = await db.connect(settings)
    try:
        return await migrations.migrate(conn, settings.database_schema, migrations_dir)
    finally:
        await conn.close()


async def _relay_after_topics(
    relay: OutboxRelay, settings: ServiceSettings, topics: Sequence[str]
) -> None:
    """Create the service's topics (with their real partition count) before publishing:
    the embedded broker would otherwise auto-create them with 4 partitions. Retried
    while the broker is away; the outbox keeps every event meanwhile."""
    delay = 0.2
    while topics:
        try:
            await kafka.ensure_topics(settings.kafka_bootstrap_servers, topics)
            break
        except Exception as exc:
            log.warning("cannot create topics yet; retrying", extra={"error": repr(exc)})
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
    await relay.run()


async def _every(job: PeriodicJob, pool: asyncpg.Pool) -> None:
    while True:
        try:
            await job.run(pool)
        except Exception:
            log.exception("periodic job failed", extra={"job": job.name})
        await asyncio.sleep(job.interval_s)


@dataclass
class RunningService:
    """A started service: its gRPC port and parts, and how to stop it gracefully."""

    spec: ServiceSpec
    pool: asyncpg.Pool
    server: GrpcServer
    relay: OutboxRelay
    consumers: list[EventConsumer]
    tasks: list[asyncio.Task[None]]

    @property
    def grpc_port(self) -> int:
        return self.server.port

    async def stop(self) -> None:
        """Drain gRPC calls, then stop consumers and the relay together (each finishes
        its message or batch in flight), close the pool. Bounded by about three times
        ``shutdown_grace_s``."""
        await self.server.stop(self.spec.settings.shutdown_grace_s)
        await asyncio.gather(
            *(consumer.stop() for consumer in self.consumers),
            self.relay.stop(),
            return_exceptions=True,
        )
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.pool.close()


async def start_service(spec: ServiceSpec) -> RunningService:
    """Connect, migrate, serve gRPC and start the relay, consumers and periodic jobs."""
    settings = spec.settings
    setup_tracing(settings.service_name, settings.otlp_endpoint)
    pool = await db.create_pool(settings)
    await migrate_only(settings, spec.migrations_dir)

    def producer_factory() -> AIOKafkaProducer:
        return kafka.make_producer(settings)

    relay = OutboxRelay(settings, pool, producer_factory)
    consumers = [EventConsumer(settings, pool, s, producer_factory) for s in spec.subscriptions]

    async def database_ok() -> bool:
        return await db.database_is_healthy(pool)

    server = GrpcServer(
        host=settings.grpc_host,
        port=settings.grpc_port,
        internal_secret=settings.internal_secret,
        service_names=spec.grpc_service_names,
        checks=[database_ok, relay.broker_healthy],
    )
    spec.register(server.server, pool)
    await server.start()
    tasks = [asyncio.create_task(_relay_after_topics(relay, settings, spec.topics), name="relay")]
    tasks += [
        asyncio.create_task(c.run(), name=f"consumer-{s.name}")
        for c, s in zip(consumers, spec.subscriptions, strict=True)
    ]
    tasks += [asyncio.create_task(_every(j, pool), name=j.name) for j in spec.periodic]
    return RunningService(spec, pool, server, relay, consumers, tasks)


async def run_service(spec: ServiceSpec) -> None:
    """Start, then run until SIGTERM or SIGINT, then stop gracefully."""
    settings = spec.settings
    configure_logging(settings.service_name, settings.log_level)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    running = await start_service(spec)
    log.info("service started", extra={"grpc_port": running.grpc_port})
    await stopping.wait()
    log.info("stopping: draining gRPC calls, consumers and the relay")
    await running.stop()
    log.info("stopped")
