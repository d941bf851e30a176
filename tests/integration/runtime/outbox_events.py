"""Events for the runtime tests: listing events enqueued the way a service does."""

from __future__ import annotations

import uuid
from typing import cast

import asyncpg

from stint.listing.v1 import events_pb2, listing_pb2
from stint_runtime import outbox
from stint_runtime.settings import ServiceSettings

PUBLISHED = events_pb2.ListingPublished.DESCRIPTOR.full_name
CLOSED = events_pb2.ListingClosed.DESCRIPTOR.full_name


def listing_published(
    listing_id: str, version: int = 1, size: int = 0
) -> events_pb2.ListingPublished:
    return events_pb2.ListingPublished(
        listing=listing_pb2.Listing(
            id=listing_id,
            title=f"Listing {listing_id} v{version}",
            description="x" * size,
            version=version,
        )
    )


async def enqueue(
    pool: asyncpg.Pool,
    settings: ServiceSettings,
    topic: str,
    key: str,
    event: events_pb2.ListingPublished | events_pb2.ListingClosed,
) -> uuid.UUID:
    """One committed transaction enqueuing one event."""
    async with pool.acquire() as proxy, proxy.transaction():
        return await outbox.enqueue(
            cast(asyncpg.Connection, proxy),
            topic=topic,
            key=key,
            event=event,
            schema=settings.database_schema,
        )


async def unsent_count(pool: asyncpg.Pool) -> int:
    return int(await pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
