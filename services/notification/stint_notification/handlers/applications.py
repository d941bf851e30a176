"""Application and engagement events: the projections (for reminders), a message for
each person the change concerns, the decision-deadline and check-in reminders, and
the apply-by reminder cancelled once the student applied."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
from google.protobuf.message import Message as Proto

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import events_pb2 as ev
from stint_notification.commands import reminding
from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.applications import (
    ApplicationChange,
    EngagementChange,
    application_messages,
    engagement_messages,
)
from stint_notification.domain.records import ApplicationView, Audience, EngagementView
from stint_notification.domain.reminders import ReminderKind
from stint_notification.store import projections
from stint_notification.store.reminders import hold_apply_by
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["application_subscription"]


def _name(enum: object, prefix: str, number: int) -> str:
    name: str = enum.Name(number).removeprefix(prefix).lower()  # type: ignore[attr-defined]
    return "" if name == "unspecified" else name


def _view(app: pb.Application) -> ApplicationView:
    status = _name(pb.ApplicationStatus, "APPLICATION_STATUS_", app.status)
    if not status or not app.id or not app.student_id or not app.organization_id:
        raise ValueError(f"application event without id, parties or status: {app.id!r}")
    return ApplicationView(
        application_id=app.id,
        listing_id=app.listing_id,
        student_id=app.student_id,
        organization_id=app.organization_id,
        status=status,
        decision_due_at=from_timestamp(app.decision_due_at),
        version=app.version,
    )


async def _names(conn: asyncpg.Connection, listing_id: str, student_id: str) -> tuple[str, str]:
    listing = await projections.get_listing(conn, listing_id)
    student = await projections.get_account(conn, student_id)
    return (listing.title if listing else ""), (student.display_name if student else "")


def _application_handler(ctx: Context, parse: Callable[[bytes], Proto], kind: str) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = parse(event.payload)
        app: pb.Application = message.application  # type: ignore[attr-defined]
        view = _view(app)
        await projections.upsert_application(conn, view)
        title, student = await _names(conn, view.listing_id, view.student_id)
        change = ApplicationChange(
            event_id=event.event_id,
            kind=kind,
            application_id=view.application_id,
            listing_id=view.listing_id,
            student_id=view.student_id,
            organization_id=view.organization_id,
            decision_due_at=view.decision_due_at,
            listing_title=title,
            student_name=student,
            reject_reason=_name(pb.RejectReason, "REJECT_REASON_", app.reject_reason),
            reject_note=app.reject_note,
            close_reason=_name(
                pb.ApplicationCloseReason, "APPLICATION_CLOSE_REASON_", app.close_reason
            ),
            engagement_id=app.engagement_id,
            outcome_message=app.outcome_message,
        )
        if kind == "submitted":
            await hold_apply_by(conn, view.student_id, view.listing_id)
            await reminding.cancel(
                conn, ctx, ReminderKind.APPLY_BY, view.listing_id, Audience.account(view.student_id)
            )
            await reminding.schedule(
                conn,
                ctx,
                ReminderKind.DECISION_DUE,
                f"decision_due:{view.listing_id}:{view.decision_due_at.isoformat()}",
                view.listing_id,
                Audience.organization(view.organization_id),
                view.decision_due_at,
                {"title": title},
            )
        await tell(conn, ctx, application_messages(change))

    return handle


def _engagement_handler(ctx: Context, parse: Callable[[bytes], Proto], kind: str) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        message = parse(event.payload)
        e: pb.Engagement = message.engagement  # type: ignore[attr-defined]
        status = _name(pb.EngagementStatus, "ENGAGEMENT_STATUS_", e.status)
        if not status or not e.id or not e.student_id or not e.organization_id:
            raise ValueError(f"engagement event without id, parties or status: {e.id!r}")
        view = EngagementView(
            engagement_id=e.id,
            listing_id=e.listing_id,
            student_id=e.student_id,
            organization_id=e.organization_id,
            status=status,
            started_at=from_timestamp(e.started_at),
            due_at=from_timestamp(e.due_at),
            version=e.version,
        )
        await projections.upsert_engagement(conn, view)
        title, student = await _names(conn, view.listing_id, view.student_id)
        if kind == "started":
            details = {
                "title": title,
                "student_name": student,
                "started_at": view.started_at.isoformat(),
            }
            for side, audience in (
                ("student", Audience.account(view.student_id)),
                ("organization", Audience.organization(view.organization_id)),
            ):
                await reminding.schedule(
                    conn,
                    ctx,
                    ReminderKind.CHECK_IN,
                    f"check_in:{view.engagement_id}:{side}",
                    view.engagement_id,
                    audience,
                    view.due_at,
                    details,
                )
        else:
            await reminding.cancel(conn, ctx, ReminderKind.CHECK_IN, view.engagement_id)
        change = EngagementChange(
            event_id=event.event_id,
            kind=kind,
            engagement_id=view.engagement_id,
            listing_id=view.listing_id,
            student_id=view.student_id,
            organization_id=view.organization_id,
            due_at=view.due_at,
            auto_complete_at=from_timestamp(e.auto_complete_at)
            if e.HasField("auto_complete_at")
            else None,
            cancel_reason=e.cancel_reason,
            cancelled_by=e.cancelled_by,
            completed_automatically=e.completed_automatically,
            listing_title=title,
            student_name=student,
        )
        await tell(conn, ctx, engagement_messages(change))

    return handle


def application_subscription(ctx: Context) -> Subscription:
    applications = {
        "ApplicationSubmitted": (ev.ApplicationSubmitted.FromString, "submitted"),
        "ApplicationWithdrawn": (ev.ApplicationWithdrawn.FromString, "withdrawn"),
        "ApplicationShortlisted": (ev.ApplicationShortlisted.FromString, "shortlisted"),
        "ApplicationRejected": (ev.ApplicationRejected.FromString, "rejected"),
        "ApplicationHired": (ev.ApplicationHired.FromString, "hired"),
        "ApplicationClosed": (ev.ApplicationClosed.FromString, "closed"),
    }
    engagements = {
        "EngagementStarted": (ev.EngagementStarted.FromString, "started"),
        "EngagementDelivered": (ev.EngagementDelivered.FromString, "delivered"),
        "EngagementCompleted": (ev.EngagementCompleted.FromString, "completed"),
        "EngagementCancelled": (ev.EngagementCancelled.FromString, "cancelled"),
    }
    handlers = {
        f"{topics.APPLICATION}.{name}": _application_handler(ctx, parse, kind)
        for name, (parse, kind) in applications.items()
    } | {
        f"{topics.APPLICATION}.{name}": _engagement_handler(ctx, parse, kind)
        for name, (parse, kind) in engagements.items()
    }
    return Subscription(
        name="notification.application-events", topics=(topics.APPLICATION,), handlers=handlers
    )
