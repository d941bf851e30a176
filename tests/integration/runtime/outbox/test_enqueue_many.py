"""Many events enqueued in one statement are published like events enqueued one by one:
every one, its own event id, key and type, in the enqueuing trace, in order per key;
and a rolled-back transaction publishes none of them."""

from __future__ import annotations

from typing import cast

import asyncpg
import pytest
from google.protobuf.message import Message
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from stint.listing.v1 import events_pb2, listing_pb2
from stint_runtime import outbox, telemetry
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from tests.integration.runtime.outbox_events import CLOSED, PUBLISHED, listing_published
from tests.integration.runtime.topic_reader import TopicReader


async def test_a_batch_is_published_event_by_event_in_the_enqueuing_trace(
    migrated: ServiceSettings,
    pool: asyncpg.Pool,
    topic: str,
    relay: OutboxRelay,
    spans: InMemorySpanExporter,
) -> None:
    keyed: list[tuple[str, Message]] = []
    for n in range(60):
        key = f"lst-many-{n % 4}"
        keyed.append((key, listing_published(key, version=n)))
    keyed.append(("lst-many-0", events_pb2.ListingClosed(listing=listing_pb2.Listing(id="x"))))

    async def rolled_back() -> None:
        async with pool.acquire() as proxy, proxy.transaction():
            conn = cast(asyncpg.Connection, proxy)
            await outbox.enqueue_many(conn, topic=topic, keyed=keyed[:5], schema="x")
            raise RuntimeError("the state change failed")

    with pytest.raises(RuntimeError):
        await rolled_back()
    assert await pool.fetchval("SELECT count(*) FROM outbox") == 0

    with telemetry.tracer("test").start_as_current_span("publish listing") as request:
        async with pool.acquire() as proxy, proxy.transaction():
            ids = await outbox.enqueue_many(
                cast(asyncpg.Connection, proxy),
                topic=topic,
                keyed=keyed,
                schema=migrated.database_schema,
            )
    assert len(set(ids)) == len(keyed)
    trace_id = format(request.get_span_context().trace_id, "032x")

    async with TopicReader(migrated.kafka_bootstrap_servers, topic) as reader:
        records = await reader.wait_for(len(keyed))
    assert len(records) == len(keyed)
    headers = [{k: v.decode() for k, v in r.headers} for r in records]
    assert sorted(h["event_id"] for h in headers) == sorted(str(i) for i in ids)
    assert all(h["traceparent"].split("-")[1] == trace_id for h in headers)
    assert [h["event_type"] for h in headers].count(CLOSED) == 1
    assert [h["event_type"] for h in headers].count(PUBLISHED) == 60
    for key in {k for k, _ in keyed}:
        versions = [
            events_pb2.ListingPublished.FromString(r.value).listing.version
            for r, h in zip(records, headers, strict=True)
            if r.key == key.encode() and h["event_type"] == PUBLISHED
        ]
        assert versions == sorted(versions), f"{key} out of order"


async def test_nothing_to_enqueue_writes_nothing(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    async with pool.acquire() as proxy, proxy.transaction():
        conn = cast(asyncpg.Connection, proxy)
        assert await outbox.enqueue_many(conn, topic=topic, keyed=[], schema="x") == []
    assert await pool.fetchval("SELECT count(*) FROM outbox") == 0
    with pytest.raises(RuntimeError, match="inside"):
        async with pool.acquire() as proxy:
            await outbox.enqueue_many(
                cast(asyncpg.Connection, proxy), topic=topic, keyed=[("k", keyed_one())], schema="x"
            )


def keyed_one() -> Message:
    return listing_published("lst-one")
