"""Starting and stopping what a ``ServiceSpec`` declares: settings in, a running
service out.

    asyncio.run(run_service(ServiceSpec(...)))

Logging, tracing, the pool, migrations, the gRPC server with health and reflection,
the outbox relay, consumers and periodic jobs; graceful stop on SIGTERM/SIGINT.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaProducer

from stint_runtime import db, kafka
from stint_runtime.backoff import Backoff
from stint_runtime.db import migrations
from stint_runtime.inbox.consumer import EventConsumer
from stint_runtime.logging import configure_logging
from stint_runtime.metrics import MetricsServer, serve_metrics
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.rpc.server import GrpcServer
from stint_runtime.service.spec import PeriodicJob, ServiceSpec
from stint_runtime.settings import ServiceSettings
from stint_runtime.telemetry import setup_tracing

__all__ = ["RunningService", "migrate_only", "run_service", "start_service"]

log = logging.getLogger(__name__)


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
    backoff = Backoff()
    while topics:
        try:
            await kafka.ensure_topics(settings.kafka_bootstrap_servers, topics)
            break
        except Exception as exc:
            log.warning("cannot create topics yet; retrying", extra={"error": repr(exc)})
            await asyncio.sleep(backoff.next_delay())
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
    """A started service: its pool, gRPC port and parts, and how to stop it gracefully."""

    spec: ServiceSpec
    pool: asyncpg.Pool
    server: GrpcServer | None
    relay: OutboxRelay
    consumers: list[EventConsumer]
    tasks: list[asyncio.Task[None]]
    metrics: MetricsServer | None = None

    @property
    def grpc_port(self) -> int:
        if self.server is None:
            raise RuntimeError("this service has no gRPC server")
        return self.server.port

    async def stop(self) -> None:
        """Drain gRPC calls, then stop consumers and the relay together (each finishes
        its message or batch in flight), close the pool. Bounded by about three times
        ``shutdown_grace_s``."""
        if self.server is not None:
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
        if self.metrics is not None:
            await asyncio.to_thread(self.metrics.stop)
        await self.pool.close()


async def start_service(spec: ServiceSpec) -> RunningService:
    """Connect, migrate, serve gRPC (when the spec registers servicers) and start the
    relay, consumers and periodic jobs."""
    settings = spec.settings
    setup_tracing(settings.service_name, settings.otlp_endpoint)
    pool = await db.create_pool(settings)
    await migrate_only(settings, spec.migrations_dir)

    def producer_factory() -> AIOKafkaProducer:
        return kafka.make_producer(settings)

    relay = OutboxRelay(settings, pool, producer_factory)
    consumers = [EventConsumer(settings, pool, s, producer_factory) for s in spec.subscriptions]
    server = await _serve_grpc(spec, pool, relay) if spec.register is not None else None
    tasks = [asyncio.create_task(_relay_after_topics(relay, settings, spec.topics), name="relay")]
    tasks += [
        asyncio.create_task(c.run(), name=f"consumer-{s.name}")
        for c, s in zip(consumers, spec.subscriptions, strict=True)
    ]
    tasks += [asyncio.create_task(_every(j, pool), name=j.name) for j in spec.periodic]
    metrics = None
    if settings.metrics_port:
        metrics = serve_metrics(settings.metrics_host, settings.metrics_port)
    return RunningService(spec, pool, server, relay, consumers, tasks, metrics)


async def _serve_grpc(spec: ServiceSpec, pool: asyncpg.Pool, relay: OutboxRelay) -> GrpcServer:
    settings = spec.settings
    assert spec.register is not None

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
    return server


async def run_service(spec: ServiceSpec) -> None:
    """Start, then run until SIGTERM or SIGINT, then stop gracefully."""
    settings = spec.settings
    configure_logging(settings.service_name, settings.log_level)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    running = await start_service(spec)
    log.info("service started", extra={"grpc_port": running.server and running.server.port})
    await stopping.wait()
    log.info("stopping: draining gRPC calls, consumers and the relay")
    await running.stop()
    log.info("stopped")
