"""Publishing one round of outbox rows without ever reordering a key.

Rows are grouped by (topic, partition) in id order. Each partition gets a chain of
record batches sent one after the other: the next batch of a partition leaves only
after the broker acknowledged the previous one. A record batch is appended to the
partition whole or not at all, so after a failure no later row of any key in that
partition has been published; the chain stops and the failed rows stay unsent for
the next round. Partitions progress independently of one another.

Tracing follows OpenTelemetry's messaging conventions for batches: each event carries
the trace context of its creation (the ``outbox.enqueue`` span, in the request's trace),
which every consumer continues; the relay records one PRODUCER span per record batch,
linked to each event's context, rather than a span per event (which halved the relay's
throughput, docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from opentelemetry.trace import Span, SpanKind, StatusCode

from stint_runtime import telemetry
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.outbox.store import OutboxRow

__all__ = [
    "AckedBatch",
    "ChainFailure",
    "RoundResult",
    "chains_by_partition",
    "partition_of",
    "publish_round",
]

_tracer = telemetry.tracer(__name__)
_partitioner = DefaultPartitioner()


@dataclass(frozen=True)
class ChainFailure:
    """A partition's chain stopped: ``row_ids`` were in the batch the broker refused."""

    topic: str
    partition: int
    row_ids: list[int]
    error: str


@dataclass(frozen=True)
class AckedBatch:
    """A record batch the broker acknowledged, where it put it (``amnesia`` checks it)."""

    topic: str
    partition: int
    base_offset: int
    count: int


@dataclass
class RoundResult:
    acked: list[int] = field(default_factory=list)
    """Rows the broker acknowledged: safe to mark sent."""
    failures: list[ChainFailure] = field(default_factory=list)
    batches: list[AckedBatch] = field(default_factory=list)


def partition_of(key: str, partitions: list[int]) -> int:
    """The partition Kafka's default (murmur2) partitioner gives ``key``, as every
    client computes it."""
    return int(_partitioner(key.encode(), partitions, partitions))


def chains_by_partition(
    rows: Sequence[OutboxRow], partitions: dict[str, list[int]]
) -> dict[tuple[str, int], list[OutboxRow]]:
    """Group rows by the partition their key maps to (Kafka's default murmur2
    partitioner, as every client uses), keeping id order within each group."""
    chains: dict[tuple[str, int], list[OutboxRow]] = {}
    memo: dict[tuple[str, str], int] = {}
    for row in rows:
        where = (row.topic, row.key)
        partition = memo.get(where)
        if partition is None:
            partition = partition_of(row.key, partitions[row.topic])
            memo[where] = partition
        chains.setdefault((row.topic, partition), []).append(row)
    return chains


async def publish_round(
    producer: AIOKafkaProducer, rows: Sequence[OutboxRow], producer_name: str
) -> RoundResult:
    result = RoundResult()
    partitions: dict[str, list[int]] = {}
    publishable: list[OutboxRow] = []
    for topic in sorted({r.topic for r in rows}):
        topic_rows = [r for r in rows if r.topic == topic]
        try:
            partitions[topic] = sorted(await producer.partitions_for(topic))
            publishable += topic_rows
        except Exception as exc:
            result.failures.append(ChainFailure(topic, -1, [r.id for r in topic_rows], _text(exc)))
    chains = chains_by_partition(publishable, partitions)
    outcomes = await asyncio.gather(
        *(
            _publish_chain(producer, topic, partition, chain, producer_name)
            for (topic, partition), chain in chains.items()
        )
    )
    for acked, batches, failure in outcomes:
        result.acked += acked
        result.batches += batches
        if failure is not None:
            result.failures.append(failure)
    return result


class _NotSent(Exception):
    pass


@dataclass
class _Batch:
    builder: Any
    span: Span
    rows: list[OutboxRow] = field(default_factory=list)

    def end_spans(self, error: BaseException | None = None) -> None:
        self.span.set_attribute("messaging.batch.message_count", len(self.rows))
        if error is not None:
            self.span.record_exception(error)
            self.span.set_status(StatusCode.ERROR, _text(error))
        self.span.end()


async def _publish_chain(
    producer: AIOKafkaProducer,
    topic: str,
    partition: int,
    rows: list[OutboxRow],
    producer_name: str,
) -> tuple[list[int], list[AckedBatch], ChainFailure | None]:
    acked: list[int] = []
    placed: list[AckedBatch] = []
    batches = _batches(producer, topic, partition, rows, producer_name)
    current = next(batches, None)
    while current is not None:
        # A closed batch leaves at once instead of lingering for more records.
        current.builder.close()
        upcoming: _Batch | None = None
        try:
            delivery = await producer.send_batch(current.builder, topic, partition=partition)
            # Build the next batch while this one is on the wire; send it only after the ack.
            upcoming = next(batches, None)
            metadata = await delivery
        except Exception as exc:
            current.end_spans(exc)
            if upcoming is not None:
                upcoming.end_spans(_NotSent("an earlier batch of the partition failed"))
            failure = ChainFailure(topic, partition, [r.id for r in current.rows], _text(exc))
            return acked, placed, failure
        current.end_spans()
        acked += [r.id for r in current.rows]
        base_offset = getattr(metadata, "offset", None)
        if isinstance(base_offset, int):  # a producer that says where it put the batch
            placed.append(AckedBatch(topic, partition, base_offset, len(current.rows)))
        current = upcoming
    return acked, placed, None


def _batches(
    producer: AIOKafkaProducer,
    topic: str,
    partition: int,
    rows: list[OutboxRow],
    producer_name: str,
) -> Iterator[_Batch]:
    """Record batches as full as the producer's batch size allows, in row order."""
    batch = _new_batch(producer, topic, partition)
    for row in rows:
        headers = envelope_headers(
            event_id=row.event_id,
            event_type=row.event_type,
            occurred_at=row.occurred_at,
            producer=producer_name,
            aggregate_id=row.key,
            trace_context=row.trace_context,
        )
        key = row.key.encode()
        if _append(batch.builder, key, row.payload, headers) is None:
            # Full: hand it over and start the next one (a first record always fits).
            yield batch
            batch = _new_batch(producer, topic, partition)
            _append(batch.builder, key, row.payload, headers)
        batch.rows.append(row)
        if batch.span.is_recording():
            created = telemetry.span_context_of(row.trace_context)
            if created is not None:
                batch.span.add_link(created)
    if batch.rows:
        yield batch


def _new_batch(producer: AIOKafkaProducer, topic: str, partition: int) -> _Batch:
    span = _tracer.start_span(
        f"publish {topic}",
        kind=SpanKind.PRODUCER,
        attributes={
            "messaging.system": "kafka",
            "messaging.operation.type": "publish",
            "messaging.operation.name": "publish",
            "messaging.destination.name": topic,
            "messaging.destination.partition.id": str(partition),
        },
    )
    return _Batch(producer.create_batch(), span)


def _append(builder: Any, key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> object:
    # BatchBuilder.append returns None when the batch is full.
    return builder.append(key=key, value=value, timestamp=None, headers=headers)


def _text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
