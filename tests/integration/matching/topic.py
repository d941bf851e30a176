"""Reading a topic from its start, as any consumer outside the platform would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord

from tests.waiting import eventually


async def records_until(
    bootstrap: str,
    topic: str,
    enough: Callable[[list[ConsumerRecord[Any, Any]]], bool],
    what: str,
    timeout_s: float = 20.0,
) -> list[ConsumerRecord[Any, Any]]:
    """Every record of ``topic`` read from the start, once ``enough`` says so."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
    )
    await consumer.start()
    seen: list[ConsumerRecord[Any, Any]] = []

    async def probe() -> bool:
        batches = await consumer.getmany(timeout_ms=200)
        for records in batches.values():
            seen.extend(records)
        return enough(seen)

    try:
        await eventually(probe, what, timeout_s)
        return seen
    finally:
        await consumer.stop()


def event_type(record: ConsumerRecord[Any, Any]) -> str:
    found: bytes = dict(record.headers)["event_type"]
    return found.decode()
