"""Listing events keep the listing projection; a closing listing closes the
applications still open on it, each with a reason and an event."""

from __future__ import annotations

import asyncpg

from stint.listing.v1 import events_pb2 as listing_events
from stint.listing.v1 import listing_pb2 as lpb
from stint_application.commands.closing import close_open_on_listing
from stint_application.context import Context
from stint_application.domain.listings import (
    ListingCloseReason,
    ListingStatus,
    ListingView,
    closure_for,
)
from stint_application.store import listings as store
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["SUBSCRIPTION_NAME", "listing_subscription", "listing_view"]

SUBSCRIPTION_NAME = "application.listing-events"

_STATUSES = {
    lpb.LISTING_STATUS_DRAFT: ListingStatus.DRAFT,
    lpb.LISTING_STATUS_OPEN: ListingStatus.OPEN,
    lpb.LISTING_STATUS_CLOSED: ListingStatus.CLOSED,
}
_CLOSE_REASONS = {
    lpb.CLOSE_REASON_FILLED: ListingCloseReason.FILLED,
    lpb.CLOSE_REASON_DEADLINE: ListingCloseReason.DEADLINE,
    lpb.CLOSE_REASON_WITHDRAWN: ListingCloseReason.WITHDRAWN,
}


def listing_view(listing: lpb.Listing) -> ListingView:
    """What this service keeps of a listing event; a malformed one raises (and ends in
    the dead-letter topic after the retries)."""
    status = _STATUSES.get(listing.status)
    if status is None or not listing.id or not listing.organization_id:
        raise ValueError(f"listing event without id, organization or status: {listing.id!r}")
    return ListingView(
        id=listing.id,
        organization_id=listing.organization_id,
        title=listing.title,
        status=status,
        close_reason=_CLOSE_REASONS.get(listing.close_reason),
        slots=listing.slots,
        apply_by=from_timestamp(listing.apply_by),
        duration_days=listing.duration_days,
        version=listing.version,
    )


async def _on_published(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    message = listing_events.ListingPublished.FromString(event.payload)
    await store.upsert_listing(conn, listing_view(message.listing))


async def _on_updated(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    message = listing_events.ListingUpdated.FromString(event.payload)
    await store.upsert_listing(conn, listing_view(message.listing))


def _on_closed(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = listing_events.ListingClosed.FromString(event.payload)
        view = listing_view(message.listing)
        reason = _CLOSE_REASONS.get(message.reason) or view.close_reason
        await store.upsert_listing(conn, view)
        # Locked before its applications, in the order hires lock them.
        current = await store.lock_listing(conn, view.id)
        if current is None or current.status is not ListingStatus.CLOSED:
            return
        closure = closure_for(reason, decisions_after_apply_by=ctx.decisions_after_apply_by)
        if closure is not None:
            await close_open_on_listing(conn, ctx, view.id, closure)

    return handle


def listing_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name=SUBSCRIPTION_NAME,
        topics=(topics.LISTING,),
        handlers={
            "stint.listing.v1.ListingPublished": _on_published,
            "stint.listing.v1.ListingUpdated": _on_updated,
            "stint.listing.v1.ListingClosed": _on_closed(ctx),
        },
    )
