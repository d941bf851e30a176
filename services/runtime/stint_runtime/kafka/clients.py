"""Kafka clients configured for both real Kafka and the embedded broker (Tansu):
acks=all, idempotence only when configured, group timings that rebalance quickly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from stint_runtime.settings import ServiceSettings
from stint_runtime.topics import dlq_topic

log = logging.getLogger(__name__)

DEFAULT_PARTITIONS = 3

ProducerFactory = Callable[[], AIOKafkaProducer]
"""Makes a new (unstarted) producer: aiokafka clients cannot be started twice."""


def make_producer(settings: ServiceSettings, **overrides: object) -> AIOKafkaProducer:
    options: dict[str, object] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": f"{settings.service_name}-producer",
        "acks": "all",
        "enable_idempotence": settings.kafka_idempotence,
        "linger_ms": 5,
        "request_timeout_ms": 10_000,
        "retry_backoff_ms": 200,
    }
    options.update(overrides)
    return AIOKafkaProducer(**options)


def make_consumer(
    settings: ServiceSettings, group_id: str, topics: Iterable[str], **overrides: object
) -> AIOKafkaConsumer:
    options: dict[str, object] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": f"{settings.service_name}-{group_id}",
        "group_id": group_id,
        "enable_auto_commit": False,
        # 'latest' is unreliable on the embedded broker; the inbox makes 'earliest' safe.
        "auto_offset_reset": "earliest",
        "session_timeout_ms": 6_000,
        "heartbeat_interval_ms": 1_000,
        # How long a rebalance waits for known members to rejoin (aiokafka's default is
        # max_poll_interval, 5 min): a member gone in the middle of a join would hold
        # up the whole group that long. Ours rejoin within a poll (0.5 s).
        "rebalance_timeout_ms": 10_000,
        "request_timeout_ms": 10_000,
        "fetch_max_wait_ms": 50,
        "max_poll_records": 200,
    }
    options.update(overrides)
    return AIOKafkaConsumer(*topics, **options)


def make_offsets_reader(settings: ServiceSettings, **overrides: object) -> AIOKafkaConsumer:
    """A consumer in no group that only asks for partitions' offsets (the relay checks
    that the broker still holds what it acknowledged)."""
    options: dict[str, object] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "client_id": f"{settings.service_name}-offsets",
        "group_id": None,
        "enable_auto_commit": False,
        "request_timeout_ms": 5_000,
    }
    options.update(overrides)
    return AIOKafkaConsumer(**options)


async def ensure_topics(
    bootstrap_servers: str, topics: Iterable[str], partitions: int = DEFAULT_PARTITIONS
) -> None:
    """Create each topic (and its ``.dlq``) with its real partition count if missing.

    The embedded broker auto-creates unknown topics with 4 partitions on first use, so
    every topic is created explicitly before anything produces to it.
    """
    wanted = sorted({t for topic in topics for t in (topic, dlq_topic(topic))})
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in wanted if t not in existing]
        for name in missing:
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(
                    [NewTopic(name=name, num_partitions=partitions, replication_factor=1)]
                )
        if missing:
            log.info("created topics", extra={"topics": missing})
    finally:
        await admin.close()


async def wait_for_broker(bootstrap_servers: str, timeout_s: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=3_000)
        try:
            await admin.start()
            await admin.list_topics()
            return
        except Exception:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.3)
        finally:
            await admin.close()


async def broker_is_healthy(producer: AIOKafkaProducer) -> bool:
    """True when the producer can reach a broker now."""
    try:
        async with asyncio.timeout(2):
            client = producer.client
            node = client.get_random_node()
            if node is None:
                await client.force_metadata_update()
                node = client.get_random_node()
            return node is not None and bool(await client.ready(node))
    except Exception:
        return False
