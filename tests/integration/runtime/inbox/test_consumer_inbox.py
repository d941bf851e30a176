"""Idempotent consumption: a duplicate has no second effect; a poison event goes to
the DLQ with its error and the partition moves on."""

from __future__ import annotations

import asyncpg
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from stint.listing.v1 import events_pb2
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.settings import ServiceSettings
from stint_runtime.topics import dlq_topic
from tests.integration.runtime.consumer_setup import (
    effect_ids,
    event_message,
    produce,
    record_effect,
    running_consumer,
)
from tests.integration.runtime.outbox_events import CLOSED, PUBLISHED, listing_published
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually


async def always_fails(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    raise RuntimeError(f"cannot close {event.aggregate_id}")


async def test_duplicates_have_one_effect_and_a_poison_event_is_dead_lettered(
    migrated: ServiceSettings, pool: asyncpg.Pool, topic: str
) -> None:
    key = "lst-inbox-1"
    twice = event_message(listing_published(key, 1), key)
    poison = event_message(events_pb2.ListingClosed(listing=listing_published(key).listing), key)
    after = event_message(listing_published(key, 2), key)
    unnamed = (key.encode(), b"not an event", [("event_type", PUBLISHED.encode())])
    bootstrap = migrated.kafka_bootstrap_servers
    handlers = {PUBLISHED: record_effect, CLOSED: always_fails}

    async with running_consumer(migrated, pool, topic, handlers) as consumer:
        await produce(bootstrap, topic, [twice, twice, poison, unnamed, after])
        after_id = dict(after[2])["event_id"].decode()

        async def handled_after() -> bool:
            return after_id in await effect_ids(pool)

        await eventually(handled_after, "the event after the poison one", timeout_s=20)
        assert consumer.assigned

    twice_id = dict(twice[2])["event_id"].decode()
    assert sorted(await effect_ids(pool)) == sorted([twice_id, after_id])
    inbox = await pool.fetch('SELECT event_id::text AS id, "offset" FROM inbox ORDER BY "offset"')
    poison_id = dict(poison[2])["event_id"].decode()
    assert [r["id"] for r in inbox] == [twice_id, after_id], "the poison event left no receipt"

    async with TopicReader(bootstrap, dlq_topic(topic)) as dlq:
        dead = await dlq.wait_for(2)
    by_error = {dict(r.headers)["dlq_error_type"].decode(): r for r in dead}
    assert set(by_error) == {"RuntimeError", "InvalidEnvelope"}
    letter = by_error["RuntimeError"]
    headers = {k: v.decode() for k, v in letter.headers}
    assert letter.key == key.encode() and letter.value == poison[1]
    assert headers["event_id"] == poison_id and headers["event_type"] == CLOSED
    assert headers["dlq_error"] == f"cannot close {key}"
    assert headers["dlq_original_topic"] == topic
    assert headers["dlq_consumer"] == f"{migrated.service_name}-test"
    assert headers["dlq_failed_at"].endswith("Z")
    original = (int(headers["dlq_original_partition"]), int(headers["dlq_original_offset"]))
    async with TopicReader(bootstrap, topic) as source:
        messages = await source.wait_for(5)
    positions = {
        dict(m.headers).get("event_id", b"").decode(): (m.partition, m.offset) for m in messages
    }
    assert original == positions[poison_id]

    # Stopping committed the offset past the last message of the partition.
    partition, last_offset = max((m.partition, m.offset) for m in messages)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        tp = TopicPartition(topic, partition)
        committed = await admin.list_consumer_group_offsets(
            f"{migrated.service_name}-test", partitions=[tp]
        )
    finally:
        await admin.close()
    assert committed[tp].offset == last_offset + 1
