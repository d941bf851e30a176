"""Reputation events: the review window opens for both sides (and its closing is
reminded to each side that has not reviewed), the reviews are published, a credential
is issued, academic credit is granted."""

from __future__ import annotations

import uuid

import asyncpg

from stint.reputation.v1 import events_pb2 as rev
from stint.reputation.v1 import reputation_pb2 as rpb
from stint_notification.commands import reminding
from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.records import Audience
from stint_notification.domain.reminders import ReminderKind
from stint_notification.domain.reputation import (
    credential_message,
    credit_message,
    review_window_messages,
    reviews_published_messages,
)
from stint_notification.store import projections, reviews
from stint_runtime import topics
from stint_runtime.inbox.consumer import Handler, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.timestamps import from_timestamp

__all__ = ["reputation_subscription"]


def _on_window_opened(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        m = rev.ReviewWindowOpened.FromString(event.payload)
        closes_at = from_timestamp(m.closes_at)
        await reviews.open_window(
            conn, m.engagement_id, m.student_id, m.organization_id, m.listing_title, closes_at
        )
        await tell(
            conn,
            ctx,
            review_window_messages(
                event.event_id,
                m.engagement_id,
                m.student_id,
                m.organization_id,
                m.listing_title,
                closes_at,
            ),
        )
        for side, audience in (
            ("student", Audience.account(m.student_id)),
            ("organization", Audience.organization(m.organization_id)),
        ):
            await reminding.schedule(
                conn,
                ctx,
                ReminderKind.REVIEW_CLOSING,
                f"review_closing:{m.engagement_id}:{side}",
                m.engagement_id,
                audience,
                closes_at,
                {"title": m.listing_title},
            )

    return handle


def _on_submitted(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        m = rev.ReviewSubmitted.FromString(event.payload)
        side = {
            rpb.REVIEWER_SIDE_STUDENT: "student",
            rpb.REVIEWER_SIDE_ORGANIZATION: "organization",
        }.get(m.side)
        window = await reviews.get_window(conn, m.engagement_id)
        if side is None or window is None:
            return
        await reviews.mark_reviewed(conn, m.engagement_id, side)
        audience = (
            Audience.account(window.student_id)
            if side == "student"
            else Audience.organization(window.organization_id)
        )
        await reminding.cancel(conn, ctx, ReminderKind.REVIEW_CLOSING, m.engagement_id, audience)

    return handle


def _on_published(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        m = rev.ReviewsPublished.FromString(event.payload)
        window = await reviews.get_window(conn, m.engagement_id)
        await reviews.mark_published(conn, m.engagement_id)
        await reminding.cancel(conn, ctx, ReminderKind.REVIEW_CLOSING, m.engagement_id)
        title = window.listing_title if window else await _engagement_title(conn, m.engagement_id)
        await tell(
            conn,
            ctx,
            reviews_published_messages(
                event.event_id, m.engagement_id, m.student_id, m.organization_id, title
            ),
        )

    return handle


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


async def _engagement_title(conn: asyncpg.Connection, engagement_id: str) -> str:
    if not _is_uuid(engagement_id):
        return ""
    engagement = await projections.get_engagement(conn, engagement_id)
    listing = await projections.get_listing(conn, engagement.listing_id) if engagement else None
    return listing.title if listing else ""


def _on_credential(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        m = rev.CredentialIssued.FromString(event.payload)
        await tell(
            conn,
            ctx,
            [
                credential_message(
                    event.event_id,
                    m.credential_id,
                    m.student_id,
                    m.engagement_id,
                    m.listing_title,
                    m.organization_name,
                )
            ],
        )

    return handle


def _on_credit(ctx: Context) -> Handler:
    async def handle(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
        credit = rev.CreditGranted.FromString(event.payload).credit
        institution = (
            await projections.get_account(conn, credit.institution_id)
            if credit.institution_id
            else None
        )
        title = await _engagement_title(conn, credit.engagement_id) if credit.engagement_id else ""
        await tell(
            conn,
            ctx,
            [
                credit_message(
                    event.event_id,
                    credit.id,
                    credit.student_id,
                    credit.engagement_id,
                    institution.display_name if institution else "",
                    credit.credits,
                    credit.term,
                    title,
                )
            ],
        )

    return handle


def reputation_subscription(ctx: Context) -> Subscription:
    prefix = topics.REPUTATION
    return Subscription(
        name="notification.reputation-events",
        topics=(topics.REPUTATION,),
        handlers={
            f"{prefix}.ReviewWindowOpened": _on_window_opened(ctx),
            f"{prefix}.ReviewSubmitted": _on_submitted(ctx),
            f"{prefix}.ReviewsPublished": _on_published(ctx),
            f"{prefix}.CredentialIssued": _on_credential(ctx),
            f"{prefix}.CreditGranted": _on_credit(ctx),
        },
    )
