"""The relay's recovery from a broker that lost events it had acknowledged.

The outbox keeps every row for ``outbox_retention_hours`` after it was sent, so the
events the broker lost are still here. When the ``amnesia`` watch finds a topic
short of what it acknowledged, every kept row of the topic goes back to unsent and the
relay publishes them again, in id order, so the order per key holds in the new log.
Consumers whose group offsets were lost with the broker read the topic from the start
(``auto_offset_reset='earliest'``) and their inbox skips what they had handled.

When it looks:

- at the start of every leadership: bounds from the rows kept marked sent (a relay
  started after the broker came back empty notices at once);
- before every round (one ListOffsets request, well under a millisecond next to the
  broker), so that nothing is published into a new log before the old events are,
  which would put a key's new event before its older ones;
- while idle, every ``outbox_broker_check_s``, so that events sent but not read yet
  come back without new writes;
- after every round, from the base offsets the broker acknowledged (a broker that
  restarted between the look and the round).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from stint_runtime import kafka
from stint_runtime.outbox import store as outbox_store
from stint_runtime.outbox.amnesia import AmnesiaWatch, Partition
from stint_runtime.outbox.publication import RoundResult, partition_of
from stint_runtime.settings import ServiceSettings

__all__ = ["BrokerRecall"]

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 5.0


class BrokerRecall:
    def __init__(self, settings: ServiceSettings, pool: asyncpg.Pool) -> None:
        self._settings = settings
        self._pool = pool
        self._watch = AmnesiaWatch()
        self._reader: AIOKafkaConsumer | None = None
        self._next_look_at = 0.0
        self.republished = 0
        """Rows put back to unsent since the start (for tests and logs)."""

    async def begin(self, producer: AIOKafkaProducer) -> None:
        """A new leadership: bounds from the rows the outbox keeps marked sent."""
        self._watch = AmnesiaWatch()
        self._next_look_at = 0.0
        sent = await outbox_store.sent_per_key(self._pool)
        topics = sorted({topic for topic, _, _ in sent})
        if not topics:
            return
        with contextlib.suppress(Exception):
            # Missing topics come back with their real partition count, not the
            # embedded broker's automatic 4, before anything asks for their metadata.
            await kafka.ensure_topics(self._settings.kafka_bootstrap_servers, topics)
        counts: Counter[Partition] = Counter()
        for topic in topics:
            try:
                partitions = sorted(await producer.partitions_for(topic))
            except Exception as exc:
                log.warning(
                    "no partitions for a topic yet", extra={"topic": topic, "error": repr(exc)}
                )
                continue
            for row_topic, key, rows in sent:
                if row_topic == topic:
                    counts[(topic, partition_of(key, partitions))] += rows
        self._watch.seed(counts)

    async def broker_forgot(self, *, idle: bool = False) -> bool:
        """Look at the broker's end offsets (``idle``: only every
        ``outbox_broker_check_s``); True when a topic lost records."""
        now = asyncio.get_running_loop().time()
        if not idle or now >= self._next_look_at:
            self._next_look_at = now + self._settings.outbox_broker_check_s
            await self._look()
        return bool(self._watch.forgotten())

    def acknowledged(self, result: RoundResult) -> bool:
        """Feed a round's acknowledged batches; True when one shows a loss."""
        for batch in result.batches:
            self._watch.acknowledged(batch.topic, batch.partition, batch.base_offset, batch.count)
        return bool(self._watch.forgotten())

    async def republish(self) -> None:
        """Every kept row of the topics that lost records back to unsent. Call between
        rounds, with no marking in flight and nothing read ahead."""
        evidence = self._watch.forgotten()
        if not evidence:
            return
        topics = sorted(evidence)
        rows = await outbox_store.mark_unsent(self._pool, topics)
        self._watch.forget(topics)
        self.republished += rows
        with contextlib.suppress(Exception):
            await kafka.ensure_topics(self._settings.kafka_bootstrap_servers, topics)
        log.warning(
            "the broker lost events it had acknowledged; publishing every kept event of "
            "the topic again (consumers skip what they had handled)",
            extra={
                "topics": topics,
                "rows": rows,
                "evidence": [
                    f"{e.topic}[{e.partition}]: {e.how} {e.seen}, expected at least "
                    f"{e.expected_at_least}"
                    for e in evidence.values()
                ],
            },
        )

    async def close(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(PROBE_TIMEOUT_S):
                    await reader.stop()

    async def _look(self) -> None:
        partitions = self._watch.partitions()
        if not partitions:
            return
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_S):
                reader = await self._offsets_reader()
                ends = await reader.end_offsets([TopicPartition(t, p) for t, p in partitions])
        except Exception as exc:
            # The broker is away (the round will fail and back off) or the topic is not
            # back yet: the next round looks again.
            log.debug("could not read end offsets", extra={"error": repr(exc)})
            await self.close()
            return
        self._watch.compare({(tp.topic, tp.partition): int(end) for tp, end in ends.items()})

    async def _offsets_reader(self) -> AIOKafkaConsumer:
        if self._reader is None:
            reader = kafka.make_offsets_reader(self._settings)
            try:
                await reader.start()
            except BaseException:
                with contextlib.suppress(Exception):
                    await reader.stop()
                raise
            self._reader = reader
        return self._reader
