"""Event consumers of the listing service: hires fill a listing's slots."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from stint.application.v1 import events_pb2 as application_events
from stint_listing import events
from stint_listing.domain import lifecycle
from stint_listing.domain.listing import ListingStatus
from stint_listing.store import listings as listing_store
from stint_runtime.consumer import Subscription
from stint_runtime.envelope import ReceivedEvent

__all__ = ["APPLICATION_TOPIC", "SUBSCRIPTION_NAME", "application_events_subscription"]

log = logging.getLogger(__name__)

APPLICATION_TOPIC = "stint.application.v1"
SUBSCRIPTION_NAME = "listing.application-events"
HIRED = application_events.ApplicationHired.DESCRIPTOR.full_name


def _utc_now() -> datetime:
    return datetime.now(UTC)


def application_events_subscription(
    schema: str, clock: Callable[[], datetime] = _utc_now
) -> Subscription:
    """Hires from the application service, handled in the inbox's transaction."""

    async def on_hired(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        hired = application_events.ApplicationHired.FromString(event.payload)
        application = hired.application
        listing_id = UUID(application.listing_id)
        listing = await listing_store.lock_listing(conn, listing_id)
        if listing is None:
            # No retry can make a listing appear that this service never created, so
            # the hire is logged for an operator and the partition moves on.
            log.error(
                "hire for an unknown listing not counted",
                extra={"listing_id": str(listing_id), "event_id": event.event_id},
            )
            return
        first_time = await listing_store.record_hire(
            conn,
            listing_id=listing_id,
            application_id=UUID(application.id),
            engagement_id=hired.engagement_id,
        )
        if not first_time:
            log.info("hire already counted", extra={"application_id": application.id})
            return
        filled = lifecycle.fill_slot(listing, now=clock())
        if filled is None:
            log.warning(
                "hire beyond the listing's slots not counted",
                extra={"listing_id": str(listing_id), "application_id": application.id},
            )
            return
        await listing_store.save_listing(conn, filled)
        if filled.status is not listing.status and filled.status is ListingStatus.CLOSED:
            await events.announce_closed(conn, schema, filled)
        else:
            await events.announce_updated(conn, schema, filled)

    return Subscription(
        name=SUBSCRIPTION_NAME, topics=(APPLICATION_TOPIC,), handlers={HIRED: on_hired}
    )
