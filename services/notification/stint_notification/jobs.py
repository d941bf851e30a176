"""The service's clockwork, on every replica: sending due e-mails and webhook attempts,
due reminders and digests (rows taken with ``FOR UPDATE SKIP LOCKED``, so each is
handled once), and listening for new notifications for this replica's live streams."""

from __future__ import annotations

import asyncpg

from stint_notification.commands.calling import send_due_webhooks
from stint_notification.commands.digesting import send_due_digests
from stint_notification.commands.mailing import send_due_emails
from stint_notification.commands.reminding import send_due_reminders
from stint_notification.context import Context
from stint_notification.settings import NotificationSettings
from stint_notification.store.signals import Followers
from stint_runtime import db
from stint_runtime.service import PeriodicJob

__all__ = ["periodic_jobs"]

LISTEN_RETRY_S = 1.0


def periodic_jobs(
    ctx: Context, settings: NotificationSettings, followers: Followers
) -> list[PeriodicJob]:
    async def emails(pool: asyncpg.Pool) -> int:
        return await send_due_emails(pool, ctx)

    async def webhooks(pool: asyncpg.Pool) -> int:
        return await send_due_webhooks(pool, ctx)

    async def reminders(pool: asyncpg.Pool) -> int:
        return await send_due_reminders(pool, ctx)

    async def digests(pool: asyncpg.Pool) -> int:
        return await send_due_digests(pool, ctx)

    async def listen(pool: asyncpg.Pool) -> None:
        """Runs until the service stops (its task is cancelled) or the connection is
        lost (then again after ``LISTEN_RETRY_S``)."""
        conn = await db.connect(settings)
        try:
            await followers.listen(conn, ctx.schema)
        finally:
            await conn.close()

    delivery, sweeps = settings.delivery_interval_s, settings.sweep_interval_s
    return [
        PeriodicJob("email-sender", delivery, emails),
        PeriodicJob("webhook-sender", delivery, webhooks),
        PeriodicJob("reminder-sweep", sweeps, reminders),
        PeriodicJob("digest-sweep", sweeps, digests),
        PeriodicJob("live-stream-listener", LISTEN_RETRY_S, listen),
    ]
