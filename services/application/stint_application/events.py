"""The events this service publishes on ``stint.application.v1``, written to the outbox
in the transaction of the change. Key: the application id for application events, the
engagement id for engagement events."""

from __future__ import annotations

import asyncpg
from google.protobuf.message import Message

from stint.application.v1 import events_pb2 as ev
from stint_application.domain.applications import (
    Application,
    ApplicationStatus,
    CloseReason,
    RejectReason,
)
from stint_application.domain.engagements import Engagement, EngagementStatus
from stint_application.wire import (
    CLOSE_REASONS,
    REJECT_REASONS,
    application_message,
    engagement_message,
)
from stint_runtime import outbox, topics

__all__ = [
    "application_changed",
    "application_event",
    "engagement_changed",
    "engagement_event",
]


def application_event(app: Application) -> Message:
    """The event that says what just happened to ``app`` (its status tells which)."""
    message = application_message(app)
    match app.status:
        case ApplicationStatus.SUBMITTED:
            return ev.ApplicationSubmitted(application=message)
        case ApplicationStatus.SHORTLISTED:
            return ev.ApplicationShortlisted(application=message)
        case ApplicationStatus.REJECTED:
            rejected = REJECT_REASONS[app.reject_reason or RejectReason.OTHER]
            return ev.ApplicationRejected(application=message, reason=rejected)
        case ApplicationStatus.HIRED:
            return ev.ApplicationHired(application=message, engagement_id=app.engagement_id or "")
        case ApplicationStatus.WITHDRAWN:
            return ev.ApplicationWithdrawn(application=message)
        case ApplicationStatus.CLOSED:
            closed = CLOSE_REASONS[app.close_reason or CloseReason.LISTING_CLOSED]
            return ev.ApplicationClosed(application=message, reason=closed)


def engagement_event(engagement: Engagement) -> Message:
    message = engagement_message(engagement)
    match engagement.status:
        case EngagementStatus.ACTIVE:
            return ev.EngagementStarted(engagement=message)
        case EngagementStatus.DELIVERED:
            return ev.EngagementDelivered(engagement=message)
        case EngagementStatus.COMPLETED:
            return ev.EngagementCompleted(engagement=message)
        case EngagementStatus.CANCELLED:
            return ev.EngagementCancelled(engagement=message, reason=engagement.cancel_reason)


async def application_changed(conn: asyncpg.Connection, schema: str, app: Application) -> None:
    await outbox.enqueue(
        conn, topic=topics.APPLICATION, key=app.id, event=application_event(app), schema=schema
    )


async def engagement_changed(conn: asyncpg.Connection, schema: str, engagement: Engagement) -> None:
    await outbox.enqueue(
        conn,
        topic=topics.APPLICATION,
        key=engagement.id,
        event=engagement_event(engagement),
        schema=schema,
    )
