"""Application events: engagements (a completion opens the review window and issues
the credential) and decisions (an employer's responsiveness)."""

from __future__ import annotations

from datetime import datetime

import asyncpg
from google.protobuf.message import Message

from stint.application.v1 import application_pb2 as apb
from stint.application.v1 import events_pb2 as ev
from stint_reputation.commands.completing import settle_completion
from stint_reputation.commands.standing import announce_standing
from stint_reputation.context import Context
from stint_reputation.domain.projections import ApplicationView, EngagementStatus, EngagementView
from stint_reputation.domain.subjects import Subject, SubjectKind
from stint_reputation.store import projections as store
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["SUBSCRIPTION_NAME", "application_subscription", "application_view", "engagement_view"]

SUBSCRIPTION_NAME = "reputation.application-events"

_ENGAGEMENT_STATUSES = {
    apb.ENGAGEMENT_STATUS_ACTIVE: EngagementStatus.ACTIVE,
    apb.ENGAGEMENT_STATUS_DELIVERED: EngagementStatus.DELIVERED,
    apb.ENGAGEMENT_STATUS_COMPLETED: EngagementStatus.COMPLETED,
    apb.ENGAGEMENT_STATUS_CANCELLED: EngagementStatus.CANCELLED,
}
_APPLICATION_EVENTS: tuple[type[Message], ...] = (
    ev.ApplicationSubmitted,
    ev.ApplicationShortlisted,
    ev.ApplicationRejected,
    ev.ApplicationWithdrawn,
    ev.ApplicationHired,
    ev.ApplicationClosed,
)
_ENGAGEMENT_EVENTS: tuple[type[Message], ...] = (
    ev.EngagementStarted,
    ev.EngagementDelivered,
    ev.EngagementCompleted,
    ev.EngagementCancelled,
)


def _at(message: Message, name: str) -> datetime | None:
    return from_timestamp(getattr(message, name)) if message.HasField(name) else None


def engagement_view(m: apb.Engagement) -> EngagementView:
    """What this service keeps of an engagement; a malformed one raises (and ends in
    the dead-letter topic after the retries)."""
    status = _ENGAGEMENT_STATUSES.get(m.status)
    if status is None or not (m.id and m.listing_id and m.student_id and m.organization_id):
        raise ValueError(f"engagement event without ids or status: {m.id!r}")
    if status is EngagementStatus.COMPLETED and not m.HasField("completed_at"):
        raise ValueError(f"completed engagement without completed_at: {m.id!r}")
    return EngagementView(
        id=m.id,
        listing_id=m.listing_id,
        student_id=m.student_id,
        organization_id=m.organization_id,
        status=status,
        started_at=from_timestamp(m.started_at),
        due_at=from_timestamp(m.due_at),
        delivered_at=_at(m, "delivered_at"),
        completed_at=_at(m, "completed_at"),
        completed_automatically=m.completed_automatically,
        version=m.version,
    )


def application_view(m: apb.Application) -> ApplicationView:
    if not (m.id and m.organization_id) or m.status == apb.APPLICATION_STATUS_UNSPECIFIED:
        raise ValueError(f"application event without ids or status: {m.id!r}")
    reason = apb.ApplicationCloseReason.Name(m.close_reason)
    return ApplicationView(
        id=m.id,
        organization_id=m.organization_id,
        status=apb.ApplicationStatus.Name(m.status).removeprefix("APPLICATION_STATUS_").lower(),
        close_reason=(
            None
            if m.close_reason == apb.APPLICATION_CLOSE_REASON_UNSPECIFIED
            else reason.removeprefix("APPLICATION_CLOSE_REASON_").lower()
        ),
        created_at=from_timestamp(m.created_at),
        decision_due_at=from_timestamp(m.decision_due_at),
        decided_at=_at(m, "decided_at"),
        version=m.version,
    )


def _on_engagement(ctx: Context, kind: type[Message]) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = kind.FromString(event.payload)
        view = engagement_view(message.engagement)  # type: ignore[attr-defined]
        await store.upsert_engagement(conn, view)
        if view.status is EngagementStatus.COMPLETED:
            await settle_completion(conn, ctx, view.id)

    return handle


def _on_application(ctx: Context, kind: type[Message]) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = kind.FromString(event.payload)
        view = application_view(message.application)  # type: ignore[attr-defined]
        changed = await store.upsert_decision(conn, view)
        if changed and view.decided_at is not None:
            subject = Subject(view.organization_id, SubjectKind.ORGANIZATION)
            await announce_standing(conn, ctx, [subject])

    return handle


def application_subscription(ctx: Context) -> Subscription:
    handlers = {k.DESCRIPTOR.full_name: _on_application(ctx, k) for k in _APPLICATION_EVENTS}
    handlers |= {k.DESCRIPTOR.full_name: _on_engagement(ctx, k) for k in _ENGAGEMENT_EVENTS}
    return Subscription(name=SUBSCRIPTION_NAME, topics=(topics.APPLICATION,), handlers=handlers)
