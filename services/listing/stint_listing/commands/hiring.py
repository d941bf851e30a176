"""A hire fills a slot: counted once per application, and the listing closes as
filled when its last slot is taken."""

from __future__ import annotations

import logging
from uuid import UUID

import asyncpg

from stint_listing import events
from stint_listing.context import Context
from stint_listing.domain import lifecycle
from stint_listing.domain.listing import ListingStatus
from stint_listing.store import listings as store

__all__ = ["count_hire"]

log = logging.getLogger(__name__)


async def count_hire(
    conn: asyncpg.Connection,
    ctx: Context,
    *,
    listing_id: UUID,
    application_id: UUID,
    engagement_id: str,
) -> None:
    """Inside the caller's (the event handler's) transaction."""
    listing = await store.lock_listing(conn, listing_id)
    if listing is None:
        # No retry can make a listing appear that this service never created, so the
        # hire is logged for an operator and the partition moves on.
        log.error("hire for an unknown listing not counted", extra={"listing_id": str(listing_id)})
        return
    first_time = await store.record_hire(
        conn, listing_id=listing_id, application_id=application_id, engagement_id=engagement_id
    )
    if not first_time:
        log.info("hire already counted", extra={"application_id": str(application_id)})
        return
    filled = lifecycle.fill_slot(listing, now=ctx.clock())
    if filled is None:
        log.warning(
            "hire beyond the listing's slots not counted",
            extra={"listing_id": str(listing_id), "application_id": str(application_id)},
        )
        return
    await store.save_listing(conn, filled)
    if filled.status is not listing.status and filled.status is ListingStatus.CLOSED:
        await events.announce_closed(conn, ctx.schema, filled)
    else:
        await events.announce_updated(conn, ctx.schema, filled)
