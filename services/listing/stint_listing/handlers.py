"""Event consumers of the listing service: hires fill a listing's slots."""

from __future__ import annotations

from uuid import UUID

import asyncpg

from stint.application.v1 import events_pb2 as application_events
from stint_listing.commands.hiring import count_hire
from stint_listing.context import Context
from stint_runtime import topics
from stint_runtime.inbox.consumer import Subscription
from stint_runtime.kafka.envelope import ReceivedEvent

__all__ = ["SUBSCRIPTION_NAME", "application_events_subscription"]

SUBSCRIPTION_NAME = "listing.application-events"
HIRED = application_events.ApplicationHired.DESCRIPTOR.full_name


def application_events_subscription(ctx: Context) -> Subscription:
    """Hires from the application service, handled in the inbox's transaction."""

    async def on_hired(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        hired = application_events.ApplicationHired.FromString(event.payload)
        await count_hire(
            conn,
            ctx,
            listing_id=UUID(hired.application.listing_id),
            application_id=UUID(hired.application.id),
            engagement_id=hired.engagement_id,
        )

    return Subscription(
        name=SUBSCRIPTION_NAME, topics=(topics.APPLICATION,), handlers={HIRED: on_hired}
    )
