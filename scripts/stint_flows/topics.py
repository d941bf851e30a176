"""Every record of the platform's topics, read from the start without a consumer group,
as an analyst's tool reads them: what actually reached the broker."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition

from stint_runtime import topics as platform_topics

READ_IDLE_S = 1.0
"""A read ends when no record came for this long after the end offsets were reached."""


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: str
    event_id: str
    """Empty for a record without a valid envelope (a poison record)."""
    event_type: str
    producer: str
    value: bytes
    headers: dict[str, str]


async def read_all(
    bootstrap_servers: str, topics: Iterable[str] = platform_topics.ALL, timeout_s: float = 60.0
) -> list[Record]:
    """Every record now on ``topics``, in partition order."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
        max_partition_fetch_bytes=4 << 20,
        request_timeout_ms=10_000,
    )
    await consumer.start()
    try:
        await consumer.topics()
        wanted = [
            TopicPartition(topic, p)
            for topic in topics
            for p in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        consumer.assign(wanted)
        await consumer.seek_to_beginning(*wanted)
        return await asyncio.wait_for(_drain(consumer, wanted), timeout_s)
    finally:
        await consumer.stop()


async def _drain(consumer: AIOKafkaConsumer, wanted: list[TopicPartition]) -> list[Record]:
    records: list[Record] = []
    # The embedded broker's end offsets can fall short by a batch: read on until the
    # partitions stay quiet as well as past the end offsets.
    ends = await consumer.end_offsets(wanted)
    loop = asyncio.get_running_loop()
    quiet_since = loop.time()
    while True:
        batches = await consumer.getmany(timeout_ms=200, max_records=5000)
        if batches:
            quiet_since = loop.time()
        for got in batches.values():
            records += [_record(r) for r in got]
        behind = [tp for tp in wanted if await consumer.position(tp) < ends[tp]]
        if not behind and loop.time() - quiet_since > READ_IDLE_S:
            return records


def _record(raw: object) -> Record:
    headers = {k: v.decode("utf-8", "replace") for k, v in (raw.headers or ())}  # type: ignore[attr-defined]
    return Record(
        topic=raw.topic,  # type: ignore[attr-defined]
        partition=raw.partition,  # type: ignore[attr-defined]
        offset=raw.offset,  # type: ignore[attr-defined]
        key=(raw.key or b"").decode("utf-8", "replace"),  # type: ignore[attr-defined]
        event_id=headers.get("event_id", ""),
        event_type=headers.get("event_type", ""),
        producer=headers.get("producer", ""),
        value=raw.value or b"",  # type: ignore[attr-defined]
        headers=headers,
    )
