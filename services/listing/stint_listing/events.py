"""The listing's events on ``stint.listing.v1``, written to the outbox inside the
transaction of the change they announce. Each carries the whole listing."""

from __future__ import annotations

import asyncpg
from google.protobuf.message import Message

from stint.listing.v1 import events_pb2
from stint_listing.domain.listing import Listing
from stint_listing.wire import close_reason_message, listing_message
from stint_runtime import outbox, topics

__all__ = ["announce_closed", "announce_published", "announce_updated"]


async def _emit(conn: asyncpg.Connection, schema: str, listing: Listing, event: Message) -> None:
    await outbox.enqueue(
        conn, topic=topics.LISTING, key=str(listing.id), event=event, schema=schema
    )


async def announce_published(conn: asyncpg.Connection, schema: str, listing: Listing) -> None:
    await _emit(
        conn, schema, listing, events_pb2.ListingPublished(listing=listing_message(listing))
    )


async def announce_updated(conn: asyncpg.Connection, schema: str, listing: Listing) -> None:
    await _emit(conn, schema, listing, events_pb2.ListingUpdated(listing=listing_message(listing)))


async def announce_closed(conn: asyncpg.Connection, schema: str, listing: Listing) -> None:
    event = events_pb2.ListingClosed(
        listing=listing_message(listing), reason=close_reason_message(listing.close_reason)
    )
    await _emit(conn, schema, listing, event)
