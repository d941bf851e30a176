"""Reminders: scheduled by the event handlers from the times the events carry,
cancelled when what they remind of is resolved, and sent by a sweep that every replica
runs (due rows taken with ``FOR UPDATE SKIP LOCKED``, the notification made and the
reminder settled in one transaction: each is sent once)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

import asyncpg

from stint_notification.commands.notifying import tell
from stint_notification.context import Context
from stint_notification.domain.records import Audience
from stint_notification.domain.reminders import (
    Reminder,
    ReminderKind,
    ReminderState,
    reminder_message,
)
from stint_notification.domain.schedule import check_in_at, reminder_at
from stint_notification.store import projections, reviews
from stint_notification.store import reminders as store
from stint_runtime.db.sweeps import sweep

__all__ = ["cancel", "schedule", "schedule_at", "send_due_reminders"]


async def schedule_at(
    conn: asyncpg.Connection,
    ctx: Context,
    kind: ReminderKind,
    key: str,
    subject_id: str,
    audience: Audience,
    deadline: datetime,
    remind_at: datetime | None,
    details: Mapping[str, str],
) -> bool:
    """Schedule once per key; nothing when its moment has already passed."""
    if remind_at is None:
        return False
    reminder = Reminder(
        id=str(uuid.uuid4()),
        key=key,
        kind=kind,
        subject_id=subject_id,
        audience=audience,
        deadline=deadline,
        remind_at=remind_at,
        details=dict(details),
    )
    return await store.schedule_reminder(conn, reminder, ctx.clock())


async def schedule(
    conn: asyncpg.Connection,
    ctx: Context,
    kind: ReminderKind,
    key: str,
    subject_id: str,
    audience: Audience,
    deadline: datetime,
    details: Mapping[str, str],
) -> bool:
    """A reminder ``reminder_lead`` ahead of ``deadline`` (half-way for check-ins,
    whose ``details`` carry ``started_at``)."""
    now = ctx.clock()
    if kind is ReminderKind.CHECK_IN:
        moment = check_in_at(datetime.fromisoformat(details["started_at"]), deadline, now)
    else:
        moment = reminder_at(deadline, ctx.reminder_lead, now)
    return await schedule_at(conn, ctx, kind, key, subject_id, audience, deadline, moment, details)


async def cancel(
    conn: asyncpg.Connection,
    ctx: Context,
    kind: ReminderKind,
    subject_id: str,
    audience: Audience | None = None,
) -> int:
    return await store.cancel_reminders(
        conn,
        kind,
        subject_id,
        ctx.clock(),
        account_id=audience.account_id if audience else None,
        organization_id=audience.organization_id if audience else None,
    )


async def _title(conn: asyncpg.Connection, listing_id: str) -> str:
    listing = await projections.get_listing(conn, listing_id)
    return listing.title if listing else ""


async def _state(conn: asyncpg.Connection, reminder: Reminder, now: datetime) -> ReminderState:
    """What is true now of what ``reminder`` reminds of, with the title as known now
    (the listing's event may have come after the one that scheduled the reminder)."""
    subject = reminder.subject_id
    match reminder.kind:
        case ReminderKind.APPLY_BY:
            listing = await projections.get_listing(conn, subject)
            student = reminder.audience.account_id or ""
            closed = listing is not None and listing.status != "open"
            done = closed or await projections.applied(conn, student, subject)
            return ReminderState(resolved=done, title=listing.title if listing else "")
        case ReminderKind.DECISION_DUE:
            waiting = await projections.count_undecided(conn, subject, reminder.deadline, now)
            return ReminderState(waiting == 0, waiting, await _title(conn, subject))
        case ReminderKind.CHECK_IN:
            engagement = await projections.get_engagement(conn, subject)
            if engagement is None:
                return ReminderState(resolved=True)
            title = await _title(conn, engagement.listing_id)
            return ReminderState(resolved=engagement.status != "active", title=title)
        case ReminderKind.REVIEW_CLOSING:
            window = await reviews.get_window(conn, subject)
            if window is None:
                return ReminderState(resolved=True)
            reviewed = (
                window.organization_reviewed
                if reminder.audience.organization_id
                else window.student_reviewed
            )
            return ReminderState(window.published or reviewed, title=window.listing_title)
    return ReminderState(resolved=True)


async def send_due_reminders(pool: asyncpg.Pool, ctx: Context) -> int:
    """Send every due reminder still worth sending, a batch per transaction; how many
    were settled (sent or cancelled)."""

    async def batch(conn: asyncpg.Connection, size: int) -> int:
        now = ctx.clock()
        due = await store.take_due_reminders(conn, now, size)
        for reminder in due:
            message = reminder_message(reminder, await _state(conn, reminder, now), now)
            if message is not None:
                await tell(conn, ctx, [message])
            await store.settle_reminder(conn, reminder.id, message is not None, now)
        return len(due)

    return await sweep(pool, ctx.sweep_batch, batch)
