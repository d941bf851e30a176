"""Event consumers, one consumer group per topic (``matching.<area>-events``), each
handler one transaction with its inbox row. They keep this service's projections of
listings, applications, engagements, verified skills and students' names; a published
listing also announces its matches. The in-memory index catches up from these tables."""

from __future__ import annotations

import asyncpg

from stint.application.v1 import application_pb2 as apb
from stint.application.v1 import events_pb2 as application_events
from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as identity_events
from stint.listing.v1 import events_pb2 as listing_events
from stint.reputation.v1 import events_pb2 as reputation_events
from stint_matching.commands.announcing import announce_matches
from stint_matching.commands.profiles import verify_skill
from stint_matching.context import Context
from stint_matching.store import projections as store
from stint_matching.wire import listing_view
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent

__all__ = ["subscriptions"]

_ENGAGEMENT_STATUSES = {
    apb.ENGAGEMENT_STATUS_ACTIVE: "active",
    apb.ENGAGEMENT_STATUS_DELIVERED: "delivered",
    apb.ENGAGEMENT_STATUS_COMPLETED: "completed",
    apb.ENGAGEMENT_STATUS_CANCELLED: "cancelled",
}
_APPLICATION_EVENTS = (
    application_events.ApplicationSubmitted,
    application_events.ApplicationWithdrawn,
    application_events.ApplicationShortlisted,
    application_events.ApplicationRejected,
    application_events.ApplicationHired,
    application_events.ApplicationClosed,
)
_ENGAGEMENT_EVENTS = (
    application_events.EngagementStarted,
    application_events.EngagementDelivered,
    application_events.EngagementCompleted,
    application_events.EngagementCancelled,
)


def _on_published(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        view = listing_view(listing_events.ListingPublished.FromString(event.payload).listing)
        kept = await store.get_listing(conn, view.id)
        # A replay older than what is kept announces nothing: the listing moved on.
        if kept is None or kept.version <= view.version:
            await announce_matches(conn, ctx, view)
        await store.put_listing(conn, view)

    return handle


async def _on_listing_changed(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    kind = (
        listing_events.ListingClosed
        if event.event_type.endswith(".ListingClosed")
        else listing_events.ListingUpdated
    )
    await store.put_listing(conn, listing_view(kind.FromString(event.payload).listing))


def _application_handler(kind: type[application_events.ApplicationSubmitted]) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        app = kind.FromString(event.payload).application
        if not (app.id and app.student_id and app.listing_id):
            raise ValueError(f"application event without its ids: {app.id!r}")
        await store.put_application(conn, app.id, app.student_id, app.listing_id, app.version)

    return handle


def _engagement_handler(kind: type[application_events.EngagementStarted]) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        work = kind.FromString(event.payload).engagement
        status = _ENGAGEMENT_STATUSES.get(work.status)
        if status is None or not (work.id and work.student_id and work.listing_id):
            raise ValueError(f"engagement event without its ids or status: {work.id!r}")
        await store.put_engagement(
            conn, work.id, work.student_id, work.listing_id, status, work.version
        )

    return handle


def _on_skill_verified(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        verified = reputation_events.SkillVerified.FromString(event.payload)
        if not verified.student_id:
            raise ValueError("SkillVerified without a student")
        await verify_skill(conn, ctx, verified.student_id, verified.skill, verified.endorsements)

    return handle


async def _on_registered(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    account = identity_events.AccountRegistered.FromString(event.payload)
    if account.role == common_pb2.ROLE_STUDENT and account.account_id:
        await store.put_student(conn, account.account_id, account.display_name)


def subscriptions(ctx: Context) -> list[Subscription]:
    return [
        Subscription(
            name="matching.listing-events",
            topics=(topics.LISTING,),
            handlers={
                "stint.listing.v1.ListingPublished": _on_published(ctx),
                "stint.listing.v1.ListingUpdated": _on_listing_changed,
                "stint.listing.v1.ListingClosed": _on_listing_changed,
            },
        ),
        Subscription(
            name="matching.application-events",
            topics=(topics.APPLICATION,),
            handlers={
                **{k.DESCRIPTOR.full_name: _application_handler(k) for k in _APPLICATION_EVENTS},  # type: ignore[arg-type]
                **{k.DESCRIPTOR.full_name: _engagement_handler(k) for k in _ENGAGEMENT_EVENTS},  # type: ignore[arg-type]
            },
        ),
        Subscription(
            name="matching.reputation-events",
            topics=(topics.REPUTATION,),
            handlers={"stint.reputation.v1.SkillVerified": _on_skill_verified(ctx)},
        ),
        Subscription(
            name="matching.identity-events",
            topics=(topics.IDENTITY,),
            handlers={"stint.identity.v1.AccountRegistered": _on_registered},
        ),
    ]
