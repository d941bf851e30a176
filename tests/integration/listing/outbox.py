"""Reading the listing service's outbox: what it announced, in commit order."""

from __future__ import annotations

import asyncpg
from google.protobuf.message import Message

from stint.listing.v1 import events_pb2

_TYPES: dict[str, type[Message]] = {
    t.DESCRIPTOR.full_name: t
    for t in (events_pb2.ListingPublished, events_pb2.ListingUpdated, events_pb2.ListingClosed)
}


async def announced(pool: asyncpg.Pool, listing_id: str) -> list[Message]:
    """Every event written for ``listing_id``, decoded, oldest first."""
    rows = await pool.fetch(
        "SELECT event_type, payload FROM outbox WHERE key = $1 ORDER BY id", listing_id
    )
    return [_TYPES[row["event_type"]].FromString(row["payload"]) for row in rows]
