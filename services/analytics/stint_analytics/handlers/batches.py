"""What both consumers do with a fetch: gather records into a batch, and say where
each partition of a batch starts and where it ends."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

__all__ = ["first_offsets", "flattened", "gather", "next_offsets"]

POLL_TIMEOUT_MS = 500


def flattened(fetched: Mapping[TopicPartition, Sequence[Any]]) -> list[Any]:
    return [record for records in fetched.values() for record in records]


async def gather(
    consumer: AIOKafkaConsumer, most: int, interval_s: float, stopping: asyncio.Event
) -> list[Any]:
    """Up to ``most`` records: what the first fetch brings, then whatever else comes
    within ``interval_s`` of it (none when nothing came within a poll)."""
    batch = flattened(await consumer.getmany(timeout_ms=POLL_TIMEOUT_MS, max_records=most))
    if not batch:
        return batch
    loop = asyncio.get_running_loop()
    deadline = loop.time() + interval_s
    while len(batch) < most and not stopping.is_set():
        left = deadline - loop.time()
        if left <= 0:
            break
        wait_ms = max(1, int(min(left, POLL_TIMEOUT_MS / 1000) * 1000))
        batch += flattened(
            await consumer.getmany(timeout_ms=wait_ms, max_records=most - len(batch))
        )
    return batch


def next_offsets(records: Iterable[Any]) -> dict[TopicPartition, int]:
    """Per partition, the offset past the last record of the batch."""
    found: dict[TopicPartition, int] = {}
    for record in records:
        tp = TopicPartition(record.topic, record.partition)
        found[tp] = max(found.get(tp, 0), record.offset + 1)
    return found


def first_offsets(records: Iterable[Any]) -> dict[TopicPartition, int]:
    """Per partition, the offset of the first record of the batch."""
    found: dict[TopicPartition, int] = {}
    for record in records:
        tp = TopicPartition(record.topic, record.partition)
        found[tp] = min(found.get(tp, record.offset), record.offset)
    return found
