"""Waiting until a consumer group has handled everything up to given offsets: its
committed offsets (written after each handler's transaction) pass them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import RecordMetadata

from tests.waiting import eventually


def last_offsets(produced: Iterable[RecordMetadata]) -> dict[TopicPartition, int]:
    """The highest offset produced per partition."""
    last: dict[TopicPartition, int] = {}
    for meta in produced:
        partition = TopicPartition(meta.topic, meta.partition)
        last[partition] = max(last.get(partition, -1), meta.offset)
    return last


async def wait_until_consumed(
    bootstrap_servers: str,
    group: str,
    offsets: Mapping[TopicPartition, int],
    timeout_s: float = 20.0,
) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000)
    await admin.start()
    behind: dict[TopicPartition, tuple[int | None, int]] = {}

    async def passed() -> bool:
        committed = await admin.list_consumer_group_offsets(group, partitions=list(offsets))
        behind.clear()
        behind.update(
            (tp, (committed[tp].offset if tp in committed else None, offset))
            for tp, offset in offsets.items()
            if tp not in committed or committed[tp].offset <= offset
        )
        return not behind

    try:
        await eventually(
            passed,
            lambda: f"consumer group {group} to pass the offsets: (committed, produced) {behind}",
            timeout_s,
            interval_s=0.1,
        )
    finally:
        await admin.close()
