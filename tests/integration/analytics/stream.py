"""What the topics hold, read by a consumer of its own (no group, every partition from
its beginning up to its high watermark): what the store must hold, each event once."""

from __future__ import annotations

import uuid
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from stint_runtime import topics


def _event_id(record: Any) -> str | None:
    value = dict(record.headers).get("event_id")
    try:
        return str(uuid.UUID(value.decode())) if value else None
    except ValueError:
        return None


async def event_ids_on_topics(bootstrap: str) -> list[str]:
    """The event id of every record of every platform topic (repeats kept)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, fetch_max_wait_ms=20
    )
    await consumer.start()
    try:
        await consumer.topics()
        partitions = [
            TopicPartition(t, p) for t in topics.ALL for p in consumer.partitions_for_topic(t) or ()
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        found: list[str] = []
        while True:
            batches = await consumer.getmany(timeout_ms=300)
            for records in batches.values():
                found += [i for i in map(_event_id, records) if i is not None]
            if await _caught_up(consumer, partitions):
                return found
    finally:
        await consumer.stop()


async def _caught_up(consumer: AIOKafkaConsumer, partitions: list[TopicPartition]) -> bool:
    for tp in partitions:
        end = consumer.highwater(tp)
        if end is None or await consumer.position(tp) < end:
            return False
    return True
