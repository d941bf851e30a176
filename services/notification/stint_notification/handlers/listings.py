"""Listing events keep the listing projection (titles, apply-by, status); a moved
apply-by moves the apply-by reminders; a listing the platform closed tells its
employer, and no student is reminded to apply to it any more."""

from __future__ import annotations

import asyncpg

from stint.listing.v1 import events_pb2 as listing_events
from stint.listing.v1 import listing_pb2 as lpb
from stint_notification.commands import reminding
from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.matches import listing_closed_message
from stint_notification.domain.records import ListingView
from stint_notification.domain.reminders import ReminderKind
from stint_notification.domain.schedule import reminder_at
from stint_notification.store import projections
from stint_notification.store.reminders import move_deadline
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["listing_subscription", "listing_view"]

_STATUSES = {
    lpb.LISTING_STATUS_DRAFT: "draft",
    lpb.LISTING_STATUS_OPEN: "open",
    lpb.LISTING_STATUS_CLOSED: "closed",
}
_CLOSE_REASONS = {
    lpb.CLOSE_REASON_FILLED: "filled",
    lpb.CLOSE_REASON_DEADLINE: "deadline",
    lpb.CLOSE_REASON_WITHDRAWN: "withdrawn",
}


def listing_view(listing: lpb.Listing) -> ListingView:
    status = _STATUSES.get(listing.status)
    if status is None or not listing.id or not listing.organization_id:
        raise ValueError(f"listing event without id, organization or status: {listing.id!r}")
    return ListingView(
        listing_id=listing.id,
        organization_id=listing.organization_id,
        organization_name=listing.organization_name,
        title=listing.title,
        status=status,
        apply_by=from_timestamp(listing.apply_by),
        version=listing.version,
    )


async def _on_published(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    message = listing_events.ListingPublished.FromString(event.payload)
    await projections.upsert_listing(conn, listing_view(message.listing))


def _on_updated(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        view = listing_view(listing_events.ListingUpdated.FromString(event.payload).listing)
        await projections.upsert_listing(conn, view)
        current = await projections.get_listing(conn, view.listing_id)
        if current is not None and current.version == view.version:
            now = ctx.clock()
            moment = reminder_at(view.apply_by, ctx.reminder_lead, now)
            await move_deadline(
                conn, ReminderKind.APPLY_BY, view.listing_id, view.apply_by, moment, now
            )

    return handle


def _on_closed(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = listing_events.ListingClosed.FromString(event.payload)
        view = listing_view(message.listing)
        await projections.upsert_listing(conn, view)
        await reminding.cancel(conn, ctx, ReminderKind.APPLY_BY, view.listing_id)
        reason = _CLOSE_REASONS.get(message.reason) or _CLOSE_REASONS.get(
            message.listing.close_reason, ""
        )
        told = listing_closed_message(
            event.event_id, view.listing_id, view.organization_id, view.title, reason
        )
        if told is not None:
            await tell(conn, ctx, [told])

    return handle


def listing_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name="notification.listing-events",
        topics=(topics.LISTING,),
        handlers={
            "stint.listing.v1.ListingPublished": _on_published,
            "stint.listing.v1.ListingUpdated": _on_updated(ctx),
            "stint.listing.v1.ListingClosed": _on_closed(ctx),
        },
    )
