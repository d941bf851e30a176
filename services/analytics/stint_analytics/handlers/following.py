"""``serve``: every topic, in the consumer group ``analytics.events``, landed as it
grows.

Per batch: gather records (up to ``analytics_land_batch``, for up to
``analytics_land_interval_s``), land them in one DuckDB transaction, and only then
commit the offsets past them. A crash between the two redelivers records whose
events are in the store already; the store skips them by event id. A batch that
cannot land (the file held too long, a full disk) is fetched again after a pause:
the consumer seeks back to its first offsets, and nothing is committed meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from stint_analytics.commands.landing import land_records
from stint_analytics.context import Context
from stint_analytics.handlers.batches import first_offsets, gather, next_offsets
from stint_analytics.settings import AnalyticsSettings
from stint_analytics.store.landing import Landed
from stint_runtime import kafka
from stint_runtime.backoff import Backoff, pause
from stint_runtime.kafka.starting import start_client
from stint_runtime.metrics import CONSUMER_EVENTS, CONSUMER_LAG
from stint_runtime.shutdown import close_within, stop_grace_s, stop_run

__all__ = ["EventFollower"]

log = logging.getLogger(__name__)


class EventFollower:
    def __init__(self, settings: AnalyticsSettings, ctx: Context) -> None:
        self._settings = settings
        self._ctx = ctx
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None
        self.landed = Landed(0, 0, 0)
        """Totals since the start, for tests and logs."""
        self.failed_landings = 0
        """Batches that could not land (and were fetched again)."""

    @property
    def assigned(self) -> bool:
        return self._consumer is not None and bool(self._consumer.assignment())

    async def run(self) -> None:
        self._task = asyncio.current_task()
        try:
            if await self._topics_exist():
                self._consumer = await start_client(
                    self._make_consumer, self._stopping, what=self._ctx.group
                )
            if self._consumer is not None:
                await self._follow(self._consumer)
        finally:
            await self._close()
            self._finished.set()

    async def stop(self) -> None:
        """Land the batch in flight, commit, leave the group."""
        self._stopping.set()
        await stop_run(
            self._task,
            self._finished,
            stop_grace_s(self._settings),
            close=self._close,
            late="analytics consumer did not stop in time; cancelling",
            context={"consumer": self._ctx.group},
        )

    async def _topics_exist(self) -> bool:
        """Every topic with its real partition count before subscribing (the embedded
        broker would create a missing one with 4); retried while the broker is away."""
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                await kafka.ensure_topics(
                    self._settings.kafka_bootstrap_servers, self._ctx.event_topics
                )
                return True
            except Exception as exc:
                log.warning("cannot create topics yet; retrying", extra={"error": repr(exc)})
                if await pause(self._stopping, backoff.next_delay()):
                    return False
        return False

    def _make_consumer(self) -> AIOKafkaConsumer:
        consumer = kafka.make_consumer(
            self._settings,
            group_id=self._ctx.group,
            topics=(),
            max_poll_records=self._ctx.land_batch,
        )
        consumer.subscribe(list(self._ctx.topics))
        return consumer

    async def _follow(self, consumer: AIOKafkaConsumer) -> None:
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                records = await gather(
                    consumer, self._ctx.land_batch, self._ctx.land_interval_s, self._stopping
                )
            except Exception as exc:
                log.warning("fetch failed", extra={"error": repr(exc)})
                await pause(self._stopping, backoff.next_delay())
                continue
            if not records:
                continue
            try:
                landed = await asyncio.to_thread(land_records, self._ctx, records)
            except Exception as exc:
                self.failed_landings += 1
                log.warning("landing failed; fetching the batch again", extra={"error": repr(exc)})
                for tp, offset in first_offsets(records).items():
                    with contextlib.suppress(Exception):
                        consumer.seek(tp, offset)
                await pause(self._stopping, backoff.next_delay())
                continue
            backoff.reset()
            self._count(landed, len(records))
            await self._commit(consumer, records)

    def _count(self, landed: Landed, records: int) -> None:
        self.landed = Landed(
            self.landed.events + landed.events,
            self.landed.duplicates + landed.duplicates,
            self.landed.others + landed.others,
        )
        group = self._ctx.group
        CONSUMER_EVENTS.labels(group, "handled").inc(landed.events)
        CONSUMER_EVENTS.labels(group, "duplicate").inc(landed.duplicates)
        CONSUMER_EVENTS.labels(group, "set_aside").inc(landed.others)
        log.info(
            "landed",
            extra={
                "records": records,
                "events": landed.events,
                "duplicates": landed.duplicates,
                "set_aside": landed.others,
            },
        )

    async def _commit(self, consumer: AIOKafkaConsumer, records: list[Any]) -> None:
        """Commit past the landed batch on the partitions still ours; a failed commit
        only means a redelivery later, which the store absorbs."""
        assigned = consumer.assignment()
        offsets = {tp: o for tp, o in next_offsets(records).items() if tp in assigned}
        if not offsets:
            return
        try:
            await consumer.commit({tp: OffsetAndMetadata(o, "") for tp, o in offsets.items()})
        except Exception as exc:
            log.warning("offset commit failed", extra={"error": repr(exc)})
        for tp, offset in offsets.items():
            highwater = consumer.highwater(tp)
            if highwater is not None:
                self._lag(tp).set(max(highwater - offset, 0))

    def _lag(self, tp: TopicPartition) -> Any:
        return CONSUMER_LAG.labels(self._ctx.group, tp.topic, str(tp.partition))

    async def _close(self) -> None:
        consumer, self._consumer = self._consumer, None
        if consumer is None:
            return
        for tp in consumer.assignment():
            with contextlib.suppress(KeyError):
                CONSUMER_LAG.remove(self._ctx.group, tp.topic, str(tp.partition))
        await close_within(
            consumer.stop(),
            stop_grace_s(self._settings),
            late="analytics consumer did not leave the group in time",
        )
