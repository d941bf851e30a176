"""Producing events as the platform's relays do, for tests that feed a service directly:
the envelope headers a relay writes (event id, type, producer, key), on the topic of
the event's package, each kept so that a test can deliver it again (the same event id,
as a redelivery would, or a new one, as a producer publishing a change twice would)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.structs import RecordMetadata
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import listing_pb2
from stint_runtime import topics
from stint_runtime.kafka.headers import envelope_headers

__all__ = ["Producing", "Sent", "open_listing", "timestamp"]

# Who publishes each topic: the gateway the identity topic, every other its service.
PRODUCERS = {topics.IDENTITY: "gateway"}


def timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def open_listing(organization_id: str, **changes: Any) -> listing_pb2.Listing:
    """An open listing as a ListingPublished event carries it."""
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "organization_id": organization_id,
        "organization_name": "Northwind Labs",
        "title": "Build a churn dashboard",
        "industry": "software",
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": common_pb2.Money(amount_cents=40_000, currency="EUR"),
        "remote": True,
        "apply_by": timestamp(now + timedelta(days=7)),
        "slots": 1,
        "status": listing_pb2.LISTING_STATUS_OPEN,
        "created_at": timestamp(now),
        "published_at": timestamp(now),
        "updated_at": timestamp(now),
        "version": 2,
    }
    values.update(changes)
    return listing_pb2.Listing(**values)


@dataclass(frozen=True)
class Sent:
    """One produced event, kept so that a test can deliver it again."""

    topic: str
    key: str
    value: bytes
    headers: list[tuple[str, bytes]]
    meta: RecordMetadata | None = None
    """Where the broker put it the first time."""


@dataclass
class Producing:
    producer: AIOKafkaProducer
    sent: list[Sent] = field(default_factory=list)

    async def produce(self, event: Message, key: str, topic: str = "") -> Sent:
        """``event`` on its package's topic (or ``topic``), keyed by ``key``."""
        topic = topic or event.DESCRIPTOR.file.package
        headers = envelope_headers(
            event_id=uuid.uuid4(),
            event_type=event.DESCRIPTOR.full_name,
            occurred_at=datetime.now(UTC),
            producer=PRODUCERS.get(topic, topic.split(".")[1]),
            aggregate_id=key,
            trace_context={},
        )
        record = Sent(topic, key, event.SerializeToString(), list(headers))
        record = Sent(record.topic, key, record.value, record.headers, await self.resend(record))
        self.sent.append(record)
        return record

    async def resend(self, record: Sent, *, new_id: bool = False) -> RecordMetadata:
        """Deliver a produced event again: the same event id (a redelivery), or a new
        one (a producer that published the same change twice)."""
        headers = record.headers
        if new_id:
            fresh = str(uuid.uuid4()).encode()
            headers = [(k, fresh if k == "event_id" else v) for k, v in headers]
        meta: RecordMetadata = await self.producer.send_and_wait(
            record.topic, record.value, key=record.key.encode(), headers=headers
        )
        return meta
