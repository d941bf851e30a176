"""``rebuild``: the store made again from offset 0 of every partition.

The tables are dropped and made anew, then every partition is read from its beginning
without a consumer group (the service's group and its offsets are left alone), batch
by batch through the same landing as ``serve``, until each partition's position
reaches the high watermark its last fetch reported. (The embedded broker's
``end_offsets`` lags by a batch; the fetches' high watermarks do not.) A ``serve``
running meanwhile keeps landing too: both skip what the other landed, so the store
ends with every event once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition

from stint_analytics.commands.landing import land_records, reset_store
from stint_analytics.context import Context
from stint_analytics.handlers.batches import gather
from stint_analytics.settings import AnalyticsSettings

__all__ = ["Progress", "Replayed", "replay_from_zero"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
"""Told (records read, records known to exist) after every batch."""

QUIET_POLLS = 6
"""Empty polls after which a partition whose high watermark no fetch reported yet is
taken as empty."""


@dataclass(frozen=True)
class Replayed:
    records: int
    events: int
    duplicates: int
    others: int


async def replay_from_zero(
    settings: AnalyticsSettings, ctx: Context, progress: Progress | None = None
) -> Replayed:
    await asyncio.to_thread(reset_store, ctx)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-rebuild",
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
        request_timeout_ms=10_000,
    )
    await consumer.start()
    try:
        partitions = await _partitions(consumer, ctx.topics)
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        starts = await consumer.beginning_offsets(partitions) if partitions else {}
        return await _read_all(consumer, ctx, partitions, starts, progress)
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topics: tuple[str, ...]) -> list[TopicPartition]:
    existing = await consumer.topics()
    found = []
    for topic in topics:
        if topic not in existing:
            log.info("topic does not exist; nothing to rebuild from it", extra={"topic": topic})
            continue
        found += [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    return found


async def _read_all(
    consumer: AIOKafkaConsumer,
    ctx: Context,
    partitions: list[TopicPartition],
    starts: dict[TopicPartition, int],
    progress: Progress | None,
) -> Replayed:
    never = asyncio.Event()
    records = events = duplicates = others = quiet = 0
    while partitions:
        batch = await gather(consumer, ctx.land_batch, 0, never)
        quiet = 0 if batch else quiet + 1
        if batch:
            landed = await asyncio.to_thread(land_records, ctx, batch)
            records += len(batch)
            events += landed.events
            duplicates += landed.duplicates
            others += landed.others
        ends = {tp: consumer.highwater(tp) for tp in partitions}
        if progress is not None:
            known = sum(end - starts.get(tp, 0) for tp, end in ends.items() if end is not None)
            progress(records, max(known, records))
        if await _caught_up(consumer, ends, quiet):
            break
    return Replayed(records, events, duplicates, others)


async def _caught_up(
    consumer: AIOKafkaConsumer, ends: dict[TopicPartition, int | None], quiet: int
) -> bool:
    for tp, end in ends.items():
        if end is None:
            if quiet < QUIET_POLLS:
                return False
            continue
        if await consumer.position(tp) < end:
            return False
    return True
