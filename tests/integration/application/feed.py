"""Listing events for the application service, produced to ``stint.listing.v1`` with
the envelope headers the listing service's relay writes, and waited for until the
projection shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import asyncpg
from aiokafka.structs import RecordMetadata
from google.protobuf.message import Message

from stint.listing.v1 import events_pb2, listing_pb2
from tests.integration.producing import Producing, Sent, open_listing, timestamp
from tests.waiting import eventually

__all__ = ["TOPIC", "ListingFeed", "Sent", "timestamp"]

TOPIC = "stint.listing.v1"


@dataclass
class ListingFeed(Producing):
    pool: asyncpg.Pool = field(kw_only=True)

    async def send(self, event: Message, key: str) -> Sent:
        return await self.produce(event, key, TOPIC)

    async def publish(self, organization_id: str, **changes: Any) -> listing_pb2.Listing:
        """A ListingPublished, returned once the projection holds it."""
        published = open_listing(organization_id, **changes)
        await self.send(events_pb2.ListingPublished(listing=published), published.id)
        await self.wait_for_version(published.id, published.version)
        return published

    async def update(self, changed: listing_pb2.Listing) -> RecordMetadata:
        sent = await self.send(events_pb2.ListingUpdated(listing=changed), changed.id)
        assert sent.meta is not None
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
