"""Listing events for the application service, produced to ``stint.listing.v1`` with
the envelope headers the listing service's relay writes, and waited for until the
projection shows them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.structs import RecordMetadata
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import events_pb2, listing_pb2
from stint_runtime.kafka.headers import envelope_headers
from tests.waiting import eventually

TOPIC = "stint.listing.v1"


def timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def listing(organization_id: str, **changes: Any) -> listing_pb2.Listing:
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

    key: str
    value: bytes
    headers: list[tuple[str, bytes]]
    meta: RecordMetadata | None = None
    """Where the broker put it the first time."""


@dataclass
class ListingFeed:
    producer: AIOKafkaProducer
    pool: asyncpg.Pool
    sent: list[Sent] = field(default_factory=list)

    async def send(self, event: Message, key: str) -> Sent:
        headers = envelope_headers(
            event_id=uuid.uuid4(),
            event_type=event.DESCRIPTOR.full_name,
            occurred_at=datetime.now(UTC),
            producer="listing",
            aggregate_id=key,
            trace_context={},
        )
        record = Sent(key, event.SerializeToString(), headers)
        record = replace(record, meta=await self.resend(record))
        self.sent.append(record)
        return record

    async def resend(self, record: Sent) -> RecordMetadata:
        """Deliver a produced event again, same event id (as a redelivery would)."""
        return await self.producer.send_and_wait(
            TOPIC, record.value, key=record.key.encode(), headers=record.headers
        )

    async def publish(self, organization_id: str, **changes: Any) -> listing_pb2.Listing:
        """A ListingPublished, returned once the projection holds it."""
        published = listing(organization_id, **changes)
        await self.send(events_pb2.ListingPublished(listing=published), published.id)
        await self.wait_for_version(published.id, published.version)
        return published

    async def update(self, changed: listing_pb2.Listing) -> RecordMetadata:
        sent = await self.send(events_pb2.ListingUpdated(listing=changed), changed.id)
        return sent.meta

    async def close(
        self, open_listing: listing_pb2.Listing, reason: listing_pb2.CloseReason.ValueType
    ) -> listing_pb2.Listing:
        closed = listing_pb2.Listing()
        closed.CopyFrom(open_listing)
        closed.status = listing_pb2.LISTING_STATUS_CLOSED
        closed.close_reason = reason
        closed.version = open_listing.version + 1
        await self.send(events_pb2.ListingClosed(listing=closed, reason=reason), closed.id)
        await self.wait_for_version(closed.id, closed.version)
        return closed

    async def wait_for_version(self, listing_id: str, version: int, timeout_s: float = 15) -> None:
        seen: list[int | None] = [None]

        async def reached() -> bool:
            seen[0] = await self.pool.fetchval(
                "SELECT version FROM listing_projection WHERE listing_id = $1", listing_id
            )
            return seen[0] is not None and seen[0] >= version

        await eventually(
            reached,
            lambda: f"the projection of {listing_id} to reach version {version} (it has {seen[0]})",
            timeout_s,
        )
