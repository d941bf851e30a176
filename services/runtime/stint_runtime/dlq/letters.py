"""Dead letters: events a consumer gave up on, kept in ``<topic>.dlq``.

A dead letter is the original message (key, value, headers) plus ``dlq_*`` headers
saying who failed, where and why. Listing reads the DLQ topic from its beginning;
replaying re-publishes the original message to the original topic, where the inbox
makes a second replay harmless.

    python -m stint_runtime.dlq list --topic stint.listing.v1
    python -m stint_runtime.dlq replay --topic stint.listing.v1 --event-id ID [ID ...]
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from stint_runtime.kafka import envelope
from stint_runtime.kafka.headers import KafkaRecord, RawHeaders, rfc3339
from stint_runtime.topics import dlq_topic

__all__ = [
    "DLQ_CONSUMER",
    "DLQ_ERROR",
    "DLQ_ERROR_TYPE",
    "DLQ_FAILED_AT",
    "DLQ_ORIGINAL_OFFSET",
    "DLQ_ORIGINAL_PARTITION",
    "DLQ_ORIGINAL_TOPIC",
    "DeadLetter",
    "dead_letter_headers",
    "dlq_name",
    "original_headers",
    "read_dead_letters",
    "replay",
]

DLQ_ERROR = "dlq_error"
DLQ_ERROR_TYPE = "dlq_error_type"
DLQ_ORIGINAL_TOPIC = "dlq_original_topic"
DLQ_ORIGINAL_PARTITION = "dlq_original_partition"
DLQ_ORIGINAL_OFFSET = "dlq_original_offset"
DLQ_CONSUMER = "dlq_consumer"
DLQ_FAILED_AT = "dlq_failed_at"
_PREFIX = "dlq_"
_ERROR_LIMIT = 2000


def dead_letter_headers(
    record: KafkaRecord, error: BaseException, consumer: str, failed_at: datetime | None = None
) -> list[tuple[str, bytes]]:
    """The original headers (earlier ``dlq_*`` ones dropped) plus why and where it failed."""
    moment = failed_at or datetime.now(UTC)
    return [
        *original_headers(record.headers),
        (DLQ_ERROR, (str(error) or type(error).__name__)[:_ERROR_LIMIT].encode()),
        (DLQ_ERROR_TYPE, type(error).__qualname__.encode()),
        (DLQ_ORIGINAL_TOPIC, record.topic.encode()),
        (DLQ_ORIGINAL_PARTITION, str(record.partition).encode()),
        (DLQ_ORIGINAL_OFFSET, str(record.offset).encode()),
        (DLQ_CONSUMER, consumer.encode()),
        (DLQ_FAILED_AT, rfc3339(moment).encode()),
    ]


def original_headers(headers: RawHeaders) -> list[tuple[str, bytes]]:
    return [(k, v) for k, v in headers if not k.startswith(_PREFIX)]


@dataclass(frozen=True)
class DeadLetter:
    """One message of a DLQ topic."""

    topic: str
    """The DLQ topic."""
    partition: int
    offset: int
    """Position in the DLQ topic."""
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    def header(self, name: str, default: str = "") -> str:
        for k, v in self.headers:
            if k == name:
                return v.decode("utf-8", "replace")
        return default

    @property
    def event_id(self) -> str:
        return self.header(envelope.EVENT_ID)

    @property
    def original_topic(self) -> str:
        return self.header(DLQ_ORIGINAL_TOPIC) or self.topic.removesuffix(".dlq")

    def line(self) -> str:
        """One line for the CLI's list."""
        original = (
            f"{self.original_topic}/{self.header(DLQ_ORIGINAL_PARTITION, '?')}"
            f"@{self.header(DLQ_ORIGINAL_OFFSET, '?')}"
        )
        error = f"{self.header(DLQ_ERROR_TYPE, '?')}: {self.header(DLQ_ERROR)}"
        return "  ".join(
            [
                f"{self.partition}:{self.offset}",
                self.event_id or "-",
                self.header(envelope.EVENT_TYPE, "-"),
                original,
                self.header(DLQ_CONSUMER, "-"),
                self.header(DLQ_FAILED_AT, "-"),
                error.replace("\n", " "),
            ]
        )


def dlq_name(topic: str) -> str:
    """Accept either the original topic or its DLQ."""
    return topic if topic.endswith(".dlq") else dlq_topic(topic)


async def read_dead_letters(
    bootstrap_servers: str, topic: str, *, idle_s: float = 2.0, max_s: float = 60.0
) -> list[DeadLetter]:
    """Every dead letter of ``topic`` (or its DLQ), read from the beginning until no
    message came for ``idle_s`` or ``max_s`` passed. End offsets are not asked for: the
    embedded broker reports them off by a batch."""
    name = dlq_name(topic)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=100,
        request_timeout_ms=10_000,
    )
    letters: list[DeadLetter] = []
    try:
        await consumer.start()
        # Assigning an unknown topic would make the embedded broker create it.
        if name not in await consumer.topics():
            return letters
        partitions = sorted(consumer.partitions_for_topic(name) or ())
        consumer.assign([TopicPartition(name, p) for p in partitions])
        await consumer.seek_to_beginning()
        loop = asyncio.get_running_loop()
        started = last_seen = loop.time()
        while loop.time() - started < max_s and loop.time() - last_seen < idle_s:
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                letters += [_letter(r) for r in records]
                last_seen = loop.time()
    finally:
        await consumer.stop()
    return sorted(letters, key=lambda d: (d.partition, d.offset))


async def replay(bootstrap_servers: str, letters: Sequence[DeadLetter]) -> list[DeadLetter]:
    """Re-publish each letter's original message to its original topic; returns them."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id="stint-dlq-replay",
        acks="all",
        request_timeout_ms=10_000,
    )
    try:
        await producer.start()
        for letter in letters:
            delivery = await producer.send(
                letter.original_topic,
                value=letter.value,
                key=letter.key,
                headers=original_headers(letter.headers),
            )
            await delivery
    finally:
        await producer.stop()
    return list(letters)


def _letter(record: KafkaRecord) -> DeadLetter:
    return DeadLetter(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value,
        headers=tuple((k, bytes(v or b"")) for k, v in record.headers),
    )
