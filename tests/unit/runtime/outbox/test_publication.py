"""The relay's per-partition chains against a broker double: order kept, and nothing
after a refused batch published."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka.errors import KafkaTimeoutError, UnknownTopicOrPartitionError
from aiokafka.partitioner import murmur2

from stint_runtime.outbox.publication import chains_by_partition, publish_round
from stint_runtime.outbox.store import OutboxRow

TOPIC = "stint.listing.v1"


def rows(count: int, keys: int, topic: str = TOPIC, first_id: int = 1) -> list[OutboxRow]:
    return [
        OutboxRow(
            id=first_id + n,
            event_id=uuid.uuid4(),
            topic=topic,
            key=f"lst-{n % keys}",
            event_type="stint.listing.v1.ListingPublished",
            payload=b"x",
            trace_context={},
            occurred_at=datetime(2024, 5, 1, tzinfo=UTC),
        )
        for n in range(count)
    ]


class Builder:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.event_ids: list[str] = []
        self.closed = False

    def append(
        self, *, key: bytes, value: bytes, timestamp: None, headers: list[tuple[str, bytes]]
    ) -> object:
        if self.closed or len(self.event_ids) >= self.capacity:
            return None
        self.event_ids.append(dict(headers)["event_id"].decode())
        return object()

    def close(self) -> None:
        self.closed = True


class Broker:
    """Accepts record batches; ``refuse(topic, partition, n)`` fails the n-th batch."""

    def __init__(self, refuse: Callable[[str, int, int], bool] = lambda *_: False) -> None:
        self.refuse = refuse
        self.appended: dict[tuple[str, int], list[str]] = {}
        self.batches: dict[tuple[str, int], int] = {}
        self.in_flight: set[tuple[str, int]] = set()
        self.missing_topics: set[str] = set()

    async def partitions_for(self, topic: str) -> set[int]:
        if topic in self.missing_topics:
            raise UnknownTopicOrPartitionError()
        return {0, 1, 2}

    def create_batch(self) -> Builder:
        return Builder(capacity=3)

    async def send_batch(
        self, batch: Builder, topic: str, *, partition: int
    ) -> asyncio.Future[None]:
        tp = (topic, partition)
        assert tp not in self.in_flight, "a batch left before the previous one was acked"
        assert batch.closed, "an open batch would linger"
        self.in_flight.add(tp)
        n = self.batches.get(tp, 0)
        self.batches[tp] = n + 1
        delivery: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def settle() -> None:
            self.in_flight.discard(tp)
            if self.refuse(topic, partition, n):
                delivery.set_exception(KafkaTimeoutError())
            else:
                self.appended.setdefault(tp, []).extend(batch.event_ids)
                delivery.set_result(None)

        asyncio.get_running_loop().call_later(0.001, settle)
        return delivery


def test_a_key_always_maps_to_the_partition_kafka_clients_choose() -> None:
    chains = chains_by_partition(rows(30, keys=7), {TOPIC: [0, 1, 2]})
    for (_, partition), chain in chains.items():
        for row in chain:
            assert partition == (murmur2(row.key.encode()) & 0x7FFFFFFF) % 3
        assert [r.id for r in chain] == sorted(r.id for r in chain)


async def test_every_row_is_published_in_id_order_per_partition() -> None:
    broker = Broker()
    batch = rows(40, keys=9)
    result = await publish_round(broker, batch, "listing")
    assert sorted(result.acked) == [r.id for r in batch]
    assert result.failures == []
    chains = chains_by_partition(batch, {TOPIC: [0, 1, 2]})
    for tp, chain in chains.items():
        assert broker.appended[tp] == [str(r.event_id) for r in chain]


async def test_a_refused_batch_stops_its_partition_and_only_its_partition() -> None:
    batch = rows(40, keys=9)
    chains = chains_by_partition(batch, {TOPIC: [0, 1, 2]})
    failing = max(chains, key=lambda tp: len(chains[tp]))
    broker = Broker(refuse=lambda t, p, n: (t, p) == failing and n == 1)

    result = await publish_round(broker, batch, "listing")

    chain = chains[failing]
    assert broker.batches[failing] == 2, "nothing of the partition left after the refusal"
    (failure,) = result.failures
    assert (failure.topic, failure.partition) == failing
    assert failure.row_ids == [r.id for r in chain[3:6]]
    assert "KafkaTimeoutError" in failure.error
    others = [r.id for tp, c in chains.items() if tp != failing for r in c]
    assert sorted(result.acked) == sorted(others + [r.id for r in chain[:3]])


async def test_a_topic_without_metadata_fails_alone() -> None:
    broker = Broker()
    broker.missing_topics.add("stint.gone.v1")
    gone = rows(4, keys=2, topic="stint.gone.v1", first_id=100)
    kept = rows(5, keys=2)
    result = await publish_round(broker, kept + gone, "listing")
    assert sorted(result.acked) == [r.id for r in kept]
    (failure,) = result.failures
    assert failure.topic == "stint.gone.v1" and failure.row_ids == [r.id for r in gone]
