"""Idempotent event consumers: one consumer group per subscription.

Messages are handled one at a time, in partition order (see ``inbox_delivery``);
the offset past a message is committed after its transaction (per fetched batch of a
partition, and whenever partitions are revoked or the consumer stops). A crash before
a commit redelivers messages whose effects are already in; the inbox skips them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from stint_runtime import kafka
from stint_runtime.backoff import Backoff, pause
from stint_runtime.inbox.delivery import Handler, MessageDelivery
from stint_runtime.kafka import ProducerFactory
from stint_runtime.kafka.starting import start_client
from stint_runtime.metrics import CONSUMER_LAG
from stint_runtime.settings import ServiceSettings
from stint_runtime.shutdown import close_within, stop_grace_s, stop_run

__all__ = ["EventConsumer", "Handler", "Subscription"]

log = logging.getLogger(__name__)

POLL_TIMEOUT_MS = 500


@dataclass(frozen=True)
class Subscription:
    """What one consumer group of a service handles."""

    name: str
    """Consumer name: the Kafka group id and the inbox's consumer column."""
    topics: tuple[str, ...]
    handlers: Mapping[str, Handler]
    """By full event type name; events of other types are recorded and skipped."""


class EventConsumer:
    """Consumes a subscription: per message, one transaction of inbox insert
    (consumer, event_id) + handler; duplicates skipped; offsets committed after the
    transaction; a failing handler is retried ``settings.consumer_max_attempts`` times
    with backoff, then the message goes to ``<topic>.dlq`` with error headers and the
    partition moves on."""

    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        subscription: Subscription,
        producer_factory: ProducerFactory,
    ) -> None:
        self._settings = settings
        self._subscription = subscription
        self._stopping = asyncio.Event()
        self._finished = asyncio.Event()
        self._delivery = MessageDelivery(
            settings,
            pool,
            subscription.name,
            subscription.handlers,
            producer_factory,
            self._stopping,
        )
        self._consumer: AIOKafkaConsumer | None = None
        self._task: asyncio.Task[None] | None = None
        # Next offset to commit per partition: past the last message handled.
        self._processed: dict[TopicPartition, int] = {}

    @property
    def assigned(self) -> bool:
        """True once the group gave this member at least one partition."""
        return self._consumer is not None and bool(self._consumer.assignment())

    async def run(self) -> None:
        self._task = asyncio.current_task()
        try:
            self._consumer = await start_client(
                self._make_consumer, self._stopping, what=self._name
            )
            if self._consumer is not None:
                await self._consume(self._consumer)
        finally:
            await self._close()
            self._finished.set()

    async def stop(self) -> None:
        """Finish the message in flight, commit, leave the group."""
        self._stopping.set()
        await stop_run(
            self._task,
            self._finished,
            stop_grace_s(self._settings),
            close=self._close,
            late="consumer did not stop in time; cancelling",
            context={"consumer": self._name},
        )

    @property
    def _name(self) -> str:
        return self._subscription.name

    def _make_consumer(self) -> AIOKafkaConsumer:
        consumer = kafka.make_consumer(self._settings, group_id=self._name, topics=())
        consumer.subscribe(list(self._subscription.topics), listener=_CommitOnRevoke(self))
        return consumer

    async def _consume(self, consumer: AIOKafkaConsumer) -> None:
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                batches = await consumer.getmany(timeout_ms=POLL_TIMEOUT_MS)
            except Exception as exc:
                log.warning("fetch failed", extra={"consumer": self._name, "error": repr(exc)})
                await pause(self._stopping, backoff.next_delay())
                continue
            backoff.reset()
            for tp, records in batches.items():
                lag = self._lag_of(consumer, tp)
                for record in records:
                    # A revoked partition belongs to another member now.
                    if self._stopping.is_set() or tp not in consumer.assignment():
                        break
                    lag(record.offset)
                    if not await self._delivery.deliver(record):
                        break
                    self._processed[tp] = record.offset + 1
                    lag(record.offset + 1)
                await self._commit(list(self._processed))

    def _lag_of(self, consumer: AIOKafkaConsumer, tp: TopicPartition) -> Callable[[int], None]:
        """Sets the partition's lag from the next offset to handle and the high watermark
        its last fetch reported."""
        gauge = CONSUMER_LAG.labels(self._name, tp.topic, str(tp.partition))

        def lag(next_offset: int) -> None:
            highwater = consumer.highwater(tp)
            if highwater is not None:
                gauge.set(max(highwater - next_offset, 0))

        return lag

    def _forget_lag(self, partitions: list[TopicPartition]) -> None:
        """Partitions that moved to another member report their lag there now."""
        for tp in partitions:
            with contextlib.suppress(KeyError):
                CONSUMER_LAG.remove(self._name, tp.topic, str(tp.partition))

    async def _commit(self, partitions: list[TopicPartition]) -> None:
        """Commit what was handled on ``partitions``; a failed commit only means a
        redelivery later, which the inbox absorbs."""
        consumer = self._consumer
        offsets = {tp: self._processed.pop(tp) for tp in partitions if tp in self._processed}
        if consumer is None or not offsets:
            return
        try:
            await consumer.commit({tp: OffsetAndMetadata(o, "") for tp, o in offsets.items()})
        except Exception as exc:
            log.warning("offset commit failed", extra={"consumer": self._name, "error": repr(exc)})
            assigned = consumer.assignment()
            for tp, offset in offsets.items():
                if tp in assigned:
                    self._processed.setdefault(tp, offset)

    async def _close(self) -> None:
        consumer = self._consumer
        if consumer is not None:
            await self._commit(list(self._processed))
            self._forget_lag(list(consumer.assignment()))
            self._consumer = None
            # Leaves the group, so the partitions move to another member at once.
            await close_within(
                consumer.stop(),
                stop_grace_s(self._settings),
                late="consumer did not leave the group in time",
            )
        await self._delivery.close()


class _CommitOnRevoke(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, owner: EventConsumer) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        await self._owner._commit(list(revoked))
        self._owner._forget_lag(list(revoked))
        # A commit that failed now is not carried into the next generation: the group
        # may be a new one on a broker that lost the log (restarted empty), where the
        # old offset would skip records never handled. The next owner starts from the
        # last committed offset; the inbox absorbs the redelivery.
        for tp in revoked:
            self._owner._processed.pop(tp, None)

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        return None
