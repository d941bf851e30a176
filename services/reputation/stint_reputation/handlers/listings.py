"""Listing events: the whole listing (its title, description, industry, skills, hours
and organization's name), and the credentials of completions that arrived first."""

from __future__ import annotations

import asyncpg
from google.protobuf.message import Message

from stint.listing.v1 import events_pb2 as ev
from stint.listing.v1 import listing_pb2 as lpb
from stint_reputation.commands.completing import settle_completion
from stint_reputation.context import Context
from stint_reputation.domain.projections import ListingView
from stint_reputation.store import projections as store
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent

__all__ = ["SUBSCRIPTION_NAME", "listing_subscription", "listing_view"]

SUBSCRIPTION_NAME = "reputation.listing-events"
_EVENTS: tuple[type[Message], ...] = (ev.ListingPublished, ev.ListingUpdated, ev.ListingClosed)


def listing_view(m: lpb.Listing) -> ListingView:
    if not (m.id and m.organization_id):
        raise ValueError(f"listing event without id or organization: {m.id!r}")
    return ListingView(
        id=m.id,
        organization_id=m.organization_id,
        organization_name=m.organization_name,
        title=m.title,
        description=m.description,
        industry=m.industry,
        skills=tuple(skill.name for skill in m.skills),
        estimated_hours=m.estimated_hours,
        version=m.version,
    )


def _on_listing(ctx: Context, kind: type[Message]) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = kind.FromString(event.payload)
        view = listing_view(message.listing)  # type: ignore[attr-defined]
        if await store.upsert_listing(conn, view):
            for engagement_id in await store.completed_without_credential(conn, view.id):
                await settle_completion(conn, ctx, engagement_id)

    return handle


def listing_subscription(ctx: Context) -> Subscription:
    return Subscription(
        name=SUBSCRIPTION_NAME,
        topics=(topics.LISTING,),
        handlers={k.DESCRIPTOR.full_name: _on_listing(ctx, k) for k in _EVENTS},
    )
