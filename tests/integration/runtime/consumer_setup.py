"""A running EventConsumer whose handlers record effects, and raw messages to feed it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import asyncpg
from aiokafka import AIOKafkaProducer

from stint.listing.v1 import events_pb2
from stint_runtime import kafka
from stint_runtime.inbox.consumer import EventConsumer, Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.settings import ServiceSettings
from tests.waiting import eventually


async def record_effect(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    listing = events_pb2.ListingPublished.FromString(event.payload).listing
    await conn.execute(
        "INSERT INTO effects (event_id, event_type, listing_id) VALUES ($1::uuid, $2, $3)",
        event.event_id,
        event.event_type,
        listing.id,
    )


async def effect_ids(pool: asyncpg.Pool) -> list[str]:
    rows = await pool.fetch("SELECT event_id::text AS id FROM effects")
    return [r["id"] for r in rows]


@asynccontextmanager
async def running_consumer(
    settings: ServiceSettings,
    pool: asyncpg.Pool,
    topic: str,
    handlers: Mapping[str, Handler],
) -> AsyncIterator[EventConsumer]:
    subscription = Subscription(
        name=f"{settings.service_name}-test", topics=(topic,), handlers=handlers
    )
    consumer = EventConsumer(settings, pool, subscription, lambda: kafka.make_producer(settings))
    task = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: consumer.assigned, "a partition assignment", timeout_s=20)
        yield consumer
    finally:
        await consumer.stop()
        await task


def event_message(
    event: events_pb2.ListingPublished | events_pb2.ListingClosed,
    key: str,
    event_id: uuid.UUID | None = None,
) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """Key, value and headers as the relay would publish them."""
    headers = envelope_headers(
        event_id=event_id or uuid.uuid4(),
        event_type=event.DESCRIPTOR.full_name,
        occurred_at=datetime.now(UTC),
        producer="test",
        aggregate_id=key,
        trace_context={},
    )
    return key.encode(), event.SerializeToString(), headers


async def produce(
    bootstrap_servers: str, topic: str, messages: list[tuple[bytes, bytes, list[tuple[str, bytes]]]]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for key, value, headers in messages:
            await producer.send_and_wait(topic, value=value, key=key, headers=headers)
    finally:
        await producer.stop()
